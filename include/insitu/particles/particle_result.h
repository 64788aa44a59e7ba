#pragma once
// Particle, RegionStatistics, SizeComparison, ParticleResult: what a particle analysis finds.

#include "insitu/particles/particle_options.h"

#include <optional>
#include <string>
#include <vector>

namespace insitu {

/// One segmented particle. Sizes in px; the nm values follow from the calibration (nullopt when
/// the pixel size is unknown).
struct Particle
{
    int id = 0;     ///< label value in the label image (1, 2, …)
    double xPx = 0; ///< centroid (pixel centres at integers)
    double yPx = 0;
    double areaPx = 0; ///< pixel count
    double perimeterPx = 0;
    double feretMaxPx = 0;    ///< largest caliper width (pixel-edge convention, as Fiji)
    double feretMinPx = 0;    ///< smallest caliper width
    double circularity = 0;   ///< 4π·area / perimeter², at most 1
    double solidity = 0;      ///< area / convex hull area
    double meanIntensity = 0; ///< mean raw pixel value
    std::string region;       ///< name of the region holding the centroid
    bool edge = false;        ///< cut by the image or region edge

    [[nodiscard]] double ecdPx() const;

    bool operator==(const Particle&) const = default;
};

/// A value with a 95 % interval.
struct Estimate
{
    double value = 0;
    double lo = 0;
    double hi = 0;
    bool operator==(const Estimate&) const = default;
};

/// Lognormal fit of the ECDs by maximum likelihood, intervals by bootstrap (same unit as the
/// ECDs: nm, or px when uncalibrated).
struct LognormalFit
{
    Estimate mu;    ///< mean of ln d
    Estimate sigma; ///< standard deviation of ln d (MLE, 1/n)
    Estimate median;
    Estimate mean;
    Estimate mode;
    bool operator==(const LognormalFit&) const = default;
};

/// Statistics of one region (particles with edge = false unless includeEdge).
struct RegionStatistics
{
    std::string name;
    int count = 0;
    double regionAreaPx = 0;
    double areaFraction = 0;  ///< particle area / region area
    double densityPerPx2 = 0; ///< count / region area
    double ecdMean = 0;       ///< nm (px when uncalibrated)
    double ecdMedian = 0;
    double ecdSd = 0;
    std::optional<LognormalFit> lognormal; ///< needs ≥ 3 particles
    std::vector<double> numberHistogram;   ///< counts per bin of ParticleResult::binEdges
    std::vector<double> areaHistogram;     ///< summed area per bin (area-weighted)
    bool operator==(const RegionStatistics&) const = default;
};

/// Two samples compared: tests, median shift and the critical size (survivors = larger median).
struct SizeComparison
{
    std::string reference; ///< region or sample with the smaller median
    std::string survivors; ///< region or sample with the larger median
    double ksStatistic = 0;
    double ksP = 1;
    double adStatistic = 0;
    double adP = 1; ///< interpolated as scipy.stats.anderson_ksamp, clipped to [0.001, 0.25]
    double medianShift = 0; ///< Hodges–Lehmann shift survivors − reference
    /// d*: 50 % point of the logistic survival S(d) fitted to the pooled sample; nullopt when the
    /// fit does not converge inside the data range.
    std::optional<Estimate> criticalSize;
    std::optional<double> survivalWidth; ///< logistic scale s of S(d) = 1/(1+e^{-(d-d*)/s})
    double ksSeparation = 0;             ///< d where the two empirical CDFs differ most
    bool operator==(const SizeComparison&) const = default;
};

/// Everything segmentParticles and the statistics produce for one image.
struct ParticleResult
{
    ParticleOptions options;
    std::optional<double> nmPerPixel; ///< calibration used; sizes in nm when set
    int width = 0;
    int height = 0;
    ParticlePolarity polarityUsed = ParticlePolarity::Dark;
    double thresholdValue = 0; ///< on the flattened frame, in noise σ
    std::vector<Particle> particles;
    std::vector<RegionStatistics> regions;
    std::vector<double> binEdges; ///< shared histogram bin edges (nm, or px)
    std::optional<SizeComparison> comparison;

    [[nodiscard]] double toLength(double px) const { return nmPerPixel ? px * *nmPerPixel : px; }
    [[nodiscard]] double toArea(double px2) const
    {
        return nmPerPixel ? px2 * *nmPerPixel * *nmPerPixel : px2;
    }
    bool operator==(const ParticleResult&) const = default;
};

} // namespace insitu
