// Region power spectrum: weights (taper × mask), weighted mean removal, FFTW r2c, full shifted
// |F|².

#include "insitu/crystal/fft_spectrum.h"

#include "../registration/fftw_plans.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace insitu {

const char* fftTaperName(FftTaper taper)
{
    switch (taper) {
    case FftTaper::Hann:
        return "hann";
    case FftTaper::Tukey:
        return "tukey";
    case FftTaper::None:
        return "none";
    }
    return "hann";
}

FftTaper fftTaperFromName(const std::string& name)
{
    for (FftTaper t : {FftTaper::Hann, FftTaper::Tukey, FftTaper::None})
        if (name == fftTaperName(t))
            return t;
    throw Error("unknown FFT window '" + name + "' (choose hann, tukey or none)");
}

namespace {

/// One side's taper: Hann over n samples, or Tukey with the given tapered fraction.
std::vector<float> taper1d(int n, FftTaper taper, double alpha)
{
    std::vector<float> w(static_cast<std::size_t>(n), 1.0f);
    const double pi = std::numbers::pi;
    for (int i = 0; i < n; ++i) {
        const double x = (i + 0.5) / n; // 0..1, symmetric, never exactly 0 at the ends
        double v = 1.0;
        if (taper == FftTaper::Hann)
            v = 0.5 - 0.5 * std::cos(2 * pi * x);
        else if (taper == FftTaper::Tukey && alpha > 0) {
            const double edge = std::min(x, 1.0 - x);
            if (edge < alpha / 2)
                v = 0.5 - 0.5 * std::cos(2 * pi * edge / alpha);
        }
        w[static_cast<std::size_t>(i)] = static_cast<float>(v);
    }
    return w;
}

/// Weights of a polygon: 1 inside, rising as sin² over the outer band of the outline.
cv::Mat polygonWeights(const std::vector<PointPx>& polygon, const cv::Rect& box, double alpha)
{
    cv::Mat inside = cv::Mat::zeros(box.height, box.width, CV_8U);
    std::vector<cv::Point> points;
    for (const PointPx& p : polygon)
        points.emplace_back(static_cast<int>(std::lround(p.x)) - box.x,
                            static_cast<int>(std::lround(p.y)) - box.y);
    cv::fillPoly(inside, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255));
    cv::Mat distance;
    cv::distanceTransform(inside, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    const double band = std::max(2.0, alpha / 2 * std::min(box.width, box.height));
    cv::Mat weights(box.size(), CV_32F);
    for (int r = 0; r < box.height; ++r)
        for (int c = 0; c < box.width; ++c) {
            const double d = distance.at<float>(r, c);
            const double s = std::sin(std::numbers::pi / 2 * std::min(1.0, d / band));
            weights.at<float>(r, c) = static_cast<float>(s * s);
        }
    return weights;
}

int nextFastFftSize(int n)
{
    while (!detail::isFastFftSize(n))
        ++n;
    return n;
}

cv::Rect regionBox(const cv::Mat& image, const FftRegion& region)
{
    const cv::Rect frame(0, 0, image.cols, image.rows);
    cv::Rect box = frame;
    if (region.kind == FftRegion::Kind::Rectangle)
        box = region.rectPx & frame;
    else if (region.kind == FftRegion::Kind::Polygon) {
        if (region.polygonPx.size() < 3)
            throw Error("FFT: a polygon region needs at least 3 vertices");
        std::vector<cv::Point2f> points;
        for (const PointPx& p : region.polygonPx)
            points.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
        box = cv::boundingRect(points) & frame;
    }
    if (box.width < 8 || box.height < 8)
        throw Error("FFT: the region (" + std::to_string(box.width) + " x " +
                    std::to_string(box.height) + " px inside the frame) is smaller than 8 x 8 px");
    return box;
}

} // namespace

RegionSpectrum regionSpectrum(const cv::Mat& image, const FftRegion& region,
                              const FftSpectrumOptions& options)
{
    if (image.empty() || image.channels() != 1)
        throw Error("FFT: the image is empty or not single-channel");
    RegionSpectrum out;
    out.boxPx = regionBox(image, region);
    int rows = out.boxPx.height;
    int cols = out.boxPx.width;

    if (region.kind == FftRegion::Kind::Polygon)
        out.weights = polygonWeights(region.polygonPx, out.boxPx, options.tukeyAlpha);
    else {
        const auto wx = taper1d(cols, options.taper, options.tukeyAlpha);
        const auto wy = taper1d(rows, options.taper, options.tukeyAlpha);
        out.weights.create(rows, cols, CV_32F);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                out.weights.at<float>(r, c) =
                    wy[static_cast<std::size_t>(r)] * wx[static_cast<std::size_t>(c)];
    }

    cv::Mat values;
    image(out.boxPx).convertTo(values, CV_32F);
    const double weightSum = cv::sum(out.weights)[0];
    if (!(weightSum > 0))
        throw Error("FFT: the region has no pixels inside its outline");
    out.meanValue = values.dot(out.weights) / weightSum;
    cv::Mat tapered;
    cv::subtract(values, cv::Scalar(out.meanValue), tapered);
    cv::multiply(tapered, out.weights, tapered);
    int paddedRows = rows, paddedCols = cols;
    if (options.padFactor > 1) {
        const int longer = std::max(rows, cols);
        const int side =
            std::max(longer, std::min(options.padFactor * longer, options.maxPaddedPx));
        paddedRows = paddedCols = nextFastFftSize(side);
    }
    cv::Mat input = cv::Mat::zeros(paddedRows, paddedCols, CV_32F);
    tapered.copyTo(input(cv::Rect(0, 0, cols, rows)));
    rows = paddedRows;
    cols = paddedCols;

    const auto& plans = detail::realFftPlans(rows, cols, false);
    out.halfFft.create(rows, cols / 2 + 1, CV_32FC2);
    fftwf_execute_dft_r2c(plans.forward, input.ptr<float>(),
                          reinterpret_cast<fftwf_complex*>(out.halfFft.ptr<float>()));

    // Full shifted power from the half spectrum: P(-k) = P(k).
    out.power.create(rows, cols, CV_32F);
    const int half = cols / 2 + 1;
    for (int r = 0; r < rows; ++r) {
        const auto* h = out.halfFft.ptr<cv::Vec2f>(r);
        const int rShift = (r + rows / 2) % rows;
        const int rMirror = (rows - r) % rows;
        const int rMirrorShift = (rMirror + rows / 2) % rows;
        for (int c = 0; c < half; ++c) {
            const float p = h[c][0] * h[c][0] + h[c][1] * h[c][1];
            out.power.at<float>(rShift, (c + cols / 2) % cols) = p;
            const int cMirror = (cols - c) % cols;
            out.power.at<float>(rMirrorShift, (cMirror + cols / 2) % cols) = p;
        }
    }
    return out;
}

cv::Mat logPowerImage(const cv::Mat& power)
{
    std::vector<float> values(power.begin<float>(), power.end<float>());
    auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    const double median = std::max(static_cast<double>(*mid), 1e-30);
    cv::Mat out;
    power.convertTo(out, CV_32F, 1.0 / median, 1.0);
    cv::log(out, out);
    out *= 1.0 / std::log(10.0);
    return out;
}

} // namespace insitu
