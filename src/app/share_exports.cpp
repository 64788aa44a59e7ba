// ImageJ ROI import/export and the overlays of an annotated movie, for the window.

#include "share_exports.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "document/undo_step.h"
#include "jobs/job_runner.h"

#include "insitu/ec/timeline_settings.h"
#include "insitu/error.h"
#include "insitu/io/movie.h"
#include "insitu/render/project_overlays.h"
#include "insitu/roi/imagej_roi.h"

#include "figure_export.h"
#include "render_side_panels.h"

#include <QFileInfo>

#include <cmath>

namespace insitu::app {

bool isImageJRoiFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("roi") || suffix == QLatin1String("zip");
}

QStringList importImageJRois(Document* document, const QString& path)
{
    const auto rois = readImageJRois(path.toStdString());
    std::vector<std::string> notes;
    std::vector<Roi> converted;
    for (const auto& roi : rois)
        for (auto& ours : toWorkbenchRois(roi, notes))
            converted.push_back(std::move(ours));
    if (!converted.empty()) {
        const UndoStep step(document->undoStack(),
                            QObject::tr("Import %1 ImageJ ROI(s)").arg(converted.size()));
        for (auto& roi : converted) {
            roi.id = document->takeRoiId();
            document->undoStack()->push(new AddRoi(document, roi));
        }
    }
    QStringList out;
    for (const auto& note : notes)
        out << QString::fromStdString(note);
    return out;
}

void exportImageJRois(const Document& document, const QString& path)
{
    if (document.roiCount() == 0)
        throw Error(path.toStdString() + ": there are no ROIs to export");
    std::vector<ImageJRoi> rois;
    for (int i = 0; i < document.roiCount(); ++i)
        rois.push_back(toImageJRoi(document.roi(i)));
    if (QFileInfo(path).suffix().toLower() == QLatin1String("roi")) {
        if (rois.size() != 1)
            throw Error(path.toStdString() + ": a .roi file holds one ROI; save a .zip");
        writeImageJRoi(rois.front(), path.toStdString());
    } else
        writeImageJRoiSet(rois, path.toStdString());
}

OverlayProvider documentOverlays(const Document& document)
{
    const ProjectMovie* pm = document.projectMovie();
    if (pm == nullptr)
        return {};
    return projectOverlays(*pm, availableOverlayLayers(*pm));
}

RenderOptions windowRenderOptions(const Document& document, bool driftCorrected,
                                  const ViewerRange& displayRange)
{
    const Calibration cal = document.calibration();
    RenderOptions options;
    options.driftCorrected = driftCorrected;
    options.scaleBar = cal.nmPerPixel.has_value();
    options.timestamp = cal.timeOfFrameS(0).has_value();
    options.frameNumber = true;
    options.calibration = cal;
    if (displayRange && displayRange->second > displayRange->first) {
        options.contrastLo = displayRange->first;
        options.contrastHi = displayRange->second;
    }
    return options;
}

bool startMovieExport(const Document& document, JobRunner& jobs, const QString& path,
                      bool driftCorrected, const ViewerRange& displayRange)
{
    return startMovieExport(document, jobs, path,
                            windowRenderOptions(document, driftCorrected, displayRange));
}

QStringList availableSidePanels(const Document& document)
{
    QStringList panels;
    if (document.fronts(document.firstRoiWithFronts()) != nullptr)
        panels << QStringLiteral("kinetics");
    if (document.areas())
        panels << QStringLiteral("areas");
    if (document.timeline() && !document.timeline()->logs.empty())
        panels << QStringLiteral("timeline");
    return panels;
}

SidePanelProvider windowSidePanel(const Document& document, const QString& which)
{
    const std::shared_ptr<Movie> movie = document.movie();
    if (!movie)
        throw Error("side panel: no movie is open");
    const Calibration cal = document.calibration();
    const cv::Size size(plot::sidePanelWidthPx(movie->height()), movie->height());
    const int frames = movie->frameCount();
    if (which == QLatin1String("kinetics")) {
        const ProjectFronts* fronts = document.fronts(document.firstRoiWithFronts());
        if (fronts == nullptr)
            throw Error("side panel: no fronts are tracked");
        return plot::kineticsSidePanel(*fronts, cal, frames, size);
    }
    if (which == QLatin1String("areas")) {
        if (!document.areas())
            throw Error("side panel: no areas result");
        return plot::areasSidePanel(document.areas()->result, cal, frames, size);
    }
    if (which == QLatin1String("timeline")) {
        if (!document.timeline())
            throw Error("side panel: no timeline");
        const ProjectMovie* pm = document.projectMovie();
        const TimelineRun run =
            runTimeline(*movie, timelineOptions(*document.timeline()),
                        pm ? timelineAnalyses(*pm) : TimelineAnalyses{}, Progress::none());
        return plot::timelineSidePanel(run.table, frames, size);
    }
    throw Error("side panel \"" + which.toStdString() + "\" is unknown");
}

bool startMovieExport(const Document& document, JobRunner& jobs, const QString& path,
                      RenderOptions options, const SidePanelProvider& sidePanel)
{
    const std::shared_ptr<Movie> movie = document.movie();
    if (!movie)
        throw Error(path.toStdString() + ": no movie is open");
    (void)renderFormatFromPath(path.toStdString());
    std::optional<DriftResult> drift;
    if (document.drift())
        drift = document.drift()->result;
    if (options.driftCorrected && !drift)
        throw Error(path.toStdString() + ": measure the drift first (Analysis ▸ Measure drift)");
    const OverlayProvider overlays = documentOverlays(document);
    const std::string out = path.toStdString();
    options.sidePanelWidthPx = sidePanel ? plot::sidePanelWidthPx(movie->height()) : 0;
    return jobs.run<RenderSummary>(
        QObject::tr("Exporting movie"),
        [movie, drift, options, overlays, sidePanel, out](Progress& progress) {
            return renderMovie(*movie, out, options, drift ? &*drift : nullptr, overlays, sidePanel,
                               progress);
        },
        [](const RenderSummary&) {});
}

void exportWindowFigure(const Document& document, const QString& path,
                        const std::vector<int>& frames, bool driftCorrected,
                        const ViewerRange& displayRange, double widthMm, int dpi)
{
    const std::shared_ptr<Movie> movie = document.movie();
    const ProjectMovie* pm = document.projectMovie();
    if (!movie || pm == nullptr)
        throw Error(path.toStdString() + ": no movie is open");
    plot::FigureOptions options;
    options.frames = frames;
    options.overlays = availableOverlayLayers(*pm);
    options.driftCorrected = driftCorrected;
    if (displayRange && displayRange->second > displayRange->first) {
        options.contrastLo = displayRange->first;
        options.contrastHi = displayRange->second;
    }
    options.calibration = document.calibration();
    options.widthMm = widthMm;
    options.dpi = dpi;
    plot::exportFigure(*movie, *pm, path.toStdString(), options);
}

} // namespace insitu::app
