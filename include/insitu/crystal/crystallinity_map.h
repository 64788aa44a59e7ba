#pragma once
// Crystallinity map: sliding-window FFT fringe power over background, thresholded from the data.

#include "insitu/calibration.h"
#include "insitu/progress.h"

#include <opencv2/core.hpp>

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// A range of lattice spacings that belongs to one phase (e.g. Cu 0.20–0.21 nm).
struct DRangeNm
{
    std::string phase; ///< label of the range ("" = unnamed)
    double minNm = 0;
    double maxNm = 0;
    bool operator==(const DRangeNm&) const = default;
};

/// How the sliding-window FFT and its threshold are set up. Defaults are those of the CLI and GUI.
struct CrystallinityOptions
{
    /// Window side (nm); needs the pixel size. Unset: windowPx.
    std::optional<double> windowNm;
    /// Step between window centres (nm); needs the pixel size. Unset: stepPx.
    std::optional<double> stepNm;
    int windowPx = 64; ///< window side when windowNm is unset (px)
    int stepPx = 16;   ///< step when stepNm is unset (px)
    /// Lattice spacings to map, one map per range (needs the pixel size). Empty: the spacings
    /// are detected as the strongest peaks of the mean window spectrum (see maxDetectedRings).
    std::vector<DRangeNm> dRanges;
    int maxDetectedRings = 4; ///< detected spacings used when dRanges is empty
    /// Detected spacings: annulus half width as a fraction of |k| (methods-2 §3: ±10 %), never
    /// narrower than the window's resolution 1.5/W.
    double annulusHalfWidthRelative = 0.10;
    /// Fringe-power ratio above which a window is crystalline; unset: from a two-component
    /// Gaussian mixture of the windows' log ratios (edge placed at half the fringe amplitude).
    std::optional<double> thresholdRatio;
};

/// One d-range's (or one detected ring's) map.
struct PhaseCrystallinity
{
    std::string phase;
    double minNm = 0;     ///< NaN when uncalibrated (detected ring in px only)
    double maxNm = 0;     ///< NaN when uncalibrated
    double kMinPerPx = 0; ///< annulus in cycles/px
    double kMaxPerPx = 0;
    double thresholdRatio = 0; ///< fringe-power ratio used as the threshold
    cv::Mat ratio;             ///< CV_32F, image size: annulus power / background power
    cv::Mat mask;              ///< CV_8U, image size: 255 = crystalline in this range
    double fraction = 0;       ///< fraction of the image's pixels that are crystalline
};

/// The crystallinity map of one image.
struct CrystallinityMap
{
    int windowPx = 0;
    int stepPx = 0;
    cv::Mat ratio; ///< CV_32F, image size: max over ranges of ratio / threshold (> 1 crystalline)
    cv::Mat mask;  ///< CV_8U, image size: 255 = crystalline in any range, 0 = not
    double crystallineFraction = 0;         ///< fraction of the image's pixels in mask
    std::vector<PhaseCrystallinity> phases; ///< one per d-range (or per detected ring)
};

/// Sliding-window FFT crystallinity map of image (any single-channel type, any size ≥ the
/// window). Per window: weighted mean removed, Hann taper, power spectrum; fringe power = mean
/// power in each annulus over the background of the two equally wide bands beside it (their
/// median / ln 2, so that spots of other spacings in the bands do not count).
/// Throws insitu::Error when a size in nm or a d-range is given without a pixel size, or when
/// the image is smaller than one window. Thread-parallel; FFTW plans are reused.
[[nodiscard]] CrystallinityMap crystallinityMap(const cv::Mat& image,
                                                const Calibration& calibration,
                                                const CrystallinityOptions& options = {},
                                                Progress& progress = Progress::none());

} // namespace insitu
