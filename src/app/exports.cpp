#include "exports.h"

#include "document/document.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/export/kymograph_tiff.h"

namespace insitu::app {

namespace {
std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(path.toStdU16String());
}
} // namespace

void exportFrontsCsv(const Document& document, int roiId, const QString& path)
{
    const ProjectFronts* fronts = document.fronts(roiId);
    if (!fronts)
        throw Error(path.toStdString() + ": no fronts tracked on this ROI yet");
    saveFrontsCsv(toPath(path), fronts->result, document.calibration());
}

void exportDriftCsv(const Document& document, const QString& path)
{
    if (!document.drift())
        throw Error(path.toStdString() + ": no drift measured yet");
    saveDriftCsv(toPath(path), document.drift()->result, document.calibration());
}

void exportFitTableCsv(const Document& document, int roiId, const QString& path)
{
    const ProjectFronts* fronts = document.fronts(roiId);
    const ProjectMovie* movie = document.projectMovie();
    const std::vector<LabelledFit> fits =
        fronts && movie ? frontFits(fronts->result, movie->id) : std::vector<LabelledFit>{};
    if (fits.empty())
        throw Error(path.toStdString() + ": no fits on this ROI yet");
    saveFitParametersCsv(toPath(path), fits);
}

void exportKymographTiff(const Document& document, int roiId, const QString& path)
{
    const ProjectFronts* fronts = document.fronts(roiId);
    if (!fronts || !fronts->kymograph)
        throw Error(path.toStdString() + ": no kymograph for this ROI yet");
    writeKymographTiff(storedKymograph(*fronts, document.calibration()), toPath(path));
}

} // namespace insitu::app
