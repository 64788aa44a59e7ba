// Bad input for the DM, SER, MRC (and TIFF) readers: truncated, empty, wrong-extension,
// byte-flipped and absurd-dimension variants of real files, plus a deterministic mutation fuzz
// loop. Every outcome must be a frame or an insitu::Error naming the file: never a crash, a
// hang or an absurd allocation.
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/movie_reader.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <new>
#include <random>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

std::vector<unsigned char> readAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const std::filesystem::path& path, const std::vector<unsigned char>& bytes)
{
    // Remove, then create: truncating a just-written file makes ext4 flush it to disk
    // (auto_da_alloc), which would turn the fuzz loop into thousands of synchronous writes.
    std::error_code ec;
    std::filesystem::remove(path, ec);
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

/// Opens path and reads a few frames. Returns "" for a clean outcome (frames or an
/// insitu::Error naming the file), else a description of the problem.
std::string outcome(const std::filesystem::path& path)
{
    try {
        auto reader = openMovieReader(path);
        const int n = reader->info().frameCount;
        if (n <= 0)
            return "opened with no frames";
        for (int k : {0, 1, 2, n - 1})
            if (k >= 0 && k < n)
                (void)reader->readFrame(k);
        return {};
    } catch (const Error& e) {
        const std::string message = e.what();
        if (message.find(path.filename().string()) == std::string::npos)
            return "error does not name the file: " + message;
        return {};
    } catch (const std::bad_alloc&) {
        return "std::bad_alloc (absurd allocation attempted)";
    } catch (const std::exception& e) {
        return std::string("non-insitu exception: ") + e.what();
    }
}

struct Sample
{
    const char* key;       // under externalDataDir()
    const char* extension; // for the scratch copy
};

const Sample kSamples[] = {
    {"rosettasciio/digitalmicrograph/test_stackbuilder_imagestack.dm3", ".dm3"},
    {"rosettasciio/digitalmicrograph/3D/test-6.dm4", ".dm4"},
    {"rosettasciio/tia/old/16x16x5_STEM_BF_DF_preview_1.ser", ".ser"},
    {"rosettasciio/mrc/Custom_movie.mrc", ".mrc"},
    {"ome-model/18x24y1z5t1c8b-text.ome.tiff", ".tif"},
};

/// True when the original sample opens (TIFF support comes from another module).
bool readable(const Sample& sample)
{
    try {
        (void)openMovieReader(test::externalDataDir() / sample.key);
        return true;
    } catch (const Error& e) {
        WARN("skipping " << sample.key << ": " << e.what());
        return false;
    }
}

} // namespace

TEST_CASE("zero-length and garbage files give an error naming the file", "[robustness]")
{
    const auto dir = test::scratchDir("robust_empty");
    for (const char* ext : {".dm3", ".dm4", ".ser", ".emi", ".mrc", ".mrcs", ".tif"}) {
        const auto empty = dir / (std::string("empty") + ext);
        writeAll(empty, {});
        CHECK_THROWS_WITH(openMovieReader(empty), Contains(empty.string()));
        const auto text = dir / (std::string("text") + ext);
        const std::string lorem(3000, 'x');
        writeAll(text, std::vector<unsigned char>(lorem.begin(), lorem.end()));
        CHECK_THROWS_WITH(openMovieReader(text), Contains(text.string()));
    }
    // An .emi without its .ser.
    const auto lonely = dir / "lonely.emi";
    writeAll(lonely, std::vector<unsigned char>(100, 0));
    CHECK_THROWS_WITH(openMovieReader(lonely), Contains("lonely_1.ser"));
}

