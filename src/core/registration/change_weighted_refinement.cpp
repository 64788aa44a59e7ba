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
constexpr double stageBlurScales[] = {2.0, 1.0, 0.4};
constexpr int stageCount = static_cast<int>(std::size(stageBlurScales));
/// The illumination high-pass is this many low-pass widths wide (at least minHighPassSigmaPx).
constexpr double highPassPerLowPass = 6.0;
constexpr double minHighPassSigmaPx = 8.0;
/// A change of the content pulls every pixel of a frame the same way, noise averages out: the
/// excess temporal variance counts this many times the noise variance in the weights.
constexpr double changeWeight = 25.0;
/// Noise variances below this fraction of the median are raised to it (dark or flat pixels).
constexpr double noiseFloorOfMedian = 0.5;
/// Tukey's biweight constant, in robust standard deviations of the smoothed residual.
constexpr double robustScale = 4.685;
/// Blur (px) of the residual in which a frame's own changes are found.
constexpr double changeScalePx = 2.0;
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

/// The drift-corrected stack of one stage: Σ, count and change-aware weights per pixel.
struct StackStatistics
{
    cv::Mat sum;       ///< CV_64F Σ C_k / g_k over accepted frames where valid
    cv::Mat count;     ///< CV_64F number of frames valid there
    cv::Mat sumSq;     ///< CV_64F Σ (C_k / g_k)²
    cv::Mat sumDiffSq; ///< CV_64F Σ (C_k − C_previous)² over successive accepted frames
    cv::Mat diffCount; ///< CV_64F number of successive pairs valid there
    cv::Mat weight;    ///< CV_32F 1 / (ν + κ·excess), 0 where too few frames cover (eroded)
    int frames = 0;

    explicit StackStatistics(cv::Size size)
        : sum(cv::Mat::zeros(size, CV_64F)), count(cv::Mat::zeros(size, CV_64F)),
          sumSq(cv::Mat::zeros(size, CV_64F)), sumDiffSq(cv::Mat::zeros(size, CV_64F)),
          diffCount(cv::Mat::zeros(size, CV_64F))
    {
    }

    /// Adds the next accepted frame (frame order: successive differences measure the noise).
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
        const cv::Rect both = area & m_previousArea;
        if (!both.empty()) {
            cv::Mat d = m_previous(both) - c(both - area.tl());
            sumDiffSq(both) += d.mul(d);
            diffCount(both) += 1.0;
        }
        if (m_previous.empty())
            m_previous = cv::Mat::zeros(sum.size(), CV_64F);
        c.copyTo(m_previous(area));
        m_previousArea = area;
    }

    /// Weights from the accumulated frames: ν, the noise variance of a pixel, from successive
    /// differences (a change that happens once barely enters them); the excess s² − ν of the
    /// temporal variance is what the content's change adds. Change does not average out over
    /// the pixels of a frame the way noise does (it pulls them all the same way), so it counts
    /// changeWeight times: a pixel the front crosses counts little even where the change is
    /// below the noise of one frame.
    void finish()
    {
        const double minCount = std::max(2.0, 0.5 * frames);
        cv::Mat noise = cv::Mat::zeros(sum.size(), CV_64F);
        cv::Mat excess = cv::Mat::zeros(sum.size(), CV_64F);
        std::vector<double> covered;
        for (int y = 0; y < sum.rows; ++y)
            for (int x = 0; x < sum.cols; ++x) {
                const double n = count.at<double>(y, x);
                const double pairs = diffCount.at<double>(y, x);
                if (n < minCount || pairs < 1.0)
                    continue;
                const double mean = sum.at<double>(y, x) / n;
                const double variance = std::max(sumSq.at<double>(y, x) / n - mean * mean, 0.0);
                const double nu = sumDiffSq.at<double>(y, x) / (2.0 * pairs);
                noise.at<double>(y, x) = nu;
                excess.at<double>(y, x) = std::max(variance - nu, 0.0);
                covered.push_back(nu);
            }
        weight = cv::Mat::zeros(sum.size(), CV_32F);
        if (covered.empty())
            return;
        auto middle = covered.begin() + static_cast<std::ptrdiff_t>(covered.size() / 2);
        std::nth_element(covered.begin(), middle, covered.end());
        const double floor = std::max(noiseFloorOfMedian * *middle, 1e-12);
        for (int y = 0; y < sum.rows; ++y)
            for (int x = 0; x < sum.cols; ++x)
                if (count.at<double>(y, x) >= minCount && diffCount.at<double>(y, x) >= 1.0) {
                    const double nu = std::max(noise.at<double>(y, x), floor);
                    weight.at<float>(y, x) =
                        static_cast<float>(1.0 / (nu + changeWeight * excess.at<double>(y, x)));
                }
        // cubic interpolation of the mean reads two pixels beyond: keep off the uncovered edge
        cv::Mat covered8 = weight > 0.0f;
        cv::erode(covered8, covered8, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
        weight.setTo(0.0f, covered8 == 0);
    }

private:
    cv::Mat m_previous;
    cv::Rect m_previousArea;
};

