// MRC reader against the real MRC files in shared/data/external and hand-made headers.
#include "external_reference.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/mrc_reader.h"

#include <cmath>
#include <fstream>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

std::string dtypeOfMode(int mode)
{
    switch (mode) {
    case 0:
        return "uint8";
    case 1:
        return "int16";
    case 2:
        return "float32";
    case 6:
        return "uint16";
    case 12:
        return "float32";
    default:
        return "?";
    }
}

/// A minimal MRC2014 file: header fields in the given byte order, then `data` verbatim.
struct MrcSpec
{
    int nx = 4, ny = 3, nz = 2, mode = 1;
    float cellaX = 8.0f; // Å -> 2 Å/px = 0.2 nm
    bool bigEndian = false;
};

std::filesystem::path writeMrc(const std::filesystem::path& path, const MrcSpec& spec,
                               const std::vector<unsigned char>& data)
{
    std::vector<unsigned char> header(1024, 0);
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int b = 0; b < 4; ++b)
            header[at + static_cast<std::size_t>(spec.bigEndian ? 3 - b : b)] =
                static_cast<unsigned char>(v >> (8 * b));
    };
    put32(0, static_cast<std::uint32_t>(spec.nx));
    put32(4, static_cast<std::uint32_t>(spec.ny));
    put32(8, static_cast<std::uint32_t>(spec.nz));
    put32(12, static_cast<std::uint32_t>(spec.mode));
    put32(28, static_cast<std::uint32_t>(spec.nx));
    put32(32, static_cast<std::uint32_t>(spec.ny));
    put32(36, static_cast<std::uint32_t>(spec.nz));
    std::uint32_t bits;
    std::memcpy(&bits, &spec.cellaX, 4);
    put32(40, bits);
    std::memcpy(header.data() + 208, "MAP ", 4);
    header[212] = spec.bigEndian ? 0x11 : 0x44;
    header[213] = spec.bigEndian ? 0x11 : 0x41;
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(header.data()), 1024);
    out.write(reinterpret_cast<const char*>(data.data()),
              static_cast<std::streamsize>(data.size()));
    return path;
}

} // namespace

TEST_CASE("every MRC file opens with the expected frames, size, dtype, pixel size and sums",
          "[mrc]")
{
    const auto keys = test::referenceKeysWithExtension({".mrc"});
    REQUIRE(keys.size() >= 9);
    const std::string key = GENERATE_COPY(from_range(keys));
    CAPTURE(key);
    const auto& raw = test::referenceFiles().at(key).at("raw_header");
    auto reader = openMovieReader(test::externalDataDir() / key);
    const auto& info = reader->info();
    CHECK(info.format == "MRC");
    CHECK(info.frameCount == raw.at("nz").get<int>());
    CHECK(info.width == raw.at("nx").get<int>());
    CHECK(info.height == raw.at("ny").get<int>());
    CHECK(numpyName(info.pixelType) == dtypeOfMode(raw.at("mode")));
    // |CELLA| / MX in Å -> nm (DE writes negative CELLA; HyperSpy 1.7.3's 20 nm for temp.mrc
    // is its known ×10 bug; HAADFscan's FEI2 header says the same to float32 precision).
    const double nm = std::abs(raw.at("pixel_size_A_x").get<double>()) / 10.0;
    REQUIRE(info.calibration.nmPerPixel);
    CHECK(*info.calibration.nmPerPixel == Approx(nm).epsilon(1e-6));
    CHECK(test::movieSum(*reader) == Approx(raw.at("data_sum").get<double>()).epsilon(1e-9));
    if (info.width >= 4)
        CHECK(test::firstRowValues(*reader, 4) ==
              raw.at("first_values").get<std::vector<double>>());
}

