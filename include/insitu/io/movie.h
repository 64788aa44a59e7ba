#pragma once
// Movie: thread-safe random access to a movie's frames through a bounded LRU cache.

#include "insitu/io/movie_reader.h"

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace insitu {

/// Options for opening a movie.
struct MovieOptions
{
    std::size_t cacheMiB = 512; ///< upper bound of decoded frames kept in memory
};

/// A movie opened for analysis: file info, effective calibration and cached frame access.
/// Shared between threads as std::shared_ptr<const Movie>; frame() is safe from any thread.
class Movie
{
public:
    Movie(std::unique_ptr<MovieReader> reader, MovieOptions options = {});

    [[nodiscard]] const MovieInfo& info() const { return m_reader->info(); }
    [[nodiscard]] int frameCount() const { return info().frameCount; }
    [[nodiscard]] int width() const { return info().width; }
    [[nodiscard]] int height() const { return info().height; }
    /// Calibration in force: the file's, unless replaced by setCalibration().
    [[nodiscard]] const Calibration& calibration() const { return m_calibration; }
    /// Replaces the calibration (user overrides); call before sharing with other threads.
    void setCalibration(const Calibration& calibration) { m_calibration = calibration; }

    /// Frame index from the cache, reading it on a miss. Throws insitu::Error on a bad index.
    [[nodiscard]] Frame frame(int index) const;
    /// Frame index as float32 (a new matrix).
    [[nodiscard]] cv::Mat frameFloat(int index) const { return frame(index).toFloat32(); }
    /// True when index is in the cache (no read needed).
    [[nodiscard]] bool isCached(int index) const;
    [[nodiscard]] std::size_t cacheBytes() const;
    /// Changes the cache bound, evicting frames as needed.
    void setCacheMiB(std::size_t cacheMiB);

private:
    void evictLocked() const;

    std::unique_ptr<MovieReader> m_reader;
    Calibration m_calibration;
    std::size_t m_cacheLimitBytes;
    mutable std::mutex m_mutex;   // guards the reader and the cache
    mutable std::list<int> m_lru; // most recently used first
    mutable std::unordered_map<int, std::pair<Frame, std::list<int>::iterator>> m_cache;
    mutable std::size_t m_cacheBytes = 0;
};

/// Opens path (see openMovieReader) as a shared Movie.
[[nodiscard]] std::shared_ptr<Movie> openMovie(const std::filesystem::path& path,
                                               MovieOptions options = {});

} // namespace insitu
