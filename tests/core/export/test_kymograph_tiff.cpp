// Kymograph TIFF export: Fiji's x (nm) and y (s) calibration, and the stored kymograph restored.

#include "core/project/project_fixture.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/export/kymograph_tiff.h"
#include "insitu/io/movie_reader.h"

#include <tiffio.h>

#include <memory>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

struct TiffTags
{
    float xResolution = 0;
    float yResolution = 0;
    std::string description;
};

TiffTags readTags(const std::filesystem::path& path)
{
    std::unique_ptr<TIFF, void (*)(TIFF*)> tiff(TIFFOpen(path.c_str(), "r"), TIFFClose);
    REQUIRE(tiff);
    TiffTags tags;
    TIFFGetField(tiff.get(), TIFFTAG_XRESOLUTION, &tags.xResolution);
    TIFFGetField(tiff.get(), TIFFTAG_YRESOLUTION, &tags.yResolution);
    char* text = nullptr;
    if (TIFFGetField(tiff.get(), TIFFTAG_IMAGEDESCRIPTION, &text) && text)
        tags.description = text;
    return tags;
}

} // namespace

TEST_CASE("kymograph TIFF: x in nm per sample, y in s per row, as Fiji reads them", "[export]")
{
    const auto dir = test::scratchDir("kymograph_tiff");
    Kymograph k;
    k.values = cv::Mat(6, 9, CV_32F);
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 9; ++c)
            k.values.at<float>(r, c) = static_cast<float>(10 * r + c);
    k.stepPx = 0.5;
    k.nmPerPixel = 0.8;
    k.frameIntervalS = 0.25;
    writeKymographTiff(k, dir / "k.tif");

    const TiffTags tags = readTags(dir / "k.tif");
    CHECK(tags.xResolution == Approx(1.0 / 0.4));  // samples per nm
    CHECK(tags.yResolution == Approx(4.0));        // rows per s
    CHECK_THAT(tags.description, Contains("unit=nm\n") && Contains("yunit=s\n") &&
                                     Contains("finterval=0.25\n"));
    auto reader = openMovieReader(dir / "k.tif");
    CHECK(reader->info().width == 9);
    CHECK(reader->info().height == 6);
    CHECK(*reader->info().calibration.nmPerPixel == Approx(0.4));
    CHECK(reader->readFrame(0).mat().at<float>(5, 8) == 58.0f);

    // Uncalibrated length, per-frame times only: x in px, y from the mean row step.
    Kymograph timed = k;
    timed.nmPerPixel.reset();
    timed.frameIntervalS.reset();
    timed.timesS = {0, 0.5, 1.0, 1.5, 2.0, 2.5};
    REQUIRE(kymographSecondsPerRow(timed) == Approx(0.5));
    writeKymographTiff(timed, dir / "timed.tif");
    const TiffTags timedTags = readTags(dir / "timed.tif");
    CHECK(timedTags.yResolution == Approx(2.0));
    CHECK_THAT(timedTags.description, Contains("unit=px\n") && Contains("yunit=s\n"));

    Kymograph unknown = timed;
    unknown.timesS.clear();
    CHECK_FALSE(kymographSecondsPerRow(unknown));
    writeKymographTiff(unknown, dir / "unknown.tif");
    CHECK_THAT(readTags(dir / "unknown.tif").description, !Contains("yunit"));
    CHECK_THROWS_WITH(writeKymographTiff(Kymograph{}, dir / "empty.tif"), Contains("empty.tif"));
}

TEST_CASE("storedKymograph restores step, calibration, row times and drift correction", "[export]")
{
    const Project project = test::fullProject();
    const ProjectMovie& movie = project.movies.front();
    const ProjectFronts& fronts = movie.fronts.front();
    const Calibration calibration = movie.effectiveCalibration();
    const Kymograph k = storedKymograph(fronts, calibration);
    REQUIRE(k.frameCount() == fronts.kymograph->rows);
    REQUIRE(k.sampleCount() == fronts.kymograph->cols);
    CHECK(k.values.at<float>(3, 2) == 12.5f);
    CHECK(k.stepPx == fronts.kymographStepPx);
    CHECK(k.nmPerPixel == calibration.nmPerPixel);
    REQUIRE(k.timesS.size() == static_cast<std::size_t>(k.frameCount()));
    CHECK(k.timesS[0] == Approx(*calibration.timeOfFrameS(0)));
    CHECK(k.driftCorrected);  // its provenance names "drift:movie:2"

    ProjectFronts bare = fronts;
    bare.kymograph.reset();
    CHECK_THROWS_WITH(storedKymograph(bare, calibration), Contains("no kymograph"));
}
