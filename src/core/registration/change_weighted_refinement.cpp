#include "change_weighted_refinement.h"

#include "insitu/registration/drift.h"
#include "insitu/thread_budget.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <numbers>
#include <thread>

namespace insitu::detail {

namespace {

/// Low-pass widths of the stages, in units of the correlator's σ: a coarse stage widens the
/// capture range of Gauss–Newton, the later ones refresh the mean and the weights.
constexpr double stageBlurScales[] = {2.0, 1.0, 1.0};
constexpr int stageCount = static_cast<int>(std::size(stageBlurScales));
/// The illumination high-pass is this many low-pass widths wide (at least minHighPassSigmaPx).
constexpr double highPassPerLowPass = 6.0;
constexpr double minHighPassSigmaPx = 8.0;
constexpr int maxIterations = 25;
constexpr double convergedPx = 1e-4;

/// Band-pass of one stage: difference of two Gaussians, spatial σ in px.
struct BandPass
{
    double lowSigmaPx = 1;
    double highSigmaPx = 8;
    int marginPx = 5; ///< border excluded from sums (blur and cubic interpolation support)
};

BandPass stageBandPass(double lowPassSigmaCyclesPerPx, double scale)
{
    // A Gaussian weight exp(−f²/2σf²) on the spectrum is a blur of σ = 1/(2π σf) px.
    const double lowPx = lowPassSigmaCyclesPerPx > 0.0
                             ? 1.0 / (2.0 * std::numbers::pi * lowPassSigmaCyclesPerPx)
                             : 1.0;
    BandPass band;
    band.lowSigmaPx = scale * std::max(lowPx, 0.5);
    band.highSigmaPx = std::max(highPassPerLowPass * band.lowSigmaPx, minHighPassSigmaPx);
    band.marginPx = static_cast<int>(std::ceil(3.0 * band.lowSigmaPx)) + 2;
    return band;
}

cv::Mat bandPassed(const Movie& movie, int frame, const RegistrationGeometry& geometry,
                   const BandPass& band)
{
    cv::Mat image;
    registrationImage(movie, frame, geometry, {0, 0}).convertTo(image, CV_32F);
    cv::Mat low, high;
    cv::GaussianBlur(image, low, cv::Size(), band.lowSigmaPx, band.lowSigmaPx, cv::BORDER_REFLECT);
    cv::GaussianBlur(image, high, cv::Size(), band.highSigmaPx, band.highSigmaPx,
                     cv::BORDER_REFLECT);
    return low - high;
}

/// Pixels (frame-0 grid) whose corrected value reads frame k inside its margin.
cv::Rect validArea(cv::Size size, double dx, double dy, int margin)
{
    const int x0 = static_cast<int>(std::ceil(margin - dx));
    const int y0 = static_cast<int>(std::ceil(margin - dy));
    const int x1 = static_cast<int>(std::floor(size.width - 1 - margin - dx));
    const int y1 = static_cast<int>(std::floor(size.height - 1 - margin - dy));
    const cv::Rect area(x0, y0, std::max(0, x1 - x0 + 1), std::max(0, y1 - y0 + 1));
    return area & cv::Rect(0, 0, size.width, size.height);
}

/// The drift-corrected stack of one stage: Σ, count and inverse-variance weights per pixel.
struct StackStatistics
{
    cv::Mat sum;    ///< CV_64F Σ C_k / g_k over accepted frames where valid
    cv::Mat count;  ///< CV_64F number of frames valid there
    cv::Mat sumSq;  ///< CV_64F Σ (C_k / g_k)²
    cv::Mat weight; ///< CV_64F 1 / max(s², median s²); 0 where fewer than half the frames cover
    int frames = 0;

    explicit StackStatistics(cv::Size size)
        : sum(cv::Mat::zeros(size, CV_64F)), count(cv::Mat::zeros(size, CV_64F)),
          sumSq(cv::Mat::zeros(size, CV_64F))
    {
    }

    void add(const cv::Mat& corrected, const cv::Rect& area)
    {
        if (area.empty())
            return;
        ++frames;
        cv::Mat c;
        corrected(area).convertTo(c, CV_64F);
        sum(area) += c;
        sumSq(area) += c.mul(c);
        count(area) += 1.0;
    }

