// Scratch files, the fuzzing memory budget and the movie exercise shared by the fuzz targets.

#include "fuzz_support.h"

#include "sparse_input.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/json_text.h"

#include <opencv2/core.hpp>

#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace insitu::fuzz {

namespace {

// 256 MiB per buffer: far below libFuzzer's 2 GB RSS limit, so an allocation the budget lets
// through and still exhausts memory is a real finding (the budget check was skipped).
[[maybe_unused]] const bool budgetSet = [] {
    ::setenv("INSITU_MEMORY_BUDGET_MB", "256", 0);
    return true;
}();

std::filesystem::path scratchFolder()
{
    static const std::filesystem::path folder = [] {
        const std::filesystem::path shm = "/dev/shm";
        const auto base =
            std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path();
        auto path = base / ("insitu-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return folder;
}

} // namespace

std::filesystem::path writeScratchFile(const std::uint8_t* data, std::size_t size,
                                       std::string_view extension)
{
    auto path = scratchFolder() / ("input" + std::string(extension));
    if (isSparseInput(data, size)) { // a large file: its head and tail, zeros between
        if (!writeSparseFile(data, size, path))
            throw std::runtime_error("cannot write the fuzz scratch file " + path.string());
        return path;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out)
        throw std::runtime_error("cannot write the fuzz scratch file " + path.string());
    return path;
}

void exerciseMovie(const std::filesystem::path& path)
{
    try {
        const auto movie = openMovie(path, MovieOptions{.cacheMiB = 64});
        const auto& info = movie->info();
        (void)dumpJson(info.metadata);
        for (const auto& note : info.notes)
            (void)printableText(note);
        if (info.frameCount <= 0)
            return;
        for (const int index : {0, info.frameCount / 2, info.frameCount - 1}) {
            const Frame frame = movie->frame(index);
            (void)cv::sum(frame.toFloat32());
        }
    } catch (const insitu::Error&) {
    }
}

void fuzzMovieBytes(const std::uint8_t* data, std::size_t size, std::string_view extension)
{
    exerciseMovie(writeScratchFile(data, size, extension));
}

} // namespace insitu::fuzz
