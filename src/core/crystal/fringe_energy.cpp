// Per-pixel fringe energy: one forward FFT of the mirror-padded image, per band a soft annulus and
// its side bands transformed back, squared and smoothed; the ratio of the two densities; and the
// two-class mixture that places the threshold.

#include "fringe_energy.h"

#include "../registration/fftw_plans.h"
#include "gaussian_mixture.h"

#include "insitu/error.h"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace insitu {

namespace {

/// 1 inside [lo, hi], 0 beyond, a raised-cosine edge of width soft centred on lo and on hi.
double softBand(double k, double lo, double hi, double soft)
{
    const double beyond = std::max(lo - k, k - hi); // < 0 inside
    if (beyond <= -soft / 2)
        return 1;
    if (beyond >= soft / 2)
        return 0;
    return 0.5 * (1 - std::sin(std::numbers::pi * beyond / soft));
}

/// Spectral weights of one band's signal and background over the half spectrum (rows × cols/2+1
/// of an r2c transform of rows × cols), and their white-noise energy gains (mean of w² over the
/// full spectrum).
struct BandWeights
{
    cv::Mat signal, background; ///< CV_32F half-spectrum weights
    double signalGain = 0, backgroundGain = 0;
};

std::vector<BandWeights> bandWeights(int rows, int cols, const std::vector<FrequencyBand>& bands)
{
    const int halfCols = cols / 2 + 1;
    std::vector<BandWeights> out(bands.size());
    auto softOf = [](const FrequencyBand& b) { return 0.5 * (b.kMaxPerPx - b.kMinPerPx); };
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const FrequencyBand& b = bands[i];
        const double width = b.kMaxPerPx - b.kMinPerPx;
        const double bgLo = std::max(0.5 * b.kMinPerPx, b.kMinPerPx - width);
        const double bgHi = b.kMaxPerPx + width;
        BandWeights& w = out[i];
        w.signal = cv::Mat(rows, halfCols, CV_32F);
        w.background = cv::Mat(rows, halfCols, CV_32F);
        double sumS = 0, sumB = 0;
        for (int r = 0; r < rows; ++r) {
            const double ky = (r <= rows / 2 ? r : r - rows) / static_cast<double>(rows);
            float* s = w.signal.ptr<float>(r);
            float* g = w.background.ptr<float>(r);
            for (int c = 0; c < halfCols; ++c) {
                const double k = std::hypot(c / static_cast<double>(cols), ky);
                double free = 1; // not in any band
                for (const FrequencyBand& other : bands)
                    free *= 1 - softBand(k, other.kMinPerPx, other.kMaxPerPx, softOf(other));
                const double sv = softBand(k, b.kMinPerPx, b.kMaxPerPx, softOf(b));
                const double gv = softBand(k, bgLo, bgHi, softOf(b)) * free;
                s[c] = static_cast<float>(sv);
                g[c] = static_cast<float>(gv);
                // Columns 1..cols/2−1 stand for two bins of the full spectrum.
                const double multiplicity = (c == 0 || 2 * c == cols) ? 1 : 2;
                sumS += multiplicity * sv * sv;
                sumB += multiplicity * gv * gv;
            }
        }
        const double bins = static_cast<double>(rows) * cols;
        w.signalGain = sumS / bins;
        w.backgroundGain = sumB / bins;
    }
    return out;
}

/// Gaussian smoothing by sigmaPx; wide kernels on a coarser grid (area-averaged by f ≈ σ/2,
/// blurred by the rest of σ, bilinear back), which a smooth energy map loses nothing to.
cv::Mat smooth(const cv::Mat& src, double sigmaPx)
{
    cv::Mat out;
    const int f = static_cast<int>(std::floor(sigmaPx / 2));
    if (f < 2) {
        cv::GaussianBlur(src, out, cv::Size(), sigmaPx, 0, cv::BORDER_REFLECT_101);
        return out;
    }
    const cv::Size coarse((src.cols + f - 1) / f, (src.rows + f - 1) / f);
    cv::Mat small;
    cv::resize(src, small, coarse, 0, 0, cv::INTER_AREA);
    // A box of f px has variance (f² − 1) / 12; bilinear interpolation adds about f² / 6.
    const double rest = sigmaPx * sigmaPx - (f * f - 1) / 12.0 - f * f / 6.0;
    cv::GaussianBlur(small, small, cv::Size(), std::sqrt(std::max(rest, 0.25)) / f, 0,
                     cv::BORDER_REFLECT_101);
    cv::resize(small, out, src.size(), 0, 0, cv::INTER_LINEAR);
    return out;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

} // namespace

