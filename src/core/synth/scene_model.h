#pragma once
// Internal: the specimen model a scene provides, and the imaging pipeline that records it.

#include "insitu/progress.h"
#include "insitu/synth/scene_truth.h"

#include <opencv2/core.hpp>

#include <filesystem>

namespace insitu::synth {

/// A specimen that can be drawn at any time and sub-pixel displacement. render() must be
/// thread-safe (frames are rendered in parallel).
class SceneModel
{
public:
    virtual ~SceneModel() = default;
    /// Multiplies transmission (CV_32F, frame size, preset to 1) by the specimen at frame/time,
    /// displaced so that a feature at (x, y) in frame 0 is drawn at (x + dxPx, y + dyPx).
    virtual void render(int frame, double timeS, double dxPx, double dyPx,
                        cv::Mat& transmission) const = 0;
};

/// A truth with the per-frame recording facts filled in: times, drift random walk, flicker gain
/// (all drawn from imaging.seed), and the imaging parameters.
[[nodiscard]] SceneTruth recordingTruth(const std::string& scene, const ImagingOptions& imaging);

/// Smooth uneven illumination (mean ≈ 1) in detector coordinates: it does not drift.
[[nodiscard]] cv::Mat illuminationField(const ImagingOptions& imaging);

/// Frame k recorded: illumination × gain × dose × transmission, Poisson noise, uint16.
[[nodiscard]] cv::Mat recordFrame(const SceneModel& model, const SceneTruth& truth,
                                  const cv::Mat& illumination, int frame);

/// All frames in memory.
[[nodiscard]] SynthMovie recordMovie(const SceneModel& model, SceneTruth truth, Progress& progress);
/// Frames streamed into an ImageJ TIFF stack; frames are rendered in small parallel batches.
void recordToTiff(const SceneModel& model, const SceneTruth& truth,
                  const std::filesystem::path& path, Progress& progress);

/// Seed for an independent random stream derived from the scene seed and a purpose tag.
[[nodiscard]] std::uint64_t derivedSeed(std::uint64_t seed, std::uint64_t tag);

} // namespace insitu::synth
