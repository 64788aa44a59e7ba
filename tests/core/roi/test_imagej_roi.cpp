// ImageJ ROI decode against read-roi's decoded values, and round trips ours → .roi → ours.
#include "insitu/error.h"
#include "insitu/roi/imagej_roi.h"

#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace insitu;

namespace {

std::filesystem::path roiDir()
{
    return test::externalDataDir() / "imagej-roi";
}

nlohmann::json oracle(const std::string& stem)
{
    std::ifstream in(roiDir() / (stem + ".json"));
    return nlohmann::json::parse(in).at(stem);
}

ImageJRoi readOne(const std::string& stem)
{
    const auto rois = readImageJRois(roiDir() / (stem + ".roi"));
    REQUIRE(rois.size() == 1);
    return rois[0];
}

bool haveData()
{
    if (std::filesystem::exists(roiDir()))
        return true;
    WARN("skipped: " << roiDir().string() << " is absent");
    return false;
}

// Checks vertices against read-roi's ImageJ coordinates (ours = ImageJ − 0.5).
void checkVertices(const ImageJRoi& roi, const nlohmann::json& j)
{
    const auto& xs = j.at("x");
    const auto& ys = j.at("y");
    REQUIRE(roi.points.size() == xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        CHECK(roi.points[i].x == Approx(xs[i].get<double>() - 0.5).margin(1e-6));
        CHECK(roi.points[i].y == Approx(ys[i].get<double>() - 0.5).margin(1e-6));
    }
}

} // namespace

TEST_CASE("ImageJ vertex ROIs decode to read-roi's values", "[imagej-roi]")
{
    if (!haveData())
        return;
    for (const std::string stem : {"polygon", "polyline", "freehand"}) {
        INFO(stem);
        const auto roi = readOne(stem);
        const auto j = oracle(stem);
        CHECK(imageJRoiTypeName(roi.type) == j.at("type").get<std::string>());
        CHECK(roi.name == j.at("name").get<std::string>());
        CHECK(!roi.frame());
        checkVertices(roi, j);
    }
}

TEST_CASE("ImageJ rectangle and oval ROIs decode to read-roi's box", "[imagej-roi]")
{
    if (!haveData())
        return;
    for (const std::string stem : {"rectangle", "oval"}) {
        INFO(stem);
        const auto roi = readOne(stem);
        const auto j = oracle(stem);
        CHECK(imageJRoiTypeName(roi.type) == j.at("type").get<std::string>());
        CHECK(roi.name == stem);
        CHECK(roi.xPx == Approx(j.at("left").get<double>() - 0.5));
        CHECK(roi.yPx == Approx(j.at("top").get<double>() - 0.5));
        CHECK(roi.widthPx == Approx(j.at("width").get<double>()));
        CHECK(roi.heightPx == Approx(j.at("height").get<double>()));
    }
}

TEST_CASE("ImageJ point, line, ellipse and composite ROIs decode", "[imagej-roi]")
{
    if (!haveData())
        return;
    const auto point = readOne("point");
    CHECK(point.type == ImageJRoiType::Point);
    checkVertices(point, oracle("point"));
    CHECK(point.frame() == 0); // c/z/t = 1/1/1 in header 2
    CHECK(point.tPosition == 1);

    const auto line = readOne("line1"); // no .json: values from the bytes (260,52)–(89,103)
    CHECK(line.type == ImageJRoiType::Line);
    CHECK(line.name == "line");
    REQUIRE(line.points.size() == 2);
    CHECK(line.points[0] == PointPx{259.5, 51.5});
    CHECK(line.points[1] == PointPx{88.5, 102.5});

    const auto ellipse = readOne("ellipse");
    const auto je = oracle("ellipse");
    CHECK(ellipse.type == ImageJRoiType::Ellipse);
    REQUIRE(ellipse.axisPx.size() == 2);
    CHECK(ellipse.axisPx[0].x == Approx(je.at("ex1").get<double>() - 0.5));
    CHECK(ellipse.axisPx[0].y == Approx(je.at("ey1").get<double>() - 0.5));
    CHECK(ellipse.axisPx[1].x == Approx(je.at("ex2").get<double>() - 0.5));
    CHECK(ellipse.axisPx[1].y == Approx(je.at("ey2").get<double>() - 0.5));
    CHECK(ellipse.ellipseAspectRatio == Approx(je.at("aspect_ratio").get<double>()));
    CHECK(ellipse.points.size() >= 3);

    const auto composite = readOne("composite-two-ovals");
    const auto jc = oracle("composite-two-ovals");
    CHECK(composite.type == ImageJRoiType::Composite);
    const auto& paths = jc.at("paths");
    REQUIRE(composite.paths.size() == paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k) {
        auto expected = paths[k];
        // read-roi repeats the first vertex at the end of a closed path; we do not.
        if (expected.size() > 1 && expected.front() == expected.back())
            expected.erase(expected.end() - 1);
        REQUIRE(composite.paths[k].size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CHECK(composite.paths[k][i].x == Approx(expected[i][0].get<double>() - 0.5));
            CHECK(composite.paths[k][i].y == Approx(expected[i][1].get<double>() - 0.5));
        }
    }
    CHECK(composite.xPx == Approx(jc.at("left").get<double>() - 0.5));
    CHECK(composite.widthPx == Approx(jc.at("width").get<double>()));
}