TEST_CASE("files with the wrong extension are opened by their magic bytes", "[robustness]")
{
    const auto dir = test::scratchDir("robust_ext");
    const auto dm = readAll(test::externalDataDir() / kSamples[0].key);
    writeAll(dir / "really_dm.mrc", dm);
    CHECK(openMovieReader(dir / "really_dm.mrc")->info().format == "DM3");
    const auto ser = readAll(test::externalDataDir() / kSamples[2].key);
    writeAll(dir / "really_ser.dm4", ser);
    CHECK_THAT(openMovieReader(dir / "really_ser.dm4")->info().format, Contains("SER"));
    const auto mrc = readAll(test::externalDataDir() / kSamples[3].key);
    writeAll(dir / "really_mrc.ser", mrc);
    CHECK(openMovieReader(dir / "really_mrc.ser")->info().format == "MRC");
}

TEST_CASE("truncated files give an error naming the file", "[robustness]")
{
    const auto dir = test::scratchDir("robust_truncated");
    for (const auto& sample : kSamples) {
        if (!readable(sample))
            continue;
        const auto bytes = readAll(test::externalDataDir() / sample.key);
        const auto path = dir / (std::string("cut") + sample.extension);
        for (std::size_t length : {std::size_t{1}, std::size_t{7}, std::size_t{16}, std::size_t{64},
                                   std::size_t{300}, std::size_t{1023}, bytes.size() / 3,
                                   bytes.size() / 2, bytes.size() - 100, bytes.size() - 1}) {
            if (length >= bytes.size())
                continue;
            CAPTURE(sample.key, length);
            writeAll(path, std::vector<unsigned char>(bytes.begin(),
                                                      bytes.begin() + static_cast<long>(length)));
            CHECK(outcome(path).empty());
        }
    }
    // Cutting into the pixel data must be an error, not a short frame.
    const auto mrc = readAll(test::externalDataDir() / kSamples[3].key);
    writeAll(dir / "cut_data.mrc", std::vector<unsigned char>(mrc.begin(), mrc.end() - 10));
    CHECK_THROWS_WITH(openMovieReader(dir / "cut_data.mrc"), Contains("truncated"));
    const auto ser = readAll(test::externalDataDir() / kSamples[2].key);
    writeAll(dir / "cut_data_1.ser", std::vector<unsigned char>(ser.begin(), ser.end() - 300));
    CHECK_THROWS_WITH(openMovieReader(dir / "cut_data_1.ser"), Contains("cut_data_1.ser"));
}

TEST_CASE("absurd dimensions are refused before any allocation", "[robustness]")
{
    const auto dir = test::scratchDir("robust_absurd");
    // DM3: the image's Dimensions list (last occurrence; the first is the thumbnail's) set to
    // 2^31 - 1 each; every entry is kind 0x15, empty name, "%%%%", ninfo 1, type 5 (uint32).
    auto dm = readAll(test::externalDataDir() / kSamples[0].key);
    const std::string name = "Dimensions";
    const auto at = std::find_end(dm.begin(), dm.end(), name.begin(), name.end());
    REQUIRE(at != dm.end());
    const unsigned char entry[] = {'%', '%', '%', '%', 0, 0, 0, 1, 0, 0, 0, 5};
    int patched = 0;
    for (auto it = at; patched < 3;) {
        it = std::search(it, dm.end(), std::begin(entry), std::end(entry));
        REQUIRE(it != dm.end());
        it += sizeof entry;
        std::fill(it, it + 4, 0xFF);
        *(it + 3) = 0x7F; // little-endian 0x7FFFFFFF
        ++patched;
    }
    writeAll(dir / "absurd.dm3", dm);
    CHECK_THROWS_WITH(openMovieReader(dir / "absurd.dm3"), Contains("absurd.dm3"));

    // SER: element 0 says 2^31-1 x 2^31-1 pixels; and more valid than allocated frames.
    auto ser = readAll(test::externalDataDir() / kSamples[2].key);
    auto serHuge = ser;
    const std::size_t element0 = 108; // data offset of element 0 (reference_values.json)
    for (std::size_t field : {element0 + 42, element0 + 46}) {
        serHuge[field] = 0xFF;
        serHuge[field + 1] = 0xFF;
        serHuge[field + 2] = 0xFF;
        serHuge[field + 3] = 0x7F;
    }
    writeAll(dir / "huge_1.ser", serHuge);
    CHECK_THROWS_WITH(openMovieReader(dir / "huge_1.ser"), Contains("huge_1.ser"));
    auto serValid = ser;
    serValid[18] = 0xFF;
    serValid[19] = 0xFF;
    serValid[20] = 0xFF;
    serValid[21] = 0xFF;
    writeAll(dir / "valid_1.ser", serValid);
    CHECK_THROWS_WITH(openMovieReader(dir / "valid_1.ser"), Contains("ValidNumberElements"));

    // MRC: NX = NY = NZ = 2^31 - 1.
    auto mrc = readAll(test::externalDataDir() / kSamples[3].key);
    for (std::size_t field : {0u, 4u, 8u}) {
        mrc[field] = 0xFF;
        mrc[field + 1] = 0xFF;
        mrc[field + 2] = 0xFF;
        mrc[field + 3] = 0x7F;
    }
    writeAll(dir / "huge.mrc", mrc);
    CHECK_THROWS_WITH(openMovieReader(dir / "huge.mrc"), Contains("huge.mrc"));
}

