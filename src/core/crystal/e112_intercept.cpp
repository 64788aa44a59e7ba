// ASTM E112 intercepts: boundary crossings along sampled test lines and circles.

#include "insitu/crystal/e112.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace insitu {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kStepPx = 0.25; ///< sampling step along a test curve

struct Sample
{
    double s;      ///< arc length from the curve's start (px)
    bool boundary; ///< nearest pixel is a boundary pixel (outside the image: neither)
    bool inside;
};

/// 255 = boundary, 0 = grain; other values (and outside the image) are not analysed.
bool isBoundary(const cv::Mat& b, double x, double y, bool& inside)
{
    const int ix = static_cast<int>(std::lround(x));
    const int iy = static_cast<int>(std::lround(y));
    inside = ix >= 0 && iy >= 0 && ix < b.cols && iy < b.rows;
    const unsigned char v = inside ? b.at<unsigned char>(iy, ix) : 0;
    inside = inside && (v == 0 || v == 255);
    return inside && v == 255;
}

/// Segments between consecutive boundary runs of an open curve (line).
void openCurveSegments(const std::vector<Sample>& samples, double minSegmentPx, int curve,
                       InterceptResult& out)
{
    std::optional<double> start; // arc length where the current non-boundary run began
    bool seenBoundary = false;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const Sample& p = samples[i];
        if (!p.inside) {
            start.reset();
            seenBoundary = false;
            continue;
        }
        if (p.boundary) {
            if (start && seenBoundary) {
                const double length = p.s - *start;
                if (length > minSegmentPx) {
                    out.segmentsPx.push_back(length);
                    out.curveOfSegment.push_back(curve);
                }
            }
            start.reset();
            seenBoundary = true;
        } else if (!start) {
            start = p.s;
        }
    }
}

/// Segments of a closed curve (circle): the samples are rotated to begin on a boundary sample.
void closedCurveSegments(std::vector<Sample> samples, double perimeterPx, double minSegmentPx,
                         int curve, InterceptResult& out)
{
    const auto first =
        std::find_if(samples.begin(), samples.end(), [](const Sample& p) { return p.boundary; });
    if (first == samples.end())
        return;
    const double offset = first->s;
    std::rotate(samples.begin(), first, samples.end());
    for (Sample& p : samples)
        p.s = p.s >= offset ? p.s - offset : p.s - offset + perimeterPx;
    Sample closing = samples.front();
    closing.s = perimeterPx;
    samples.push_back(closing);
    openCurveSegments(samples, minSegmentPx, curve, out);
}

std::vector<Sample> sampleLine(const cv::Mat& b, cv::Point2d a, cv::Point2d c)
{
    const double length = std::hypot(c.x - a.x, c.y - a.y);
    const int n = std::max(1, static_cast<int>(std::ceil(length / kStepPx)));
    std::vector<Sample> out;
    out.reserve(static_cast<std::size_t>(n) + 1);
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        Sample p{t * length, false, false};
        p.boundary = isBoundary(b, a.x + t * (c.x - a.x), a.y + t * (c.y - a.y), p.inside);
        out.push_back(p);
    }
    return out;
}

void finish(InterceptResult& out, std::optional<double> nmPerPixel)
{
    const auto n = static_cast<double>(out.segmentsPx.size());
    if (n == 0)
        throw Error("grains: no complete intercept on the test lines (no boundaries crossed)");
    out.meanInterceptPx = std::accumulate(out.segmentsPx.begin(), out.segmentsPx.end(), 0.0) / n;
    double ss = 0;
    for (double s : out.segmentsPx)
        ss += (s - out.meanInterceptPx) * (s - out.meanInterceptPx);
    out.standardErrorPx = n > 1 ? std::sqrt(ss / (n - 1) / n) : 0.0;
    if (nmPerPixel) {
        out.meanInterceptNm = out.meanInterceptPx * *nmPerPixel;
        out.G = e112GFromIntercept(*out.meanInterceptNm * 1e-6);
    }
}

void checkBoundary(const cv::Mat& boundary)
{
    if (boundary.empty() || boundary.type() != CV_8U)
        throw Error("grains: the boundary image for E112 must be a non-empty 8-bit mask");
}

} // namespace

double e112GFromIntercept(double meanInterceptMm)
{
    return -6.643856 * std::log10(meanInterceptMm) - 3.288;
}

double e112GFromDensity(double grainsPerMm2)
{
    return 3.321928 * std::log10(grainsPerMm2) - 2.954;
}

