#include "speed_scales.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

constexpr double kSlowMaxPxPerFrame = 3.0; // the slowest scale: unbinned, options' smoothing
constexpr double kAutoSpeedsPxPerFrame[] = {kSlowMaxPxPerFrame, 8.0, 20.0};
constexpr int kMaxStepBins = 4; // binning keeps faster scales' bounds near this
constexpr double kMinTimeSigmaFrames = 0.3;
constexpr double kMinEdgeSigmaBins = 0.75;

SpeedScale scaleFor(double maxSpeedPx, const FrontOptions& options, double stepPx, bool slowest)
{
    SpeedScale s;
    s.maxSpeedCols = maxSpeedPx / stepPx;
    const int maxStepCols = std::max(1, static_cast<int>(std::ceil(s.maxSpeedCols - 1e-9)));
    s.binCols = slowest ? 1 : std::max(1, maxStepCols / kMaxStepBins);
    s.maxStepBins = std::max(1, (maxStepCols + s.binCols - 1) / s.binCols);
    s.timeSigmaFrames =
        slowest ? options.timeSigmaFrames
                : std::max(kMinTimeSigmaFrames, options.timeSigmaFrames *
                                                    std::min(1.0, kSlowMaxPxPerFrame / maxSpeedPx));
    s.maxLagFrames = slowest ? 16 : 1;
    s.textureFreeNoise = !slowest;
    s.edgeSigmaBins = slowest ? options.edgeSigmaPx
                              : std::max(kMinEdgeSigmaBins, options.edgeSigmaPx / s.binCols);
    return s;
}

} // namespace

std::vector<SpeedScale> speedScales(const FrontOptions& options, double stepPx)
{
    const double step = stepPx > 0 ? stepPx : 1.0;
    const double cap = options.maxStepPxPerFrame; // 0: automatic, the full range
    std::vector<SpeedScale> out;
    for (double speed : kAutoSpeedsPxPerFrame) {
        const double top = cap > 0 ? std::min(speed, cap) : speed;
        out.push_back(scaleFor(top, options, step, out.empty()));
        if (cap > 0 && cap <= speed)
            return out;
    }
    if (cap > kAutoSpeedsPxPerFrame[std::size(kAutoSpeedsPxPerFrame) - 1])
        out.push_back(scaleFor(cap, options, step, false));
    return out;
}

FrontOptions scaleOptions(const FrontOptions& options, const SpeedScale& scale)
{
    FrontOptions o = options;
    o.timeSigmaFrames = scale.timeSigmaFrames;
    o.edgeSigmaPx = scale.edgeSigmaBins;
    return o;
}

cv::Mat binColumns(const cv::Mat& kymograph, int binCols)
{
    if (binCols <= 1)
        return kymograph;
    const int bins = (kymograph.cols + binCols - 1) / binCols;
    cv::Mat out(kymograph.rows, bins, CV_32F);
    for (int t = 0; t < kymograph.rows; ++t) {
        const float* in = kymograph.ptr<float>(t);
        float* o = out.ptr<float>(t);
        for (int b = 0; b < bins; ++b) {
            const int lo = b * binCols;
            const int hi = std::min(kymograph.cols, lo + binCols);
            float sum = 0;
            for (int x = lo; x < hi; ++x)
                sum += in[x];
            o[b] = sum / static_cast<float>(hi - lo);
        }
    }
    return out;
}

} // namespace insitu
