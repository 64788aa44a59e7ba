// The wire's width across a path ROI from perpendicular profiles of the first frames' mean.

#include "insitu/front/wire_width.h"

#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/roi/path.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace insitu {

namespace {

constexpr double kOffsetStepPx = 0.5;     // sampling step across the path
constexpr double kWireLevelReachPx = 1.5; // the wire level: mean within this of the path
constexpr double kEdgeSearchPx = 3;       // steepest change searched this far from the crossing
constexpr double kProfileSmoothingPx = 1; // Gaussian σ before differentiating

double medianOf(std::vector<double> values)
{
    if (values.empty())
        return NAN;
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    if (values.size() % 2 == 1)
        return *mid;
    return 0.5 * (*mid + *std::max_element(values.begin(), mid));
}

double madSd(const std::vector<double>& values)
{
    const double centre = medianOf(values);
    std::vector<double> deviations;
    deviations.reserve(values.size());
    for (double v : values)
        deviations.push_back(std::abs(v - centre));
    return 1.4826 * medianOf(deviations);
}

/// Mean of the first frames sampled across the path: row i = path sample i, column j = offset
/// −reach + j·kOffsetStepPx along the normal (drift-corrected coordinates, as the kymograph).
cv::Mat crossSections(const Movie& movie, const SampledPath& path, const DriftResult* drift,
                      int frames, double reachPx)
{
    const int offsetCount = static_cast<int>(std::lround(2 * reachPx / kOffsetStepPx)) + 1;
    cv::Mat sum(path.size(), offsetCount, CV_64F, cv::Scalar(0));
    for (int k = 0; k < frames; ++k) {
        const cv::Mat frame = movie.frameFloat(k);
        const double dx = drift ? drift->dxPx[static_cast<std::size_t>(k)] : 0.0;
        const double dy = drift ? drift->dyPx[static_cast<std::size_t>(k)] : 0.0;
        for (int i = 0; i < path.size(); ++i) {
            const PointPx& p = path.points[static_cast<std::size_t>(i)];
            const PointPx& n = path.normals[static_cast<std::size_t>(i)];
            double* row = sum.ptr<double>(i);
            for (int j = 0; j < offsetCount; ++j) {
                const double o = -reachPx + j * kOffsetStepPx;
                row[j] += bilinearAt(frame, p.x + o * n.x + dx, p.y + o * n.y + dy);
            }
        }
    }
    return sum / frames;
}

/// Sub-sample index of the largest value of score[from..to] (parabolic peak); nullopt when the
/// largest value sits on the window's border (no peak inside it).
std::optional<double> peakIndex(const std::vector<double>& score, int from, int to)
{
    from = std::max(from, 1);
    to = std::min(to, static_cast<int>(score.size()) - 2);
    if (from > to)
        return std::nullopt;
    int best = from;
    for (int j = from; j <= to; ++j)
        if (score[static_cast<std::size_t>(j)] > score[static_cast<std::size_t>(best)])
            best = j;
    const double left = score[static_cast<std::size_t>(best - 1)];
    const double centre = score[static_cast<std::size_t>(best)];
    const double right = score[static_cast<std::size_t>(best + 1)];
    if (left > centre || right > centre)
        return std::nullopt;
    const double curvature = left - 2 * centre + right;
    const double shift = curvature < 0 ? 0.5 * (left - right) / curvature : 0.0;
    return best + std::clamp(shift, -0.5, 0.5);
}

/// Offset (px) of the wire's edge on one side (side = −1 or +1) of a smoothed profile whose
/// centre (offset 0) is at index centre; nullopt when there is no edge: no crossing, or a change
/// slower than minSharpness × contrast per px (a smooth illumination gradient, not an edge).
std::optional<double> edgeOffsetPx(const std::vector<double>& profile, int centre, int side,
                                   double wireLevel, double background, double minSharpness)
{
    const double half = 0.5 * (wireLevel + background);
    const double towardsBackground = background > wireLevel ? 1.0 : -1.0;
    const int last = side < 0 ? 0 : static_cast<int>(profile.size()) - 1;
    int crossing = -1;
    for (int j = centre; j != last; j += side)
        if ((profile[static_cast<std::size_t>(j + side)] - half) * towardsBackground >= 0) {
            crossing = j + side;
            break;
        }
    if (crossing < 0)
        return std::nullopt;
    // change towards the background, per px outwards, centred on each sample
    std::vector<double> outwardChange(profile.size(), 0.0);
    for (std::size_t j = 1; j + 1 < profile.size(); ++j)
        outwardChange[j] =
            side * towardsBackground * (profile[j + 1] - profile[j - 1]) / (2 * kOffsetStepPx);
    const int reach = static_cast<int>(std::lround(kEdgeSearchPx / kOffsetStepPx));
    const auto peak = peakIndex(outwardChange, crossing - reach, crossing + reach);
    if (!peak || outwardChange[static_cast<std::size_t>(std::lround(*peak))] <
                     minSharpness * std::abs(background - wireLevel))
        return std::nullopt;
    const double offset = (*peak - centre) * kOffsetStepPx;
    if (offset * side <= 0)
        return std::nullopt;
    return offset;
}

} // namespace

