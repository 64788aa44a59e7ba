// Hand fixes of a stored grains result: a merge joins two grains' pixels and areas, a delete
// removes one, both recompute the summaries as a fresh analysis of the edited labels would; bad
// ids are refused.
#include "insitu/crystal/grain_analysis.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/grains_edit.h"
#include "insitu/synth/grain_film.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace insitu;

namespace {

const Grain& grain(const ProjectGrains& g, int id)
{
    const auto at =
        std::find_if(g.grains.begin(), g.grains.end(), [id](const Grain& x) { return x.id == id; });
    REQUIRE(at != g.grains.end());
    return *at;
}

} // namespace

TEST_CASE("grains hand fixes: merge, delete, refused ids", "[grains-edit]")
{
    GrainFilmScene scene = GrainFilmScene::afterCycling();
    scene.width = scene.height = 256;
    scene.seed = 11;
    const GrainFilm film = renderGrainFilm(scene);
    const GrainAnalysisOptions options;
    const GrainAnalysis analysis = analyseGrains(film.image, film.nmPerPixel, options);
    const ProjectGrains stored =
        toProjectGrains(analysis, 0, cv::Rect(0, 0, 256, 256), grainOptionsJson(options).dump());
    REQUIRE(stored.grains.size() >= 4);
    const int a = stored.grains[0].id;
    const int b = stored.grains[1].id;

    const ProjectGrains merged = editedGrains(stored, {GrainEdit::Kind::Merge, a, b});
    CHECK(merged.grains.size() == stored.grains.size() - 1);
    CHECK(grain(merged, a).areaPx == grain(stored, a).areaPx + grain(stored, b).areaPx);
    CHECK(std::count(merged.labels.begin(), merged.labels.end(), b) == 0);

    const ProjectGrains deleted = editedGrains(stored, {GrainEdit::Kind::Delete, a, 0});
    CHECK(deleted.grains.size() == stored.grains.size() - 1);
    CHECK(std::count(deleted.labels.begin(), deleted.labels.end(), a) == 0);
    // the summaries are those of the edited labels
    const cv::Mat labels(deleted.labelRows, deleted.labelCols, CV_32S,
                         const_cast<std::int32_t*>(deleted.labels.data()));
    const EcdStatistics s =
        ecdStatistics(interiorEcds(measureGrains(labels, std::nullopt), false), options.statistics);
    CHECK(deleted.ecdMedianPx == s.median.value);
    CHECK(deleted.meanInterceptPx.has_value());
    // the phase fractions are the analysis's: a fix changes grains, not classes
    CHECK(deleted.crystalline == stored.crystalline);

    CHECK_THROWS_AS(editedGrains(stored, {GrainEdit::Kind::Delete, 99999, 0}), Error);
    CHECK_THROWS_AS(editedGrains(stored, {GrainEdit::Kind::Merge, a, a}), Error);
}

