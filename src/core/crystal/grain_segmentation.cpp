// Grain segmentation: boundary-strength map, distance-transform markers, flooding, merging.

#include "insitu/crystal/grain_segmentation.h"

#include "grain_watershed.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace insitu {

namespace {

/// Reach of a mask edge's step in the boundary map, in low-pass σ (the Gaussian's tail plus the
/// Scharr and top-hat footprints).
constexpr double kEdgeReachSigmas = 3.0;

cv::Mat toFloat(const cv::Mat& image)
{
    if (image.channels() != 1)
        throw Error("grains: the image must have a single channel");
    cv::Mat f;
    image.convertTo(f, CV_32F);
    return f;
}

/// Robust significance of f over its typical (median) level: (f − median) / (1.4826·MAD),
/// the statistics taken where mask != 0 (all pixels when mask is empty).
cv::Mat significance(const cv::Mat& f, const cv::Mat& mask)
{
    std::vector<float> v;
    v.reserve(f.total());
    for (int y = 0; y < f.rows; y += 2)
        for (int x = 0; x < f.cols; x += 2)
            if (mask.empty() || mask.at<unsigned char>(y, x) != 0)
                v.push_back(f.at<float>(y, x));
    if (v.empty())
        return cv::Mat::zeros(f.size(), CV_32F);
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    const float median = *mid;
    for (float& x : v)
        x = std::abs(x - median);
    std::nth_element(v.begin(), mid, v.end());
    const double mad = std::max(1e-12, 1.4826 * static_cast<double>(*mid));
    return (f - median) / mad;
}

/// Markers from the distance to strong boundary pixels: the components of distance > depthPx,
/// each split again at neckFraction of its own largest distance, so grains joined through a
/// gap in their boundary (a neck narrower than the grains) get a marker each.
cv::Mat splitAtNecks(const cv::Mat& distance, double depthPx, double neckFraction)
{
    cv::Mat coarse;
    const int count = cv::connectedComponents(distance > depthPx, coarse, 8, CV_32S);
    std::vector<float> peak(static_cast<std::size_t>(count), 0.0F);
    for (int y = 0; y < distance.rows; ++y) {
        const int* c = coarse.ptr<int>(y);
        const float* d = distance.ptr<float>(y);
        for (int x = 0; x < distance.cols; ++x)
            peak[static_cast<std::size_t>(c[x])] =
                std::max(peak[static_cast<std::size_t>(c[x])], d[x]);
    }
    cv::Mat seeds(distance.size(), CV_8U, cv::Scalar(0));
    for (int y = 0; y < distance.rows; ++y) {
        const int* c = coarse.ptr<int>(y);
        const float* d = distance.ptr<float>(y);
        unsigned char* s = seeds.ptr<unsigned char>(y);
        for (int x = 0; x < distance.cols; ++x)
            if (c[x] > 0 &&
                d[x] > std::max(depthPx, neckFraction * peak[static_cast<std::size_t>(c[x])]))
                s[x] = 255;
    }
    cv::Mat markers;
    cv::connectedComponents(seeds, markers, 8, CV_32S);
    return markers;
}

/// 1 − coherence of the image's structure tensor smoothed at sigmaPx: about 0 inside a grain
/// (its lattice fringes run one way), higher where fringes of two orientations meet.
cv::Mat latticeIncoherence(const cv::Mat& image, double sigmaPx)
{
    const cv::Mat f = toFloat(image);
    cv::Mat ix, iy;
    cv::Scharr(f, ix, CV_32F, 1, 0);
    cv::Scharr(f, iy, CV_32F, 0, 1);
    cv::Mat jxx = ix.mul(ix), jyy = iy.mul(iy), jxy = ix.mul(iy);
    for (cv::Mat* j : {&jxx, &jyy, &jxy})
        cv::GaussianBlur(*j, *j, cv::Size(), sigmaPx);
    cv::Mat anisotropy;
    cv::magnitude(jxx - jyy, 2 * jxy, anisotropy);
    cv::Mat trace = jxx + jyy + 1e-6;
    return 1 - anisotropy / trace;
}

} // namespace

double minGrainAreaPx(const GrainOptions& options, std::optional<double> nmPerPixel)
{
    double ecdPx = options.minGrainPx;
    if (nmPerPixel && *nmPerPixel > 0)
        ecdPx = std::max(ecdPx, options.minGrainNm / *nmPerPixel);
    return 3.14159265358979323846 / 4 * ecdPx * ecdPx;
}

cv::Mat grainBoundaryMap(const cv::Mat& image, const GrainOptions& options, const cv::Mat& mask)
{
    cv::Mat smooth;
    cv::GaussianBlur(toFloat(image), smooth, cv::Size(), options.smoothSigmaPx);
    cv::Mat gx, gy, gradient;
    cv::Scharr(smooth, gx, CV_32F, 1, 0);
    cv::Scharr(smooth, gy, CV_32F, 0, 1);
    cv::magnitude(gx, gy, gradient);
    const int size = 2 * static_cast<int>(std::ceil(2 * options.smoothSigmaPx)) + 1;
    cv::Mat ridge;
    cv::morphologyEx(smooth, ridge, cv::MORPH_BLACKHAT,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(size, size)));
    cv::Mat map = cv::max(significance(gradient, mask), significance(ridge, mask));
    if (options.orientationSigmaPx > 0)
        map =
            cv::max(map, significance(latticeIncoherence(image, options.orientationSigmaPx), mask));
    map *= 1.0 / options.boundarySaturationZ;
    cv::min(map, 1.0, map);
    cv::max(map, 0.0, map);
    return map;
}

