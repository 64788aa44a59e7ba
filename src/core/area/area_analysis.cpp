// analyseAreas: A/A0, area steps (crack events), kinetics fits, initial rates and ratios.

#include "area_steps.h"

#include "insitu/area/area_tracker.h"

#include "insitu/error.h"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>

namespace insitu {

namespace {

using area_detail::findSteps;
using area_detail::fitLine;
using area_detail::medianOf;

FitOptions fitOptions(const AreaOptions& options, const std::string& model,
                      const std::string& timeUnit)
{
    FitOptions fo;
    fo.model = model;
    fo.units = {.length = "ratio", .time = timeUnit};
    fo.interval.samples = options.intervalSamples;
    return fo;
}

/// The fit of A/A0(t) by options.model; auto: the lowest AIC of the four models.
std::optional<FitResult> fitRatio(const std::vector<double>& t, const std::vector<double>& r,
                                  const AreaOptions& options, const std::string& timeUnit)
{
    auto one = [&](const std::string& name) -> std::optional<FitResult> {
        const std::string model = name == "exponential" ? "area-ratio" : name;
        try {
            FitResult fit = fitModel(t, r, fitOptions(options, model, timeUnit));
            if (fit.converged)
                return fit;
        } catch (const Error&) {
        }
        return std::nullopt;
    };
    if (options.model != "auto")
        return one(options.model);
    std::optional<FitResult> best;
    std::map<std::string, double> aic;
    for (const char* name : {"linear", "parabolic", "exponential", "avrami"})
        if (auto fit = one(name)) {
            aic[fit->model] = fit->aic;
            if (!best || fit->aic < best->aic)
                best = std::move(fit);
        }
    if (best) {
        best->candidateAic = aic;
        double next = HUGE_VAL;
        for (const auto& [name, value] : aic)
            if (name != best->model)
                next = std::min(next, value);
        if (std::isfinite(next))
            best->deltaAic = next - best->aic;
        best->verdict = "lowest AIC: " + best->model;
    }
    return best;
}

/// The frames [first, last) of the local line at frame i of segment [from, to): ±half frames,
/// truncated at the segment's ends.
std::pair<int, int> localWindow(int i, int from, int to, int half)
{
    return {std::max(from, i - half), std::min(to, i + half + 1)};
}

/// The errors of a track's measured areas as an AR(1): SD σ (px²) and lag-1 correlation ρ.
struct Ar1Noise
{
    double sigma = 0; ///< in the unit of the areas (px², or A/A0 once divided by A0)
    double rho = 0;
    /// Covariance of Σ u_i·e_i and Σ v_i·e_i (weights on the frames).
    [[nodiscard]] double covariance(const std::vector<double>& u,
                                    const std::vector<double>& v) const
    {
        double sum = 0;
        for (std::size_t i = 0; i < u.size(); ++i)
            if (u[i] != 0)
                for (std::size_t j = 0; j < v.size(); ++j)
                    if (v[j] != 0)
                        sum += u[i] * v[j] *
                               std::pow(rho,
                                        std::abs(static_cast<double>(i) - static_cast<double>(j)));
        return sigma * sigma * sum;
    }
};

/// The AR(1) of the measured areas' errors, from the whole track (many more frames than a fit
/// window holds, so that σ and ρ are well determined).
Ar1Noise measuredNoise(const AreaTrack& track)
{
    const int n = static_cast<int>(track.measuredAreaPx.size());
    if (n < 5)
        return {};
    // Noise of the measured areas from their first differences less the local growth (the
    // running median of the differences over ±3 frames): for an AR(1) of SD σ and lag-1
    // correlation ρ, var(Δ) = 2σ²(1 − ρ) and the lag-1 correlation of Δ is −(1 − ρ)/2.
    std::vector<double> d;
    for (int i = 1; i < n; ++i)
        d.push_back(track.measuredAreaPx[static_cast<std::size_t>(i)] -
                    track.measuredAreaPx[static_cast<std::size_t>(i - 1)]);
    const int m = static_cast<int>(d.size());
    std::vector<double> detrended(d.size());
    for (int i = 0; i < m; ++i) {
        const int from = std::max(0, i - 3), to = std::min(m, i + 4);
        detrended[static_cast<std::size_t>(i)] =
            d[static_cast<std::size_t>(i)] - medianOf({d.begin() + from, d.begin() + to});
    }
    std::vector<double> absD;
    for (double v : detrended)
        absD.push_back(std::abs(v));
    const double sd = 1.4826 * medianOf(absD); // robust SD (steps are outliers)
    double c0 = 0, c1 = 0;
    for (std::size_t i = 0; i < detrended.size(); ++i) {
        const double v = std::clamp(detrended[i], -4 * sd, 4 * sd);
        c0 += v * v;
        if (i > 0)
            c1 += v * std::clamp(detrended[i - 1], -4 * sd, 4 * sd);
    }
    const double lag1 = c0 > 0 ? c1 / c0 : -0.5;
    const double rho = std::clamp(1 + 2 * lag1, 0.0, 0.95);
    const double sigmaLevel = sd / std::sqrt(2 * (1 - rho));
    return {sigmaLevel, rho};
}

/// A0 as weights on the measured areas: the mean of the regularised areas over the frames
/// `inside`, each a local line through the measured areas of its window.
std::vector<double> areaZeroWeights(const AreaTrack& track, const std::vector<bool>& inside,
                                    int half, const std::vector<int>& cuts)
{
    const int n = static_cast<int>(track.measuredAreaPx.size());
    std::vector<double> weight(static_cast<std::size_t>(n), 0.0);
    int count = 0;
    for (int i = 0; i < n; ++i)
        count += inside[static_cast<std::size_t>(i)] ? 1 : 0;
    if (count == 0)
        return weight;
    for (int i = 0; i < n; ++i) {
        if (!inside[static_cast<std::size_t>(i)])
            continue;
        // The segment between steps holding i, as regulariseAreas uses.
        int from = 0, to = n;
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c)
            if (cuts[c] <= i && i < cuts[c + 1]) {
                from = cuts[c];
                to = cuts[c + 1];
            }
        const auto [a, b] =
            half > 0 && to - from >= 3 ? localWindow(i, from, to, half) : std::pair{i, i + 1};
        double mx = 0;
        for (int k = a; k < b; ++k)
            mx += k;
        mx /= b - a;
        double sxx = 0;
        for (int k = a; k < b; ++k)
            sxx += (k - mx) * (k - mx);
        for (int k = a; k < b; ++k) // the local line's value at i as weights on the samples
            weight[static_cast<std::size_t>(k)] +=
                (1.0 / (b - a) + (sxx > 0 ? (k - mx) * (i - mx) / sxx : 0)) / count;
    }
    return weight;
}

/// Where r first reaches half of its final change (end of the onset window), or 0 when the
/// change is not clearly above the frame-to-frame noise.
std::size_t halfRiseEnd(const std::vector<double>& r)
{
    const std::size_t n = r.size();
    if (n < 8)
        return 0;
    const std::size_t tail = std::max<std::size_t>(5, n / 10);
    const double r0 = medianOf({r.begin(), r.begin() + static_cast<std::ptrdiff_t>(tail)});
    const double rEnd = medianOf({r.end() - static_cast<std::ptrdiff_t>(tail), r.end()});
    std::vector<double> diffs;
    for (std::size_t k = 1; k < n; ++k)
        diffs.push_back(std::abs(r[k] - r[k - 1]));
    const double noise = 1.4826 * medianOf(diffs) / std::sqrt(2.0);
    if (std::abs(rEnd - r0) < 5 * noise)
        return 0;
    const double sign = rEnd > r0 ? 1 : -1;
    for (std::size_t k = 0; k < n; ++k)
        if (sign * (r[k] - r0) / std::abs(rEnd - r0) > 0.5)
            return k + 1;
    return n;
}

/// The onset of the best hinge b·(1 + rate·max(0, t − t0)) on a 0.1-frame grid (the RSS of
/// each onset by linear least squares), the start of the least-squares fit.
std::array<double, 3> profileHinge(const std::vector<double>& x, const std::vector<double>& y)
{
    std::array<double, 3> best{y.front(), 0, x.front()};
    double bestRss = HUGE_VAL;
    const double dt = (x.back() - x.front()) / static_cast<double>(x.size() - 1);
    const double m = static_cast<double>(x.size());
    for (double t0 = x.front(); t0 <= x.back() - 2 * dt; t0 += 0.1 * dt) {
        double sg = 0, sy = 0, sgg = 0, sgy = 0;
        for (std::size_t k = 0; k < x.size(); ++k) {
            const double g = std::max(0.0, x[k] - t0);
            sg += g;
            sy += y[k];
            sgg += g * g;
            sgy += g * y[k];
        }
        const double det = m * sgg - sg * sg;
        if (!(det > 0))
            continue;
        const double slope = (m * sgy - sg * sy) / det;
        const double base = (sy - slope * sg) / m;
        double rss = 0;
        for (std::size_t k = 0; k < x.size(); ++k)
            rss += std::pow(y[k] - base - slope * std::max(0.0, x[k] - t0), 2);
        if (rss < bestRss && base != 0) {
            bestRss = rss;
            best = {base, slope / base, t0};
        }
    }
    return best;
}

/// The interval method of an onset fit that the AR(1) noise model widened: per parameter the
/// union of the moving-block-bootstrap interval and ±1.96 sandwich standard errors.
constexpr const char* kOnsetNoiseMethod = "moving-block-bootstrap+ar1-noise";

/// Never narrower than the track's own noise says: the sandwich covariance
/// (JᵀJ)⁻¹ JᵀΣJ (JᵀJ)⁻¹ of the hinge's parameters with Σ the AR(1) of the whole track (in A/A0
/// units), 95 % = ±1.96 SE. The fit window's bootstrap sees its 30–50 residuals only and
/// underestimates a slow correlation.
void widenForNoise(FitResult& fit, const std::vector<double>& x, const Ar1Noise& noise)
{
    if (!(noise.sigma > 0) || fit.params.size() != 3)
        return;
    const double b = fit.params[0].value, k = fit.params[1].value, t0 = fit.params[2].value;
    const std::size_t n = x.size();
    std::vector<std::vector<double>> columns(3, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const double on = std::max(0.0, x[i] - t0);
        columns[0][i] = 1 + k * on;
        columns[1][i] = b * on;
        columns[2][i] = on > 0 ? -b * k : 0;
    }
    Eigen::Matrix3d jtj, meat;
    for (int p = 0; p < 3; ++p)
        for (int q = 0; q < 3; ++q) {
            double dot = 0;
            for (std::size_t i = 0; i < n; ++i)
                dot += columns[static_cast<std::size_t>(p)][i] *
                       columns[static_cast<std::size_t>(q)][i];
            jtj(p, q) = dot;
            meat(p, q) = noise.covariance(columns[static_cast<std::size_t>(p)],
                                          columns[static_cast<std::size_t>(q)]);
        }
    const Eigen::Matrix3d bread = jtj.inverse();
    if (!bread.allFinite())
        return;
    const Eigen::Matrix3d cov = bread * meat * bread;
    bool widened = false;
    for (int p = 0; p < 3; ++p) {
        FitParameter& param = fit.params[static_cast<std::size_t>(p)];
        const double se = std::sqrt(std::max(0.0, cov(p, p)));
        if (!(se > param.standardError))
            continue;
        param.standardError = se;
        param.ci95Low = std::min(param.ci95Low, param.value - 1.96 * se);
        param.ci95High = std::max(param.ci95High, param.value + 1.96 * se);
        widened = true;
    }
    // The label says what the intervals are: the batch, the CLI and the GUI all read it here.
    if (widened)
        fit.ciMethod = kOnsetNoiseMethod;
}

/// Hinge r = b·(1 + rate·max(0, t − t0)) fitted by least squares to the measured A/A0 (each
/// frame's outline as found: the regularised areas are smoothed, so their residuals are
/// correlated over the smoothing window) up to half of the final change; b, rate and the onset
/// t0 all free, so that the interval of the rate (moving-block bootstrap) holds the onset's and
/// the baseline's uncertainty. rate is relative to the area at onset, whatever frames A0 is from.
std::optional<FitResult> fitOnset(const std::vector<double>& t, const std::vector<double>& r,
                                  const std::vector<double>& measured, const Ar1Noise& noise,
                                  const AreaOptions& options, const std::string& timeUnit)
{
    const std::size_t end = halfRiseEnd(r);
    if (end < 6)
        return std::nullopt;
    const std::vector<double> x(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(end));
    const std::vector<double> y(measured.begin(),
                                measured.begin() + static_cast<std::ptrdiff_t>(end));
    const std::array<double, 3> start = profileHinge(x, y);
    CallableModelSpec spec;
    spec.name = "onset-hinge";
    // "onset_" rather than "t0_": fitModel bounds every t0_ parameter to before the data.
    spec.parameterNames = {"ratio_0", "rate_per_" + timeUnit, "onset_" + timeUnit};
    spec.value = [](double tt, std::span<const double> p) {
        return p[0] * (1 + p[1] * std::max(0.0, tt - p[2]));
    };
    spec.gradient = [](double tt, std::span<const double> p, std::span<double> g) {
        const double on = std::max(0.0, tt - p[2]);
        g[0] = 1 + p[1] * on;
        g[1] = p[0] * on;
        g[2] = on > 0 ? -p[0] * p[1] : 0;
    };
    spec.start = {start[0], start[1], start[2]};
    spec.bounds = {{}, {}, {x.front(), x.back()}};
    FitOptions fo = fitOptions(options, "", timeUnit);
    fo.customModel = makeCallableModel(std::move(spec));
    try {
        FitResult fit = fitModel(x, y, fo);
        if (fit.converged && std::isfinite(fit.params[1].standardError)) {
            widenForNoise(fit, x, noise);
            return fit;
        }
    } catch (const Error&) {
    }
    return std::nullopt;
}

/// The mean A/A0 of the last tenth of the frames (≥ 5) as a one-parameter fit of the measured
/// areas / A0. Its interval is that of the ratio of two weighted sums of the measured areas
/// (the tail's mean over A0, a0Weights) under the track's AR(1) noise, by the delta method with
/// their covariance: the tail alone (5–10 correlated points) cannot tell its own uncertainty,
/// and A0's is as large.
std::optional<FitResult> fitFinal(const std::vector<double>& t, const std::vector<double>& r,
                                  const std::vector<double>& a0Weights, const Ar1Noise& noise,
                                  double areaZeroPx, const AreaOptions& options,
                                  const std::string& timeUnit)
{
    const std::size_t tail = std::max<std::size_t>(5, r.size() / 10);
    if (r.size() < tail + 1)
        return std::nullopt;
    const std::vector<double> x(t.end() - static_cast<std::ptrdiff_t>(tail), t.end());
    const std::vector<double> y(r.end() - static_cast<std::ptrdiff_t>(tail), r.end());
    CallableModelSpec spec;
    spec.name = "constant";
    spec.parameterNames = {"final_area_ratio"};
    spec.value = [](double, std::span<const double> p) { return p[0]; };
    spec.gradient = [](double, std::span<const double>, std::span<double> g) { g[0] = 1; };
    spec.start = {y.back()};
    spec.linearInParameters = true;
    FitOptions fo = fitOptions(options, "", timeUnit);
    fo.interval.method = IntervalMethod::T;
    fo.customModel = makeCallableModel(std::move(spec));
    try {
        FitResult fit = fitModel(x, y, fo);
        FitParameter& p = fit.params[0];
        std::vector<double> tailWeights(r.size(), 0.0);
        for (std::size_t i = r.size() - tail; i < r.size(); ++i)
            tailWeights[i] = 1.0 / static_cast<double>(tail);
        const double mPx = p.value * areaZeroPx;
        const double relVar = noise.covariance(tailWeights, tailWeights) / (mPx * mPx) +
                              noise.covariance(a0Weights, a0Weights) / (areaZeroPx * areaZeroPx) -
                              2 * noise.covariance(tailWeights, a0Weights) / (mPx * areaZeroPx);
        if (noise.sigma > 0 && relVar >= 0 && mPx > 0) {
            p.standardError = p.value * std::sqrt(relVar);
            p.ci95Low = p.value - 1.96 * p.standardError;
            p.ci95High = p.value + 1.96 * p.standardError;
            fit.ciMethod = "ar1-noise";
        }
        return fit;
    } catch (const Error&) {
        return std::nullopt;
    }
}

/// Indices where the segments between steps start, and the track's length.
std::vector<int> segmentCuts(const AreaTrack& track, const std::vector<AreaEvent>& steps)
{
    const int n = static_cast<int>(track.areaPx.size());
    std::vector<int> cuts{0};
    for (const AreaEvent& e : steps)
        for (int i = 0; i < n; ++i)
            if (track.frames[static_cast<std::size_t>(i)] == e.frame)
                cuts.push_back(i);
    cuts.push_back(n);
    return cuts;
}

/// Local-line smoothing of the area within the segments between steps; outlines rescaled.
void regulariseAreas(AreaTrack& track, const std::vector<int>& cuts, int half)
{
    const int n = static_cast<int>(track.areaPx.size());
    if (half <= 0 || n < 3)
        return;
    std::vector<double> x(static_cast<std::size_t>(n));
    std::iota(x.begin(), x.end(), 0.0);
    std::vector<double> smooth = track.measuredAreaPx;
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
        const int from = cuts[c], to = cuts[c + 1];
        if (to - from < 3)
            continue;
        for (int i = from; i < to; ++i) {
            const auto [a, b] = localWindow(i, from, to, half);
            smooth[static_cast<std::size_t>(i)] = fitLine(x, track.measuredAreaPx, a, b).at(i);
        }
    }
    // The core area alike, from each frame's core outline as found (the outlines are kept as
    // found, so that a second analysis smooths the same values again).
    if (track.coreOutlinesPx.size() == track.areaPx.size() &&
        track.coreAreaPx.size() == track.areaPx.size()) {
        std::vector<double> measuredCore(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            measuredCore[static_cast<std::size_t>(i)] =
                track.coreOutlinesPx[static_cast<std::size_t>(i)].size() >= 3
                    ? measurePolygon(track.coreOutlinesPx[static_cast<std::size_t>(i)]).areaPx
                    : 0.0;
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
            const int from = cuts[c], to = cuts[c + 1];
            for (int i = from; i < to; ++i) {
                const auto [a, b] = localWindow(i, from, to, half);
                track.coreAreaPx[static_cast<std::size_t>(i)] =
                    to - from < 3 ? measuredCore[static_cast<std::size_t>(i)]
                                  : std::max(0.0, fitLine(x, measuredCore, a, b).at(i));
            }
        }
    }
    for (int i = 0; i < n; ++i) {
        const std::size_t is = static_cast<std::size_t>(i);
        if (!(track.areaPx[is] > 0) || !(smooth[is] > 0))
            continue;
        const double f = std::sqrt(smooth[is] / track.areaPx[is]);
        const PointPx c = track.centroidPx[is];
        for (PointPx& p : track.outlinesPx[is])
            p = {c.x + f * (p.x - c.x), c.y + f * (p.y - c.y)};
        track.perimeterPx[is] *= f;
        track.areaPx[is] = smooth[is];
    }
}

} // namespace

