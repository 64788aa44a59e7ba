// One stderr line for every refusal (issue #15): notes written before an error are held back,
// the libraries' own chatter (libpng here) never reaches the terminal without --verbose, and
// every regression file of the fuzzers ends in exit 0 or in exit 2 with one line, under a 4 GB
// address-space limit.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;
using insitu::test::runCli;

namespace {

insitu::test::CliResult runLimited(const std::string& arguments)
{
    return runCli("--version >/dev/null; ulimit -v 4000000; ulimit -t 60; " +
                  std::string(INSITU_CLI_PATH) + " " + arguments);
}

/// A file a fuzzer found (crash-*, hang-*, oom-*), as opposed to a seed-* corpus file.
bool isFinding(const fs::path& path)
{
    const std::string name = path.filename().string();
    return name.rfind("crash-", 0) == 0 || name.rfind("hang-", 0) == 0 ||
           name.rfind("oom-", 0) == 0;
}

int lineCount(const std::string& text)
{
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

fs::path calibratedMovie(const std::string& name)
{
    const auto movie = insitu::test::scratchDir(name) / "m.tif";
    REQUIRE(runCli("synth nanowire-front -o " + movie.string() +
                   " --frames 8 --width 64 --height 48 --seed 5")
                .exitCode == 0);
    return movie;
}

std::uint32_t crc32(const std::vector<unsigned char>& bytes, std::size_t from)
{
    std::uint32_t crc = 0xffffffffu;
    for (std::size_t i = from; i < bytes.size(); ++i) {
        crc ^= bytes[i];
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void putBigEndian(std::vector<unsigned char>& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<unsigned char>(value >> shift));
}

void putChunk(std::vector<unsigned char>& png, const std::string& type,
              const std::vector<unsigned char>& data, bool breakCrc = false)
{
    putBigEndian(png, static_cast<std::uint32_t>(data.size()));
    const std::size_t typeAt = png.size();
    png.insert(png.end(), type.begin(), type.end());
    png.insert(png.end(), data.begin(), data.end());
    putBigEndian(png, crc32(png, typeAt) ^ (breakCrc ? 1u : 0u));
}

/// A valid 4×2 grey PNG written by hand whose tEXt chunk has a wrong CRC: libpng prints
/// "libpng warning: tEXt: CRC error" on stderr and reads the image.
fs::path pngWithBadTextCrc(const fs::path& folder)
{
    std::vector<unsigned char> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<unsigned char> header;
    putBigEndian(header, 4);
    putBigEndian(header, 2);
    header.insert(header.end(), {8, 0, 0, 0, 0}); // 8-bit grey, no interlace
    putChunk(png, "IHDR", header);
    const std::string text = std::string("Comment") + '\0' + "hello";
    putChunk(png, "tEXt", {text.begin(), text.end()}, true);
    // zlib stream with one stored deflate block: two rows of filter byte 0 + 4 pixels.
    const std::vector<unsigned char> raw{0, 0, 10, 20, 30, 0, 40, 50, 60, 70};
    std::vector<unsigned char> idat{0x78, 0x01, 0x01, 10, 0, 0xf5, 0xff};
    idat.insert(idat.end(), raw.begin(), raw.end());
    std::uint32_t a = 1, b = 0;
    for (const unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    putBigEndian(idat, (b << 16) | a);
    putChunk(png, "IDAT", idat);
    putChunk(png, "IEND", {});
    const auto path = folder / "bad-text-crc.png";
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    return path;
}

} // namespace

TEST_CASE("notes printed before a refusal do not make it two lines", "[cli][hostile]")
{
    const std::string m = calibratedMovie("hostile_notes").string();
    // --pixel-size-nm replaces the file's calibration (a note), then --roi is refused.
    const auto refused = runLimited("drift " + m + " --pixel-size-nm 0.25 --roi 1000,1000,8,8");
    CHECK(refused.exitCode == 2);
    CHECK(lineCount(refused.err) == 1);
    CHECK(refused.err.find("is not inside") != std::string::npos);
    CHECK(refused.err.find("note:") == std::string::npos);

    // The same note is shown when the command succeeds.
    const auto out = fs::path(m).parent_path() / "drift.csv";
    const auto ok = runLimited("drift " + m + " --pixel-size-nm 0.25 -o " + out.string());
    CHECK(ok.exitCode == 0);
    CHECK(ok.err.find("note: pixel size") != std::string::npos);

    // --verbose shows everything as it comes, so the refusal may be longer there.
    const auto verbose =
        runLimited("drift " + m + " --verbose --pixel-size-nm 0.25 --roi 1000,1000,8,8");
    CHECK(verbose.exitCode == 2);
    CHECK(verbose.err.find("note: pixel size") != std::string::npos);
}

TEST_CASE("libpng's own warnings stay off stderr unless --verbose", "[cli][hostile]")
{
    const auto file = pngWithBadTextCrc(insitu::test::scratchDir("hostile_chatter"));
    const auto quiet = runLimited("info " + file.string());
    CHECK(quiet.exitCode == 0);
    CHECK(quiet.out.find("4 x 2 px") != std::string::npos);
    CHECK(quiet.err.empty());
    const auto verbose = runLimited("info --verbose " + file.string());
    CHECK(verbose.exitCode == 0);
    CHECK(verbose.err.find("libpng warning: tEXt: CRC error") != std::string::npos);
}

TEST_CASE("every fuzz regression movie ends in exit 0 or in exit 2 with one line", "[cli][hostile]")
{
    const fs::path root = insitu::test::sourceDir() / "tests" / "fuzz-regressions";
    int files = 0;
    for (const char* target : {"tiff", "dm", "mrc", "ser", "emd"}) {
        for (const auto& entry : fs::directory_iterator(root / target)) {
            if (!entry.is_regular_file() || entry.path().filename() == "README.md")
                continue;
            const auto result = runLimited("info '" + entry.path().string() + "'");
            INFO(entry.path().string() << "\n" << result.err);
            CHECK((result.exitCode == 0 || result.exitCode == 2));
            if (result.exitCode == 2)
                CHECK(lineCount(result.err) == 1);
            if (isFinding(entry.path())) // a damaged file is refused, never read as if intact
                CHECK(result.exitCode == 2);
            ++files;
        }
    }
    CHECK(files > 0);
}

TEST_CASE("every damaged fuzz regression project is refused with one line", "[cli][hostile]")
{
    // libhdf5 1.10 crashed (H5HG_read) or looped forever on these global heaps; each is refused
    // now. A copy is opened: loading takes the project's lock beside the file.
    const fs::path root = insitu::test::sourceDir() / "tests" / "fuzz-regressions" / "project";
    const auto scratch = insitu::test::scratchDir("hostile_projects");
    int files = 0;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (!entry.is_regular_file() || !isFinding(entry.path()))
            continue;
        const auto copy = scratch / (entry.path().filename().string() + ".h5");
        fs::copy_file(entry.path(), copy, fs::copy_options::overwrite_existing);
        for (const char* command : {"project show ", "project show --json "}) {
            const auto result = runLimited(command + copy.string());
            INFO(command << entry.path().string() << "\n" << result.err);
            CHECK(result.exitCode == 2);
            CHECK(lineCount(result.err) == 1);
            CHECK(result.err.find(copy.string()) != std::string::npos);
        }
        ++files;
    }
    CHECK(files >= 2);
}
