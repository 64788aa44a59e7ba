#pragma once
// Phase fractions of a bright-field film: crystalline (lattice-fringe power), amorphous and pore
// (bright voids) pixels, area fractions with block-bootstrap intervals, and the class map.

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>

namespace insitu {

/// Class of a pixel in a phase map (the values stored in PhaseFractions::classMap).
enum class PhaseClass : std::uint8_t { Outside = 0, Crystalline = 1, Amorphous = 2, Pore = 3 };

/// Settings of classifyPhases; defaults are the CLI's and the panel's.
struct PhaseOptions
{
    double windowNm = 1.25; ///< σ of the fringe-energy smoothing when calibrated
    double windowPx = 8;    ///< σ of the smoothing when the pixel size is unknown
    /// Lattice rings whose fringe energy marks crystalline pixels: the strongest peaks of the
    /// image's spectrum (as the crystallinity map detects them).
    int maxRings = 1;
    /// Crystalline when log10(fringe-energy ratio) exceeds this; unset = from the data (the
    /// two-class mixture of the pixels' log ratios).
    std::optional<double> crystallineThreshold;
    /// Pore when the window-mean intensity exceeds this (image units); unset = from the data.
    std::optional<double> poreThreshold;
    int bootstrapSamples = 200; ///< block-bootstrap resamples for the intervals
    double blockWindows = 4;    ///< bootstrap block side in window σ (blocks ≥ the correlation)
    std::uint64_t seed = 1;
};

/// An area fraction (0..1) with its 95 % block-bootstrap interval.
struct AreaFraction
{
    double value = 0;
    double low = 0;
    double high = 0;

    bool operator==(const AreaFraction&) const = default;
};

/// Result of classifyPhases.
struct PhaseFractions
{
    cv::Mat classMap;    ///< CV_8U PhaseClass values
    cv::Mat fringePower; ///< CV_32F log10 fringe-energy ratio per pixel (crystallinityMap)
    AreaFraction crystalline, amorphous, pore;
    double crystallineThreshold = 0;     ///< the threshold used (log10 fringe-energy ratio)
    std::optional<double> poreThreshold; ///< the threshold used; unset when no pore class found
    double windowPx = 0;                 ///< the window σ used
};

/// Classes every pixel (mask, optional CV_8U: non-zero = analysed) and measures the fractions of
/// the analysed area. Crystalline: the per-pixel fringe energy of the strongest lattice ring(s)
/// of the image's spectrum over the bands beside them, smoothed at σ = the window, above a
/// two-class mixture threshold (grain-boundary pixels belong to it: the smoothing spans them);
/// pores: the bright mode of the local mean intensity among the rest; amorphous: the others.
[[nodiscard]] PhaseFractions classifyPhases(const cv::Mat& image, std::optional<double> nmPerPixel,
                                            const PhaseOptions& options = {},
                                            const cv::Mat& mask = {});

/// Fractions (with block-bootstrap intervals) of a class map; Outside pixels are not counted.
void measurePhaseFractions(PhaseFractions& phases, int blockPx, int samples, std::uint64_t seed);

} // namespace insitu
