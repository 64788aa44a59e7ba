#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/emd_reader.h"
#include "insitu/io/movie.h"
#include "support/test_paths.h"

#include <fstream>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

/// HyperSpy entry `index` of a file in shared/data/external/reference_values.json.
nlohmann::json reference(const std::string& relativePath, int index = 0)
{
    static const nlohmann::json all = [] {
        std::ifstream in(test::externalDataDir() / "reference_values.json");
        return nlohmann::json::parse(in);
    }();
    return all.at("files").at(relativePath).at("hyperspy_1_7_3").at(index);
}

double movieSum(MovieReader& reader)
{
    double sum = 0;
    for (int k = 0; k < reader.info().frameCount; ++k)
        sum += reader.readFrame(k).sum();
    return sum;
}

/// Pixel size in nm from a HyperSpy axis (units nm, pm or µm).
double axisNm(const nlohmann::json& axis)
{
    const std::string units =
        axis.at("units").is_string() ? axis.at("units").get<std::string>() : "";
    const double scale = axis.at("scale").get<double>();
    if (units == "pm")
        return scale * 1e-3;
    if (units == "\xC2\xB5m")
        return scale * 1e3;
    return scale;
}

} // namespace

TEST_CASE("EMD: Velox images open with native dtype, size, sums and calibration", "[emd]")
{
    struct Case
    {
        const char* file;
        int refIndex;
        const char* dtype; // native HDF5 type (HyperSpy returns float64)
        bool calibrated;
    };
    for (const Case& c : {Case{"openNCEM/Camera Ceta Imaging Micro.emd", 0, "int16", true},
                          Case{"openNCEM/Camera Ceta Diffraction Micro.emd", 0, "int16", false},
                          Case{"openNCEM/STEM HAADF Diffraction Micro.emd", 0, "uint16", true},
                          Case{"rosettasciio/emd/FFTComplexEven.emd", 1, "uint16", true},
                          Case{"rosettasciio/emd/FFTComplexOdd.emd", 1, "uint16", true},
                          Case{"rosettasciio/emd/fei_example_tem_stack.emd", 0, "int16", true}}) {
        INFO(c.file);
        const auto ref = reference(c.file, c.refIndex);
        auto reader = openMovieReader(test::externalDataDir() / c.file);
        const auto& info = reader->info();
        const auto& shape = ref.at("shape");
        CHECK(info.format == "Velox EMD");
        CHECK(info.frameCount == (shape.size() == 3 ? shape[0].get<int>() : 1));
        CHECK(info.height == shape[shape.size() - 2].get<int>());
        CHECK(info.width == shape[shape.size() - 1].get<int>());
        CHECK(numpyName(info.pixelType) == c.dtype);
        CHECK(movieSum(*reader) == ref.at("sum").get<double>());
        if (c.calibrated) {
            REQUIRE(info.calibration.nmPerPixel);
            CHECK(*info.calibration.nmPerPixel ==
                  Approx(axisNm(ref.at("axes_hyperspy_order").back())).epsilon(1e-6));
        } else {
            CHECK_FALSE(info.calibration.nmPerPixel); // 1/m: reciprocal space
        }
    }
}

TEST_CASE("EMD: Velox Ceta stack has frames last, per-frame timestamps and exposure interval",
          "[emd]")
{
    auto reader =
        openMovieReader(test::externalDataDir() / "rosettasciio/emd/fei_example_tem_stack.emd");
    const auto& cal = reader->info().calibration;
    REQUIRE(cal.frameIntervalS);
    CHECK(*cal.frameIntervalS == Approx(0.8)); // ExposureTime (no Scan.FrameTime)
    REQUIRE(cal.timestampsS.size() == 2);
    CHECK(cal.timestampsS[0] == 0.0);
    CHECK(cal.timestampsS[1] == Approx((1575540227038967.0 - 1575540226238991.0) * 1e-6));
    // README §3: frame sums 72, 81; frame 0 row 0 = 0, 2, 4.
    const Frame f0 = reader->readFrame(0);
    CHECK(f0.sum() == 72);
    CHECK(reader->readFrame(1).sum() == 81);
    CHECK(f0.mat().at<std::int16_t>(0, 0) == 0);
    CHECK(f0.mat().at<std::int16_t>(0, 1) == 2);
    CHECK(f0.mat().at<std::int16_t>(0, 2) == 4);
}

