#include "insitu/roi/path.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace insitu {

namespace {

void checkPathRoi(const Roi& roi)
{
    if (roi.shape != RoiShape::Line && roi.shape != RoiShape::Polyline)
        throw Error(std::string("path ROI: a ") + roiShapeName(roi.shape) +
                    " is not a line or polyline");
    if (roi.points.size() < 2)
        throw Error("path ROI: needs at least 2 points");
    if (roi.shape == RoiShape::Line && roi.points.size() != 2)
        throw Error("path ROI: a line has exactly 2 points");
}

double segmentLength(const PointPx& a, const PointPx& b)
{
    return std::hypot(b.x - a.x, b.y - a.y);
}

template <typename T>
float bandMean(const cv::Mat& frame, const SampledPath& path, const std::vector<double>& offsets,
               std::size_t i, double dxPx, double dyPx)
{
    const int w = frame.cols;
    const int h = frame.rows;
    const double maxX = w - 1;
    const double maxY = h - 1;
    const PointPx& p = path.points[i];
    const PointPx& n = path.normals[i];
    double sum = 0;
    for (double o : offsets) {
        const double x = std::clamp(p.x + o * n.x + dxPx, 0.0, maxX);
        const double y = std::clamp(p.y + o * n.y + dyPx, 0.0, maxY);
        const int x0 = std::min(static_cast<int>(x), std::max(w - 2, 0));
        const int y0 = std::min(static_cast<int>(y), std::max(h - 2, 0));
        const int x1 = std::min(x0 + 1, w - 1);
        const int y1 = std::min(y0 + 1, h - 1);
        const double fx = x - x0;
        const double fy = y - y0;
        const T* r0 = frame.ptr<T>(y0);
        const T* r1 = frame.ptr<T>(y1);
        const double top = r0[x0] + fx * (static_cast<double>(r0[x1]) - r0[x0]);
        const double bottom = r1[x0] + fx * (static_cast<double>(r1[x1]) - r1[x0]);
        sum += top + fy * (bottom - top);
    }
    return static_cast<float>(sum / static_cast<double>(offsets.size()));
}

/// Band mean of sample i when the whole band lies inside the frame (no clamping): the band's
/// points are equally spaced along the normal, so coordinates are stepped, not recomputed.
template <typename T>
float bandMeanInside(const cv::Mat& frame, const PointPx& p, const PointPx& n, double firstOffset,
                     int count, double dxPx, double dyPx)
{
    const auto* data = frame.data;
    const std::size_t step = frame.step[0];
    const double x0 = p.x + firstOffset * n.x + dxPx;
    const double y0 = p.y + firstOffset * n.y + dyPx;
    double sums[2] = {0, 0}; // two chains: the additions do not wait on each other
    for (int k = 0; k < count; ++k) {
        const double x = x0 + k * n.x; // from the start, not stepped: no dependency chain
        const double y = y0 + k * n.y;
        const int xi = static_cast<int>(x);
        const int yi = static_cast<int>(y);
        const double fx = x - xi;
        const double fy = y - yi;
        const T* r0 = reinterpret_cast<const T*>(data + static_cast<std::size_t>(yi) * step) + xi;
        const T* r1 = reinterpret_cast<const T*>(reinterpret_cast<const std::uint8_t*>(r0) + step);
        const double top = r0[0] + fx * (static_cast<double>(r0[1]) - r0[0]);
        const double bottom = r1[0] + fx * (static_cast<double>(r1[1]) - r1[0]);
        sums[k & 1] += top + fy * (bottom - top);
    }
    return static_cast<float>((sums[0] + sums[1]) / count);
}

template <typename T>
void profileTyped(const cv::Mat& frame, const SampledPath& path, double dxPx, double dyPx,
                  float* out)
{
    const auto offsets = bandOffsetsPx(path.widthPx);
    const int count = static_cast<int>(offsets.size());
    const double first = offsets.front();
    const double last = offsets.back();
    // strictly inside [0, size − 1) so the +1 neighbours exist and nothing needs clamping
    const double maxX = frame.cols - 1.0;
    const double maxY = frame.rows - 1.0;
    const auto inside = [&](double x, double y) {
        return x >= 0 && y >= 0 && x < maxX && y < maxY;
    };
    for (std::size_t i = 0; i < path.points.size(); ++i) {
        const PointPx& p = path.points[i];
        const PointPx& n = path.normals[i];
        if (inside(p.x + first * n.x + dxPx, p.y + first * n.y + dyPx) &&
            inside(p.x + last * n.x + dxPx, p.y + last * n.y + dyPx))
            out[i] = bandMeanInside<T>(frame, p, n, first, count, dxPx, dyPx);
        else
            out[i] = bandMean<T>(frame, path, offsets, i, dxPx, dyPx);
    }
}

} // namespace

