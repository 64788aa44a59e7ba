#include "document/result_inputs.h"

#include "insitu/roi/path.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ResultInputs", text);
}

const Roi* findRoi(const ProjectMovie& movie, int roiId)
{
    for (const Roi& roi : movie.rois)
        if (roi.id == roiId)
            return &roi;
    return nullptr;
}

bool usedDrift(const Provenance& provenance)
{
    return std::any_of(provenance.inputIds.begin(), provenance.inputIds.end(),
                       [](const std::string& id) { return id.rfind("drift:", 0) == 0; });
}

/// True when every fit of fronts is in the units, and at the times, that calibration gives.
bool fitsMatch(const FrontResult& fronts, const Calibration& calibration)
{
    const bool timed = calibration.timeOfFrameS(0).has_value();
    const std::string xUnit = timed ? "s" : "frame";
    const std::string yUnit = calibration.nmPerPixel ? "nm" : "px";
    for (const FrontTrack& track : fronts.fronts) {
        if (!track.fit)
            continue;
        const FitResult& fit = *track.fit;
        if ((!fit.xUnit.empty() && fit.xUnit != xUnit) ||
            (!fit.yUnit.empty() && fit.yUnit != yUnit))
            return false;
        std::vector<double> times;
        for (const int frame : track.frames)
            times.push_back(timed ? *calibration.timeOfFrameS(frame) : frame);
        for (const double x : fit.x) {
            const bool found = std::any_of(times.begin(), times.end(), [x](double t) {
                return std::abs(t - x) <= 1e-9 * (1 + std::abs(x));
            });
            if (!found)
                return false;
        }
    }
    return true;
}
} // namespace

FrontsInputs currentFrontsInputs(const ProjectMovie& movie, int roiId)
{
    FrontsInputs inputs;
    if (const Roi* roi = findRoi(movie, roiId)) {
        inputs.shape = roi->shape;
        inputs.points = roi->points;
        inputs.widthPx = roi->widthPx;
    }
    inputs.driftUsed = movie.drift.has_value();
    if (movie.drift)
        inputs.drift = movie.drift->result;
    inputs.fitCalibration = movie.effectiveCalibration();
    return inputs;
}

FrontsInputs loadedFrontsInputs(const ProjectMovie& movie, const ProjectFronts& fronts)
{
    FrontsInputs inputs = currentFrontsInputs(movie, fronts.result.roiId);
    inputs.driftUsed = usedDrift(fronts.provenance);
    if (!inputs.driftUsed)
        inputs.drift.reset();
    const Roi* roi = findRoi(movie, fronts.result.roiId);
    if (roi && fronts.kymograph && fronts.kymographStepPx > 0) {
        const auto samples = samplePath(*roi, fronts.kymographStepPx).points.size();
        inputs.roiKnownChanged = static_cast<int>(samples) != fronts.kymograph->cols;
    }
    if (!fitsMatch(fronts.result, movie.effectiveCalibration()))
        inputs.fitCalibration.reset();
    return inputs;
}

FrontsInputs recordedFrontsInputs(const ProjectMovie& movie, const ProjectFronts& fronts,
                                  const FrontsTrackedFrom& record)
{
    FrontsInputs inputs = loadedFrontsInputs(movie, fronts);
    inputs.shape = record.shape;
    inputs.points = record.points;
    inputs.widthPx = record.widthPx;
    inputs.driftUsed = record.driftUsed;
    inputs.drift.reset();
    if (record.driftUsed && movie.drift)
        inputs.drift = movie.drift->result;
    inputs.driftKnownChanged = record.driftUsed && !record.driftIsCurrent;
    if (!record.fitCalibrationIsCurrent)
        inputs.fitCalibration.reset();
    return inputs;
}

FrontsTrackedFrom trackedFromRecord(const FrontsInputs& used, const ProjectMovie& movie, int roiId)
{
    FrontsTrackedFrom record;
    record.roiId = roiId;
    record.shape = used.shape;
    record.points = used.points;
    record.widthPx = used.widthPx;
    record.driftUsed = used.driftUsed;
    record.driftIsCurrent = !used.driftUsed || (!used.driftKnownChanged && movie.drift &&
                                                used.drift == movie.drift->result);
    record.fitCalibrationIsCurrent =
        used.fitCalibration && *used.fitCalibration == movie.effectiveCalibration();
    return record;
}

QStringList trackingStaleReasons(const FrontsInputs& used, const FrontsInputs& now)
{
    QStringList reasons;
    if (used.roiKnownChanged || used.shape != now.shape || used.points != now.points)
        reasons << tr("the ROI was moved since");
    if (used.widthPx != now.widthPx)
        reasons << tr("the band width changed (%1 → %2 px)")
                       .arg(used.widthPx, 0, 'g', 4)
                       .arg(now.widthPx, 0, 'g', 4);
    if (!used.driftUsed && now.driftUsed)
        reasons << tr("drift was measured after tracking");
    else if (used.driftUsed && !now.driftUsed)
        reasons << tr("the drift it was corrected with was cleared");
    else if (used.driftUsed && (used.driftKnownChanged || used.drift != now.drift))
        reasons << tr("drift was measured again since");
    return reasons;
}

QStringList fitStaleReasons(const FrontsInputs& used, const FrontsInputs& now)
{
    QStringList reasons;
    if (!used.fitCalibration || used.fitCalibration != now.fitCalibration)
        reasons << tr("the calibration changed since the fit");
    return reasons;
}

QStringList driftStaleReasons(const ProjectDrift& drift, const DriftOptions& options)
{
    QStringList reasons;
    if (drift.result.options != options)
        reasons << tr("the drift settings changed since it was measured");
    return reasons;
}

} // namespace insitu::app
