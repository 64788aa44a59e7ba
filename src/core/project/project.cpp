#include "insitu/project/project.h"

#include "insitu/version.h"

#include <array>
#include <ctime>

namespace insitu {

std::string isoTimeUtcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::array<char, 32> text{};
    const auto length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(text.data(), length);
}

Provenance makeProvenance(std::string parametersJson, std::vector<std::string> inputIds)
{
    return {kVersion, std::move(parametersJson), std::move(inputIds), isoTimeUtcNow()};
}

Calibration ProjectMovie::effectiveCalibration() const
{
    Calibration calibration = fileCalibration;
    if (calibrationOverride.nmPerPixel)
        calibration.nmPerPixel = calibrationOverride.nmPerPixel;
    if (calibrationOverride.frameIntervalS) {
        // A user-set interval replaces the file's per-frame stamps: the user knows better.
        calibration.frameIntervalS = calibrationOverride.frameIntervalS;
        calibration.timestampsS.clear();
    }
    if (calibrationOverride.timeZeroFrame)
        calibration.timeZeroFrame = *calibrationOverride.timeZeroFrame;
    return calibration;
}

ParticleAnalysisSettings particleSettingsFromResult(const ProjectMovie& movie)
{
    ParticleAnalysisSettings settings;
    if (movie.particles) {
        settings.options = movie.particles->result.options;
        settings.framesAveraged = movie.particles->lastFrame - movie.particles->firstFrame + 1;
    }
    return settings;
}

AreaOptions areaSettingsFromResult(const ProjectMovie& movie)
{
    return movie.areas ? movie.areas->result.options : AreaOptions{};
}

FrontAnalysisSettings frontSettingsFromResults(const ProjectMovie& movie)
{
    FrontAnalysisSettings settings;
    if (movie.fronts.empty())
        return settings;
    const ProjectFronts& fronts = movie.fronts.front();
    settings.tracking = fronts.result.options;
    for (const Roi& roi : movie.rois)
        if (roi.id == fronts.result.roiId)
            settings.bandWidthPx = roi.widthPx;
    for (const FrontTrack& track : fronts.result.fronts)
        if (track.fit) {
            // fitAuto records the candidate it chose; the user asked for "auto".
            settings.fit.model = track.fit->verdict.empty() ? track.fit->model : "auto";
            settings.fit.formula = track.fit->formula;
            settings.fit.windowStartS = track.fit->windowStart;
            settings.fit.windowEndS = track.fit->windowEnd;
            break;
        }
    return settings;
}

const ProjectMovie* Project::movie(int id) const
{
    for (const auto& m : movies)
        if (m.id == id)
            return &m;
    return nullptr;
}

ProjectMovie* Project::movie(int id)
{
    for (auto& m : movies)
        if (m.id == id)
            return &m;
    return nullptr;
}

} // namespace insitu