std::vector<cv::Mat> fringeEnergyRatios(const cv::Mat& image,
                                        const std::vector<FrequencyBand>& bands, double sigmaPx,
                                        const cv::Mat& support)
{
    if (!support.empty() && (support.size() != image.size() || support.type() != CV_8U))
        throw Error("fringe energy: the support mask must be CV_8U of the image's size");
    if (image.empty() || image.channels() != 1)
        throw Error("fringe energy: the image is empty or not single-channel");
    if (!(sigmaPx > 0))
        throw Error("fringe energy: the smoothing σ must be positive");
    if (bands.empty())
        return {};
    cv::Mat f;
    image.convertTo(f, CV_32F);
    f -= cv::mean(f)[0];
    // Mirror padding keeps the image continuous at its edges; the periodic seam of the padded
    // array lies a margin away, beyond the reach of the band-pass kernels (a few 1/Δk).
    double narrowest = 0.5;
    for (const FrequencyBand& b : bands)
        narrowest = std::min(narrowest, b.kMaxPerPx - b.kMinPerPx);
    const int margin =
        static_cast<int>(std::ceil(std::max(16.0, 3.0 / std::max(narrowest, 1e-3) + 3 * sigmaPx)));
    const int rows = cv::getOptimalDFTSize(f.rows + 2 * margin);
    const int cols = cv::getOptimalDFTSize(f.cols + 2 * margin);
    cv::Mat padded;
    cv::copyMakeBorder(f, padded, margin, rows - f.rows - margin, margin, cols - f.cols - margin,
                       cv::BORDER_REFLECT_101);
    padded = padded.clone(); // contiguous
    const auto& plans = detail::realFftPlans(rows, cols, false);
    cv::Mat spectrum(rows, cols / 2 + 1, CV_32FC2);
    fftwf_execute_dft_r2c(plans.forward, padded.ptr<float>(),
                          reinterpret_cast<fftwf_complex*>(spectrum.ptr<float>()));
    const std::vector<BandWeights> weights = bandWeights(rows, cols, bands);

    // Task 2i: band i's signal density, 2i + 1: its background density.
    const cv::Rect inside(margin, margin, f.cols, f.rows);
    const double bins = static_cast<double>(rows) * cols;
    std::vector<cv::Mat> density(2 * bands.size());
    // Normalised convolution: smooth(E·w) / smooth(w) with the support's weights w.
    cv::Mat supportWeight;
    if (!support.empty())
        support.convertTo(supportWeight, CV_32F, 1.0 / 255.0);
    auto smoothOver = [&](const cv::Mat& energy, double s) {
        if (supportWeight.empty())
            return smooth(energy, s);
        cv::Mat num = smooth(energy.mul(supportWeight), s);
        cv::Mat den = cv::max(smooth(supportWeight, s), 1e-3);
        return cv::Mat(num / den);
    };
    cv::parallel_for_(cv::Range(0, static_cast<int>(density.size())), [&](const cv::Range& tasks) {
        cv::Mat filtered(spectrum.size(), CV_32FC2), real(rows, cols, CV_32F);
        for (int t = tasks.start; t < tasks.end; ++t) {
            const BandWeights& w = weights[static_cast<std::size_t>(t / 2)];
            const bool isSignal = t % 2 == 0;
            const cv::Mat& weight = isSignal ? w.signal : w.background;
            const double gain = isSignal ? w.signalGain : w.backgroundGain;
            for (int r = 0; r < rows; ++r) {
                const auto* s = spectrum.ptr<cv::Vec2f>(r);
                const float* m = weight.ptr<float>(r);
                auto* o = filtered.ptr<cv::Vec2f>(r);
                for (int c = 0; c < spectrum.cols; ++c)
                    o[c] = s[c] * m[c];
            }
            fftwf_execute_dft_c2r(plans.inverse,
                                  reinterpret_cast<fftwf_complex*>(filtered.ptr<float>()),
                                  real.ptr<float>());
            cv::Mat energy;
            cv::multiply(real(inside), real(inside), energy);
            // c2r is unnormalised (× bins); density per unit of white-noise gain.
            energy *= 1.0 / (bins * bins * std::max(gain, 1e-12));
            density[static_cast<std::size_t>(t)] =
                smoothOver(energy, isSignal ? sigmaPx : 2 * sigmaPx);
        }
    });
    std::vector<cv::Mat> ratios;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        cv::Mat background = cv::max(density[2 * i + 1], 1e-20);
        ratios.push_back(density[2 * i] / background);
    }
    return ratios;
}

RatioClasses splitRatios(const cv::Mat& ratios, int stride)
{
    CV_Assert(ratios.type() == CV_32F);
    stride = std::max(1, stride);
    std::vector<double> x;
    for (int y = 0; y < ratios.rows; y += stride) {
        const float* r = ratios.ptr<float>(y);
        for (int c = 0; c < ratios.cols; c += stride)
            x.push_back(std::log(std::max(1e-6, static_cast<double>(r[c]))));
    }
    RatioClasses out;
    if (x.empty())
        return out;
    const auto n = static_cast<double>(x.size());
    const detail::TwoGaussianMixture fit = detail::fitTwoGaussianMixture(x);
    const double* mu = fit.mu;
    const double* sigma = fit.sigma;
    const double* weight = fit.weight;
    const std::vector<double>& posterior = fit.posterior;
    const int low = mu[0] <= mu[1] ? 0 : 1;
    const int high = 1 - low;
    out.separated = mu[high] - mu[low] > 3 * sigma[low] && weight[high] >= 1e-3;
    std::vector<double> members[2];
    for (std::size_t i = 0; i < x.size(); ++i) {
        const bool inHigh = out.separated && ((high == 1) == (posterior[i] > 0.5));
        members[inHigh ? 1 : 0].push_back(x[i]);
    }
    if (members[0].empty()) // every value in the upper class: it is the only one
        std::swap(members[0], members[1]);
    const double lowLog = median(members[0]);
    std::vector<double> deviation;
    for (double v : members[0])
        deviation.push_back(std::abs(v - lowLog));
    out.lowMedian = std::exp(lowLog);
    out.lowLogSigma = 1.4826 * median(deviation);
    out.highMedian = members[1].empty() ? out.lowMedian : std::exp(median(members[1]));
    out.highFraction = static_cast<double>(members[1].size()) / n;
    out.separated = out.separated && !members[1].empty();
    return out;
}

double pixelThresholdRatio(const RatioClasses& classes)
{
    // Fringes: more fringe energy than noise energy in the band (ratio 2).
    constexpr double kFringeRatio = 2.0;
    if (classes.lowMedian >= kFringeRatio)
        return 0; // every class has fringes
    if (!classes.separated)
        return classes.lowMedian * std::exp(4 * classes.lowLogSigma);
    return (classes.lowMedian + classes.highMedian) / 2;
}

} // namespace insitu
