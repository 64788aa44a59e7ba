// Sliding-window FFTs of the crystallinity map: annulus power ratios per window (threads, one
// FFTW plan), ring detection and the mixture threshold.

#include "crystallinity_windows.h"

#include "../registration/fftw_plans.h"
#include "gaussian_mixture.h"

#include "insitu/crystal/fft_analysis.h"
#include "insitu/error.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace insitu {

namespace {

/// Half-spectrum index lists of one annulus: signal, inner and outer background bands.
struct AnnulusPixels
{
    std::vector<int> signal;
    std::vector<int> inner;
    std::vector<int> outer;
};

cv::Mat hann2d(int n)
{
    cv::Mat w(n, n, CV_32F);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const double wr = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * (r + 0.5) / n);
            const double wc = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * (c + 0.5) / n);
            w.at<float>(r, c) = static_cast<float>(wr * wc);
        }
    return w;
}

/// |k| (cycles/px) of half-spectrum index i of an n × n r2c transform.
double halfK(int n, int i)
{
    const int half = n / 2 + 1;
    const int r = i / half;
    const int c = i % half;
    const int ky = r <= n / 2 ? r : r - n;
    return std::hypot(static_cast<double>(c), static_cast<double>(ky)) / n;
}

std::vector<AnnulusPixels> annulusPixels(int n, const std::vector<Annulus>& annuli)
{
    const int total = n * (n / 2 + 1);
    std::vector<AnnulusPixels> out(annuli.size());
    auto inAnySignal = [&](double k) {
        return std::any_of(annuli.begin(), annuli.end(),
                           [&](const Annulus& a) { return k >= a.kMinPerPx && k <= a.kMaxPerPx; });
    };
    for (std::size_t a = 0; a < annuli.size(); ++a) {
        const double lo = annuli[a].kMinPerPx;
        const double hi = annuli[a].kMaxPerPx;
        for (double widen : {1.0, 2.0}) {
            const double w = widen * (hi - lo);
            out[a] = {};
            for (int i = 0; i < total; ++i) {
                const double k = halfK(n, i);
                if (k >= lo && k <= hi)
                    out[a].signal.push_back(i);
                else if (!inAnySignal(k) && k >= lo - w && k < lo && k > 1.5 / n)
                    out[a].inner.push_back(i);
                else if (!inAnySignal(k) && k > hi && k <= hi + w && k <= 0.5)
                    out[a].outer.push_back(i);
            }
            if (out[a].inner.size() + out[a].outer.size() >= 8)
                break;
        }
    }
    return out;
}

/// Mean power of the background bands, robust to lattice spots of other spacings in them: the
/// median over ln 2 (the mean of exponentially distributed speckle power).
double robustBackground(const cv::Vec2f* spectrum, const std::vector<int>& inner,
                        const std::vector<int>& outer, std::vector<float>& scratch)
{
    scratch.clear();
    for (const auto* band : {&inner, &outer})
        for (int i : *band) {
            const cv::Vec2f v = spectrum[i];
            scratch.push_back(v[0] * v[0] + v[1] * v[1]);
        }
    if (scratch.empty())
        return 0;
    auto mid = scratch.begin() + static_cast<std::ptrdiff_t>(scratch.size() / 2);
    std::nth_element(scratch.begin(), mid, scratch.end());
    return *mid / std::numbers::ln2;
}

double meanPower(const cv::Vec2f* spectrum, const std::vector<int>& indices)
{
    double sum = 0;
    for (int i : indices) {
        const cv::Vec2f v = spectrum[i];
        sum += static_cast<double>(v[0]) * v[0] + static_cast<double>(v[1]) * v[1];
    }
    return indices.empty() ? 0.0 : sum / static_cast<double>(indices.size());
}

/// Weighted mean removed, tapered, transformed: window at (x, y) into spectrum.
void transformWindow(const cv::Mat& image, int x, int y, const cv::Mat& taper, double taperSum,
                     const detail::RealFftPlans& plans, cv::Mat& buffer, cv::Mat& spectrum)
{
    const int n = taper.rows;
    const cv::Mat window = image(cv::Rect(x, y, n, n));
    const double mean = window.dot(taper) / taperSum;
    for (int r = 0; r < n; ++r) {
        const float* src = window.ptr<float>(r);
        const float* w = taper.ptr<float>(r);
        float* dst = buffer.ptr<float>(r);
        for (int c = 0; c < n; ++c)
            dst[c] = (src[c] - static_cast<float>(mean)) * w[c];
    }
    fftwf_execute_dft_r2c(plans.forward, buffer.ptr<float>(),
                          reinterpret_cast<fftwf_complex*>(spectrum.ptr<float>()));
}

} // namespace

std::vector<Annulus> annuliFromRanges(const std::vector<DRangeNm>& ranges,
                                      const Calibration& calibration, const WindowGrid& grid)
{
    if (!calibration.nmPerPixel)
        throw Error("crystallinity map: d-ranges in nm need the pixel size (unknown for this "
                    "movie; set it with --pixel-size-nm)");
    std::vector<Annulus> out;
    const double p = *calibration.nmPerPixel;
    for (const DRangeNm& range : ranges) {
        if (!(range.minNm > 0) || !(range.maxNm >= range.minNm))
            throw Error("crystallinity map: a d-range must have 0 < min <= max (nm)");
        if (range.minNm < 2 * p)
            throw Error("crystallinity map: d = " + std::to_string(range.minNm) +
                        " nm is below the Nyquist spacing (2 px = " + std::to_string(2 * p) +
                        " nm)");
        Annulus a{range.phase, p / range.maxNm, p / range.minNm};
        const double centre = (a.kMinPerPx + a.kMaxPerPx) / 2;
        const double halfWidth = std::max((a.kMaxPerPx - a.kMinPerPx) / 2, 1.5 / grid.windowPx);
        a.kMinPerPx = centre - halfWidth;
        a.kMaxPerPx = std::min(0.5, centre + halfWidth);
        out.push_back(a);
    }
    return out;
}

