#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/memory_reader.h"
#include "insitu/io/movie.h"

#include <thread>

using namespace insitu;

namespace {
std::unique_ptr<MovieReader> countingMovie(int frames, int side)
{
    std::vector<cv::Mat> mats;
    for (int k = 0; k < frames; ++k)
        mats.emplace_back(side, side, CV_16U, cv::Scalar(k));
    return std::make_unique<MemoryMovieReader>(std::move(mats), PixelType::UInt16);
}
} // namespace

TEST_CASE("Movie serves frames and keeps the cache within its bound", "[movie]")
{
    // 512x512 uint16 = 0.5 MiB per frame; a 2 MiB cache holds 4 of them.
    Movie movie(countingMovie(10, 512), {.cacheMiB = 2});
    for (int k = 0; k < 10; ++k)
        CHECK(movie.frame(k).mat().at<std::uint16_t>(0, 0) == k);
    CHECK(movie.cacheBytes() <= 2u * 1024 * 1024);
    CHECK(movie.isCached(9));
    CHECK_FALSE(movie.isCached(0));
    (void)movie.frame(6); // touch: 6 becomes most recent
    (void)movie.frame(0);
    CHECK(movie.isCached(6));
    CHECK_FALSE(movie.isCached(7));
}

TEST_CASE("Movie refuses frame indices outside the movie", "[movie]")
{
    Movie movie(countingMovie(3, 8));
    CHECK_THROWS_AS(movie.frame(3), Error);
    CHECK_THROWS_AS(movie.frame(-1), Error);
}

TEST_CASE("Movie::frame is safe from several threads", "[movie]")
{
    Movie movie(countingMovie(50, 64), {.cacheMiB = 0});
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int k = 0; k < 50; ++k)
                if (movie.frame(k).mat().at<std::uint16_t>(3, 3) != k)
                    ++wrong;
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(wrong == 0);
}

TEST_CASE("openMovie names the file when it does not exist or is empty", "[movie]")
{
    CHECK_THROWS_WITH(openMovie("/no/such/file.tif"), Catch::Contains("/no/such/file.tif"));
}
