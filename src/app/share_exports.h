#pragma once
// ImageJ ROI import/export and the annotated movie export of the window, through the core
// functions of `insitu roi` and `insitu render` (same conversions, same renderer).

#include "insitu/render/movie_render.h"

#include <QString>
#include <QStringList>

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

/// The render options of File ▸ Export ▸ Annotated movie: every frame at 10 frames/s, automatic
/// contrast, scale bar and time stamp when the calibration allows them, frame number.
[[nodiscard]] RenderOptions windowRenderOptions(const Document& document, bool driftCorrected);

/// Starts renderMovie of the document's movie to path (format from the extension) on jobs, with
/// progress and Cancel in the status bar; errors arrive through JobRunner::failed. Returns false
/// when another job runs. Throws insitu::Error for a bad request (no movie, no drift, format).
bool startMovieExport(const Document& document, JobRunner& jobs, const QString& path,
                      bool driftCorrected);

} // namespace insitu::app
