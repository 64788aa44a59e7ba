#include "insitu/registration/drift.h"

#include "change_weighted_refinement.h"
#include "drift_smoothing.h"
#include "fftw_plans.h"
#include "insitu/error.h"
#include "insitu/registration/phase_correlation.h"
#include "insitu/thread_budget.h"
#include "spectrum_cache.h"
#include "spectrum_pipeline.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <deque>
#include <exception>
#include <numeric>
#include <string>
#include <thread>

namespace insitu {

namespace {

/// Spectrum workers beside the thread that measures: two by default, fewer within a budget.
int pipelineWorkers()
{
    return budgetedThreads(3) - 1;
}

using detail::RegistrationGeometry;
using detail::SpectrumCache;
using detail::SpectrumPipeline;

/// Largest n' ≤ n whose prime factors are 2, 3, 5, 7 (fast FFTW sizes).
int fastFftSize(int n)
{
    for (int m = n; m > 1; --m)
        if (detail::isFastFftSize(m))
            return m;
    return n;
}

RegistrationGeometry makeGeometry(const Movie& movie, const DriftOptions& options)
{
    const std::string name = movie.info().path.string();
    if (options.binning != 1 && options.binning != 2 && options.binning != 4)
        throw Error(name + ": drift binning must be 1, 2 or 4 (got " +
                    std::to_string(options.binning) + ")");
    cv::Rect region(0, 0, movie.width(), movie.height());
    if (options.regionPx) {
        const auto& r = *options.regionPx;
        region = cv::Rect(r[0], r[1], r[2], r[3]);
        // in 64 bits: X + W of two large ints must not wrap round into the frame
        if (r[2] <= 0 || r[3] <= 0 || r[0] < 0 || r[1] < 0 ||
            std::int64_t{r[0]} + r[2] > movie.width() || std::int64_t{r[1]} + r[3] > movie.height())
            throw Error(name + ": drift region " + std::to_string(r[0]) + "," +
                        std::to_string(r[1]) + "," + std::to_string(r[2]) + "," +
                        std::to_string(r[3]) + " is not inside the " +
                        std::to_string(movie.width()) + " x " + std::to_string(movie.height()) +
                        " px frame");
    }
    const int b = options.binning;
    const int gridW = fastFftSize(region.width / b);
    const int gridH = fastFftSize(region.height / b);
    if (gridW < 16 || gridH < 16)
        throw Error(name +
                    ": drift region is too small to register (at least 16 x 16 px after binning)");
    // Keep the centre of the requested region.
    RegistrationGeometry geometry;
    geometry.binning = b;
    geometry.regionPx = cv::Rect(region.x + (region.width - gridW * b) / 2,
                                 region.y + (region.height - gridH * b) / 2, gridW * b, gridH * b);
    return geometry;
}

/// Accepts a frame when its quality passes the absolute and the median-relative thresholds.
class QualityGate
{
public:
    explicit QualityGate(const DriftOptions& options) : m_options(options) {}
    /// Decides using the qualities accepted so far (sequential use).
    bool acceptNext(double quality)
    {
        const bool ok = passes(quality, runningMedian());
        if (ok)
            m_accepted.push_back(quality);
        return ok;
    }
    [[nodiscard]] bool passes(double quality, double median) const
    {
        return quality >= m_options.minQuality &&
               (median <= 0.0 || quality >= m_options.minRelativeQuality * median);
    }

private:
    double runningMedian()
    {
        if (m_accepted.size() < 3)
            return 0.0;
        std::vector<double> copy = m_accepted;
        auto middle = copy.begin() + static_cast<std::ptrdiff_t>(copy.size() / 2);
        std::nth_element(copy.begin(), middle, copy.end());
        return *middle;
    }
    const DriftOptions& m_options;
    std::vector<double> m_accepted;
};

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

/// Whether every element of a spectrum is exactly 0 (a flat frame); stops at the first that is
/// not, so a normal frame costs a few reads instead of a scan of the whole spectrum.
bool isAllZero(const cv::Mat& spectrum)
{
    for (int y = 0; y < spectrum.rows; ++y) {
        const auto* row = spectrum.ptr<float>(y);
        const int count = spectrum.cols * spectrum.channels();
        for (int x = 0; x < count; ++x)
            if (row[x] != 0.0f) // NaN too: not blank, as before
                return false;
    }
    return true;
}

/// Per-frame state of one pass, in grid pixels.
struct PassResult
{
    std::vector<double> dx, dy, quality;
    std::vector<char> accepted;
    std::vector<char> blank; ///< first pass: the frame's spectrum is all zero (flat/non-finite)
    cv::Mat alignedSum;      ///< Σ over accepted frames of their aligned spectra
};

PassResult firstPass(const Movie& movie, const DriftOptions& options,
                     const RegistrationGeometry& geometry, const PhaseCorrelator& correlator,
                     SpectrumCache* cache, Progress& progress)
{
    const int n = movie.frameCount();
    PassResult pass;
    pass.dx.assign(static_cast<std::size_t>(n), 0.0);
    pass.dy.assign(static_cast<std::size_t>(n), 0.0);
    pass.quality.assign(static_cast<std::size_t>(n), 1.0);
    pass.accepted.assign(static_cast<std::size_t>(n), 1);
    pass.blank.assign(static_cast<std::size_t>(n), 0);

    std::vector<int> frames(static_cast<std::size_t>(n));
    std::iota(frames.begin(), frames.end(), 0);
    SpectrumPipeline pipeline(movie, geometry, correlator, frames, {}, pipelineWorkers());
    QualityGate gate(options);

    cv::Mat reference = pipeline.next().spectrum; // frame 0
    if (cache)
        cache->store(0, reference);
    double referenceDx = 0;
    double referenceDy = 0;
    std::deque<cv::Mat> window; // RunningMean: aligned spectra in the sum
    const bool keepSum = options.reference == DriftReference::RunningMean;
    correlator.accumulateAligned(pass.alignedSum, reference, 0.0, 0.0);
    if (keepSum)
        window.push_back(reference.clone());
    progress.advance();

    cv::Mat spare; // recycled buffer for aligned spectra
    for (int k = 1; k < n; ++k) {
        auto item = pipeline.next();
        if (cache)
            cache->store(k, item.spectrum);
        const ShiftEstimate estimate = correlator.measure(item.spectrum, reference);
        const auto i = static_cast<std::size_t>(k);
        pass.dx[i] = referenceDx + estimate.dxPx;
        pass.dy[i] = referenceDy + estimate.dyPx;
        pass.quality[i] = estimate.quality;
        // a flat or all-non-finite frame has nothing to correlate: never accepted
        pass.blank[i] = isAllZero(item.spectrum) ? 1 : 0;
        pass.accepted[i] = !pass.blank[i] && gate.acceptNext(estimate.quality) ? 1 : 0;
        if (pass.accepted[i]) {
            if (options.reference == DriftReference::Previous) {
                pipeline.recycle(std::move(reference));
                reference = item.spectrum;
                referenceDx = pass.dx[i];
                referenceDy = pass.dy[i];
            }
            if (keepSum) {
                cv::Mat aligned = std::move(spare);
                if (!aligned.empty())
                    aligned.setTo(0);
                correlator.accumulateAligned(aligned, item.spectrum, pass.dx[i], pass.dy[i]);
                reference += aligned;
                pass.alignedSum += aligned;
                window.push_back(std::move(aligned));
                if (static_cast<int>(window.size()) > options.runningMeanFrames) {
                    reference -= window.front();
                    spare = std::move(window.front());
                    window.pop_front();
                }
            } else {
                correlator.accumulateAligned(pass.alignedSum, item.spectrum, pass.dx[i],
                                             pass.dy[i]);
            }
        }
        if (!item.spectrum.empty() && item.spectrum.u && item.spectrum.u->refcount == 1)
            pipeline.recycle(std::move(item.spectrum));
        progress.advance();
    }
    return pass;
}

/// Registers every frame against the drift-corrected mean of all accepted frames (itself left
/// out), starting from the first pass's shifts: cached spectra on two threads, then the frames
/// the cache could not hold, recomputed (at the cache's precision, so the budget never changes
/// the result).
PassResult meanPass(const Movie& movie, const PassResult& first, const SpectrumCache& cache,
                    const RegistrationGeometry& geometry, const PhaseCorrelator& correlator,
                    Progress& progress)
{
    const int n = movie.frameCount();
    PassResult pass;
    pass.dx.assign(static_cast<std::size_t>(n), 0.0);
    pass.dy.assign(static_cast<std::size_t>(n), 0.0);
    pass.quality.assign(static_cast<std::size_t>(n), 0.0);
    pass.accepted.assign(static_cast<std::size_t>(n), 1);

    // reference: a reused buffer for the mean of all frames but this one.
    auto measureOne = [&](int k, const cv::Mat& spectrum, cv::Mat& reference) {
        const auto i = static_cast<std::size_t>(k);
        first.alignedSum.copyTo(reference);
        if (first.accepted[i])
            correlator.accumulateAligned(reference, spectrum, first.dx[i], first.dy[i], -1.0);
        const ShiftEstimate estimate = correlator.measure(spectrum, reference);
        pass.dx[i] = estimate.dxPx;
        pass.dy[i] = estimate.dyPx;
        pass.quality[i] = estimate.quality;
    };

    std::vector<int> cached;
    std::vector<int> missing;
    for (int k = 0; k < n; ++k)
        (cache.contains(k) ? cached : missing).push_back(k);

    // Cached frames: both threads take the next frame; this one also reports progress.
    std::atomic<std::size_t> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr workerError;
    auto work = [&](bool reporting) {
        cv::Mat spectrum;
        cv::Mat reference;
        int reported = 0;
        while (!stop) {
            const std::size_t j = next++;
            if (j >= cached.size())
                break;
            cache.load(cached[j], spectrum);
            measureOne(cached[j], spectrum, reference);
            ++done;
            for (; reporting && reported < done; ++reported)
                progress.advance();
        }
        for (; reporting && reported < static_cast<int>(cached.size()); ++reported)
            progress.advance();
    };
    if (budgetedThreads(2) < 2) {
        work(true); // a thread budget of one: this thread alone
    } else {
        std::thread helper([&] {
            try {
                work(false);
            } catch (...) {
                workerError = std::current_exception();
                stop = true;
            }
        });
        try {
            work(true);
        } catch (...) {
            stop = true;
            helper.join();
            throw;
        }
        helper.join();
    }
    if (workerError)
        std::rethrow_exception(workerError);

    if (!missing.empty()) {
        SpectrumPipeline pipeline(movie, geometry, correlator, missing, {}, pipelineWorkers());
        cv::Mat reference;
        for (std::size_t j = 0; j < missing.size(); ++j) {
            auto item = pipeline.next();
            SpectrumCache::roundTrip(item.spectrum);
            measureOne(item.frame, item.spectrum, reference);
            pipeline.recycle(std::move(item.spectrum));
            progress.advance();
        }
    }
    return pass;
}

/// Replaces the shifts of rejected frames by linear interpolation between the nearest accepted
/// frames (held constant beyond the first/last accepted frame).
void interpolateRejected(std::vector<double>& values, const std::vector<char>& accepted)
{
    const int n = static_cast<int>(values.size());
    int previous = -1;
    for (int k = 0; k < n; ++k) {
        if (accepted[static_cast<std::size_t>(k)]) {
            previous = k;
            continue;
        }
        int next = k + 1;
        while (next < n && !accepted[static_cast<std::size_t>(next)])
            ++next;
        const auto at = [&values](int j) { return values[static_cast<std::size_t>(j)]; };
        double value = 0;
        if (previous >= 0 && next < n)
            value = at(previous) + (at(next) - at(previous)) * (k - previous) / (next - previous);
        else if (previous >= 0)
            value = at(previous);
        else if (next < n)
            value = at(next);
        values[static_cast<std::size_t>(k)] = value;
    }
}

/// Replaces one axis of the refined shifts by its random-walk smoothing (drift_smoothing.h),
/// each frame weighted by its own variance; rejected frames and failed solves are predicted
/// from their neighbours.
void smoothTrack(std::vector<double>& values, const std::vector<double>& variance,
                 const std::vector<char>& accepted)
{
    detail::MeasuredTrack track;
    track.valuePx = values;
    track.relativeVariance = variance;
    track.measured.resize(values.size());
    for (std::size_t k = 0; k < values.size(); ++k)
        track.measured[k] = accepted[k] && variance[k] > 0.0 ? 1 : 0;
    values = detail::smoothRandomWalk(track).valuePx;
}

} // namespace

DriftResult estimateDrift(const Movie& movie, const DriftOptions& options, Progress& progress,
                          const DriftMemory& memory)
{
    const std::string name = movie.info().path.string();
    if (options.runningMeanFrames < 1)
        throw Error(name + ": running-mean reference needs at least 1 frame");
    const int n = movie.frameCount();
    if (n < 1)
        throw Error(name + ": movie has no frames");
    const RegistrationGeometry geometry = makeGeometry(movie, options);
    CorrelationSettings settings;
    settings.lowPassSigmaCyclesPerPx = options.lowPassSigmaCyclesPerPx;
    settings.whiteningExponent = options.whiteningExponent;
    settings.highPassSigmaCyclesPerPx = options.highPassSigmaCyclesPerPx;
    // Every frame is transformed once: short movies do not wait for measured plans.
    const PhaseCorrelator correlator(geometry.gridWidth(), geometry.gridHeight(), settings, n);

    const bool secondPass =
        options.reference == DriftReference::RunningMean && options.meanSecondPass && n >= 3;
    const bool refine = options.downweightChanges && n >= 3;
    progress.start((secondPass ? 2 * n : n) +
                       (refine ? detail::changeWeightedRefinementSteps(n) : 0),
                   "Estimating drift");

    SpectrumCache cache(secondPass ? n : 0, memory.spectrumCacheBytes);
    PassResult pass =
        firstPass(movie, options, geometry, correlator, secondPass ? &cache : nullptr, progress);
    if (secondPass) {
        std::vector<char> blank = pass.blank;
        pass = meanPass(movie, pass, cache, geometry, correlator, progress);
        const double typical = median(pass.quality);
        const QualityGate gate(options);
        for (int k = 0; k < n; ++k) {
            const auto i = static_cast<std::size_t>(k);
            pass.accepted[i] = !blank[i] && gate.passes(pass.quality[i], typical) ? 1 : 0;
        }
    }
    if (std::none_of(pass.accepted.begin(), pass.accepted.end(), [](char a) { return a != 0; }))
        throw Error(name + ": no frame could be registered with sufficient quality");
    if (refine) {
        std::vector<double> varX, varY;
        detail::refineDownweightingChanges(movie, geometry, options.lowPassSigmaCyclesPerPx,
                                           pass.accepted, pass.dx, pass.dy, varX, varY, progress);
        smoothTrack(pass.dx, varX, pass.accepted);
        smoothTrack(pass.dy, varY, pass.accepted);
    } else {
        interpolateRejected(pass.dx, pass.accepted);
        interpolateRejected(pass.dy, pass.accepted);
    }

    DriftResult result;
    result.options = options;
    const double dx0 = pass.dx.front();
    const double dy0 = pass.dy.front();
    result.dxPx.resize(static_cast<std::size_t>(n));
    result.dyPx.resize(static_cast<std::size_t>(n));
    result.interpolated.resize(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) {
        const auto i = static_cast<std::size_t>(k);
        result.dxPx[i] = (pass.dx[i] - dx0) * geometry.binning;
        result.dyPx[i] = (pass.dy[i] - dy0) * geometry.binning;
        result.interpolated[i] = pass.accepted[i] == 0;
    }
    result.quality = std::move(pass.quality);
    return result;
}

} // namespace insitu