InterceptResult e112PatternIntercepts(const cv::Mat& boundary, std::optional<double> nmPerPixel,
                                      const InterceptOptions& options)
{
    checkBoundary(boundary);
    const int side = std::min(boundary.cols, boundary.rows);
    const double x0 = (boundary.cols - side) / 2.0;
    const double y0 = (boundary.rows - side) / 2.0;
    const double last = side - 1;
    const double margin = std::round(0.05 * side);
    InterceptResult out;
    const cv::Point2d lines[4][2] = {
        {{x0, y0 + last - margin}, {x0 + last, y0 + last - margin}}, // horizontal
        {{x0 + margin, y0}, {x0 + margin, y0 + last}},               // vertical
        {{x0, y0}, {x0 + last, y0 + last}},                          // top-left → bottom-right
        {{x0 + last, y0}, {x0, y0 + last}}};                         // top-right → bottom-left
    for (int i = 0; i < 4; ++i)
        openCurveSegments(sampleLine(boundary, lines[i][0], lines[i][1]), options.minSegmentPx, i,
                          out);
    const double cx = x0 + std::floor(side / 2.0);
    const double cy = y0 + std::floor(side / 2.0);
    const double fractions[3] = {0.7958, 0.5305, 0.2653};
    for (int i = 0; i < 3; ++i) {
        const double r = std::round(fractions[i] * side / 2);
        const double perimeter = 2 * kPi * r;
        const int n = static_cast<int>(std::ceil(perimeter / kStepPx));
        std::vector<Sample> samples;
        for (int k = 0; k < n; ++k) {
            const double phi = 2 * kPi * k / n;
            Sample p{perimeter * k / n, false, false};
            p.boundary =
                isBoundary(boundary, cx + r * std::cos(phi), cy + r * std::sin(phi), p.inside);
            samples.push_back(p);
        }
        closedCurveSegments(samples, perimeter, options.minSegmentPx, 4 + i, out);
    }
    finish(out, nmPerPixel);
    return out;
}

InterceptResult lineGridIntercepts(const cv::Mat& boundary, std::optional<double> nmPerPixel,
                                   const InterceptOptions& options)
{
    checkBoundary(boundary);
    if (options.lineGridSpacingPx < 0 || options.lineGridAnglesDeg.empty())
        throw Error("grains: the line grid needs a spacing ≥ 0 and at least one angle");
    const double spacingPx = options.lineGridSpacingPx > 0
                                 ? options.lineGridSpacingPx
                                 : std::max(4.0, std::min(boundary.cols, boundary.rows) / 12.0);
    InterceptResult out;
    const double cx = (boundary.cols - 1) / 2.0;
    const double cy = (boundary.rows - 1) / 2.0;
    const double halfDiagonal = std::hypot(boundary.cols, boundary.rows) / 2 + 1;
    int curve = 0;
    for (double angleDeg : options.lineGridAnglesDeg) {
        const double a = angleDeg * kPi / 180;
        const cv::Point2d along(std::cos(a), std::sin(a));
        const cv::Point2d across(-along.y, along.x);
        const int half = static_cast<int>(halfDiagonal / spacingPx);
        for (int k = -half; k <= half; ++k) {
            const double offset = (k + 0.5) * spacingPx;
            const cv::Point2d mid(cx + offset * across.x, cy + offset * across.y);
            openCurveSegments(
                sampleLine(boundary, mid - halfDiagonal * along, mid + halfDiagonal * along),
                options.minSegmentPx, curve++, out);
        }
    }
    finish(out, nmPerPixel);
    return out;
}

PlanimetricResult planimetricCount(const std::vector<Grain>& grains, cv::Size imageSize,
                                   std::optional<double> nmPerPixel)
{
    PlanimetricResult out;
    for (const Grain& g : grains)
        (g.border ? out.grainsCut : out.grainsInside) += 1;
    out.equivalentCount = out.grainsInside + 0.5 * out.grainsCut + 1;
    out.areaPx = static_cast<double>(imageSize.area());
    out.grainsPerPx2 = out.areaPx > 0 ? out.equivalentCount / out.areaPx : 0;
    if (nmPerPixel) {
        const double areaUm2 = out.areaPx * *nmPerPixel * *nmPerPixel * 1e-6;
        out.grainsPerUm2 = out.equivalentCount / areaUm2;
        out.G = e112GFromDensity(*out.grainsPerUm2 * 1e6);
    }
    return out;
}

} // namespace insitu
