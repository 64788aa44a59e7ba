#pragma once
// ImageJ ROI import/export and the annotated movie export of the window, through the core
// functions of `insitu roi` and `insitu render` (same conversions, same renderer).

#include "insitu/render/movie_render.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace insitu::app {

class Document;
class JobRunner;

/// True for files the window imports as ImageJ ROIs (.roi, .zip).
[[nodiscard]] bool isImageJRoiFile(const QString& path);

/// Adds the ROIs of an ImageJ .roi / RoiSet.zip to the current movie as one undo step; returns
/// the conversion notes (what the workbench ROI model could not keep). Throws insitu::Error.
QStringList importImageJRois(Document* document, const QString& path);

/// Writes the current movie's ROIs as a RoiSet.zip (or a .roi for one ROI). Throws insitu::Error.
void exportImageJRois(const Document& document, const QString& path);

/// Every overlay layer the document's movie holds (ROIs, fronts, outlines, crystallinity map,
/// grains) for renderMovie; a snapshot safe to call from a worker thread.
[[nodiscard]] OverlayProvider documentOverlays(const Document& document);

/// The viewer's display range (grey shown black, white): the exports use what the user sees.
using ViewerRange = std::optional<std::pair<double, double>>;

/// The render options of File ▸ Export ▸ Annotated movie: every frame at 10 frames/s, the
/// viewer's display range (automatic contrast when none is given), scale bar and time stamp when
/// the calibration allows them, frame number.
[[nodiscard]] RenderOptions windowRenderOptions(const Document& document, bool driftCorrected,
                                                const ViewerRange& displayRange = std::nullopt);

/// Starts renderMovie of the document's movie to path (format from the extension) on jobs, with
/// progress and Cancel in the status bar; errors arrive through JobRunner::failed. Returns false
/// when another job runs. Throws insitu::Error for a bad request (no movie, no drift, format).
bool startMovieExport(const Document& document, JobRunner& jobs, const QString& path,
                      bool driftCorrected, const ViewerRange& displayRange = std::nullopt);
/// The same with the options given (windowRenderOptions() changed by the export dialog) and a
/// side panel (windowSidePanel(); options.sidePanelWidthPx is set from it).
bool startMovieExport(const Document& document, JobRunner& jobs, const QString& path,
                      RenderOptions options, const SidePanelProvider& sidePanel = {});

/// The side panels the document's movie can have: "kinetics" (fronts tracked), "areas" (an
/// areas result), "timeline" (timeline settings with logs) — `insitu render --plot`'s names.
[[nodiscard]] QStringList availableSidePanels(const Document& document);

/// The side panel `which` (one of availableSidePanels()) for the document's movie, drawn now on
/// the GUI thread by insitu_plot, as `insitu render --plot` draws it. Throws insitu::Error.
[[nodiscard]] SidePanelProvider windowSidePanel(const Document& document, const QString& which);

/// File ▸ Export ▸ Figure: plot::exportFigure of the document's movie (frames as given, every
/// overlay layer the movie holds, the plots it has, the viewer's range and the window's
/// calibration). Runs on the GUI thread (the plots are widgets). Throws insitu::Error.
void exportWindowFigure(const Document& document, const QString& path,
                        const std::vector<int>& frames, bool driftCorrected,
                        const ViewerRange& displayRange, double widthMm, int dpi);

} // namespace insitu::app
