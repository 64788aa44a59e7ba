// Grain segmentation and phase fractions against the grain-film truth, before and after cycling,
// over seeds: median ECD within 5 %, ≥ 85 % of grains matched (IoU > 0.5), fractions ±3 points.

#include "grain_truth.h"

#include "insitu/crystal/grain_segmentation.h"
#include "insitu/crystal/phase_fractions.h"
#include "insitu/synth/grain_film.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace insitu;

namespace {

double truthFraction(const cv::Mat& truthClass, PhaseClass c)
{
    return cv::countNonZero(truthClass == static_cast<int>(c)) /
           static_cast<double>(truthClass.total());
}

void checkFilm(const GrainFilmScene& scene)
{
    const GrainFilm film = renderGrainFilm(scene);
    const PhaseFractions phases = classifyPhases(film.image, film.nmPerPixel);
    const double trueC = truthFraction(film.truthClass, PhaseClass::Crystalline);
    const double trueA = truthFraction(film.truthClass, PhaseClass::Amorphous);
    const double trueP = truthFraction(film.truthClass, PhaseClass::Pore);
    const cv::Mat crystalline = phases.classMap == static_cast<int>(PhaseClass::Crystalline);
    const GrainOptions options;
    const GrainSegmentation grains =
        segmentGrains(film.image, film.nmPerPixel, options, crystalline);
    const auto cmp =
        test::compareWithTruth(film.truthLabels, grains, minGrainAreaPx(options, film.nmPerPixel));
    INFO("seed " << scene.seed << " mode " << scene.modeEcdNm << " nm: phases "
                 << phases.crystalline.value << "/" << phases.amorphous.value << "/"
                 << phases.pore.value << " truth " << trueC << "/" << trueA << "/" << trueP
                 << "; grains matched " << cmp.matched << "/" << cmp.truthGrains << "; median ECD "
                 << cmp.measuredMedianEcdPx << " px, truth " << cmp.truthMedianEcdPx << " px");
    CHECK(std::abs(phases.crystalline.value - trueC) <= 0.03);
    CHECK(std::abs(phases.amorphous.value - trueA) <= 0.03);
    CHECK(std::abs(phases.pore.value - trueP) <= 0.03);
    REQUIRE(cmp.truthGrains >= 20);
    CHECK(cmp.matched >= 0.85 * cmp.truthGrains);
    CHECK(std::abs(cmp.measuredMedianEcdPx / cmp.truthMedianEcdPx - 1) <= 0.05);
}

} // namespace

TEST_CASE("grain film before cycling: grains and phases match the truth", "[grains]")
{
    for (std::uint64_t seed : {1, 2, 3}) {
        GrainFilmScene scene = GrainFilmScene::beforeCycling();
        scene.seed = seed;
        checkFilm(scene);
    }
}

TEST_CASE("grain film after cycling: grains and phases match the truth", "[grains]")
{
    for (std::uint64_t seed : {1, 2, 3}) {
        GrainFilmScene scene = GrainFilmScene::afterCycling();
        scene.width = scene.height = 768;
        scene.seed = seed;
        checkFilm(scene);
    }
}
