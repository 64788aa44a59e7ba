// alignClocks() and crossCorrelateClocks(): the sync model t_movie = a + b·t_log.

#include "insitu/ec/clock_alignment.h"

#include "insitu/error.h"

#include "number_text.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace insitu {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void fitAnchors(ClockAlignment& out, const AlignmentInput& input)
{
    const auto& anchors = input.anchors;
    const auto n = static_cast<double>(anchors.size());
    double meanLog = 0;
    double meanMovie = 0;
    for (const auto& a : anchors) {
        meanLog += a.logTimeS / n;
        meanMovie += a.movieTimeS / n;
    }
    const auto [lo, hi] = std::minmax_element(
        anchors.begin(), anchors.end(),
        [](const ClockAnchor& x, const ClockAnchor& y) { return x.logTimeS < y.logTimeS; });
    const double span = hi->logTimeS - lo->logTimeS;
    out.rate = 1;
    if (anchors.size() >= 2 && span >= input.minRateSpanS) {
        double sxy = 0;
        double sxx = 0;
        for (const auto& a : anchors) {
            sxy += (a.logTimeS - meanLog) * (a.movieTimeS - meanMovie);
            sxx += (a.logTimeS - meanLog) * (a.logTimeS - meanLog);
        }
        out.rate = sxy / sxx;
    } else if (anchors.size() >= 2) {
        out.warnings.push_back("anchors span " + ec::shortNumber(span) + " s (< " +
                               ec::shortNumber(input.minRateSpanS) +
                               " s): rate kept at 1, offset averaged");
    }
    out.offsetS = meanMovie - out.rate * meanLog;
    out.method = anchors.size() == 1   ? "one anchor"
                 : anchors.size() == 2 ? "two anchors"
                                       : "anchors";
    for (const auto& a : anchors)
        out.anchorResidualsS.push_back(a.movieTimeS - out.movieTimeS(a.logTimeS));
}

double pearson(const std::vector<double>& x, const std::vector<double>& y)
{
    const auto n = static_cast<double>(x.size());
    double mx = 0;
    double my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        mx += x[i] / n;
        my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
}

} // namespace

ClockAlignment alignClocks(const AlignmentInput& input)
{
    ClockAlignment out;
    if (input.movieStart && input.logStart) {
        out.offsetS = input.logStart->secondsSince(*input.movieStart);
        out.method = "header clocks";
    }
    if (input.offsetS) {
        out.offsetS = *input.offsetS;
        out.method = "offset";
    }
    if (!input.anchors.empty()) {
        fitAnchors(out, input);
    } else if (out.method == "none") {
        out.warnings.push_back("no clock for the movie or the log, no offset and no anchor: the "
                               "log is assumed to start with frame 0");
    }
    return out;
}

double interpolateAt(const std::vector<double>& times, const std::vector<double>& values, double t)
{
    if (times.empty() || !(t >= times.front()) || !(t <= times.back()))
        return kNaN;
    const auto it = std::upper_bound(times.begin(), times.end(), t);
    if (it == times.end())
        return values.back();
    const auto i = static_cast<std::size_t>(it - times.begin());
    if (i == 0)
        return values.front();
    const double t0 = times[i - 1];
    const double t1 = times[i];
    if (t1 <= t0)
        return values[i];
    const double w = (t - t0) / (t1 - t0);
    return values[i - 1] + w * (values[i] - values[i - 1]);
}

ClockAlignment crossCorrelateClocks(const std::vector<double>& movieTimesS,
                                    const std::vector<double>& movieSignal,
                                    const std::vector<double>& logTimesS,
                                    const std::vector<double>& logValues, double centreOffsetS,
                                    const CrossCorrelationOptions& options)
{
    std::vector<double> channel = logValues;
    if (options.derivative) {
        for (std::size_t i = 0; i + 1 < logValues.size(); ++i) {
            const double dt = logTimesS[i + 1] - logTimesS[i];
            channel[i] = dt > 0 ? std::abs((logValues[i + 1] - logValues[i]) / dt) : kNaN;
        }
        if (!channel.empty())
            channel.back() = channel.size() > 1 ? channel[channel.size() - 2] : 0;
    }
    double step = options.stepS;
    if (!(step > 0)) {
        std::vector<double> gaps;
        for (std::size_t k = 1; k < movieTimesS.size(); ++k)
            gaps.push_back(movieTimesS[k] - movieTimesS[k - 1]);
        if (gaps.empty())
            throw Error("cross-correlation needs at least two frames");
        std::nth_element(gaps.begin(), gaps.begin() + static_cast<long>(gaps.size() / 2),
                         gaps.end());
        step = gaps[gaps.size() / 2] / 10;
    }
    const int half = static_cast<int>(std::ceil(options.maxLagS / step));
    // Pearson r at every lag; lags whose overlap is under half the best overlap are left out
    // (a few frames correlate by chance).
    std::vector<double> rs;
    std::vector<std::size_t> overlaps;
    std::vector<double> x;
    std::vector<double> y;
    for (int k = -half; k <= half; ++k) {
        const double a = centreOffsetS + k * step;
        x.clear();
        y.clear();
        for (std::size_t f = 0; f < movieTimesS.size(); ++f) {
            const double v = interpolateAt(logTimesS, channel, movieTimesS[f] - a);
            if (std::isfinite(v) && std::isfinite(movieSignal[f])) {
                x.push_back(movieSignal[f]);
                y.push_back(v);
            }
        }
        overlaps.push_back(x.size());
        rs.push_back(static_cast<int>(x.size()) >= options.minOverlapFrames ? pearson(x, y) : kNaN);
    }
    const std::size_t maxOverlap = *std::max_element(overlaps.begin(), overlaps.end());
    std::vector<double> scores;
    for (std::size_t i = 0; i < rs.size(); ++i)
        scores.push_back(std::isfinite(rs[i]) && 2 * overlaps[i] >= maxOverlap ? std::abs(rs[i])
                                                                               : -1);
    const auto best = std::max_element(scores.begin(), scores.end());
    if (*best < 0)
        throw Error("cross-correlation: the movie signal and the log channel do not overlap by " +
                    std::to_string(options.minOverlapFrames) + " frames within ±" +
                    ec::shortNumber(options.maxLagS) + " s");
    const auto i = static_cast<std::size_t>(best - scores.begin());
    double shift = 0;
    if (i > 0 && i + 1 < scores.size() && scores[i - 1] >= 0 && scores[i + 1] >= 0) {
        const double denom = scores[i - 1] - 2 * scores[i] + scores[i + 1];
        if (denom < 0)
            shift = std::clamp(0.5 * (scores[i - 1] - scores[i + 1]) / denom, -0.5, 0.5);
    }
    ClockAlignment out;
    out.offsetS = centreOffsetS + (static_cast<double>(i) - half + shift) * step;
    out.method = "cross-correlation";
    out.correlation = rs[i];
    if (i == 0 || i + 1 == scores.size())
        out.warnings.push_back("the best lag is at the edge of the ±" +
                               ec::shortNumber(options.maxLagS) + " s window");
    return out;
}

} // namespace insitu
