#include "insitu/io/movie.h"

#include "insitu/error.h"
#include "insitu/thread_waits.h"

#include <string>

namespace insitu {

Movie::Movie(std::unique_ptr<MovieReader> reader, MovieOptions options)
    : m_reader(std::move(reader)), m_calibration(m_reader->info().calibration),
      m_cacheLimitBytes(options.cacheMiB * 1024 * 1024)
{
}

Frame Movie::frame(int index) const
{
    if (index < 0 || index >= frameCount())
        throw Error(info().path.string() + ": frame " + std::to_string(index) +
                    " does not exist (the movie has " + std::to_string(frameCount()) + " frames)");
    const auto lock = lockCounted(m_mutex, WaitKind::MovieLock);
    if (auto it = m_cache.find(index); it != m_cache.end()) {
        m_lru.splice(m_lru.begin(), m_lru, it->second.second);
        return it->second.first;
    }
    Frame frame = [&] {
        const CountedWait reading(WaitKind::FrameRead);
        return m_reader->readFrame(index);
    }();
    if (frame.width() != width() || frame.height() != height())
        throw Error(info().path.string() + ": frame " + std::to_string(index) +
                    " has a different size than the movie");
    if (frame.byteSize() <= m_cacheLimitBytes) {
        m_lru.push_front(index);
        m_cache.emplace(index, std::make_pair(frame, m_lru.begin()));
        m_cacheBytes += frame.byteSize();
        evictLocked();
    }
    return frame;
}

bool Movie::isCached(int index) const
{
    std::lock_guard lock(m_mutex);
    return m_cache.count(index) > 0;
}

std::size_t Movie::cacheBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_cacheBytes;
}

void Movie::setCacheMiB(std::size_t cacheMiB)
{
    std::lock_guard lock(m_mutex);
    m_cacheLimitBytes = cacheMiB * 1024 * 1024;
    evictLocked();
}

void Movie::evictLocked() const
{
    while (m_cacheBytes > m_cacheLimitBytes && !m_lru.empty()) {
        const int victim = m_lru.back();
        m_lru.pop_back();
        auto it = m_cache.find(victim);
        m_cacheBytes -= it->second.first.byteSize();
        m_cache.erase(it);
    }
}

std::shared_ptr<Movie> openMovie(const std::filesystem::path& path, MovieOptions options)
{
    return std::make_shared<Movie>(openMovieReader(path), options);
}

} // namespace insitu
