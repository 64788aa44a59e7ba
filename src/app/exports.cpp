#include "exports.h"

#include "document/document.h"

#include "insitu/error.h"
#include "insitu/export/csv_export.h"
#include "insitu/front/kymograph.h"

#include <QSaveFile>

#include <sstream>

namespace insitu::app {

namespace {
/// Writes text to path atomically (the old file stays when writing fails).
void writeFile(const QString& path, const std::string& text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) < 0 || !file.commit())
        throw Error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() +
                    ")");
}
} // namespace

void exportFrontsCsv(const Document& document, int roiId, const QString& path)
{
    const ProjectFronts* fronts = document.fronts(roiId);
    if (!fronts)
        throw Error(path.toStdString() + ": no fronts tracked on this ROI yet");
    std::ostringstream text;
    writeFrontsCsv(text, fronts->result, document.calibration());
    writeFile(path, text.str());
}

void exportDriftCsv(const Document& document, const QString& path)
{
    if (!document.drift())
        throw Error(path.toStdString() + ": no drift measured yet");
    std::ostringstream text;
    writeDriftCsv(text, document.drift()->result, document.calibration());
    writeFile(path, text.str());
}

void exportFitTableCsv(const Document& document, const QString& path)
{
    const std::vector<LabelledFit> fits = collectFits(document.project());
    if (fits.empty())
        throw Error(path.toStdString() + ": no fits in the project yet");
    std::ostringstream text;
    writeFitParametersCsv(text, fits);
    writeFile(path, text.str());
}

void exportKymographTiff(const Document& document, int roiId, const QString& path)
{
    const ProjectFronts* fronts = document.fronts(roiId);
    if (!fronts || !fronts->kymograph)
        throw Error(path.toStdString() + ": no kymograph for this ROI yet");
    const ImageF32& image = *fronts->kymograph;
    const Calibration calibration = document.calibration();
    Kymograph kymograph;
    kymograph.values =
        cv::Mat(image.rows, image.cols, CV_32F, const_cast<float*>(image.values.data())).clone();
    kymograph.stepPx = fronts->kymographStepPx;
    kymograph.nmPerPixel = calibration.nmPerPixel;
    kymograph.frameIntervalS = calibration.frameIntervalS;
    const FrontsInputs* used = document.frontsInputs(roiId);
    kymograph.driftCorrected = used && used->driftUsed;
    writeKymographTiff(kymograph, path.toStdString());
}

} // namespace insitu::app
