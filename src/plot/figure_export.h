#pragma once
// exportFigure: a multi-panel journal figure of one project movie — frames with scale bar, time
// and overlays above, the kymograph / L(t) / A/A0 plots below, lettered a, b, c … — as vector
// PDF or SVG, or PNG at a chosen dpi. What `insitu export --figure` and the window write.

#include "insitu/project/project.h"
#include "insitu/render/movie_render.h"

#include <QRectF>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace insitu {
class Movie;
}

namespace insitu::plot {

/// What the figure shows and how large it is. Defaults are the CLI's and the window's.
struct FigureOptions
{
    std::vector<int> frames; ///< movie frames shown (0-based) …
    std::vector<double>
        timesS; ///< … or the frames nearest these times; neither: first, middle, last
    std::vector<std::string> overlays; ///< layers (project_overlays.h) on the frames
    std::vector<std::string> plots{"kymograph", "kinetics"}; ///< "kymograph", "kinetics", "areas"
    std::optional<int> roiId;         ///< the fronts of this path ROI (default: the first fronts)
    bool scaleBar = true;             ///< when the pixel size is known
    bool timestamp = true;            ///< "t = mm:ss.s" when frame times are known, else "frame k"
    bool driftCorrected = false;      ///< frames shifted by −drift (needs the movie's drift)
    std::optional<double> contrastLo; ///< grey shown black; none = automatic (first frame shown)
    std::optional<double> contrastHi; ///< grey shown white
    std::optional<Calibration> calibration; ///< replaces the movie's (the window's overrides)
    double widthMm = 174.0;                 ///< a double journal column
    int dpi = 300;                          ///< PNG only
};

/// One lettered panel and where it is on the page (mm from the top-left corner).
struct FigurePanel
{
    std::string letter;       ///< "a", "b", …
    std::string kind;         ///< "frame", "kymograph", "kinetics", "areas"
    std::optional<int> frame; ///< frame panels: the movie frame shown
    QRectF rectMm;            ///< the panel's area (frames: the image itself)
};

/// What exportFigure wrote.
struct FigureSummary
{
    std::filesystem::path path;
    double widthMm = 0;
    double heightMm = 0;
    int widthPx = 0; ///< PNG only, else 0
    int heightPx = 0;
    std::vector<FigurePanel> panels;
    std::optional<double> scaleBarNm; ///< length of the frames' scale bar
};

/// The movie frames options selects: frames as given, else the frame nearest each time, else
/// first, middle, last. Throws insitu::Error for frames outside the movie or times without frame
/// times.
[[nodiscard]] std::vector<int> figureFrames(const FigureOptions& options, int frameCount,
                                            const Calibration& calibration);

/// Writes the figure of movie (opened from projectMovie, with its calibration set) to path
/// (.pdf, .svg or .png). Needs a QApplication (OffscreenApp). Throws insitu::Error naming the
/// file for a bad request (unknown plot, a plot without its result, no drift for corrected
/// frames, missing overlay results) or when the file cannot be written.
FigureSummary exportFigure(const Movie& movie, const ProjectMovie& projectMovie,
                           const std::filesystem::path& path, const FigureOptions& options = {});

} // namespace insitu::plot
