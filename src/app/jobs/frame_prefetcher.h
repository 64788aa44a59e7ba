#pragma once
// FramePrefetcher: reads movie frames on a thread pool, ahead of the play head.

#include "insitu/io/movie.h"

#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace insitu::app {

/// Delivers frames to the GUI without reading on the GUI thread: request(k) emits frameReady at
/// once when k is in the movie's cache, otherwise after a worker read it; the next frames in the
/// playing direction are read into the cache meanwhile. A later request supersedes an earlier one.
class FramePrefetcher : public QObject
{
    Q_OBJECT
public:
    /// Turns a raw frame into the frame to show (e.g. drift-corrected); runs in a worker thread.
    using Transform = std::function<Frame(const Frame& frame, int index)>;

    explicit FramePrefetcher(QObject* parent = nullptr);
    ~FramePrefetcher() override;

    /// Movie to read (null stops). Waits for running reads of the previous movie.
    void setMovie(std::shared_ptr<const Movie> movie);
    /// Transform applied to every delivered frame (empty = show frames as read).
    void setTransform(Transform transform);
    /// Frames read ahead of each request (default 8); direction +1 or −1.
    void setLookAhead(int frames, int direction = 1);
    [[nodiscard]] int lookAhead() const { return m_lookAhead; }

    /// Asks for frame index; frameReady(index, frame) follows (possibly immediately).
    void request(int index);
    /// Index of the last request, or −1.
    [[nodiscard]] int requestedIndex() const { return m_requested; }
    /// Waits for all reads (tests, shutdown).
    void waitForDone();

signals:
    void frameReady(int index, const insitu::Frame& frame);
    void readFailed(int index, const QString& message);

private:
    void startRead(int index, bool deliver);
    void prefetchAfter(int index);

    QThreadPool m_pool;
    std::shared_ptr<const Movie> m_movie;
    Transform m_transform;
    int m_lookAhead = 8;
    int m_direction = 1;
    int m_requested = -1;
    unsigned m_generation = 0; // bumped by setMovie/setTransform: stale results are dropped
    QSet<int> m_inFlight;
};

} // namespace insitu::app
