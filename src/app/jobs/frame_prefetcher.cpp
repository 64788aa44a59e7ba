#include "jobs/frame_prefetcher.h"

#include "insitu/error.h"

#include <QMetaObject>
#include <QPointer>

namespace insitu::app {

FramePrefetcher::FramePrefetcher(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<insitu::Frame>("insitu::Frame");
    // Two readers: one for the requested frame, one filling the cache ahead of it.
    m_pool.setMaxThreadCount(2);
}

FramePrefetcher::~FramePrefetcher()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void FramePrefetcher::setMovie(std::shared_ptr<const Movie> movie)
{
    m_pool.clear();
    m_pool.waitForDone();
    m_inFlight.clear();
    m_movie = std::move(movie);
    m_requested = -1;
    ++m_generation;
}

void FramePrefetcher::setTransform(Transform transform)
{
    m_transform = std::move(transform);
    ++m_generation;
    if (m_requested >= 0)
        request(m_requested);
}

void FramePrefetcher::setLookAhead(int frames, int direction)
{
    m_lookAhead = std::max(0, frames);
    m_direction = direction < 0 ? -1 : 1;
}

void FramePrefetcher::request(int index)
{
    if (!m_movie || index < 0 || index >= m_movie->frameCount())
        return;
    m_requested = index;
    if (m_movie->isCached(index) && !m_transform) {
        // Cached: a map lookup, safe and fast on the GUI thread.
        emit frameReady(index, m_movie->frame(index));
    } else {
        startRead(index, true);
    }
    prefetchAfter(index);
}

void FramePrefetcher::prefetchAfter(int index)
{
    for (int step = 1; step <= m_lookAhead; ++step) {
        const int next = index + step * m_direction;
        if (next < 0 || next >= m_movie->frameCount())
            break;
        if (!m_movie->isCached(next) && !m_inFlight.contains(next))
            startRead(next, false);
    }
}

void FramePrefetcher::startRead(int index, bool deliver)
{
    if (!deliver && m_inFlight.contains(index))
        return;
    m_inFlight.insert(index);
    QPointer<FramePrefetcher> self(this);
    const unsigned generation = m_generation;
    auto movie = m_movie;
    auto transform = m_transform;
    const auto task = [self, generation, movie, transform, index, deliver] {
        Frame frame;
        QString error;
        try {
            frame = movie->frame(index);
            if (deliver && transform)
                frame = transform(frame, index);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, index, deliver, frame, error] {
                if (!self)
                    return;
                self->m_inFlight.remove(index);
                if (generation != self->m_generation || !deliver || index != self->m_requested)
                    return;
                if (error.isEmpty())
                    emit self->frameReady(index, frame);
                else
                    emit self->readFailed(index, error);
            },
            Qt::QueuedConnection);
    };
    if (deliver)
        m_pool.start(task, 1); // the shown frame before prefetching
    else
        m_pool.start(task, 0);
}

void FramePrefetcher::waitForDone()
{
    m_pool.waitForDone();
}

} // namespace insitu::app
