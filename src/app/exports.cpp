#include "exports.h"

#include "document/document.h"

#include "insitu/error.h"
#include "insitu/front/kymograph.h"

#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace insitu::app {

namespace {
QString cell(const std::optional<double>& value)
{
    return value ? QString::number(*value, 'g', 10) : QString();
}

void writeText(const QString& path, const QString& text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text.toUtf8()) < 0
        || !file.commit())
        throw Error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
}
} // namespace

void exportFrontsCsv(const Document& document, int roiId, const QString& path)
{
    const ProjectFronts* fronts = document.fronts(roiId);
    if (!fronts)
        throw Error(path.toStdString() + ": no fronts tracked on this ROI yet");
    const Calibration calibration = document.calibration();
    QString text = QStringLiteral("frame,time_s,front,position_px,position_nm\n");
    for (const FrontTrack& track : fronts->result.fronts)
        for (std::size_t i = 0; i < track.frames.size(); ++i) {
            const double px = track.positionsPx[i];
            const QString nm = calibration.nmPerPixel
                                   ? QString::number(px * calibration.nmPerPixel.value(), 'g', 10)
                                   : QString();
            text += QStringLiteral("%1,%2,%3,%4,%5\n")
                        .arg(track.frames[i])
                        .arg(cell(calibration.timeOfFrameS(track.frames[i])))
                        .arg(track.index)
                        .arg(QString::number(px, 'g', 10))
                        .arg(nm);
        }
    writeText(path, text);
}

void exportDriftCsv(const Document& document, const QString& path)
{
    if (!document.drift())
        throw Error(path.toStdString() + ": no drift measured yet");
    const DriftResult& drift = document.drift()->result;
    const Calibration calibration = document.calibration();
    QString text = QStringLiteral("frame,time_s,dx_px,dy_px\n");
    for (int k = 0; k < drift.frameCount(); ++k)
        text += QStringLiteral("%1,%2,%3,%4\n")
                    .arg(k)
                    .arg(cell(calibration.timeOfFrameS(k)))
                    .arg(QString::number(drift.dxPx[static_cast<std::size_t>(k)], 'g', 10))
                    .arg(QString::number(drift.dyPx[static_cast<std::size_t>(k)], 'g', 10));
    writeText(path, text);
}

void exportKymographTiff(const Document& document, int roiId, const QString& path)
{
    const ProjectFronts* fronts = document.fronts(roiId);
    if (!fronts || !fronts->kymograph)
        throw Error(path.toStdString() + ": no kymograph for this ROI yet");
    const ImageF32& image = *fronts->kymograph;
    const Calibration calibration = document.calibration();
    Kymograph kymograph;
    kymograph.values = cv::Mat(image.rows, image.cols, CV_32F,
                               const_cast<float*>(image.values.data())).clone();
    kymograph.nmPerPixel = calibration.nmPerPixel;
    kymograph.frameIntervalS = calibration.frameIntervalS;
    kymograph.driftCorrected = document.drift().has_value();
    writeKymographTiff(kymograph, path.toStdString());
}

} // namespace insitu::app
