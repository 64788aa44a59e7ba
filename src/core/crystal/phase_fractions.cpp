// Phase classes from fringe power and window-mean intensity, thresholds from histogram valleys,
// area fractions with a block bootstrap.

#include "insitu/crystal/phase_fractions.h"

#include "crystallinity_windows.h"
#include "fringe_energy.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

namespace insitu {

namespace {

/// Threshold between two modes of the values where mask != 0: Otsu on a 256-bin histogram,
/// accepted only when the smoothed histogram has a valley there (density at the threshold below
/// 0.35 of the lower of the two modes' peaks, ≥ 3 % of the pixels each side). nullopt when
/// unimodal.
std::optional<double> valleyThreshold(const cv::Mat& values, const cv::Mat& mask)
{
    double lo = 0, hi = 0;
    cv::minMaxLoc(values, &lo, &hi, nullptr, nullptr, mask);
    if (!(hi > lo))
        return std::nullopt;
    constexpr int kBins = 256;
    std::vector<double> hist(kBins, 0.0);
    const double scale = (kBins - 1) / (hi - lo);
    double total = 0;
    for (int y = 0; y < values.rows; ++y) {
        const float* v = values.ptr<float>(y);
        const unsigned char* m = mask.ptr<unsigned char>(y);
        for (int x = 0; x < values.cols; ++x)
            if (m[x] != 0) {
                hist[static_cast<std::size_t>((v[x] - lo) * scale)] += 1;
                total += 1;
            }
    }
    // Otsu.
    double sumAll = 0;
    for (int b = 0; b < kBins; ++b)
        sumAll += b * hist[static_cast<std::size_t>(b)];
    double w0 = 0, sum0 = 0, bestScore = -1;
    int best = 0;
    for (int b = 0; b < kBins - 1; ++b) {
        w0 += hist[static_cast<std::size_t>(b)];
        sum0 += b * hist[static_cast<std::size_t>(b)];
        const double w1 = total - w0;
        if (w0 <= 0 || w1 <= 0)
            continue;
        const double m0 = sum0 / w0;
        const double m1 = (sumAll - sum0) / w1;
        const double score = w0 * w1 * (m0 - m1) * (m0 - m1);
        if (score > bestScore) {
            bestScore = score;
            best = b;
        }
    }
    // Valley test on the histogram smoothed over 9 bins.
    std::vector<double> smooth(kBins, 0.0);
    for (int b = 0; b < kBins; ++b)
        for (int k = -4; k <= 4; ++k)
            smooth[static_cast<std::size_t>(b)] +=
                hist[static_cast<std::size_t>(std::clamp(b + k, 0, kBins - 1))] / 9.0;
    int valley = best;
    for (int b = std::max(0, best - 20); b <= std::min(kBins - 1, best + 20); ++b)
        if (smooth[static_cast<std::size_t>(b)] < smooth[static_cast<std::size_t>(valley)])
            valley = b;
    const double peakLow = *std::max_element(smooth.begin(), smooth.begin() + valley + 1);
    const double peakHigh = *std::max_element(smooth.begin() + valley, smooth.end());
    double below = 0;
    for (int b = 0; b <= valley; ++b)
        below += hist[static_cast<std::size_t>(b)];
    const double lowShare = below / total;
    // A real second class: a deep valley and at least 3 % of the pixels on each side.
    if (smooth[static_cast<std::size_t>(valley)] > 0.35 * std::min(peakLow, peakHigh) ||
        lowShare < 0.03 || lowShare > 0.97)
        return std::nullopt;
    return lo + (valley + 0.5) / scale;
}

/// σ of the intensity smoothing for the pore outline, as a fraction of the window σ.
constexpr double kPoreEdgeSigmaFraction = 0.2;

/// The 8-connected pieces of bright (CV_8U) that hold a seeds pixel, as a CV_8U mask.
cv::Mat brightPiecesWithSeeds(const cv::Mat& bright, const cv::Mat& seeds)
{
    cv::Mat pieces;
    const int count = cv::connectedComponents(bright, pieces, 8, CV_32S);
    std::vector<unsigned char> seeded(static_cast<std::size_t>(count), 0);
    for (int y = 0; y < pieces.rows; ++y) {
        const int* p = pieces.ptr<int>(y);
        const unsigned char* s = seeds.ptr<unsigned char>(y);
        for (int x = 0; x < pieces.cols; ++x)
            if (s[x] != 0 && p[x] > 0)
                seeded[static_cast<std::size_t>(p[x])] = 255;
    }
    cv::Mat out(bright.size(), CV_8U);
    for (int y = 0; y < pieces.rows; ++y) {
        const int* p = pieces.ptr<int>(y);
        unsigned char* o = out.ptr<unsigned char>(y);
        for (int x = 0; x < pieces.cols; ++x)
            o[x] = seeded[static_cast<std::size_t>(p[x])];
    }
    return out;
}

} // namespace

void measurePhaseFractions(PhaseFractions& phases, int blockPx, int samples, std::uint64_t seed)
{
    const cv::Mat& map = phases.classMap;
    blockPx = std::max(8, blockPx);
    const int bx = (map.cols + blockPx - 1) / blockPx;
    const int by = (map.rows + blockPx - 1) / blockPx;
    // counts[block][class]
    std::vector<std::array<double, 4>> counts(static_cast<std::size_t>(bx * by), {0, 0, 0, 0});
    for (int y = 0; y < map.rows; ++y) {
        const unsigned char* c = map.ptr<unsigned char>(y);
        for (int x = 0; x < map.cols; ++x)
            counts[static_cast<std::size_t>((y / blockPx) * bx + x / blockPx)]
                  [std::min<std::size_t>(c[x], 3)] += 1;
    }
    auto fractions = [](const std::array<double, 4>& sum) {
        const double inside = sum[1] + sum[2] + sum[3];
        std::array<double, 3> f{0, 0, 0};
        if (inside > 0)
            for (int k = 0; k < 3; ++k)
                f[static_cast<std::size_t>(k)] = sum[static_cast<std::size_t>(k) + 1] / inside;
        return f;
    };
    std::array<double, 4> total{0, 0, 0, 0};
    for (const auto& block : counts)
        for (int k = 0; k < 4; ++k)
            total[static_cast<std::size_t>(k)] += block[static_cast<std::size_t>(k)];
    const auto point = fractions(total);
    std::array<std::vector<double>, 3> draws;
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, counts.size() - 1);
    for (int s = 0; s < samples; ++s) {
        std::array<double, 4> sum{0, 0, 0, 0};
        for (std::size_t b = 0; b < counts.size(); ++b) {
            const auto& block = counts[pick(rng)];
            for (int k = 0; k < 4; ++k)
                sum[static_cast<std::size_t>(k)] += block[static_cast<std::size_t>(k)];
        }
        const auto f = fractions(sum);
        for (int k = 0; k < 3; ++k)
            draws[static_cast<std::size_t>(k)].push_back(f[static_cast<std::size_t>(k)]);
    }
    AreaFraction* out[3] = {&phases.crystalline, &phases.amorphous, &phases.pore};
    for (int k = 0; k < 3; ++k) {
        auto& d = draws[static_cast<std::size_t>(k)];
        AreaFraction& a = *out[k];
        a.value = a.low = a.high = point[static_cast<std::size_t>(k)];
        if (d.empty())
            continue;
        std::sort(d.begin(), d.end());
        const auto at = [&](double q) {
            return d[static_cast<std::size_t>(q * static_cast<double>(d.size() - 1))];
        };
        a.low = std::min(a.value, at(0.025));
        a.high = std::max(a.value, at(0.975));
    }
}

