#include "document/areas_inputs.h"

#include <QCoreApplication>

#include <algorithm>

namespace insitu::app {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("AreasInputs", text);
}
} // namespace

std::vector<int> seedRoiIds(const ProjectAreas& areas)
{
    std::vector<int> ids;
    for (const std::string& id : areas.provenance.inputIds)
        if (id.rfind("roi:", 0) == 0)
            try {
                ids.push_back(std::stoi(id.substr(4)));
            } catch (const std::exception&) {
            }
    return ids;
}

int seedFrame(const AreaResult& areas)
{
    for (const AreaKeyframe& key : areas.keyframes)
        if (key.refine)
            return key.frame;
    return 0;
}

AreasInputs currentAreasInputs(const ProjectMovie& movie, const std::vector<int>& seedIds,
                               int seedFrame, const AreaOptions& options)
{
    AreasInputs inputs;
    for (const int id : seedIds)
        for (const Roi& roi : movie.rois)
            if (roi.id == id)
                inputs.seeds.push_back(roi);
    inputs.seedFrame = seedFrame;
    inputs.driftUsed = movie.drift.has_value();
    if (movie.drift)
        inputs.drift = movie.drift->result;
    inputs.options = options;
    inputs.calibration = movie.effectiveCalibration();
    return inputs;
}

AreasInputs loadedAreasInputs(const ProjectMovie& movie, const ProjectAreas& areas)
{
    AreasInputs inputs =
        currentAreasInputs(movie, seedRoiIds(areas), seedFrame(areas.result), areas.result.options);
    const auto& ids = areas.provenance.inputIds;
    inputs.driftUsed = std::any_of(
        ids.begin(), ids.end(), [](const std::string& id) { return id.rfind("drift:", 0) == 0; });
    if (!inputs.driftUsed)
        inputs.drift.reset();
    return inputs;
}

QStringList areasStaleReasons(const AreasInputs& used, const AreasInputs& now)
{
    QStringList reasons;
    std::vector<int> usedIds, nowIds;
    for (const Roi& roi : used.seeds)
        usedIds.push_back(roi.id);
    for (const Roi& roi : now.seeds)
        nowIds.push_back(roi.id);
    if (usedIds != nowIds)
        reasons << tr("the particles (seed ROIs) changed");
    else if (used.seeds != now.seeds)
        reasons << tr("a seed ROI was moved since");
    if (used.seedFrame != now.seedFrame)
        reasons << tr("the seed frame changed (%1 → %2)").arg(used.seedFrame).arg(now.seedFrame);
    if (!used.driftUsed && now.driftUsed)
        reasons << tr("drift was measured after tracking");
    else if (used.driftUsed && !now.driftUsed)
        reasons << tr("the drift it was tracked with was cleared");
    else if (used.driftUsed && used.drift != now.drift)
        reasons << tr("drift was measured again since");
    if (used.options != now.options)
        reasons << tr("the settings changed");
    if (used.calibration != now.calibration)
        reasons << tr("the calibration changed");
    return reasons;
}

} // namespace insitu::app