    /// Weights from the accumulated frames.
    void finish()
    {
        const double minCount = std::max(2.0, 0.5 * frames);
        cv::Mat variance = cv::Mat::zeros(sum.size(), CV_64F);
        std::vector<double> covered;
        for (int y = 0; y < sum.rows; ++y)
            for (int x = 0; x < sum.cols; ++x) {
                const double n = count.at<double>(y, x);
                if (n < minCount)
                    continue;
                const double mean = sum.at<double>(y, x) / n;
                const double v = std::max(sumSq.at<double>(y, x) / n - mean * mean, 0.0);
                variance.at<double>(y, x) = v;
                covered.push_back(v);
            }
        weight = cv::Mat::zeros(sum.size(), CV_64F);
        if (covered.empty())
            return;
        auto middle = covered.begin() + static_cast<std::ptrdiff_t>(covered.size() / 2);
        std::nth_element(covered.begin(), middle, covered.end());
        const double floor = std::max(*middle, 1e-12);
        for (int y = 0; y < sum.rows; ++y)
            for (int x = 0; x < sum.cols; ++x)
                if (count.at<double>(y, x) >= minCount)
                    weight.at<double>(y, x) = 1.0 / std::max(variance.at<double>(y, x), floor);
    }
};

/// Gauss–Newton on one frame against the mean of the others. Returns false when it fails.
bool solveFrame(const cv::Mat& image, const cv::Mat& ownCorrected, const cv::Rect& ownArea,
                const StackStatistics& stats, const BandPass& band, double& dx, double& dy,
                double& gain)
{
    const cv::Size size = image.size();
    // Reference: the mean of the other frames (its own noise would pull towards the start).
    cv::Mat sum = stats.sum.clone();
    cv::Mat count = stats.count.clone();
    if (!ownCorrected.empty() && !ownArea.empty()) {
        cv::Mat c;
        ownCorrected(ownArea).convertTo(c, CV_64F);
        sum(ownArea) -= c;
        count(ownArea) -= 1.0;
    }
    cv::Mat reference = cv::Mat::zeros(size, CV_64F);
    cv::divide(sum, cv::max(count, 1.0), reference);
    cv::Mat gx, gy;
    cv::Sobel(reference, gx, CV_64F, 1, 0, 1, 0.5);
    cv::Sobel(reference, gy, CV_64F, 0, 1, 1, 0.5);

    const double startX = dx;
    const double startY = dy;
    const double runaway = 4.0 * band.lowSigmaPx;
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        const cv::Mat c = shiftImage(image, dx, dy, ShiftInterpolation::Cubic);
        const cv::Rect area = validArea(size, dx, dy, band.marginPx);
        if (area.area() < 64)
            return false;
        double cr = 0, rr = 0;
        for (int y = area.y; y < area.y + area.height; ++y) {
            const auto* cRow = c.ptr<float>(y);
            const auto* rRow = reference.ptr<double>(y);
            const auto* wRow = stats.weight.ptr<double>(y);
            const auto* nRow = count.ptr<double>(y);
            for (int x = area.x; x < area.x + area.width; ++x) {
                if (wRow[x] <= 0.0 || nRow[x] < 1.0)
                    continue;
                cr += wRow[x] * cRow[x] * rRow[x];
                rr += wRow[x] * rRow[x] * rRow[x];
            }
        }
        if (!(rr > 0.0) || !(cr > 0.0))
            return false;
        gain = cr / rr;
        double hxx = 0, hxy = 0, hyy = 0, bx = 0, by = 0;
        for (int y = area.y; y < area.y + area.height; ++y) {
            const auto* cRow = c.ptr<float>(y);
            const auto* rRow = reference.ptr<double>(y);
            const auto* wRow = stats.weight.ptr<double>(y);
            const auto* nRow = count.ptr<double>(y);
            const auto* gxRow = gx.ptr<double>(y);
            const auto* gyRow = gy.ptr<double>(y);
            for (int x = area.x; x < area.x + area.width; ++x) {
                if (wRow[x] <= 0.0 || nRow[x] < 1.0)
                    continue;
                const double w = wRow[x];
                const double r = cRow[x] / gain - rRow[x];
                hxx += w * gxRow[x] * gxRow[x];
                hxy += w * gxRow[x] * gyRow[x];
                hyy += w * gyRow[x] * gyRow[x];
                bx += w * gxRow[x] * r;
                by += w * gyRow[x] * r;
            }
        }
        const double det = hxx * hyy - hxy * hxy;
        if (!(det > 1e-12 * (hxx * hyy)) || !(hxx > 0.0))
            return false;
        // C(x) ≈ R(x − ε) ≈ R − ∇R·ε for a shift short by ε, so ε = −H⁻¹ b.
        const double ex = -(hyy * bx - hxy * by) / det;
        const double ey = -(hxx * by - hxy * bx) / det;
        dx += ex;
        dy += ey;
        if (std::hypot(dx - startX, dy - startY) > runaway || !std::isfinite(dx + dy))
            return false;
        if (std::hypot(ex, ey) < convergedPx)
            return true;
    }
    return true;
}

/// Runs work(k) for k in frames on up to `threads` threads (this one reporting progress).
template <typename Work>
void forEachFrame(const std::vector<int>& frames, int threads, Progress& progress, Work work)
{
    std::atomic<std::size_t> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr workerError;
    auto loop = [&](bool reporting) {
        int reported = 0;
        while (!stop) {
            const std::size_t j = next++;
            if (j >= frames.size())
                break;
            work(frames[j]);
            ++done;
            for (; reporting && reported < done; ++reported)
                progress.advance();
        }
        for (; reporting && reported < static_cast<int>(frames.size()); ++reported)
            progress.advance();
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads; ++t)
        helpers.emplace_back([&] {
            try {
                loop(false);
            } catch (...) {
                workerError = std::current_exception();
                stop = true;
            }
        });
    try {
        loop(true);
    } catch (...) {
        stop = true;
        for (auto& h : helpers)
            h.join();
        throw;
    }
    for (auto& h : helpers)
        h.join();
    if (workerError)
        std::rethrow_exception(workerError);
}

} // namespace