TEST_CASE("MRC details: DE movie frame order, DE sidecar fps, FEI2 metadata, temp.mrc 0.2 nm",
          "[mrc]")
{
    MrcReader movie(test::externalDataDir() / "rosettasciio/mrc/20241021_00405_movie.mrc");
    REQUIRE(movie.info().frameCount == 32);
    for (int k : {0, 1, 17, 31})
        CHECK(movie.readFrame(k).sum() == 32.0 * k); // frame k is filled with k
    CHECK(*movie.info().calibration.frameIntervalS == Approx(1.0 / 700.0));
    CHECK(movie.info().metadata.at("camera") == "DESim");

    MrcReader haadf(test::externalDataDir() / "rosettasciio/mrc/HAADFscan.mrc");
    CHECK(*haadf.info().calibration.nmPerPixel == Approx(5.679131317138672).epsilon(1e-6));
    CHECK(haadf.info().metadata.at("voltage_kV") == Approx(300.0));
    CHECK(haadf.info().metadata.at("exttyp") == "FEI2");

    MrcReader temp(test::externalDataDir() / "openNCEM/temp.mrc");
    CHECK(*temp.info().calibration.nmPerPixel == Approx(0.2));
    CHECK(temp.readFrame(1).sum() == Approx(8164.2738).epsilon(1e-6));
}

TEST_CASE("MRC big-endian int16 file reads the same values as little-endian", "[mrc]")
{
    const auto dir = test::scratchDir("mrc_endian");
    std::vector<unsigned char> le, be;
    for (int i = 0; i < 4 * 3 * 2; ++i) {
        const auto v = static_cast<std::uint16_t>(static_cast<std::int16_t>(i * 300 - 3000));
        le.push_back(static_cast<unsigned char>(v & 0xFF));
        le.push_back(static_cast<unsigned char>(v >> 8));
        be.push_back(static_cast<unsigned char>(v >> 8));
        be.push_back(static_cast<unsigned char>(v & 0xFF));
    }
    MrcReader little(writeMrc(dir / "le.mrc", {}, le));
    MrcReader big(writeMrc(dir / "be.mrc", {.bigEndian = true}, be));
    REQUIRE(big.info().frameCount == 2);
    CHECK(big.info().width == 4);
    CHECK(*big.info().calibration.nmPerPixel == Approx(0.2));
    for (int k = 0; k < 2; ++k)
        CHECK(cv::countNonZero(little.readFrame(k).mat() != big.readFrame(k).mat()) == 0);
    CHECK(big.readFrame(0).mat().at<std::int16_t>(0, 1) == -2700);
}

TEST_CASE("MRC mode 12 float16 becomes float32 and mode 0 uint8, both with a note", "[mrc]")
{
    const auto dir = test::scratchDir("mrc_modes");
    // float16: 1.0 = 0x3C00, -2.5 = 0xC100
    std::vector<unsigned char> half;
    for (int i = 0; i < 12; ++i) {
        const std::uint16_t h = i % 2 ? 0xC100 : 0x3C00;
        half.push_back(static_cast<unsigned char>(h & 0xFF));
        half.push_back(static_cast<unsigned char>(h >> 8));
    }
    MrcReader f16(writeMrc(dir / "half.mrc", {.nz = 1, .mode = 12}, half));
    CHECK(f16.info().pixelType == PixelType::Float32);
    CHECK(f16.readFrame(0).sum() == Approx(6 * 1.0 - 6 * 2.5));
    CHECK_THAT(f16.info().notes.at(0), Contains("float16"));

    std::vector<unsigned char> bytes(12, 200);
    MrcReader u8(writeMrc(dir / "u8.mrc", {.nz = 1, .mode = 0}, bytes));
    CHECK(u8.info().pixelType == PixelType::UInt8);
    CHECK(u8.readFrame(0).sum() == 12 * 200.0);
}

TEST_CASE("MRC complex, truncated and absurd files are refused with the file named", "[mrc]")
{
    const auto dir = test::scratchDir("mrc_bad");
    const std::vector<unsigned char> data(4 * 3 * 2 * 2, 0);
    const auto complex = writeMrc(dir / "complex.mrc", {.mode = 4}, data);
    CHECK_THROWS_WITH(MrcReader(complex), Contains("complex") && Contains("complex.mrc"));
    const auto truncated = writeMrc(dir / "short.mrc", {.nz = 3}, data);
    CHECK_THROWS_WITH(MrcReader(truncated), Contains("truncated") && Contains("short.mrc"));
    const auto absurd =
        writeMrc(dir / "absurd.mrc", {.nx = 2147483647, .ny = 2147483647, .nz = 2147483647}, data);
    CHECK_THROWS_WITH(MrcReader(absurd), Contains("absurd.mrc"));
    const auto negative = writeMrc(dir / "negative.mrc", {.nx = -5}, data);
    CHECK_THROWS_WITH(MrcReader(negative), Contains("absurd MRC dimensions"));
}