TEST_CASE("byte-flipped headers give frames or an error naming the file", "[robustness]")
{
    const auto dir = test::scratchDir("robust_flip");
    for (const auto& sample : kSamples) {
        if (!readable(sample))
            continue;
        const auto bytes = readAll(test::externalDataDir() / sample.key);
        const auto path = dir / (std::string("flip") + sample.extension);
        const std::size_t limit = std::min<std::size_t>(bytes.size(), 1100);
        for (std::size_t i = 0; i < limit; i += 3) {
            auto flipped = bytes;
            flipped[i] = static_cast<unsigned char>(~flipped[i]);
            writeAll(path, flipped);
            const std::string problem = outcome(path);
            if (!problem.empty())
                FAIL(sample.key << " with byte " << i << " flipped: " << problem);
        }
    }
}

TEST_CASE("deterministic mutation fuzz over DM, SER, MRC and TIFF readers", "[robustness]")
{
    constexpr int kMutationsPerFormat = 2000;
    const auto dir = test::scratchDir("robust_fuzz");
    for (const auto& sample : kSamples) {
        if (!readable(sample))
            continue;
        const auto original = readAll(test::externalDataDir() / sample.key);
        const auto path = dir / (std::string("fuzz") + sample.extension);
        std::mt19937 rng(20240611u);
        int problems = 0;
        for (int iteration = 0; iteration < kMutationsPerFormat; ++iteration) {
            auto bytes = original;
            auto pick = [&](std::size_t n) {
                return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
            };
            const std::size_t headerSpan = std::min<std::size_t>(bytes.size(), 2048);
            switch (pick(4)) {
            case 0: // random bytes anywhere
                for (std::size_t n = 1 + pick(4); n > 0; --n)
                    bytes[pick(bytes.size())] = static_cast<unsigned char>(pick(256));
                break;
            case 1: // header bytes set to extremes
                for (std::size_t n = 1 + pick(3); n > 0; --n)
                    bytes[pick(headerSpan)] = pick(2) ? 0xFF : 0x00;
                break;
            case 2: // a 32-bit word set to a huge value
            {
                const std::size_t at = pick(bytes.size() - 4) & ~std::size_t{3};
                const std::uint32_t v = pick(2) ? 0x7FFFFFFFu : 0xFFFFFFF0u;
                std::memcpy(bytes.data() + at, &v, 4);
                break;
            }
            default: // truncation plus a flip
                bytes.resize(1 + pick(bytes.size() - 1));
                bytes[pick(bytes.size())] ^= 0x5A;
                break;
            }
            writeAll(path, bytes);
            const std::string problem = outcome(path);
            if (!problem.empty() && problems++ < 5)
                WARN(sample.key << " mutation " << iteration << ": " << problem);
        }
        CAPTURE(sample.key);
        CHECK(problems == 0);
    }
}