/// Gauss–Newton on one frame against the mean of the others, in the frame's own coordinates:
/// the low-noise mean is shifted onto the frame (not the noisy frame onto the mean, which would
/// smooth its noise by an amount that depends on the sub-pixel shift and pull towards half
/// pixels). Returns false when it fails; on success varX/varY are the diagonal of H⁻¹
/// (relative variances of the shift).
bool solveFrame(const cv::Mat& image, const cv::Mat& ownCorrected, const cv::Rect& ownArea,
                const StackStatistics& stats, const BandPass& band, double& dx, double& dy,
                double& gain, double& varX, double& varY)
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
    cv::Mat reference;
    cv::divide(sum, cv::max(count, 1.0), reference);
    cv::Mat weight = stats.weight.clone();
    weight.setTo(0.0f, count < 1.0);
    // the band-pass of the frame reflects at its border: keep its margin out
    const cv::Rect inner(band.marginPx, band.marginPx, size.width - 2 * band.marginPx,
                         size.height - 2 * band.marginPx);
    if (inner.width < 8 || inner.height < 8)
        return false;

    const double startX = dx;
    const double startY = dy;
    const double runaway = 4.0 * band.lowSigmaPx;
    cv::Mat gx, gy;
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        // R(x − d) and its weights, on the frame's grid
        const cv::Mat r = shiftImage(reference, -dx, -dy, ShiftInterpolation::Cubic);
        const cv::Mat w = shiftImage(weight, -dx, -dy, ShiftInterpolation::Bilinear);
        cv::Sobel(r, gx, CV_32F, 1, 0, 1, 0.5);
        cv::Sobel(r, gy, CV_32F, 0, 1, 1, 0.5);
        double br = 0, rr = 0;
        int used = 0;
        for (int y = inner.y; y < inner.y + inner.height; ++y) {
            const auto* bRow = image.ptr<float>(y);
            const auto* rRow = r.ptr<float>(y);
            const auto* wRow = w.ptr<float>(y);
            for (int x = inner.x; x < inner.x + inner.width; ++x) {
                if (!(wRow[x] > 0.0f))
                    continue;
                br += double{wRow[x]} * bRow[x] * rRow[x];
                rr += double{wRow[x]} * rRow[x] * rRow[x];
                ++used;
            }
        }
        if (used < 64 || !(rr > 0.0) || !(br > 0.0))
            return false;
        gain = br / rr;
        // Where this frame differs from the mean beyond its noise (a front, a particle): the
        // residual smoothed over a few pixels (a change is coherent there, noise is not), in
        // units of its robust spread over the frame.
        cv::Mat change = image / gain - r;
        cv::GaussianBlur(change, change, cv::Size(), changeScalePx, changeScalePx,
                         cv::BORDER_REFLECT);
        std::vector<float> spread;
        spread.reserve(static_cast<std::size_t>(used));
        for (int y = inner.y; y < inner.y + inner.height; ++y) {
            const auto* cRow = change.ptr<float>(y);
            const auto* wRow = w.ptr<float>(y);
            for (int x = inner.x; x < inner.x + inner.width; ++x)
                if (wRow[x] > 0.0f)
                    spread.push_back(std::abs(cRow[x]));
        }
        auto middle = spread.begin() + static_cast<std::ptrdiff_t>(spread.size() / 2);
        std::nth_element(spread.begin(), middle, spread.end());
        const double changeCut = robustScale * 1.4826 * std::max(double{*middle}, 1e-12);
        double hxx = 0, hxy = 0, hyy = 0, bx = 0, by = 0;
        for (int y = inner.y; y < inner.y + inner.height; ++y) {
            const auto* bRow = image.ptr<float>(y);
            const auto* rRow = r.ptr<float>(y);
            const auto* wRow = w.ptr<float>(y);
            const auto* cRow = change.ptr<float>(y);
            const auto* gxRow = gx.ptr<float>(y);
            const auto* gyRow = gy.ptr<float>(y);
            for (int x = inner.x; x < inner.x + inner.width; ++x) {
                if (!(wRow[x] > 0.0f))
                    continue;
                const double res = bRow[x] / gain - rRow[x];
                // Tukey's biweight: a change counts less, down to nothing
                const double z = cRow[x] / changeCut;
                if (std::abs(z) >= 1.0)
                    continue;
                const double wx = wRow[x] * (1.0 - z * z) * (1.0 - z * z);
                hxx += wx * gxRow[x] * gxRow[x];
                hxy += wx * gxRow[x] * gyRow[x];
                hyy += wx * gyRow[x] * gyRow[x];
                bx += wx * gxRow[x] * res;
                by += wx * gyRow[x] * res;
            }
        }
        const double det = hxx * hyy - hxy * hxy;
        if (!(det > 1e-12 * (hxx * hyy)) || !(hxx > 0.0))
            return false;
        // B/g = R(x − d − ε) ≈ R(x − d) − ∇R·ε for a shift short by ε: ε = −H⁻¹ b.
        const double ex = -(hyy * bx - hxy * by) / det;
        const double ey = -(hxx * by - hxy * bx) / det;
        dx += ex;
        dy += ey;
        varX = hyy / det;
        varY = hxx / det;
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
                                std::vector<double>& varXPx2, std::vector<double>& varYPx2,
                                Progress& progress)
{
    const int n = movie.frameCount();
    varXPx2.assign(static_cast<std::size_t>(n), 0.0);
    varYPx2.assign(static_cast<std::size_t>(n), 0.0);
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
            double dx = dxPx[i], dy = dyPx[i], g = gain[i], vx = 0, vy = 0;
            const bool ok = solveFrame(image, corrected, area, stats, band, dx, dy, g, vx, vy);
            if (ok) {
                newDx[i] = dx;
                newDy[i] = dy;
                newGain[i] = g;
            }
            varXPx2[i] = ok ? vx : 0.0; // the last stage's are kept
            varYPx2[i] = ok ? vy : 0.0;
        });
        dxPx = std::move(newDx);
        dyPx = std::move(newDy);
        gain = std::move(newGain);
    }
    progress.advance(changeWeightedRefinementSteps(n) -
                     2 * stageCount * static_cast<int>(frames.size()));
}

} // namespace insitu::detail