PhaseFractions classifyPhases(const cv::Mat& image, std::optional<double> nmPerPixel,
                              const PhaseOptions& options, const cv::Mat& mask)
{
    if (image.empty() || image.channels() != 1)
        throw Error("phases: the image must be a non-empty single-channel image");
    cv::Mat inside = mask.empty() ? cv::Mat(image.size(), CV_8U, cv::Scalar(255)) : mask != 0;
    PhaseFractions out;
    out.windowPx =
        nmPerPixel && *nmPerPixel > 0 ? options.windowNm / *nmPerPixel : options.windowPx;
    // Crystalline: fringe energy of the strongest lattice ring(s) above the crystallinity map's
    // data-chosen threshold (a film of grains only is one class, crystalline).
    // The strongest ring(s) of the image's spectrum (the crystallinity map's detection, window
    // 8 σ), their per-pixel fringe energy over the bands beside them, smoothed at σ.
    cv::Mat values;
    image.convertTo(values, CV_32F);
    WindowGrid grid;
    grid.windowPx = std::max(16, static_cast<int>(std::lround(8 * out.windowPx)));
    CrystallinityOptions rings;
    rings.maxDetectedRings = options.maxRings;
    std::vector<FrequencyBand> bands;
    if (values.cols >= grid.windowPx && values.rows >= grid.windowPx)
        for (const Annulus& a : detectedAnnuli(values, grid, rings))
            bands.push_back({a.kMinPerPx, a.kMaxPerPx});
    const std::vector<cv::Mat> ratios = fringeEnergyRatios(values, bands, out.windowPx);
    const int stride =
        std::max(1, static_cast<int>(std::sqrt(static_cast<double>(image.total()) / 250000.0)));
    // Per ring: ratio over its threshold; the fringe power is the largest, in the first ring's
    // units (log10), so that fringePower > crystallineThreshold marks crystalline pixels.
    cv::Mat relative(image.size(), CV_32F, cv::Scalar(1e-12));
    double firstThreshold = 1;
    std::vector<double> thresholds;
    for (std::size_t i = 0; i < ratios.size(); ++i) {
        const double t = options.crystallineThreshold
                             ? std::pow(10.0, *options.crystallineThreshold)
                             : std::max(1e-6, pixelThresholdRatio(splitRatios(ratios[i], stride)));
        if (i == 0)
            firstThreshold = t;
        thresholds.push_back(t);
        cv::max(relative, ratios[i] / t, relative);
    }
    if (ratios.empty()) {
        // No lattice ring in the spectrum: nothing is crystalline unless a threshold says so.
        out.crystallineThreshold =
            options.crystallineThreshold.value_or(std::numeric_limits<double>::infinity());
        out.fringePower = cv::Mat(image.size(), CV_32F, cv::Scalar(-12.0));
    } else {
        out.crystallineThreshold = std::log10(firstThreshold);
        cv::log(relative, out.fringePower);
        out.fringePower = out.fringePower / std::numbers::ln10 + out.crystallineThreshold;
    }
    cv::Mat crystalline = (out.fringePower > out.crystallineThreshold) & inside;

    // Pores: the bright minority mode of the local mean intensity, among the pixels without
    // fringes (bright grains are not voids).
    cv::Mat f, meanIntensity;
    image.convertTo(f, CV_32F);
    cv::GaussianBlur(f, meanIntensity, cv::Size(), 0.5 * out.windowPx);
    out.poreThreshold = options.poreThreshold;
    if (!out.poreThreshold) {
        out.poreThreshold = valleyThreshold(meanIntensity, inside);
        if (out.poreThreshold && cv::countNonZero(inside & (meanIntensity > *out.poreThreshold)) >
                                     cv::countNonZero(inside) / 2)
            out.poreThreshold.reset(); // the bright mode is the majority: not voids
    }
    cv::Mat pore = cv::Mat::zeros(image.size(), CV_8U);
    if (out.poreThreshold) {
        // Seeds: bright pixels without fringes. The fringe energy's smoothing carries the
        // crystalline class a σ into the pores; the pore outline comes from the intensity at a
        // finer scale: every bright piece that holds a seed is pore.
        const cv::Mat seeds = inside & ~crystalline & (meanIntensity > *out.poreThreshold);
        cv::Mat fineIntensity;
        cv::GaussianBlur(f, fineIntensity, cv::Size(), kPoreEdgeSigmaFraction * out.windowPx);
        pore = brightPiecesWithSeeds(inside & (fineIntensity > *out.poreThreshold), seeds);
        if (!ratios.empty() && cv::countNonZero(pore) > 0) {
            // Again without the pores: their missing fringes no longer thin the crystalline
            // pixels beside them (the thresholds stay those of the whole image).
            const std::vector<cv::Mat> solid =
                fringeEnergyRatios(values, bands, out.windowPx, inside & ~pore);
            cv::Mat relativeSolid(image.size(), CV_32F, cv::Scalar(1e-12));
            for (std::size_t i = 0; i < solid.size(); ++i)
                cv::max(relativeSolid, solid[i] / thresholds[i], relativeSolid);
            cv::log(relativeSolid, out.fringePower);
            out.fringePower = out.fringePower / std::numbers::ln10 + out.crystallineThreshold;
            crystalline = (out.fringePower > out.crystallineThreshold) & inside & ~pore;
        }
    }

    out.classMap = cv::Mat(image.size(), CV_8U, cv::Scalar(static_cast<int>(PhaseClass::Outside)));
    out.classMap.setTo(static_cast<int>(PhaseClass::Amorphous), inside);
    out.classMap.setTo(static_cast<int>(PhaseClass::Crystalline), crystalline);
    out.classMap.setTo(static_cast<int>(PhaseClass::Pore), pore);
    measurePhaseFractions(out, static_cast<int>(std::ceil(options.blockWindows * out.windowPx)),
                          options.bootstrapSamples, options.seed);
    return out;
}

} // namespace insitu
