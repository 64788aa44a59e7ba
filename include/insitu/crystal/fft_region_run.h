#pragma once
// One FFT region analysis as `insitu fft`, `insitu batch` and the FFT panel run it: the FFT
// options plus an optional known spacing whose ring sets the pixel size.

#include "insitu/crystal/fft_analysis.h"
#include "insitu/roi/roi.h"

#include <optional>

namespace insitu {

/// What a region analysis is run with (stored as its options JSON, crystal_options_json.h).
struct FftRegionSettings
{
    FftOptions options;
    /// Known spacing (nm) whose peak sets the pixel size (`insitu fft --calibrate-d-nm`).
    std::optional<double> calibrateDNm;
};

/// A region's result and, when a known spacing was given, the pixel size it measured.
struct FftRegionRun
{
    FftResult result;
    std::optional<RingCalibration> ring; ///< set when settings.calibrateDNm was given
};

/// analyzeFft of region, then (with calibrateDNm) the pixel size from the known ring applied
/// to the peaks and their matches. Throws insitu::Error when the ring has no peak.
[[nodiscard]] FftRegionRun runFftRegion(const cv::Mat& image, const FftRegion& region,
                                        const Calibration& calibration,
                                        const FftRegionSettings& settings);

/// The region of a ROI: a rectangle ROI's pixels whose centres lie in its box (as region masks
/// count them), polygons and ellipses as polygons. Throws insitu::Error for a path ROI.
[[nodiscard]] FftRegion fftRegionOfRoi(const Roi& roi);

} // namespace insitu
