// refineFront's per-frame pass: edge contrast at the track's ends, each frame's own position
// estimate and its standard error, calibrated against the scatter about the trajectory.

#include "front_refine_model.h"

#include "front_smoothing.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace insitu::refine_detail {

using namespace front_detail;

namespace {

/// Scale s with mean(z²/s²) = 1 over the z² that are not gross outliers (beyond kOutlierZ
/// robust σ, iterated): the errors have heavier tails than a normal, so a median-based scale
/// would leave the standard deviation of the normalised errors above 1.
double calibrationScale(std::vector<double> z2)
{
    constexpr double kMedianChiSquare1 = 0.4549; // median of χ² with one degree of freedom
    double scale2 = median(z2) / kMedianChiSquare1;
    for (int pass = 0; pass < 3; ++pass) {
        double sum = 0;
        int count = 0;
        for (double v : z2)
            if (v <= kOutlierZ * kOutlierZ * scale2) {
                sum += v;
                ++count;
            }
        if (count == 0)
            break;
        scale2 = sum / count;
    }
    return std::sqrt(scale2);
}

} // namespace

std::vector<double> edgeContrastZ(const cv::Mat& kymograph, const std::vector<int>& frames,
                                  const std::vector<double>& centre, const std::vector<bool>& fixed,
                                  int direction)
{
    const std::size_t n = frames.size();
    const int cols = kymograph.cols;
    std::vector<double> out(n, 0.0);
    std::vector<double> contrast(n, kNaN);
    std::vector<double> noise;
    for (std::size_t i = 0; i < n; ++i) {
        const int t = frames[i];
        const int c = static_cast<int>(std::lround(centre[i]));
        if (c - 5 < 0 || c + 5 >= cols)
            continue;
        const float* row = kymograph.ptr<float>(t);
        double sumL = 0, sumR = 0;
        for (int d = 2; d <= 5; ++d) {
            sumL += row[c - d];
            sumR += row[c + d];
        }
        contrast[i] = (sumR - sumL) / 4.0;
        // noise of one column: differences of neighbouring columns ahead
        for (int d = 2; d < 5; ++d)
            noise.push_back(std::abs(row[c + direction * (d + 1)] - row[c + direction * d]));
    }
    const double sigmaColumn = std::max(1.4826 * median(noise) / std::sqrt(2.0), 1e-12);
    const int half = 4;
    for (std::size_t i = 0; i < n; ++i) {
        if (fixed[i]) {
            out[i] = kNaN;
            continue;
        }
        double sum = 0;
        int count = 0;
        const std::size_t lo = i >= static_cast<std::size_t>(half) ? i - half : 0;
        const std::size_t hi = std::min(n - 1, i + half);
        for (std::size_t j = lo; j <= hi; ++j)
            if (!std::isnan(contrast[j])) {
                sum += contrast[j];
                ++count;
            }
        // one frame's contrast has variance σ²/2 (two means of 4 columns)
        out[i] = count ? (sum / count) / (sigmaColumn * std::sqrt(0.5 / count)) : 0.0;
    }
    return out;
}

std::vector<bool> edgelessEnds(const std::vector<double>& contrastZ)
{
    const std::size_t n = contrastZ.size();
    std::vector<double> finite;
    for (double z : contrastZ)
        if (!std::isnan(z))
            finite.push_back(z);
    const double sign = median(finite) >= 0 ? 1.0 : -1.0;
    const auto hasEdge = [&](std::size_t i) {
        return std::isnan(contrastZ[i]) || sign * contrastZ[i] >= kMinEndContrastZ;
    };
    std::vector<bool> out(n, false);
    for (std::size_t i = 0; i < n && !hasEdge(i); ++i)
        out[i] = true;
    for (std::size_t i = n; i > 0 && !hasEdge(i - 1); --i)
        out[i - 1] = true;
    return out;
}

double medianSpeedCols(const std::vector<double>& centre)
{
    std::vector<double> steps;
    for (std::size_t i = 1; i < centre.size(); ++i)
        steps.push_back(std::abs(centre[i] - centre[i - 1]));
    return steps.empty() ? 0.0 : median(steps);
}

void frameEstimates(const std::vector<double>& perFrame, const std::vector<bool>& valid,
                    const std::vector<bool>& fixed, const std::vector<double>& frameSse,
                    const std::vector<double>& frameInformation, const std::vector<FrameData>& data,
                    const std::vector<double>& smooth, const std::vector<double>& leverage,
                    RefinedFront& out)
{
    const std::size_t n = perFrame.size();
    out.framePositionsCol.assign(n, kNaN);
    out.frameStdCol.assign(n, kNaN);
    std::vector<double> variance(n, kNaN);
    std::vector<double> residualVariances;
    for (std::size_t i = 0; i < n; ++i) {
        const double dof = static_cast<double>(data[i].x.size()) - 1;
        if (valid[i] && !fixed[i] && std::isfinite(frameSse[i]) && frameInformation[i] > 0 &&
            dof > 0) {
            variance[i] = frameSse[i] / dof;
            residualVariances.push_back(variance[i]);
        }
    }
    if (residualVariances.empty())
        return;
    const double pooled = median(residualVariances);
    std::vector<double> se(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(variance[i]))
            continue;
        const double dof = static_cast<double>(data[i].x.size()) - 1;
        const double shrunk = (kPriorDof * pooled + dof * variance[i]) / (kPriorDof + dof);
        se[i] = std::sqrt(shrunk / frameInformation[i]);
    }
    // calibration against the scatter about the trajectory: r = y − fit has variance
    // SE²·(1 − h) for a local linear fit with leverage h
    std::vector<double> z2;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(se[i]) && i < smooth.size() && std::isfinite(smooth[i]) &&
            leverage[i] < 1) {
            const double r = perFrame[i] - smooth[i];
            z2.push_back(r * r / (se[i] * se[i] * (1 - leverage[i])));
        }
    const double scale = z2.size() >= kMinCalibrationFrames ? calibrationScale(z2) : 1.0;
    std::vector<double> finite;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(se[i])) {
            out.framePositionsCol[i] = perFrame[i];
            out.frameStdCol[i] = scale * se[i];
            finite.push_back(out.frameStdCol[i]);
        }
    const double typical = median(finite);
    for (std::size_t i = 0; i < n; ++i)
        if (fixed[i]) {
            out.framePositionsCol[i] = perFrame[i];
            out.frameStdCol[i] = typical;
        }
}

} // namespace insitu::refine_detail