TEST_CASE("An ImageJ ROI Manager zip reads every entry", "[imagej-roi]")
{
    if (!haveData())
        return;
    const auto rois = readImageJRois(roiDir() / "two_rois.zip");
    REQUIRE(rois.size() == 2);
    for (const auto& roi : rois) {
        CHECK(roi.type == ImageJRoiType::Rectangle);
        CHECK(roi.widthPx > 0);
        CHECK(roi.heightPx > 0);
    }
}

TEST_CASE("Every decoded ImageJ file re-encodes to the same ROI", "[imagej-roi]")
{
    if (!haveData())
        return;
    for (const std::string stem : {"polygon", "polyline", "freehand", "rectangle", "oval", "point",
                                   "line1", "ellipse", "composite-two-ovals"}) {
        INFO(stem);
        const auto roi = readOne(stem);
        const auto again = decodeImageJRoi(encodeImageJRoi(roi), "re-encoded " + stem);
        CHECK(again.type == roi.type);
        CHECK(again.name == roi.name);
        CHECK(again.points == roi.points);
        CHECK(again.paths == roi.paths);
        CHECK(again.axisPx == roi.axisPx);
        CHECK(again.frame() == roi.frame());
    }
}

TEST_CASE("Workbench ROIs round-trip through .roi to 1e-4 px", "[imagej-roi]")
{
    const std::vector<PointPx> vertices{{10.25, 20.125}, {300.3333, 40.7}, {1023.9, 2047.1}};
    std::vector<Roi> rois;
    for (const auto shape : {RoiShape::Line, RoiShape::Polyline, RoiShape::Rectangle,
                             RoiShape::Ellipse, RoiShape::Polygon}) {
        Roi roi;
        roi.shape = shape;
        roi.name = std::string("µ-") + roiShapeName(shape);
        roi.points = vertices;
        if (shape == RoiShape::Line || shape == RoiShape::Rectangle || shape == RoiShape::Ellipse)
            roi.points.resize(2);
        roi.widthPx = 17.5;
        rois.push_back(roi);
    }
    const auto dir = test::scratchDir("imagej-roi-round-trip");
    std::vector<ImageJRoi> set;
    for (std::size_t i = 0; i < rois.size(); ++i)
        set.push_back(toImageJRoi(rois[i], static_cast<int>(i) * 7));
    writeImageJRoiSet(set, dir / "RoiSet.zip");
    const auto back = readImageJRois(dir / "RoiSet.zip");
    REQUIRE(back.size() == rois.size());
    for (std::size_t i = 0; i < rois.size(); ++i) {
        INFO(roiShapeName(rois[i].shape));
        CHECK(back[i].frame() == static_cast<int>(i) * 7);
        std::vector<std::string> notes;
        const auto ours = toWorkbenchRois(back[i], notes);
        REQUIRE(ours.size() == 1);
        CHECK(ours[0].shape == rois[i].shape);
        CHECK(ours[0].name == rois[i].name);
        REQUIRE(ours[0].points.size() == rois[i].points.size());
        for (std::size_t k = 0; k < rois[i].points.size(); ++k) {
            CHECK(ours[0].points[k].x == Approx(rois[i].points[k].x).margin(1e-4));
            CHECK(ours[0].points[k].y == Approx(rois[i].points[k].y).margin(1e-4));
        }
        if (rois[i].shape == RoiShape::Line || rois[i].shape == RoiShape::Polyline)
            CHECK(ours[0].widthPx == Approx(17.5));
        CHECK(notes.size() == 1); // the frame is not kept in the workbench Roi
    }
}

TEST_CASE("Composite and point ROIs import with a note", "[imagej-roi]")
{
    ImageJRoi point;
    point.type = ImageJRoiType::Point;
    point.points = {{1, 2}};
    std::vector<std::string> notes;
    CHECK(toWorkbenchRois(point, notes).empty());
    CHECK(notes.size() == 1);

    ImageJRoi donut;
    donut.name = "core/shell";
    donut.type = ImageJRoiType::Composite;
    donut.paths = {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{3, 3}, {6, 3}, {6, 6}}};
    notes.clear();
    const auto parts = toWorkbenchRois(donut, notes);
    REQUIRE(parts.size() == 2);
    CHECK(parts[1].name == "core/shell (part 2)");
    CHECK(notes.size() == 1);
    const auto again = decodeImageJRoi(encodeImageJRoi(donut), "donut");
    CHECK(again.paths == donut.paths);
}

TEST_CASE("A file that is not an ImageJ ROI fails with its name", "[imagej-roi]")
{
    const auto dir = test::scratchDir("imagej-roi-bad");
    {
        std::ofstream out(dir / "bad.roi");
        out << "not a roi at all, but long enough to hold a header of sixty-four bytes.";
    }
    CHECK_THROWS_WITH(readImageJRois(dir / "bad.roi"), Catch::Contains("bad.roi"));
    const std::vector<unsigned char> truncated{'I', 'o', 'u', 't', 0, 228};
    CHECK_THROWS_AS(decodeImageJRoi(truncated, "short.roi"), Error);
}