std::vector<Annulus> detectedAnnuli(const cv::Mat& image, const WindowGrid& grid,
                                    const CrystallinityOptions& options)
{
    // The strongest refined peaks of the whole image's profile (no padding: speed).
    FftOptions fft;
    fft.spectrum.padFactor = 1;
    fft.peaks.maxPeaks = options.maxDetectedRings;
    const FftResult whole = analyzeFft(image, {}, {}, fft);
    std::vector<Annulus> out;
    for (const FftPeakResult& p : whole.peaks) {
        const double k = p.peak.kPerPx;
        const double halfWidth =
            std::max(options.annulusHalfWidthRelative * k, 1.5 / grid.windowPx);
        out.push_back({"ring " + std::to_string(out.size() + 1),
                       std::max(2.0 / grid.windowPx, k - halfWidth), std::min(0.5, k + halfWidth)});
    }
    return out;
}

std::vector<cv::Mat> windowRatios(const cv::Mat& image, const WindowGrid& grid,
                                  const std::vector<Annulus>& annuli, Progress& progress)
{
    const int n = grid.windowPx;
    const cv::Mat taper = hann2d(n);
    const double taperSum = cv::sum(taper)[0];
    const auto& plans = detail::realFftPlans(n, n, true);
    const std::vector<AnnulusPixels> pixels = annulusPixels(n, annuli);
    std::vector<cv::Mat> ratios;
    for (std::size_t a = 0; a < annuli.size(); ++a)
        ratios.emplace_back(grid.rows, grid.cols, CV_32F);
    progress.start(grid.rows, "Crystallinity map");
    constexpr int kRowsPerChunk = 8;
    for (int chunk = 0; chunk < grid.rows; chunk += kRowsPerChunk) {
        const int end = std::min(grid.rows, chunk + kRowsPerChunk);
        cv::parallel_for_(cv::Range(chunk, end), [&](const cv::Range& rows) {
            cv::Mat buffer(n, n, CV_32F), spectrum(n, n / 2 + 1, CV_32FC2);
            std::vector<float> scratch;
            for (int j = rows.start; j < rows.end; ++j)
                for (int i = 0; i < grid.cols; ++i) {
                    transformWindow(image, i * grid.stepPx, j * grid.stepPx, taper, taperSum, plans,
                                    buffer, spectrum);
                    const auto* s = spectrum.ptr<cv::Vec2f>();
                    for (std::size_t a = 0; a < annuli.size(); ++a) {
                        const AnnulusPixels& p = pixels[a];
                        const double signal = meanPower(s, p.signal);
                        const double background = robustBackground(s, p.inner, p.outer, scratch);
                        ratios[a].at<float>(j, i) = static_cast<float>(
                            background > 0 ? signal / background : (signal > 0 ? 1e6 : 1.0));
                    }
                }
        });
        progress.advance(end - chunk);
    }
    return ratios;
}

double mixtureThresholdRatio(const cv::Mat& ratios)
{
    std::vector<double> x;
    x.reserve(ratios.total());
    for (auto it = ratios.begin<float>(); it != ratios.end<float>(); ++it)
        x.push_back(std::log(std::max(1e-6, static_cast<double>(*it))));
    const auto n = static_cast<double>(x.size());
    const detail::TwoGaussianMixture fit = detail::fitTwoGaussianMixture(x);
    const double* mu = fit.mu;
    const double* sigma = fit.sigma;
    const double* weight = fit.weight;
    const std::vector<double>& posterior = fit.posterior;
    const int amorphous = mu[0] <= mu[1] ? 0 : 1;
    const int crystalline = 1 - amorphous;
    if (!(mu[crystalline] - mu[amorphous] > 3 * sigma[amorphous]) || weight[crystalline] < 1e-3) {
        // No separated crystalline component: everything is noise around one level.
        double mean = 0, var = 0;
        for (double v : x)
            mean += v / n;
        for (double v : x)
            var += (v - mean) * (v - mean) / n;
        return std::exp(mean + 4 * std::sqrt(var));
    }
    // Edge at half the fringe amplitude: a = √(r − 1) midway between the class medians.
    std::vector<double> amplitude[2];
    for (std::size_t i = 0; i < x.size(); ++i) {
        const bool isCrystal = (crystalline == 1) == (posterior[i] > 0.5);
        amplitude[isCrystal ? 1 : 0].push_back(std::sqrt(std::max(0.0, std::exp(x[i]) - 1)));
    }
    auto median = [](std::vector<double>& v) {
        if (v.empty())
            return 0.0;
        auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
        std::nth_element(v.begin(), mid, v.end());
        return *mid;
    };
    const double a = (median(amplitude[0]) + median(amplitude[1])) / 2;
    return 1 + a * a;
}

} // namespace insitu