int changeWeightedRefinementSteps(int frames)
{
    return 2 * stageCount * frames;
}

void refineDownweightingChanges(const Movie& movie, const RegistrationGeometry& geometry,
                                double lowPassSigmaCyclesPerPx, const std::vector<char>& accepted,
                                std::vector<double>& dxPx, std::vector<double>& dyPx,
                                Progress& progress)
{
    const int n = movie.frameCount();
    std::vector<int> frames;
    for (int k = 0; k < n; ++k)
        if (accepted[static_cast<std::size_t>(k)])
            frames.push_back(k);
    if (frames.size() < 3) {
        progress.advance(changeWeightedRefinementSteps(n));
        return;
    }
    const cv::Size size(geometry.gridWidth(), geometry.gridHeight());
    const int threads = budgetedThreads(2);
    std::vector<double> gain(static_cast<std::size_t>(n), 1.0);
    for (double scale : stageBlurScales) {
        const BandPass band = stageBandPass(lowPassSigmaCyclesPerPx, scale);
        // The frame k band-passed and corrected by the stage's starting shift (/ its gain).
        auto correctedAtStart = [&](int k, cv::Mat& image, cv::Mat& corrected, cv::Rect& area) {
            const auto i = static_cast<std::size_t>(k);
            image = bandPassed(movie, k, geometry, band);
            corrected = shiftImage(image, dxPx[i], dyPx[i], ShiftInterpolation::Cubic) / gain[i];
            area = validArea(size, dxPx[i], dyPx[i], band.marginPx);
        };
        // Statistics: frames transformed in parallel in chunks, added in frame order (the sums
        // do not depend on the thread count).
        StackStatistics stats(size);
        const std::size_t chunk = static_cast<std::size_t>(4 * threads);
        for (std::size_t from = 0; from < frames.size(); from += chunk) {
            const std::vector<int> part(frames.begin() + static_cast<std::ptrdiff_t>(from),
                                        frames.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                             frames.size(), from + chunk)));
            std::vector<cv::Mat> corrected(part.size());
            std::vector<cv::Rect> areas(part.size());
            std::vector<int> slot(static_cast<std::size_t>(n), 0);
            for (std::size_t j = 0; j < part.size(); ++j)
                slot[static_cast<std::size_t>(part[j])] = static_cast<int>(j);
            forEachFrame(part, threads, progress, [&](int k) {
                const auto j = static_cast<std::size_t>(slot[static_cast<std::size_t>(k)]);
                cv::Mat image;
                correctedAtStart(k, image, corrected[j], areas[j]);
            });
            for (std::size_t j = 0; j < part.size(); ++j)
                stats.add(corrected[j], areas[j]);
        }
        stats.finish();
        std::vector<double> newDx = dxPx, newDy = dyPx, newGain = gain;
        forEachFrame(frames, threads, progress, [&](int k) {
            const auto i = static_cast<std::size_t>(k);
            cv::Mat image, corrected;
            cv::Rect area;
            correctedAtStart(k, image, corrected, area);
            double dx = dxPx[i], dy = dyPx[i], g = gain[i];
            if (solveFrame(image, corrected, area, stats, band, dx, dy, g)) {
                newDx[i] = dx;
                newDy[i] = dy;
                newGain[i] = g;
            }
        });
        dxPx = std::move(newDx);
        dyPx = std::move(newDy);
        gain = std::move(newGain);
    }
    progress.advance(changeWeightedRefinementSteps(n) -
                     2 * stageCount * static_cast<int>(frames.size()));
}

} // namespace insitu::detail
