#pragma once
// SpectrumCache: first-pass spectra kept in half precision, within a memory budget.

#include <opencv2/core.hpp>

#include <cstddef>
#include <vector>

namespace insitu::detail {

/// Holds the spectra of as many frames as fit in a byte budget, as IEEE half floats with a
/// per-frame scale (relative precision 5e-4, far below the Poisson noise of any bin).
/// Frames beyond the budget are not kept; the caller recomputes them and passes them through
/// roundTrip() so that every frame sees the same precision whatever the budget.
class SpectrumCache
{
public:
    SpectrumCache(int frameCount, std::size_t budgetBytes);

    /// Keeps frame's spectrum (CV_32FC2) when the budget allows; returns whether it did.
    bool store(int frame, const cv::Mat& spectrum);
    [[nodiscard]] bool contains(int frame) const;
    /// The kept spectrum of frame as CV_32FC2 into out (reusing its memory).
    void load(int frame, cv::Mat& out) const;
    /// spectrum as it would come back from store() + load(), in place.
    static void roundTrip(cv::Mat& spectrum);

private:
    struct Entry
    {
        cv::Mat half; // CV_16FC2, spectrum / scale
        double scale = 0;
    };
    static Entry encode(const cv::Mat& spectrum);
    std::vector<Entry> m_entries;
    std::size_t m_budgetBytes;
    std::size_t m_usedBytes = 0;
};

} // namespace insitu::detail