std::optional<FitResult> finalAreaRatio(const AreaTrack& track, const AreaOptions& options,
                                        const std::vector<double>& timesS)
{
    const std::size_t n = track.frames.size();
    if (n < 6 || track.measuredAreaPx.size() != n || !(track.areaZeroPx > 0))
        return std::nullopt;
    std::vector<AreaEvent> steps;
    for (const AreaEvent& e : track.events)
        if (e.kind == "crack")
            steps.push_back(e);
    std::vector<bool> inA0(n, false);
    bool any = false;
    for (std::size_t i = 0; i < n; ++i)
        if (track.frames[i] >= options.areaZeroFirstFrame &&
            track.frames[i] <= options.areaZeroLastFrame)
            any = inA0[i] = true;
    if (!any)
        inA0.front() = true;
    std::vector<double> t, measuredRatio;
    for (std::size_t i = 0; i < n; ++i) {
        const int f = track.frames[i];
        t.push_back(timesS.empty() ? f : timesS.at(static_cast<std::size_t>(f)));
        measuredRatio.push_back(track.measuredAreaPx[i] / track.areaZeroPx);
    }
    return fitFinal(
        t, measuredRatio,
        areaZeroWeights(track, inA0, options.temporalHalfWindowFrames, segmentCuts(track, steps)),
        measuredNoise(track), track.areaZeroPx, options, timesS.empty() ? "frame" : "s");
}

