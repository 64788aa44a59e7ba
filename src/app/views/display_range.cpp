#include "views/display_range.h"

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {
/// Float values on a regular subsample (every step-th row and column).
std::vector<float> subsample(const Frame& frame, std::size_t maxSamples)
{
    const cv::Mat values = frame.mat().depth() == CV_32F ? frame.mat() : frame.toFloat32();
    const int step = std::max(1, static_cast<int>(std::ceil(
                                     std::sqrt(static_cast<double>(values.total()) / maxSamples))));
    std::vector<float> samples;
    samples.reserve(values.total() / (static_cast<std::size_t>(step) * step) + values.rows);
    for (int r = 0; r < values.rows; r += step) {
        const float* row = values.ptr<float>(r);
        for (int c = 0; c < values.cols; c += step)
            if (std::isfinite(row[c]))
                samples.push_back(row[c]);
    }
    return samples;
}
} // namespace

std::pair<double, double> percentileRange(const Frame& frame, double lowQuantile,
                                          double highQuantile)
{
    if (frame.empty())
        return {0.0, 1.0};
    std::vector<float> samples = subsample(frame, 65536);
    if (samples.empty())
        return {0.0, 1.0};
    auto at = [&samples](double q) {
        auto nth = samples.begin() + static_cast<long>(q * static_cast<double>(samples.size() - 1));
        std::nth_element(samples.begin(), nth, samples.end());
        return static_cast<double>(*nth);
    };
    const double low = at(lowQuantile);
    const double high = at(highQuantile);
    return {low, high > low ? high : low + 1.0};
}

std::vector<int> frameHistogram(const Frame& frame, int bins, double low, double high)
{
    std::vector<int> counts(static_cast<std::size_t>(std::max(bins, 1)), 0);
    if (frame.empty() || !(high > low))
        return counts;
    const double scale = bins / (high - low);
    for (float v : subsample(frame, 262144)) {
        const int bin = std::clamp(static_cast<int>((v - low) * scale), 0, bins - 1);
        ++counts[static_cast<std::size_t>(bin)];
    }
    return counts;
}

QImage renderGrey(const Frame& frame, double low, double high)
{
    if (frame.empty())
        return {};
    cv::Mat grey;
    const double scale = 255.0 / (high > low ? high - low : 1.0);
    // convertTo saturates, so values outside the range clip to black/white. uint32 is stored in
    // CV_32S bit for bit and needs the float path.
    if (frame.type() == PixelType::UInt32)
        frame.toFloat32().convertTo(grey, CV_8U, scale, -low * scale);
    else
        frame.mat().convertTo(grey, CV_8U, scale, -low * scale);
    return QImage(grey.data, grey.cols, grey.rows, static_cast<qsizetype>(grey.step),
                  QImage::Format_Grayscale8)
        .copy();
}

} // namespace insitu::app
