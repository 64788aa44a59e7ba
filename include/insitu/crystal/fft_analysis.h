#pragma once
// FFT analysis of a region: spectrum, radial profile, refined peaks as d ± σ, d-list matches and
// pixel-size calibration on a known ring.

#include "insitu/calibration.h"
#include "insitu/crystal/fft_peaks.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One known reflection of a d-list (phase, hkl, d).
struct DSpacing
{
    std::string phase;
    std::string hkl;
    double dNm = 0;
    bool operator==(const DSpacing&) const = default;
};

/// Reads a d-list CSV: columns phase,hkl,d_nm (a header line naming them is optional; '#' starts
/// a comment). Throws insitu::Error naming the file and line.
[[nodiscard]] std::vector<DSpacing> readDList(const std::filesystem::path& path);

/// Everything that shapes an FFT analysis (defaults are the CLI's and the GUI's).
struct FftOptions
{
    FftSpectrumOptions spectrum;
    RadialProfileOptions profile;
    FftPeakOptions peaks;
    std::vector<DSpacing> dList;
    double matchTolerance = 0.02; ///< a peak matches a reflection when |d − d_ref| ≤ tol·d_ref
};

/// One peak of the result: frequency in px units always, in nm when the pixel size is known.
struct FftPeakResult
{
    FftPeak peak;
    std::optional<double> kPerNm; ///< kPerPx / nmPerPixel
    std::optional<double> dNm;    ///< 1 / kPerNm
    std::optional<double> dErrNm; ///< σ_k / k²
    std::optional<double> fwhmPerNm;
    std::optional<DSpacing> match; ///< the closest reflection within the tolerance
};

/// The result of one region.
struct FftResult
{
    std::optional<double> nmPerPixel;
    RegionSpectrum spectrum;
    RadialProfile profile;
    std::vector<FftPeakResult> peaks; ///< strongest first
};

/// Spectrum, profile and peaks of region in image; d values when calibration has a pixel size.
[[nodiscard]] FftResult analyzeFft(const cv::Mat& image, const FftRegion& region,
                                   const Calibration& calibration, const FftOptions& options = {});

/// Fills kPerNm, dNm, … and the matches of peaks for a pixel size (nullopt: clears them).
void calibratePeaks(std::vector<FftPeakResult>& peaks, std::optional<double> nmPerPixel,
                    const std::vector<DSpacing>& dList, double matchTolerance);

/// A pixel size measured on a ring of known spacing.
struct RingCalibration
{
    double nmPerPixel = 0;
    double nmPerPixelErr = 0; ///< from the peak's σ_k
    double knownDNm = 0;
    int peakIndex = 0; ///< which of the peaks was used
};

/// The pixel size for which a peak has spacing knownDNm: the peak nearest 1/knownDNm when a
/// nominal pixel size is given, else the strongest. Throws insitu::Error without peaks.
[[nodiscard]] RingCalibration calibrateOnRing(const std::vector<FftPeakResult>& peaks,
                                              double knownDNm,
                                              std::optional<double> nominalNmPerPixel);

} // namespace insitu
