#pragma once
// SceneTruth and SynthMovie: what a synthetic scene really contains, frame by frame.

#include "insitu/calibration.h"
#include "insitu/io/movie_reader.h"
#include "insitu/synth/imaging.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One reaction front: position along the wire axis (px from the contact end) where it exists.
struct FrontTruth
{
    int index = 0;                   ///< order along the line by mean position, nearest start first
    std::string kind;                ///< "leading" (first reaction) or "trailing" (second reaction)
    std::string law;                 ///< "linear" or "sqrt"
    double startPx = 0;              ///< position at onset (px)
    double onsetS = 0;               ///< time at which the front is at startPx (s)
    double velocityNmPerS = 0;       ///< linear law: L = start + v (t - onset)
    double kNmPerSqrtS = 0;          ///< sqrt law: L = start + k sqrt(t - onset)
    std::vector<int> frames;         ///< frames where the front is on `line` (started, not left)
    std::vector<double> positionsPx; ///< distance along the line from its start (px), per frames
};

/// One particle: centre in frame-0 coordinates and equivalent diameter.
struct ParticleTruth
{
    int id = 0;
    double xPx = 0;
    double yPx = 0;
    double diameterPx = 0;
    double diameterNm = 0;
    std::optional<int> appearFrame; ///< nanowire scene: first frame it is visible (≥ half contrast)
    std::optional<int> vanishFrame; ///< nanowire scene: first frame it is gone again
    bool survives = true;           ///< nanowire scene: above the critical size
    int touchingGroup = -1;         ///< particles scene: id shared by particles that touch
};

/// One growing core–shell particle: outer projected area per frame.
struct GrowingParticleTruth
{
    int id = 0;
    double xPx = 0;
    double yPx = 0;
    double coatingNm = 0;
    double finalAreaRatio = 1;
    double growthStartS = 0;
    double growthDurationS = 1;
    std::optional<int> crackFrame; ///< frame at which the coating cracks
    double crackAngleDeg = 0;
    std::vector<double> areasPx;     ///< outer projected area per frame (px²)
    std::vector<double> coreRadiiPx; ///< crystalline core radius per frame (px)
    double crackAreaStep = 0;        ///< relative outer-area step at crackFrame
    /// Centre per frame without the drift (frame-0 coordinates; the particle's own motion).
    /// The outline is the circle of area areasPx around it (plus drift in frame k's image).
    std::vector<double> centresXPx;
    std::vector<double> centresYPx;
};

/// Everything known about a rendered scene. Drift follows architecture.md: a feature at (x, y)
/// in frame 0 appears at (x + dxPx[k], y + dyPx[k]) in frame k.
struct SceneTruth
{
    std::string scene;
    nlohmann::json parameters = nlohmann::json::object(); ///< every scene parameter
    ImagingOptions imaging;
    std::vector<double> timesS;
    std::vector<double> dxPx;
    std::vector<double> dyPx;
    std::vector<double> gain; ///< per-frame flicker factor
    std::vector<FrontTruth> fronts;
    std::optional<std::array<double, 4>> lineX0Y0X1Y1; ///< ROI for `insitu front --line`
    std::vector<ParticleTruth> particles;
    std::vector<GrowingParticleTruth> growingParticles;
};

/// The truth as the JSON document written next to a sample movie.
[[nodiscard]] nlohmann::json truthToJson(const SceneTruth& truth);
/// Writes truthToJson(truth) to path (atomic: temporary file, then rename).
void writeTruthJson(const SceneTruth& truth, const std::filesystem::path& path);

/// A scene rendered in memory: uint16 frames (CV_16U) with their calibration and truth.
struct SynthMovie
{
    std::vector<cv::Mat> frames;
    Calibration calibration;
    SceneTruth truth;

    /// A reader over the frames (shallow copies), for tests of the analysis modules.
    [[nodiscard]] std::unique_ptr<MovieReader> reader() const;
};

} // namespace insitu
