// Truncated copies of real multi-page TIFFs open with their intact frames and a note naming the
// first missing frame (src/core/io/tiff_reader.cpp).
#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/movie_reader.h"
#include "support/test_paths.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace insitu;
using Catch::Matchers::Contains;

namespace {

std::vector<char> readBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The first bytes of source, written to target.
void writePrefix(const std::vector<char>& source, std::size_t bytes,
                 const std::filesystem::path& target)
{
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out.write(source.data(), static_cast<std::streamsize>(std::min(bytes, source.size())));
}

/// The note about truncation, or "" when there is none.
std::string truncationNote(const MovieInfo& info)
{
    for (const auto& note : info.notes)
        if (note.find("truncated") != std::string::npos)
            return note;
    return {};
}

/// Every cut of the file at `cuts` evenly spaced byte counts either opens with a prefix of the
/// original frames (pixel for pixel) and a truncation note naming the first missing frame, or
/// (when the cut took the metadata saying what a frame is) with a note saying so, or is refused
/// with a message naming the file; the whole file opens without such a note.
void checkCuts(const std::filesystem::path& original, const std::string& name, int cuts,
               bool metadataAtEnd = false)
{
    const auto bytes = readBytes(original);
    REQUIRE(bytes.size() > 1000);
    auto full = openMovieReader(original);
    const int frames = full->info().frameCount;
    REQUIRE(frames > 1);
    CHECK(truncationNote(full->info()).empty());
    std::vector<cv::Mat> truth;
    for (int k = 0; k < frames; ++k)
        truth.push_back(full->readFrame(k).mat().clone());

    const auto dir = test::scratchDir("tiff_truncated_" + name);
    int opened = 0;
    int partial = 0;
    for (int c = 1; c < cuts; ++c) {
        const std::size_t size = bytes.size() * static_cast<std::size_t>(c) / cuts;
        const auto path = dir / (name + "_" + std::to_string(size) + ".tif");
        writePrefix(bytes, size, path);
        INFO(path.string());
        std::unique_ptr<MovieReader> reader;
        try {
            reader = openMovieReader(path);
        } catch (const Error& e) {
            CHECK_THAT(e.what(), Contains(path.string()));
            continue;
        }
        ++opened;
        if (reader->info().format != full->info().format) {
            // The cut took the metadata (ImageJ / OME description) that says what a frame is.
            CHECK_THAT(truncationNote(reader->info()), Contains("description"));
            continue;
        }
        const int kept = reader->info().frameCount;
        REQUIRE(kept >= 1);
        REQUIRE(kept <= frames);
        for (int k = 0; k < kept; ++k) {
            const cv::Mat frame = reader->readFrame(k).mat();
            CHECK(cv::norm(frame, truth[static_cast<std::size_t>(k)], cv::NORM_INF) == 0);
        }
        if (kept < frames) {
            ++partial;
            CHECK_THAT(truncationNote(reader->info()),
                       Contains("frame " + std::to_string(kept) + " and later are missing"));
        }
    }
    if (metadataAtEnd)
        CHECK(partial == 0);  // every cut loses the trailing metadata (checked above)
    else
        CHECK(partial > 0);  // some cuts keep some, not all, frames: the case of the issue
    CHECK(opened > 0);
}

} // namespace

TEST_CASE("TIFF: a cut OME-TIFF (50 pages) opens its intact pages and says the metadata is lost",
          "[tiff][truncated]")
{
    // Its OME-XML lies after the pixel data: a cut file is a plain TIFF of the pages left.
    checkCuts(test::externalDataDir() / "ome-model" / "18x24y5z5t2c8b-text.ome.tiff", "ome", 40,
              true);
}

TEST_CASE("TIFF: a cut ImageJ stack keeps its intact frames", "[tiff][truncated]")
{
    checkCuts(test::externalDataDir() / "rosettasciio" / "tiff" /
                  "test_loading_image_saved_with_imageJ_stack.tif",
              "imagej", 20);
}

TEST_CASE("TIFF: a cut DigitalMicrograph stack keeps its intact frames", "[tiff][truncated]")
{
    checkCuts(test::externalDataDir() / "rosettasciio" / "tiff" /
                  "test_loading_image_saved_with_DM_stack.tif",
              "dm", 20);
}