WireWidth estimateWireWidthPx(const Movie& movie, const Roi& pathRoi, const DriftResult* drift,
                              const WireWidthOptions& options)
{
    const SampledPath path = samplePath(pathRoi, 1.0);
    if (drift && drift->frameCount() != movie.frameCount())
        throw Error("wire width: the drift result has " + std::to_string(drift->frameCount()) +
                    " frames, the movie " + std::to_string(movie.frameCount()));
    if (!(options.maxHalfWidthPx > 2 * kEdgeSearchPx) || !(options.profileSpacingPx > 0) ||
        options.frames < 1)
        throw Error("wire width: frames, profile reach and spacing must be positive");
    const int frames = std::min(options.frames, movie.frameCount());
    const double reachPx = options.maxHalfWidthPx;
    const cv::Mat sections = crossSections(movie, path, drift, frames, reachPx);

    const int offsetCount = sections.cols;
    const int centre = offsetCount / 2; // offset 0
    const int wireReach = static_cast<int>(std::lround(kWireLevelReachPx / kOffsetStepPx));
    const int backgroundFrom = static_cast<int>(std::lround(0.5 * reachPx / kOffsetStepPx));
    const int halfAlong = std::max(0, static_cast<int>(std::lround(options.alongAveragePx / 2)));

    WireWidth result;
    std::vector<double> widths;
    for (double s = halfAlong; s <= path.size() - 1 - halfAlong; s += options.profileSpacingPx) {
        ++result.profilesTried;
        const int i0 = static_cast<int>(std::lround(s)) - halfAlong;
        const int i1 = static_cast<int>(std::lround(s)) + halfAlong;
        cv::Mat profileMat;
        cv::reduce(sections.rowRange(i0, i1 + 1), profileMat, 0, cv::REDUCE_AVG, CV_64F);
        cv::GaussianBlur(profileMat, profileMat, cv::Size(0, 0),
                         kProfileSmoothingPx / kOffsetStepPx, 0, cv::BORDER_REPLICATE);
        const std::vector<double> profile(profileMat.begin<double>(), profileMat.end<double>());

        double wireLevel = 0;
        for (int j = centre - wireReach; j <= centre + wireReach; ++j)
            wireLevel += profile[static_cast<std::size_t>(j)];
        wireLevel /= 2 * wireReach + 1;
        const std::vector<double> leftOuter(profile.begin(),
                                            profile.begin() + (centre - backgroundFrom) + 1);
        const std::vector<double> rightOuter(profile.begin() + (centre + backgroundFrom),
                                             profile.end());
        const double leftBackground = medianOf(leftOuter);
        const double rightBackground = medianOf(rightOuter);
        std::vector<double> outer = leftOuter;
        outer.insert(outer.end(), rightOuter.begin(), rightOuter.end());
        const double noise = std::max(madSd(outer), 1e-12);
        // both backgrounds on the same side of the wire level, clear of the noise and of slow
        // level changes
        const double contrast =
            std::min(std::abs(leftBackground - wireLevel), std::abs(rightBackground - wireLevel));
        if ((leftBackground - wireLevel) * (rightBackground - wireLevel) <= 0 ||
            contrast < options.minContrastSigmas * noise ||
            contrast < options.minRelativeContrast *
                           std::max(std::abs(leftBackground), std::abs(rightBackground)))
            continue;
        const auto left = edgeOffsetPx(profile, centre, -1, wireLevel, leftBackground,
                                       options.minEdgeSharpnessPerPx);
        const auto right = edgeOffsetPx(profile, centre, +1, wireLevel, rightBackground,
                                        options.minEdgeSharpnessPerPx);
        if (!left || !right)
            continue;
        widths.push_back(*right - *left);
    }
    result.profileCount = static_cast<int>(widths.size());
    result.found = result.profileCount >= 3 && 4 * result.profileCount >= result.profilesTried;
    if (!widths.empty()) {
        result.widthPx = medianOf(widths);
        result.spreadPx = madSd(widths);
    }
    return result;
}

BandWidthChoice defaultBandWidthPx(const WireWidth& wire)
{
    if (!wire.found || !std::isfinite(wire.widthPx))
        return {};
    return {std::clamp(std::round(0.75 * wire.widthPx), 5.0, 100.0), "wire"};
}

} // namespace insitu
