#pragma once
// Grain segmentation of bright-field film images: boundary map, marker watershed, weak-boundary
// merging, and the per-grain measurements (area, ECD, aspect ratio, centroid, border flag).

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace insitu {

/// Settings of segmentGrains / grainsFromBoundaryMap. Defaults are the CLI's and the panel's.
struct GrainOptions
{
    /// Gaussian low-pass (px) before the boundary map; kills lattice fringes (period > 2 px).
    double smoothSigmaPx = 1.5;
    /// Markers: pixels farther than this fraction of the minimum grain radius from any strong
    /// boundary pixel seed a grain.
    double markerDepthFraction = 0.5;
    /// Each marker region is split again above this fraction of its largest distance to a
    /// boundary, so grains joined through a gap in their boundary get one marker each.
    double neckFraction = 0.5;
    /// Boundary pixels for the markers: significance above markerZ (robust z over the grains'
    /// typical gradient and ridge levels, i.e. over the noise).
    double markerZ = 5.0;
    /// σ (px) of the structure tensor whose incoherence (fringes of two orientations meeting)
    /// joins the boundary map, so grains of equal contrast apart by lattice orientation are
    /// split where their boundary is open. 0 leaves it out.
    double orientationSigmaPx = 3.0;
    /// Significance mapped to boundary strength 1 (the relief saturates there).
    double boundarySaturationZ = 16.0;
    /// Adjacent grains whose mean boundary strength (0..1, see GrainSegmentation::boundaryMap) is
    /// below mergeThreshold × the marker threshold are merged. 0 disables merging.
    double mergeThreshold = 1.0;
    /// Smallest grain kept (nm, as ECD) when the pixel size is known; smaller regions join their
    /// weakest-bounded neighbour.
    double minGrainNm = 3.0;
    /// Smallest grain kept (px, as ECD) when the pixel size is unknown (and the floor otherwise).
    double minGrainPx = 5.0;
    /// Boundary-image input: a pixel is boundary when brighter than this fraction of the range
    /// (min..max) of the image.
    double boundaryImageThreshold = 0.5;
};

/// One grain of a label image.
struct Grain
{
    int id = 0;                    ///< label value (1..)
    double areaPx = 0;             ///< pixels
    std::optional<double> areaNm2; ///< when calibrated
    double ecdPx = 0;              ///< equivalent circle diameter 2·√(A/π)
    std::optional<double> ecdNm;   ///< when calibrated
    double aspectRatio = 1;        ///< major / minor axis of the second-moment ellipse
    double xPx = 0;                ///< centroid column
    double yPx = 0;                ///< centroid row
    bool border = false;           ///< touches the image (or analysed region) edge

    bool operator==(const Grain&) const = default;
};

/// Labels and measurements of one segmentation.
struct GrainSegmentation
{
    cv::Mat labels;                   ///< CV_32S, 0 = not a grain (boundary-image lines, masks)
    cv::Mat boundaryMap;              ///< CV_32F boundary strength 0..1 (empty for boundary input)
    double boundaryThreshold = 0;     ///< marker threshold on boundaryMap (markerZ / saturation)
    std::vector<Grain> grains;        ///< sorted by id
    std::optional<double> nmPerPixel; ///< calibration used for the nm values
};

/// Boundary strength 0..1 of a bright-field image: the largest of the robust significances of
/// the low-passed image's gradient magnitude, of its dark ridges (black top-hat) and of the
/// lattice-orientation incoherence (see GrainOptions::orientationSigmaPx), divided by
/// boundarySaturationZ. The typical levels are taken where mask != 0 (all pixels when empty).
[[nodiscard]] cv::Mat grainBoundaryMap(const cv::Mat& image, const GrainOptions& options = {},
                                       const cv::Mat& mask = {});

/// Segments grains in a single-channel image (any depth). mask (CV_8U, optional): non-zero where
/// grains may be (e.g. the crystalline class); pixels outside get label 0.
[[nodiscard]] GrainSegmentation segmentGrains(const cv::Mat& image,
                                              std::optional<double> nmPerPixel,
                                              const GrainOptions& options = {},
                                              const cv::Mat& mask = {});

/// Grains of a boundary image (bright = boundary): 4-connected regions of non-boundary pixels.
[[nodiscard]] GrainSegmentation grainsFromBoundaryMap(const cv::Mat& boundaryImage,
                                                      std::optional<double> nmPerPixel,
                                                      const GrainOptions& options = {});

/// Binary boundary image (CV_8U, 255 = boundary) of a boundary input, by options' threshold.
[[nodiscard]] cv::Mat binaryBoundaryImage(const cv::Mat& boundaryImage,
                                          const GrainOptions& options = {});

/// Value of not-analysed pixels (label 0) in a boundary image from labelBoundaries.
inline constexpr unsigned char kNotAnalysed = 128;

/// Boundary image of labels: 255 where the right or lower 4-neighbour is another grain,
/// kNotAnalysed on label 0 (amorphous, pores, masked), 0 inside grains.
[[nodiscard]] cv::Mat labelBoundaries(const cv::Mat& labels);

/// Measures every label > 0 (ids kept); border = touches the image edge.
[[nodiscard]] std::vector<Grain> measureGrains(const cv::Mat& labels,
                                               std::optional<double> nmPerPixel);

/// Smallest grain area kept (px) for these options and calibration.
[[nodiscard]] double minGrainAreaPx(const GrainOptions& options, std::optional<double> nmPerPixel);

} // namespace insitu
