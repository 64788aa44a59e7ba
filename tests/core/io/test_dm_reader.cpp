// DM3/DM4 reader against the real DigitalMicrograph files in shared/data/external.
#include "external_reference.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/dm_reader.h"

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path dataFile(const std::string& key)
{
    return test::externalDataDir() / key;
}

} // namespace

TEST_CASE("every DM file opens with the expected frames, size, dtype, pixel size and sums, or is "
          "refused as not an image series",
          "[dm]")
{
    const auto keys = test::referenceKeysWithExtension({".dm3", ".dm4"});
    REQUIRE(keys.size() >= 70);
    const std::string key = GENERATE_COPY(from_range(keys));
    CAPTURE(key);
    const auto& signals = test::referenceFiles().at(key).at("hyperspy_1_7_3");
    const auto& signal = signals.at(0); // #0 is the image in multi-signal files
    const auto path = dataFile(key);

    if (test::isRefusedSignal(signal)) {
        REQUIRE_THROWS_AS(openMovieReader(path), Error);
        REQUIRE_THROWS_WITH(openMovieReader(path),
                            Contains("not an image series") && Contains(path.filename().string()));
        return;
    }
    const auto expected = test::expectedFromHyperspy(signal);
    auto reader = openMovieReader(path);
    const auto& info = reader->info();
    CHECK(info.format == (key.back() == '4' ? "DM4" : "DM3"));
    CHECK(info.frameCount == expected.frames);
    CHECK(info.width == expected.width);
    CHECK(info.height == expected.height);
    CHECK(numpyName(info.pixelType) == expected.dtype);
    if (expected.nmPerPixel) {
        REQUIRE(info.calibration.nmPerPixel);
        CHECK(*info.calibration.nmPerPixel == Approx(*expected.nmPerPixel).epsilon(1e-6));
    } else {
        CHECK_FALSE(info.calibration.nmPerPixel);
    }
    CHECK_FALSE(info.calibration.frameIntervalS);
    CHECK(test::movieSum(*reader) == Approx(expected.sum).epsilon(1e-9));
    if (!expected.firstValues.empty())
        CHECK(test::firstRowValues(*reader, expected.firstValues.size()) == expected.firstValues);
}

TEST_CASE(
    "DM StackBuilder stack: 3 uint32 frames with per-frame sums and 2 calibrations for 3 axes",
    "[dm]")
{
    DmReader reader(dataFile("rosettasciio/digitalmicrograph/test_stackbuilder_imagestack.dm3"));
    const auto& info = reader.info();
    REQUIRE(info.frameCount == 3);
    CHECK(info.width == 16);
    CHECK(info.height == 2);
    CHECK(info.pixelType == PixelType::UInt32);
    CHECK(*info.calibration.nmPerPixel == Approx(59.98290330171585));
    const double sums[] = {19414405, 19603178, 19559156};
    for (int k = 0; k < 3; ++k) {
        const Frame frame = reader.readFrame(k);
        CHECK(frame.sum() == sums[k]);
        if (k == 0) { // reference first_values: the first pixels of row 0 of frame 0
            CHECK(frame.mat().at<std::int32_t>(0, 0) == 606491);
            CHECK(frame.mat().at<std::int32_t>(0, 1) == 615402);
            CHECK(frame.mat().at<std::int32_t>(0, 2) == 621457);
        }
    }
    // Metadata kept by the StackBuilder under source/Tags at creation.
    CHECK(info.metadata.at("voltage_kV") == Approx(200.0));
    CHECK(info.metadata.at("magnification") == Approx(200000.0));
    CHECK(info.metadata.at("image_name") == "stackbuilder_test4_16x2");
    CHECK(info.metadata.at("acquisition_date") == "5/17/2015");
}

TEST_CASE("DM3 and DM4 versions of the same int16 stack give identical frames", "[dm]")
{
    DmReader dm3(dataFile("openNCEM/dmTest_3D_int16_64,65,66.dm3"));
    DmReader dm4(dataFile("openNCEM/dmTest_3D_int16_64,65,66.dm4"));
    REQUIRE(dm3.info().frameCount == 66);
    REQUIRE(dm4.info().frameCount == 66);
    CHECK(dm3.info().width == 64);
    CHECK(dm3.info().height == 65);
    for (int k : {0, 1, 33, 65}) {
        const cv::Mat a = dm3.readFrame(k).mat();
        const cv::Mat b = dm4.readFrame(k).mat();
        CHECK(cv::countNonZero(a != b) == 0);
        CHECK(cv::sum(a)[0] == 131040.0);
    }
    const cv::Mat frame0 = dm3.readFrame(0).mat();
    for (int x = 0; x < 8; ++x)
        CHECK(frame0.at<std::int16_t>(0, x) == x);
    // x in pm, y in nm: the x pixel size is used and the difference is reported.
    CHECK(*dm3.info().calibration.nmPerPixel == Approx(0.002));
    REQUIRE_FALSE(dm3.info().notes.empty());
    CHECK_THAT(dm3.info().notes.back(), Contains("not square"));
}

