#include "spectrum_pipeline.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace insitu::detail {

namespace {
constexpr std::size_t queueDepth = 3;
}

cv::Mat registrationImage(const Movie& movie, int index, const RegistrationGeometry& geometry,
                          cv::Point offsetPx)
{
    const Frame frame = movie.frame(index);
    cv::Rect region = geometry.regionPx;
    region.x = std::clamp(region.x + offsetPx.x, 0, frame.width() - region.width);
    region.y = std::clamp(region.y + offsetPx.y, 0, frame.height() - region.height);
    if (geometry.binning == 1 && frame.type() != PixelType::UInt32)
        return frame.mat()(region);  // the correlator reads the native type (no copy)
    cv::Mat image = Frame(frame.mat()(region), frame.type()).toFloat32();
    if (geometry.binning > 1) {
        cv::Mat binned;
        cv::resize(image, binned, cv::Size(geometry.gridWidth(), geometry.gridHeight()), 0, 0,
                   cv::INTER_AREA);
        return binned;
    }
    return image;
}

SpectrumPipeline::SpectrumPipeline(const Movie& movie, const RegistrationGeometry& geometry,
                                   const PhaseCorrelator& correlator, std::vector<int> frames,
                                   std::vector<cv::Point> offsetsPx)
    : m_movie(movie), m_geometry(geometry), m_correlator(correlator), m_frames(std::move(frames)),
      m_offsets(std::move(offsetsPx))
{
    m_offsets.resize(m_frames.size(), cv::Point(0, 0));
    m_worker = std::thread([this] { run(); });
}

SpectrumPipeline::~SpectrumPipeline()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_worker.join();
}

void SpectrumPipeline::run()
{
    try {
        for (std::size_t i = 0; i < m_frames.size(); ++i) {
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_stop || m_ready.size() < queueDepth; });
                if (m_stop)
                    return;
            }
            // Where the region really lies (registrationImage clamps it to the frame).
            Item item;
            item.frame = m_frames[i];
            const cv::Mat image = registrationImage(m_movie, item.frame, m_geometry, m_offsets[i]);
            {
                std::lock_guard lock(m_mutex);
                if (!m_free.empty()) {
                    item.spectrum = std::move(m_free.back());
                    m_free.pop_back();
                }
            }
            m_correlator.spectrum(image, item.spectrum);
            item.offsetPx = m_offsets[i];
            {
                std::lock_guard lock(m_mutex);
                m_ready.push_back(std::move(item));
            }
            m_changed.notify_all();
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        m_error = std::current_exception();
    }
    m_changed.notify_all();
}

void SpectrumPipeline::recycle(cv::Mat&& spectrum)
{
    if (spectrum.empty() || spectrum.u == nullptr || spectrum.u->refcount != 1)
        return;  // still shared: let it go
    std::lock_guard lock(m_mutex);
    if (m_free.size() < queueDepth + 1)
        m_free.push_back(std::move(spectrum));
}

SpectrumPipeline::Item SpectrumPipeline::next()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_ready.empty() || m_error; });
    if (m_ready.empty())
        std::rethrow_exception(m_error);
    Item item = std::move(m_ready.front());
    m_ready.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return item;
}

} // namespace insitu::detail