TEST_CASE("grains hand fixes: split along a line and draw a boundary", "[grains-edit]")
{
    GrainFilmScene scene = GrainFilmScene::afterCycling();
    scene.width = scene.height = 256;
    scene.seed = 23;
    const GrainFilm film = renderGrainFilm(scene);
    const GrainAnalysisOptions options;
    const GrainAnalysis analysis = analyseGrains(film.image, film.nmPerPixel, options);
    // the result of a region off the origin: strokes are in frame px
    const cv::Rect roi(40, 30, 256, 256);
    ProjectGrains stored = toProjectGrains(analysis, 0, roi, grainOptionsJson(options).dump());
    for (Grain& g : stored.grains) {
        g.xPx += roi.x;
        g.yPx += roi.y;
    }
    REQUIRE(stored.grains.size() >= 4);
    // the largest interior grain, cut through its centroid by a line longer than it
    const Grain big =
        *std::max_element(stored.grains.begin(), stored.grains.end(),
                          [](const Grain& a, const Grain& b) { return a.areaPx < b.areaPx; });
    const double reach = big.ecdPx * 3;
    const ProjectGrains split =
        editedGrains(stored, {GrainEdit::Kind::Split,
                              big.id,
                              0,
                              {{big.xPx - reach, big.yPx}, {big.xPx + reach, big.yPx}}});
    REQUIRE(split.grains.size() > stored.grains.size());
    double piecesPx = 0; // the grain's pieces: its own id and the new ones
    for (const Grain& g : split.grains)
        if (g.id == big.id || g.id > stored.grains.back().id)
            piecesPx += g.areaPx;
    CHECK(piecesPx < big.areaPx);
    CHECK(piecesPx > 0.8 * big.areaPx);
    for (const Grain& g : stored.grains) // the other grains are untouched
        if (g.id != big.id)
            CHECK(grain(split, g.id) == g);
    CHECK(split.ecdMedianPx != stored.ecdMedianPx);
    // the line must cross the grain
    CHECK_THROWS_AS(
        editedGrains(stored, {GrainEdit::Kind::Split,
                              big.id,
                              0,
                              {{roi.x + 1.0, roi.y + 1.0}, {roi.x + 2.0, roi.y + 1.0}}}),
        Error);
    CHECK_THROWS_AS(editedGrains(stored, {GrainEdit::Kind::Split, big.id, 0, {{1.0, 1.0}}}), Error);

    // a boundary across the whole region splits the grains on it
    const double y = roi.y + 128.0;
    const ProjectGrains cut = editedGrains(
        stored, {GrainEdit::Kind::Boundary, 0, 0, {{roi.x - 5.0, y}, {roi.x + 261.0, y}}});
    CHECK(cut.grains.size() > stored.grains.size());
    CHECK(std::count(cut.labels.begin(), cut.labels.end(), 0) >
          std::count(stored.labels.begin(), stored.labels.end(), 0));
    CHECK_THROWS_AS(
        editedGrains(stored, {GrainEdit::Kind::Boundary, 0, 0, {{-50.0, -50.0}, {-40.0, -40.0}}}),
        Error);
}

TEST_CASE("the edited labels measured again are what a fresh analysis reports", "[grains-edit]")
{
    GrainFilmScene scene = GrainFilmScene::afterCycling();
    scene.width = scene.height = 256;
    scene.seed = 31;
    const GrainFilm film = renderGrainFilm(scene);
    const GrainAnalysisOptions options;
    GrainAnalysis analysis = analyseGrains(film.image, film.nmPerPixel, options);
    const cv::Point offset(12, 7);
    for (Grain& g : analysis.segmentation.grains) { // in frame px, as the CLI reports them
        g.xPx += offset.x;
        g.yPx += offset.y;
    }
    // the labels unchanged: every measurement as analyseGrains made it
    const GrainAnalysis same = analysisWithLabels(analysis, analysis.segmentation.labels, offset,
                                                  film.nmPerPixel, options);
    CHECK(same.segmentation.grains == analysis.segmentation.grains);
    CHECK(same.ecdPx.median.value == analysis.ecdPx.median.value);
    REQUIRE(same.ecdNm.has_value());
    CHECK(same.ecdNm->mode.value == analysis.ecdNm->mode.value);
    REQUIRE(same.e112Pattern.has_value());
    CHECK(same.e112Pattern->meanInterceptPx == analysis.e112Pattern->meanInterceptPx);
    CHECK(same.lineGrid->meanInterceptPx == analysis.lineGrid->meanInterceptPx);
    CHECK(same.planimetric.equivalentCount == analysis.planimetric.equivalentCount);
    CHECK(same.phases.crystalline.value == analysis.phases.crystalline.value);

    // a boundary across the image: more grains, shorter intercepts, the stored edit's numbers
    const ProjectGrains stored = toProjectGrains(analysis, 0, cv::Rect(offset, cv::Size(256, 256)),
                                                 grainOptionsJson(options).dump());
    const ProjectGrains cut =
        editedGrains(stored, {GrainEdit::Kind::Boundary, 0, 0, {{0.0, 140.0}, {280.0, 150.0}}});
    const cv::Mat labels(cut.labelRows, cut.labelCols, CV_32S,
                         const_cast<std::int32_t*>(cut.labels.data()));
    const GrainAnalysis edited =
        analysisWithLabels(analysis, labels, offset, film.nmPerPixel, options);
    CHECK(edited.segmentation.grains == cut.grains);
    CHECK(edited.ecdPx.median.value == cut.ecdMedianPx);
    REQUIRE(edited.e112Pattern.has_value());
    CHECK(edited.e112Pattern->meanInterceptPx == cut.meanInterceptPx);
    CHECK(edited.e112Pattern->meanInterceptPx < analysis.e112Pattern->meanInterceptPx);
    CHECK(edited.planimetric.equivalentCount > analysis.planimetric.equivalentCount);
}