GrainSegmentation segmentGrains(const cv::Mat& image, std::optional<double> nmPerPixel,
                                const GrainOptions& options, const cv::Mat& mask)
{
    if (image.empty())
        throw Error("grains: empty image");
    if (!mask.empty() && (mask.size() != image.size() || mask.type() != CV_8U))
        throw Error("grains: the mask must be CV_8U of the image's size");
    GrainSegmentation out;
    out.nmPerPixel = nmPerPixel;
    out.boundaryMap = grainBoundaryMap(image, options, mask);
    out.boundaryThreshold = options.markerZ / options.boundarySaturationZ;

    // Markers: far from strong boundary pixels (robust to gaps: a gap is narrow).
    cv::Mat weak = out.boundaryMap < out.boundaryThreshold;
    if (!mask.empty())
        weak &= mask;
    cv::Mat distance;
    cv::distanceTransform(weak, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    const double minAreaPx = minGrainAreaPx(options, nmPerPixel);
    const double minRadiusPx = std::sqrt(minAreaPx / 3.14159265358979323846);
    const double depthPx = std::max(1.0, options.markerDepthFraction * minRadiusPx);
    const cv::Mat markers = splitAtNecks(distance, depthPx, options.neckFraction);

    out.labels = grains::floodFromMarkers(out.boundaryMap, markers, mask);
    // The mask's edge (a step to a pore or amorphous region) is no grain boundary: borders are
    // judged away from it, beyond the reach of the low-pass and the boundary filters.
    cv::Mat inner;
    if (!mask.empty()) {
        const int reach =
            2 * static_cast<int>(std::ceil(kEdgeReachSigmas * options.smoothSigmaPx)) + 1;
        cv::erode(mask, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(reach, reach)),
                  cv::Point(-1, -1), 1, cv::BORDER_CONSTANT, cv::Scalar(255));
    }
    grains::mergeWeakBoundaries(out.labels, out.boundaryMap,
                                options.mergeThreshold * out.boundaryThreshold, inner);
    grains::absorbSmallRegions(out.labels, out.boundaryMap, minAreaPx, inner);
    if (!mask.empty()) {
        out.labels.setTo(0, mask == 0);
        grains::relabelConsecutive(out.labels);
        // Pieces cut by the mask smaller than a grain are not grains.
        std::vector<Grain> pieces = measureGrains(out.labels, nmPerPixel);
        std::vector<char> drop(pieces.size() + 1, 0);
        for (const Grain& g : pieces)
            drop[static_cast<std::size_t>(g.id)] = g.areaPx < minAreaPx ? 1 : 0;
        out.labels.forEach<int>([&](int& v, const int*) {
            if (v > 0 && drop[static_cast<std::size_t>(v)])
                v = 0;
        });
    }
    grains::relabelConsecutive(out.labels);
    out.grains = measureGrains(out.labels, nmPerPixel);
    return out;
}

cv::Mat binaryBoundaryImage(const cv::Mat& boundaryImage, const GrainOptions& options)
{
    if (boundaryImage.empty())
        throw Error("grains: empty boundary image");
    const cv::Mat f = toFloat(boundaryImage);
    double lo = 0, hi = 0;
    cv::minMaxLoc(f, &lo, &hi);
    if (hi <= lo)
        throw Error("grains: the boundary image is uniform (no bright boundary pixels)");
    return f > lo + options.boundaryImageThreshold * (hi - lo);
}

GrainSegmentation grainsFromBoundaryMap(const cv::Mat& boundaryImage,
                                        std::optional<double> nmPerPixel,
                                        const GrainOptions& options)
{
    GrainSegmentation out;
    out.nmPerPixel = nmPerPixel;
    const cv::Mat boundary = binaryBoundaryImage(boundaryImage, options);
    cv::connectedComponents(boundary == 0, out.labels, 4, CV_32S);
    out.grains = measureGrains(out.labels, nmPerPixel);
    return out;
}

cv::Mat labelBoundaries(const cv::Mat& labels)
{
    CV_Assert(labels.type() == CV_32S);
    cv::Mat out(labels.size(), CV_8U, cv::Scalar(0));
    for (int y = 0; y < labels.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const int* below = y + 1 < labels.rows ? labels.ptr<int>(y + 1) : nullptr;
        unsigned char* o = out.ptr<unsigned char>(y);
        for (int x = 0; x < labels.cols; ++x) {
            if (l[x] <= 0) {
                o[x] = kNotAnalysed;
                continue;
            }
            const bool edge = (x + 1 < labels.cols && l[x + 1] > 0 && l[x + 1] != l[x]) ||
                              (below != nullptr && below[x] > 0 && below[x] != l[x]);
            if (edge)
                o[x] = 255;
        }
    }
    return out;
}

} // namespace insitu