std::optional<FitParameter> initialRate(const AreaTrack& track)
{
    if (!track.onsetFit || track.onsetFit->params.size() < 2)
        return std::nullopt;
    return track.onsetFit->params[1];
}

void analyseAreas(AreaResult& result, const std::vector<double>& timesS,
                  const std::vector<AreaEvent>& userEvents)
{
    const AreaOptions& o = result.options;
    const std::string unit = timesS.empty() ? "frame" : "s";
    for (AreaTrack& track : result.particles) {
        // Steps on the measured areas (ratio to the first frame), then the regularised areas.
        if (track.measuredAreaPx.size() != track.areaPx.size())
            track.measuredAreaPx = track.areaPx;
        if (track.measuredAreaPx.empty())
            continue;
        const double firstArea = std::max(1e-12, track.measuredAreaPx.front());
        track.areaRatio.clear();
        for (double a : track.measuredAreaPx)
            track.areaRatio.push_back(a / firstArea);
        const Ar1Noise stepNoise = measuredNoise(track);
        track.events = findSteps(track, o.minCrackStep, o.crackWindowFrames,
                                 stepNoise.sigma / firstArea, stepNoise.rho);
        const std::vector<int> cuts = segmentCuts(track, track.events);
        regulariseAreas(track, cuts, o.temporalHalfWindowFrames);
        double sum = 0;
        int count = 0;
        for (std::size_t i = 0; i < track.frames.size(); ++i)
            if (track.frames[i] >= o.areaZeroFirstFrame && track.frames[i] <= o.areaZeroLastFrame) {
                sum += track.areaPx[i];
                ++count;
            }
        track.areaZeroPx =
            count > 0 ? sum / count : (track.areaPx.empty() ? 0 : track.areaPx.front());
        track.areaRatio.clear();
        for (double a : track.areaPx)
            track.areaRatio.push_back(track.areaZeroPx > 0 ? a / track.areaZeroPx : 0);
        for (AreaEvent& e : track.events)
            e.areaRatioStep *= firstArea / std::max(1e-12, track.areaZeroPx);
        for (const AreaEvent& e : userEvents)
            track.events.push_back({e.frame, "user", 0});
        std::sort(track.events.begin(), track.events.end(),
                  [](const AreaEvent& a, const AreaEvent& b) { return a.frame < b.frame; });
        std::vector<double> t;
        for (int f : track.frames)
            t.push_back(timesS.empty() ? f : timesS.at(static_cast<std::size_t>(f)));
        std::vector<double> measuredRatio;
        for (double a : track.measuredAreaPx)
            measuredRatio.push_back(track.areaZeroPx > 0 ? a / track.areaZeroPx : 0);
        track.fit.reset();
        track.onsetFit.reset();
        if (track.frames.size() >= 6) {
            track.fit = fitRatio(t, track.areaRatio, o, unit);
            Ar1Noise noise = measuredNoise(track); // in A/A0 units
            noise.sigma /= std::max(1e-12, track.areaZeroPx);
            track.onsetFit = fitOnset(t, track.areaRatio, measuredRatio, noise, o, unit);
        }
    }
    result.ratios.clear();
    const std::string rateName = "rate_per_" + unit;
    for (std::size_t a = 0; a < result.particles.size(); ++a)
        for (std::size_t b = a + 1; b < result.particles.size(); ++b) {
            const std::string la = "particle " + std::to_string(a);
            const std::string lb = "particle " + std::to_string(b);
            try {
                const auto ga = finalAreaRatio(result.particles[a], o, timesS);
                const auto gb = finalAreaRatio(result.particles[b], o, timesS);
                if (ga && gb)
                    result.ratios.push_back({static_cast<int>(a), static_cast<int>(b),
                                             "final_area_ratio",
                                             rateRatio(*ga, *gb, "final_area_ratio", la, lb)});
                const auto& fa = result.particles[a].onsetFit;
                const auto& fb = result.particles[b].onsetFit;
                if (fa && fb)
                    result.ratios.push_back({static_cast<int>(a), static_cast<int>(b),
                                             "initial_rate",
                                             rateRatio(*fa, *fb, rateName, la, lb)});
            } catch (const Error&) {
            }
        }
}

} // namespace insitu
