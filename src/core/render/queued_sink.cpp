// queuedSink: a FrameSink that hands frames to another sink on a worker thread (bounded queue).

#include "render_parts.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace insitu::render {

namespace {

class QueuedSink final : public FrameSink
{
public:
    QueuedSink(std::unique_ptr<FrameSink> sink, int capacity)
        : m_sink(std::move(sink)), m_capacity(static_cast<std::size_t>(std::max(1, capacity))),
          m_worker([this] { run(); })
    {
    }
    ~QueuedSink() override
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_queue.clear();
        }
        m_changed.notify_all();
        m_worker.join();
    }
    void write(const cv::Mat& image) override
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < m_capacity || m_error; });
        rethrow();
        // A buffer the worker is done with, so no frame-sized allocation (and page faults)
        // per frame.
        cv::Mat copy;
        if (!m_free.empty()) {
            copy = std::move(m_free.back());
            m_free.pop_back();
        }
        lock.unlock();
        image.copyTo(copy); // reallocates only when the size or type changed
        lock.lock();
        m_queue.push_back(std::move(copy));
        lock.unlock();
        m_changed.notify_all();
    }
    void finish() override
    {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return (m_queue.empty() && !m_busy) || m_error; });
            rethrow();
        }
        m_sink->finish();
    }
    [[nodiscard]] std::string codec() const override { return m_sink->codec(); }
    [[nodiscard]] double storedFps() const override { return m_sink->storedFps(); }

private:
    void rethrow()
    {
        if (m_error)
            std::rethrow_exception(std::exchange(m_error, nullptr));
    }
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_stop; });
            if (m_stop)
                return;
            cv::Mat image = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
            lock.unlock();
            std::exception_ptr error;
            try {
                m_sink->write(image);
            } catch (...) {
                error = std::current_exception();
            }
            lock.lock();
            m_busy = false;
            m_free.push_back(std::move(image));
            if (error) {
                m_error = error;
                m_queue.clear();
            }
            m_changed.notify_all();
        }
    }

    std::unique_ptr<FrameSink> m_sink;
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<cv::Mat> m_queue;
    std::vector<cv::Mat> m_free; // written frames' buffers, reused by write()
    bool m_busy = false;
    bool m_stop = false;
    std::exception_ptr m_error;
    std::thread m_worker; // last: started once the members above exist
};

} // namespace

std::unique_ptr<FrameSink> queuedSink(std::unique_ptr<FrameSink> sink, int capacity)
{
    return std::make_unique<QueuedSink>(std::move(sink), capacity);
}

} // namespace insitu::render
