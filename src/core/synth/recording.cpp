// The imaging pipeline shared by all synthetic scenes: drift, flicker, illumination, dose, noise.

#include "raster.h"
#include "scene_model.h"

#include "insitu/error.h"
#include "insitu/io/memory_reader.h"
#include "insitu/io/tiff_writer.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>

namespace insitu::synth {

std::uint64_t derivedSeed(std::uint64_t seed, std::uint64_t tag)
{
    // splitmix64 finaliser: nearby seeds and tags give unrelated streams.
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + tag + 0x632BE59BD9B4E019ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return z == 0 ? 1 : z;
}

namespace {

void checkImaging(const ImagingOptions& imaging)
{
    if (imaging.frames < 1 || imaging.width < 8 || imaging.height < 8)
        throw Error("synth: need at least 1 frame of at least 8 x 8 px");
    if (static_cast<double>(imaging.width) * imaging.height > 8192.0 * 8192.0)
        throw Error("synth: frames larger than 8192 x 8192 px are not supported");
    if (!(imaging.nmPerPixel > 0) || !(imaging.frameIntervalS > 0))
        throw Error("synth: pixel size and frame interval must be positive");
    if (!(imaging.dosePerPx > 0) || imaging.dosePerPx > 60000)
        throw Error("synth: dose must be in (0, 60000] counts/px");
    if (imaging.flickerRelative < 0 || imaging.flickerRelative > 0.5 ||
        imaging.illuminationGradient < 0 || imaging.illuminationGradient > 0.9 ||
        imaging.driftStepPx < 0)
        throw Error(
            "synth: flicker (0..0.5), illumination (0..0.9), drift step (>= 0) out of range");
    if (imaging.supersample < 1 || imaging.supersample > 8)
        throw Error("synth: supersample must be 1..8");
}

} // namespace

cv::Mat illuminationField(const ImagingOptions& imaging)
{
    cv::Mat field(imaging.height, imaging.width, CV_32F);
    const double g = imaging.illuminationGradient;
    for (int y = 0; y < imaging.height; ++y) {
        const double yn = 2.0 * y / std::max(1, imaging.height - 1) - 1;
        float* row = field.ptr<float>(y);
        for (int x = 0; x < imaging.width; ++x) {
            const double xn = 2.0 * x / std::max(1, imaging.width - 1) - 1;
            row[x] =
                static_cast<float>(1 + g * (0.35 * xn + 0.15 * yn - 0.25 * (xn * xn + yn * yn)));
        }
    }
    return field;
}

SceneTruth recordingTruth(const std::string& scene, const ImagingOptions& imaging)
{
    checkImaging(imaging);
    SceneTruth truth;
    truth.scene = scene;
    truth.imaging = imaging;
    const auto n = static_cast<std::size_t>(imaging.frames);
    truth.timesS.resize(n);
    truth.dxPx.assign(n, 0.0);
    truth.dyPx.assign(n, 0.0);
    truth.gain.assign(n, 1.0);
    cv::RNG driftRng(derivedSeed(imaging.seed, 1));
    cv::RNG flickerRng(derivedSeed(imaging.seed, 2));
    for (std::size_t k = 0; k < n; ++k) {
        truth.timesS[k] = static_cast<double>(k) * imaging.frameIntervalS;
        if (k > 0 && imaging.drift) {
            truth.dxPx[k] = truth.dxPx[k - 1] + imaging.driftVelocityXPxPerFrame +
                            imaging.driftStepPx * driftRng.gaussian(1.0);
            truth.dyPx[k] = truth.dyPx[k - 1] + imaging.driftVelocityYPxPerFrame +
                            imaging.driftStepPx * driftRng.gaussian(1.0);
        }
        if (imaging.flickerRelative > 0)
            truth.gain[k] = std::max(0.2, 1 + imaging.flickerRelative * flickerRng.gaussian(1.0));
    }
    return truth;
}

cv::Mat recordFrame(const SceneModel& model, const SceneTruth& truth, const cv::Mat& illumination,
                    int frame)
{
    const ImagingOptions& imaging = truth.imaging;
    const auto k = static_cast<std::size_t>(frame);
    cv::Mat transmission(imaging.height, imaging.width, CV_32F, cv::Scalar(1.0));
    model.render(frame, truth.timesS[k], truth.dxPx[k], truth.dyPx[k], transmission);

    cv::Mat counts(imaging.height, imaging.width, CV_16U);
    const double scale = imaging.dosePerPx * truth.gain[k];
    cv::RNG rng(derivedSeed(imaging.seed, 1000 + static_cast<std::uint64_t>(frame)));
    for (int y = 0; y < imaging.height; ++y) {
        const float* t = transmission.ptr<float>(y);
        const float* light = illumination.ptr<float>(y);
        auto* out = counts.ptr<std::uint16_t>(y);
        for (int x = 0; x < imaging.width; ++x) {
            const double mean = std::max(0.0, scale * t[x] * light[x]);
            const double value = imaging.poissonNoise ? samplePoisson(mean, rng) : std::round(mean);
            out[x] = static_cast<std::uint16_t>(std::min(value, 65535.0));
        }
    }
    return counts;
}

namespace {

/// Renders frames [first, first + count) in parallel into out (cv::parallel_for_ over frames).
void recordBatch(const SceneModel& model, const SceneTruth& truth, int first, int count,
                 std::vector<cv::Mat>& out)
{
    const cv::Mat illumination = illuminationField(truth.imaging);
    cv::parallel_for_(cv::Range(0, count), [&](const cv::Range& range) {
        for (int i = range.start; i < range.end; ++i)
            out[static_cast<std::size_t>(first + i)] =
                recordFrame(model, truth, illumination, first + i);
    });
}

} // namespace

SynthMovie recordMovie(const SceneModel& model, SceneTruth truth, Progress& progress)
{
    const int n = truth.imaging.frames;
    progress.start(n, "Rendering " + truth.scene);
    SynthMovie movie;
    movie.frames.resize(static_cast<std::size_t>(n));
    constexpr int kBatch = 16;
    for (int first = 0; first < n; first += kBatch) {
        const int count = std::min(kBatch, n - first);
        recordBatch(model, truth, first, count, movie.frames);
        progress.advance(count);
    }
    movie.calibration.nmPerPixel = truth.imaging.nmPerPixel;
    movie.calibration.frameIntervalS = truth.imaging.frameIntervalS;
    movie.truth = std::move(truth);
    return movie;
}

void recordToTiff(const SceneModel& model, const SceneTruth& truth,
                  const std::filesystem::path& path, Progress& progress)
{
    const ImagingOptions& imaging = truth.imaging;
    const int n = imaging.frames;
    TiffStackWriter writer(path, {.width = imaging.width,
                                  .height = imaging.height,
                                  .frameCount = n,
                                  .pixelType = PixelType::UInt16,
                                  .nmPerPixel = imaging.nmPerPixel,
                                  .frameIntervalS = imaging.frameIntervalS});
    progress.start(n, "Rendering " + truth.scene);
    constexpr int kBatch = 16;
    std::vector<cv::Mat> batch(static_cast<std::size_t>(n));
    for (int first = 0; first < n; first += kBatch) {
        const int count = std::min(kBatch, n - first);
        recordBatch(model, truth, first, count, batch);
        for (int i = first; i < first + count; ++i) {
            writer.appendFrame(batch[static_cast<std::size_t>(i)]);
            batch[static_cast<std::size_t>(i)].release();
        }
        progress.advance(count);
    }
    writer.finish();
}

} // namespace insitu::synth

namespace insitu {

std::unique_ptr<MovieReader> SynthMovie::reader() const
{
    return std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, calibration);
}

} // namespace insitu
