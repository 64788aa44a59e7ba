#include "spectrum_pipeline.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace insitu::detail {

namespace {
constexpr std::size_t queueDepth = 3;
}

namespace {

/// Wide-range pixels (32-bit integers, floats) as float32 of zero mean and unit variance over
/// their finite pixels, computed in double: values near 1e11 or 1e-15 keep their contrast and
/// NaN/inf pixels become the mean (0). A flat or all-non-finite region becomes all zeros,
/// which the correlator rates quality 0 (flagged and interpolated).
cv::Mat normalisedFloat32(const Frame& region)
{
    cv::Mat values = region.toFloat64();
    cv::Mat finite = (values == values); // NaN fails x == x
    finite &= cv::abs(values) <= std::numeric_limits<double>::max();
    cv::Mat out = cv::Mat::zeros(values.size(), CV_32F);
    if (cv::countNonZero(finite) == 0)
        return out;
    // centre first: E[x²] − E[x]² would cancel catastrophically for values near 1e11
    cv::Mat centred = values - cv::mean(values, finite)[0];
    cv::Scalar mean, deviation;
    cv::meanStdDev(centred, mean, deviation, finite);
    if (!(deviation[0] > 0.0) || !std::isfinite(deviation[0]))
        return out;
    cv::Mat scaled = (centred - mean[0]) / deviation[0];
    scaled.setTo(0.0, ~finite);
    scaled.convertTo(out, CV_32F);
    return out;
}

bool isWideRange(PixelType type)
{
    return type == PixelType::UInt32 || type == PixelType::Int32 || type == PixelType::Float32 ||
           type == PixelType::Float64;
}

} // namespace

cv::Mat registrationImage(const Movie& movie, int index, const RegistrationGeometry& geometry,
                          cv::Point offsetPx)
{
    const Frame frame = movie.frame(index);
    cv::Rect region = geometry.regionPx;
    region.x = std::clamp(region.x + offsetPx.x, 0, frame.width() - region.width);
    region.y = std::clamp(region.y + offsetPx.y, 0, frame.height() - region.height);
    const bool wide = isWideRange(frame.type());
    if (geometry.binning == 1 && !wide)
        return frame.mat()(region); // the correlator reads the native type (no copy)
    cv::Mat image = wide ? normalisedFloat32(Frame(frame.mat()(region), frame.type()))
                         : Frame(frame.mat()(region), frame.type()).toFloat32();
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
                                   std::vector<cv::Point> offsetsPx, int workers)
    : m_movie(movie), m_geometry(geometry), m_correlator(correlator), m_frames(std::move(frames)),
      m_offsets(std::move(offsetsPx))
{
    m_offsets.resize(m_frames.size(), cv::Point(0, 0));
    // 0 workers: next() computes each spectrum on the caller's thread (a thread budget of one).
    const int count = std::clamp(workers, 0, std::max(1, static_cast<int>(m_frames.size())));
    for (int w = 0; w < count; ++w)
        m_workers.emplace_back([this] { run(); });
}

SpectrumPipeline::~SpectrumPipeline()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    for (auto& worker : m_workers)
        worker.join();
}

void SpectrumPipeline::run()
{
    try {
        for (;;) {
            Item item;
            std::size_t position = 0;
            {
                std::unique_lock lock(m_mutex);
                // Stay at most queueDepth positions ahead of the consumer.
                m_changed.wait(lock, [this] {
                    return m_stop || m_error || m_nextToStart >= m_frames.size() ||
                           m_nextToStart < m_nextToHand + queueDepth;
                });
                if (m_stop || m_error || m_nextToStart >= m_frames.size())
                    return;
                position = m_nextToStart++;
                if (!m_free.empty()) {
                    item.spectrum = std::move(m_free.back());
                    m_free.pop_back();
                }
            }
            item.frame = m_frames[position];
            item.offsetPx = m_offsets[position];
            const cv::Mat image = registrationImage(m_movie, item.frame, m_geometry, item.offsetPx);
            m_correlator.spectrum(image, item.spectrum);
            {
                std::lock_guard lock(m_mutex);
                m_ready.emplace(position, std::move(item));
            }
            m_changed.notify_all();
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = std::current_exception();
    }
    m_changed.notify_all();
}

void SpectrumPipeline::recycle(cv::Mat&& spectrum)
{
    if (spectrum.empty() || spectrum.u == nullptr || spectrum.u->refcount != 1)
        return; // still shared: let it go
    std::lock_guard lock(m_mutex);
    if (m_free.size() < queueDepth + std::max<std::size_t>(1, m_workers.size()))
        m_free.push_back(std::move(spectrum));
}

SpectrumPipeline::Item SpectrumPipeline::next()
{
    if (m_workers.empty()) { // inline: the caller's thread does the work, in list order
        Item item;
        if (!m_free.empty()) {
            item.spectrum = std::move(m_free.back());
            m_free.pop_back();
        }
        const std::size_t position = m_nextToHand++;
        item.frame = m_frames.at(position);
        item.offsetPx = m_offsets[position];
        m_correlator.spectrum(registrationImage(m_movie, item.frame, m_geometry, item.offsetPx),
                              item.spectrum);
        return item;
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_ready.count(m_nextToHand) > 0 || m_error; });
    const auto found = m_ready.find(m_nextToHand);
    if (found == m_ready.end())
        std::rethrow_exception(m_error);
    Item item = std::move(found->second);
    m_ready.erase(found);
    ++m_nextToHand;
    lock.unlock();
    m_changed.notify_all();
    return item;
}

} // namespace insitu::detail
