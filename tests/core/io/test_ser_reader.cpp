// TIA SER/EMI reader against the real TIA files in shared/data/external.
#include "external_reference.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/ser_reader.h"

#include <fstream>
#include <iterator>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path dataFile(const std::string& key)
{
    return test::externalDataDir() / key;
}

/// The reference key of the .emi that owns name_N.ser, and N.
std::pair<std::string, int> owningEmi(const std::string& serKey)
{
    const auto underscore = serKey.rfind('_');
    return {serKey.substr(0, underscore) + ".emi",
            std::stoi(serKey.substr(underscore + 1, serKey.size() - underscore - 5))};
}

/// Frames actually recorded (ValidNumberElements) per the raw SER header, if known.
std::optional<int> validFrames(const std::string& serKey)
{
    const auto& entry = test::referenceFiles().at(serKey);
    if (!entry.contains("raw_header"))
        return std::nullopt;
    return entry.at("raw_header").at("ValidNumberElements").get<int>();
}

void checkImage(MovieReader& reader, const test::ExpectedImage& expected, int frames)
{
    const auto& info = reader.info();
    CHECK(info.frameCount == frames);
    CHECK(info.width == expected.width);
    CHECK(info.height == expected.height);
    CHECK(numpyName(info.pixelType) == expected.dtype);
    if (expected.nmPerPixel) {
        REQUIRE(info.calibration.nmPerPixel);
        CHECK(*info.calibration.nmPerPixel == Approx(*expected.nmPerPixel).epsilon(1e-6));
    } else {
        CHECK_FALSE(info.calibration.nmPerPixel);
    }
    // HyperSpy 1.7.3 also sums the unrecorded, zero-filled frames: the sums agree.
    CHECK(test::movieSum(reader) == Approx(expected.sum).epsilon(1e-9));
    if (!expected.firstValues.empty())
        CHECK(test::firstRowValues(reader, expected.firstValues.size()) == expected.firstValues);
}

} // namespace

TEST_CASE("every TIA .ser opens (directly) with the expected frames, size, dtype, pixel size and "
          "sums, or is refused as not an image series",
          "[ser]")
{
    const auto keys = test::referenceKeysWithExtension({".ser"});
    REQUIRE(keys.size() >= 13);
    const std::string key = GENERATE_COPY(from_range(keys));
    CAPTURE(key);
    const auto path = dataFile(key);
    const auto [emiKey, n] = owningEmi(key);
    const auto& files = test::referenceFiles();
    const nlohmann::json* signal = nullptr;
    if (files.contains(emiKey))
        signal = &files.at(emiKey).at("hyperspy_1_7_3").at(static_cast<std::size_t>(n - 1));
    else if (files.at(key).contains("hyperspy_1_7_3"))
        signal = &files.at(key).at("hyperspy_1_7_3").at(0);
    REQUIRE(signal);

    if (test::isRefusedSignal(*signal)) {
        CHECK_THROWS_WITH(openMovieReader(path),
                          Contains("not an image series") && Contains(path.filename().string()));
        return;
    }
    const auto expected = test::expectedFromHyperspy(*signal);
    auto reader = openMovieReader(path);
    CHECK_THAT(reader->info().format, Contains("SER"));
    checkImage(*reader, expected, validFrames(key).value_or(expected.frames));
}

TEST_CASE("every TIA .emi opens its first image .ser", "[ser]")
{
    const auto keys = test::referenceKeysWithExtension({".emi"});
    REQUIRE(keys.size() >= 10);
    const std::string key = GENERATE_COPY(from_range(keys));
    CAPTURE(key);
    const auto path = dataFile(key);
    const auto& signal = test::referenceFiles().at(key).at("hyperspy_1_7_3").at(0);
    if (test::isRefusedSignal(signal)) {
        CHECK_THROWS_WITH(openMovieReader(path), Contains("not an image series"));
        return;
    }
    const auto expected = test::expectedFromHyperspy(signal);
    const std::string serKey = key.substr(0, key.size() - 4) + "_1.ser";
    auto reader = openMovieReader(path);
    checkImage(*reader, expected, validFrames(serKey).value_or(expected.frames));
    // EMI metadata merged in.
    const auto& meta = reader->info().metadata;
    CHECK(meta.contains("voltage_kV"));
    CHECK(meta.contains("acquisition_date"));
}