TEST_CASE("EMD: Berkeley EMD follows the spec (no transpose), units like n_m", "[emd]")
{
    const auto dir = test::externalDataDir();
    auto acq = openMovieReader(dir / "openNCEM/Acquisition_18.emd");
    const auto ref = reference("openNCEM/Acquisition_18.emd");
    CHECK(acq->info().format == "Berkeley EMD");
    CHECK(acq->info().frameCount == 1);
    CHECK(acq->info().width == 1024);
    CHECK(acq->info().height == 1024);
    CHECK(acq->info().pixelType == PixelType::UInt16);
    const Frame frame = acq->readFrame(0);
    CHECK(frame.sum() == ref.at("sum").get<double>());
    // ncempy asserts raw data[0,0] == 12487; raw row 0 starts 12487, 11742, 12603, 8926.
    CHECK(frame.mat().at<std::uint16_t>(0, 0) == 12487);
    CHECK(frame.mat().at<std::uint16_t>(0, 1) == 11742);
    CHECK(frame.mat().at<std::uint16_t>(0, 3) == 8926);
    REQUIRE(acq->info().calibration.nmPerPixel);
    CHECK(*acq->info().calibration.nmPerPixel == Approx(0.012246524915).epsilon(1e-6));
    CHECK(acq->info().metadata.at("emd").at("microscope").at("binning") == 4.0);

    // HyperSpy writer files: raw data = arange(N).reshape(shape).
    auto image = openMovieReader(dir / "rosettasciio/emd/example_image.emd");
    CHECK(image->info().frameCount == 1);
    CHECK(image->readFrame(0).mat().at<std::int32_t>(0, 1) == 1); // not transposed (HyperSpy: 3)
    CHECK(image->readFrame(0).sum() == 36);
    auto signal = openMovieReader(dir / "rosettasciio/emd/example_signal.emd");
    CHECK(signal->info().frameCount == 3);
    CHECK(movieSum(*signal) ==
          reference("rosettasciio/emd/example_signal.emd").at("sum").get<double>());
    CHECK(signal->readFrame(2).mat().at<std::int32_t>(0, 0) == 18);
    auto axisLen1 = openMovieReader(dir / "rosettasciio/emd/example_axis_len_1.emd");
    CHECK(axisLen1->info().frameCount == 5);
    CHECK(axisLen1->info().height == 1);
    CHECK(axisLen1->info().width == 5);
    auto meta = openMovieReader(dir / "rosettasciio/emd/example_metadata.emd");
    CHECK(meta->readFrame(0).sum() == 36);
}

TEST_CASE("EMD: spectra, 4-D and complex data are refused as 'not an image series'", "[emd]")
{
    const auto dir = test::externalDataDir();
    for (const char* file :
         {"rosettasciio/emd/example_spectrum.emd",
          "rosettasciio/emd/example_bytes_string_metadata.emd",
          "rosettasciio/emd/fei_example_complex_fft.emd", "openNCEM/emd_type1_stringDims.h5"}) {
        INFO(file);
        CHECK_THROWS_WITH(openMovieReader(dir / file),
                          Contains("not an image series") &&
                              Contains(std::filesystem::path(file).filename().string()));
    }
}

TEST_CASE("EMD: truncated and fake HDF5 files give a clear error", "[emd]")
{
    const auto scratch = test::scratchDir("emd_bad");
    std::ifstream in(test::externalDataDir() / "rosettasciio/emd/fei_example_tem_stack.emd",
                     std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(scratch / "cut.emd", std::ios::binary).write(bytes.data(), 3000);
    CHECK_THROWS_WITH(openMovieReader(scratch / "cut.emd"), Contains("cut.emd"));
    std::ofstream(scratch / "fake.emd", std::ios::binary) << "\x89HDF\r\n\x1a\n but then nothing";
    CHECK_THROWS_WITH(openMovieReader(scratch / "fake.emd"), Contains("fake.emd"));
    std::ofstream(scratch / "text.emd", std::ios::binary) << "plain text";
    CHECK_THROWS_AS(openMovieReader(scratch / "text.emd"), Error);
}
