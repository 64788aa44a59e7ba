#include "spectrum_cache.h"

#include <cmath>

namespace insitu::detail {

namespace {
/// Largest magnitude stored, well inside the half-float range (65504) so sums cannot overflow.
constexpr double halfFullScale = 16384.0;
} // namespace

SpectrumCache::SpectrumCache(int frameCount, std::size_t budgetBytes)
    : m_entries(static_cast<std::size_t>(std::max(frameCount, 0))), m_budgetBytes(budgetBytes)
{
}

SpectrumCache::Entry SpectrumCache::encode(const cv::Mat& spectrum)
{
    double low = 0;
    double high = 0;
    cv::minMaxLoc(spectrum.reshape(1), &low, &high);
    Entry entry;
    const double largest = std::max(std::abs(low), std::abs(high));
    entry.scale = largest > 0.0 ? largest / halfFullScale : 1.0;
    spectrum.convertTo(entry.half, CV_16F, 1.0 / entry.scale);
    return entry;
}

bool SpectrumCache::store(int frame, const cv::Mat& spectrum)
{
    const std::size_t bytes = spectrum.total() * spectrum.channels() * sizeof(std::uint16_t);
    if (frame < 0 || static_cast<std::size_t>(frame) >= m_entries.size() ||
        m_usedBytes + bytes > m_budgetBytes)
        return false;
    m_entries[static_cast<std::size_t>(frame)] = encode(spectrum);
    m_usedBytes += bytes;
    return true;
}

bool SpectrumCache::contains(int frame) const
{
    return frame >= 0 && static_cast<std::size_t>(frame) < m_entries.size() &&
           !m_entries[static_cast<std::size_t>(frame)].half.empty();
}

void SpectrumCache::load(int frame, cv::Mat& out) const
{
    const Entry& entry = m_entries.at(static_cast<std::size_t>(frame));
    entry.half.convertTo(out, CV_32F, entry.scale);
}

void SpectrumCache::roundTrip(cv::Mat& spectrum)
{
    const Entry entry = encode(spectrum);
    entry.half.convertTo(spectrum, CV_32F, entry.scale);
}

} // namespace insitu::detail