TEST_CASE("SER preallocated series: only the 5 recorded of 200 frames are read", "[ser]")
{
    SerReader reader(dataFile("rosettasciio/tia/old/03_Scanning Preview_1.ser"));
    const auto& info = reader.info();
    CHECK(info.frameCount == 5);
    CHECK(info.pixelType == PixelType::UInt16);
    CHECK(*info.calibration.nmPerPixel == Approx(0.3843524875139251));
    // Tag times 0,0,0,1,1 s do not resolve the frames: no timestamps rather than wrong ones.
    CHECK(info.calibration.timestampsS.empty());
    CHECK(info.metadata.at("tag_times_unix_s").size() == 5);
    CHECK(info.metadata.at("acquisition_time_unix_s") == 1556209808.0);
    CHECK(info.metadata.at("mode") == "STEM nP SA Zoom Diffraction");
    CHECK(info.metadata.at("magnification") == Approx(1300000.0));
    CHECK(reader.readFrame(0).mat().at<std::uint16_t>(0, 0) == 3514);
    CHECK_THROWS_AS(reader.readFrame(5), Error);
}

TEST_CASE("EMI metadata: voltage, magnification, mode, date, microscope", "[ser]")
{
    const auto objects =
        readEmiMetadata(dataFile("rosettasciio/tia/old/64x64_TEM_images_acquire.emi"));
    REQUIRE(objects.size() == 1);
    const auto& meta = objects.at(0);
    CHECK(meta.at("voltage_kV") == Approx(200.0));
    CHECK(meta.at("magnification") == Approx(19500.0));
    CHECK(meta.at("mode") == "TEM uP SA Zoom Image");
    CHECK(meta.at("acquisition_date") == "Sun Feb 21 17:50:18 2016");
    CHECK(meta.at("microscope") == "Tecnai 200 kV D2267 SuperTwin");
    const auto sto = readEmiMetadata(dataFile("openNCEM/16_STOimage.emi"));
    CHECK(sto.at(0).at("voltage_kV") == Approx(80.0));
}

TEST_CASE("SER data equals the reference .npy array", "[ser]")
{
    SerReader reader(dataFile("rosettasciio/tia/old/64x64_TEM_images_acquire_1.ser"));
    const cv::Mat frame = reader.readFrame(0).mat();
    std::ifstream npy(dataFile("rosettasciio/tia/old/64x64_TEM_images_acquire.npy"),
                      std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(npy)), {});
    REQUIRE(bytes.size() >= 64 * 64 * 4);
    const char* data = bytes.data() + bytes.size() - 64 * 64 * 4; // header precedes the data
    CHECK(std::memcmp(frame.data, data, 64 * 64 * 4) == 0);
}

TEST_CASE("SER tag times that increase become per-frame timestamps", "[ser]")
{
    // A copy of the 5-frame preview with its tag times rewritten to t0 + 0, 2, 4, 6, 8 s.
    const auto source = dataFile("rosettasciio/tia/old/64x64x5_TEM_preview_1.ser");
    const auto& tags = test::referenceFiles()
                           .at("rosettasciio/tia/old/64x64x5_TEM_preview_1.ser")
                           .at("ser_tags")
                           .at("tag_offsets");
    std::ifstream in(source, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    for (std::size_t k = 0; k < 5; ++k) {
        const auto at = tags.at(k).get<std::size_t>() + 4;
        const std::uint32_t t = 1456073345u + 2u * static_cast<std::uint32_t>(k);
        std::memcpy(bytes.data() + at, &t, 4);
    }
    const auto dir = test::scratchDir("ser_timestamps");
    const auto path = dir / "series_1.ser";
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    SerReader reader(path);
    CHECK(reader.info().calibration.timestampsS == std::vector<double>{0, 2, 4, 6, 8});
    CHECK(*reader.info().calibration.timeOfFrameS(3) == 6.0);
}