TEST_CASE("DM acquisition metadata: microscope, voltage, magnification, exposure, date", "[dm]")
{
    const auto stem = DmReader(dataFile("rosettasciio/digitalmicrograph/2D/test_STEM_image.dm3"));
    const auto& meta = stem.info().metadata;
    CHECK(meta.at("voltage_kV") == Approx(200.0));
    CHECK(meta.at("magnification") == Approx(225000.0));
    CHECK(meta.at("microscope") == "FEI Tecnai Remote");
    CHECK(meta.at("mode") == "SCANNING");
    CHECK(meta.at("acquisition_date") == "8/8/2016");
    CHECK(meta.at("tags").contains("Microscope Info"));
    CHECK(meta.at("axes").at(0).at("origin_px") == Approx(-207.0));

    const auto tem = DmReader(dataFile("rosettasciio/tiff/test_dm_image_um_unit.dm3"));
    CHECK(tem.info().metadata.at("exposure_s") == Approx(0.5));
    CHECK(tem.info().metadata.at("magnification") == Approx(51.0));
    CHECK(*tem.info().calibration.nmPerPixel == Approx(168.67469251155853)); // "µm" -> nm
}

TEST_CASE("DM conversions are reported: RGB to grey, bool to uint8, trivially real complex", "[dm]")
{
    const auto rgb = DmReader(dataFile("rosettasciio/digitalmicrograph/2D/test-23.dm4"));
    CHECK(rgb.info().pixelType == PixelType::UInt8);
    CHECK_THAT(rgb.info().notes.at(0), Contains("RGB converted to grey"));
    auto boolean = DmReader(dataFile("rosettasciio/digitalmicrograph/3D/test-14.dm3"));
    CHECK(boolean.info().frameCount == 2);
    CHECK(boolean.readFrame(1).sum() == 4.0); // every pixel true -> 1
    auto complex = DmReader(dataFile("rosettasciio/digitalmicrograph/2D/test-13.dm4"));
    CHECK(complex.info().pixelType == PixelType::Float64);
    const cv::Mat m = complex.readFrame(0).mat();
    CHECK(m.at<double>(0, 0) == 1.0);
    CHECK(m.at<double>(1, 1) == 4.0);
    CHECK_THAT(complex.info().notes.at(0), Contains("imaginary"));
}

TEST_CASE("DM spectra, spectrum images and packed FFTs are refused", "[dm]")
{
    for (const char* key :
         {"openNCEM/08_carbon.dm3", "rosettasciio/digitalmicrograph/3D/EELS_SI.dm4",
          "rosettasciio/digitalmicrograph/1D/test-2.dm4",
          "rosettasciio/digitalmicrograph/2D/test_fft_packed_complex8.dm4"}) {
        CAPTURE(key);
        CHECK_THROWS_WITH(DmReader(dataFile(key)),
                          Contains("not an image series") && Contains(dataFile(key).string()));
    }
}

TEST_CASE("DM diffraction patterns open with the pixel size left unknown (1/nm)", "[dm]")
{
    const auto dp =
        DmReader(dataFile("rosettasciio/digitalmicrograph/2D/test_diffraction_pattern.dm3"));
    CHECK(dp.info().width == 87);
    CHECK_FALSE(dp.info().calibration.nmPerPixel);
    CHECK_THAT(dp.info().notes.at(0), Contains("1/nm"));
}

TEST_CASE("DM magic bytes are recognised and reading out of range is an error", "[dm]")
{
    auto reader = openMovieReader(dataFile("rosettasciio/digitalmicrograph/3D/test-1.dm4"));
    CHECK_THROWS_AS(reader->readFrame(2), Error);
    CHECK_THROWS_AS(reader->readFrame(-1), Error);
    std::vector<unsigned char> head(64, 0);
    head[3] = 4;
    head[15] = 1;
    CHECK(DmReader::matchesMagic(head));
    head[3] = 5;
    CHECK_FALSE(DmReader::matchesMagic(head));
}