double pathLengthPx(const Roi& roi)
{
    checkPathRoi(roi);
    double length = 0;
    for (std::size_t i = 1; i < roi.points.size(); ++i)
        length += segmentLength(roi.points[i - 1], roi.points[i]);
    return length;
}

PointPx pointAtArcLength(const Roi& roi, double sPx)
{
    checkPathRoi(roi);
    double remaining = std::max(sPx, 0.0);
    for (std::size_t i = 1; i < roi.points.size(); ++i) {
        const PointPx& a = roi.points[i - 1];
        const PointPx& b = roi.points[i];
        const double len = segmentLength(a, b);
        if (remaining <= len && len > 0) {
            const double f = remaining / len;
            return {a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)};
        }
        remaining -= len;
    }
    return roi.points.back();
}

SampledPath samplePath(const Roi& roi, double stepPx)
{
    checkPathRoi(roi);
    if (!(stepPx > 0))
        throw Error("path ROI: the sampling step must be > 0 px");
    SampledPath path;
    path.stepPx = stepPx;
    path.widthPx = std::max(roi.widthPx, 1.0);
    path.lengthPx = pathLengthPx(roi);
    if (path.lengthPx < stepPx)
        throw Error("path ROI: shorter than one sampling step");
    const auto count = static_cast<std::size_t>(std::floor(path.lengthPx / stepPx + 1e-9)) + 1;
    path.points.reserve(count);
    path.normals.reserve(count);
    std::size_t segment = 1;
    double segmentStart = 0; // arc length at roi.points[segment - 1]
    for (std::size_t i = 0; i < count; ++i) {
        const double s = static_cast<double>(i) * stepPx;
        // advance to the segment holding s (skipping zero-length ones)
        while (segment + 1 < roi.points.size() &&
               (segmentStart + segmentLength(roi.points[segment - 1], roi.points[segment]) < s ||
                segmentLength(roi.points[segment - 1], roi.points[segment]) == 0)) {
            segmentStart += segmentLength(roi.points[segment - 1], roi.points[segment]);
            ++segment;
        }
        const PointPx& a = roi.points[segment - 1];
        const PointPx& b = roi.points[segment];
        const double len = segmentLength(a, b);
        const double tx = len > 0 ? (b.x - a.x) / len : 1.0;
        const double ty = len > 0 ? (b.y - a.y) / len : 0.0;
        const double f = std::clamp(s - segmentStart, 0.0, len);
        path.points.push_back({a.x + f * tx, a.y + f * ty});
        path.normals.push_back({-ty, tx});
    }
    return path;
}

std::vector<double> bandOffsetsPx(double widthPx)
{
    const int n = std::max(1, static_cast<int>(std::lround(widthPx)));
    std::vector<double> offsets(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j)
        offsets[static_cast<std::size_t>(j)] = j - (n - 1) / 2.0;
    return offsets;
}

void sampleBandProfile(const cv::Mat& frame, const SampledPath& path, double dxPx, double dyPx,
                       float* out)
{
    if (frame.empty() || frame.channels() != 1)
        throw Error("path profile: the frame must be a non-empty single-channel image");
    switch (frame.depth()) {
    case CV_8U:
        profileTyped<std::uint8_t>(frame, path, dxPx, dyPx, out);
        return;
    case CV_8S:
        profileTyped<std::int8_t>(frame, path, dxPx, dyPx, out);
        return;
    case CV_16U:
        profileTyped<std::uint16_t>(frame, path, dxPx, dyPx, out);
        return;
    case CV_16S:
        profileTyped<std::int16_t>(frame, path, dxPx, dyPx, out);
        return;
    case CV_32S:
        profileTyped<std::int32_t>(frame, path, dxPx, dyPx, out);
        return;
    case CV_32F:
        profileTyped<float>(frame, path, dxPx, dyPx, out);
        return;
    case CV_64F:
        profileTyped<double>(frame, path, dxPx, dyPx, out);
        return;
    default:
        throw Error("path profile: unsupported pixel depth");
    }
}

double bilinearAt(const cv::Mat& image, double x, double y)
{
    SampledPath one;
    one.points = {{x, y}};
    one.normals = {{0, 1}};
    one.widthPx = 1;
    float value = 0;
    sampleBandProfile(image, one, 0, 0, &value);
    return value;
}

} // namespace insitu
