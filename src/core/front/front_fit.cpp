#include "insitu/front/front_fit.h"

#include "insitu/error.h"
#include "insitu/kinetics/fit.h"
#include "insitu/kinetics/models.h"

namespace insitu {

std::vector<double> positionsNm(const FrontTrack& track, std::optional<double> nmPerPixel)
{
    std::vector<double> out;
    if (!nmPerPixel)
        return out;
    out.reserve(track.positionsPx.size());
    for (double p : track.positionsPx)
        out.push_back(p * *nmPerPixel);
    return out;
}

std::vector<double> frontTimesS(const FrontTrack& track, const Kymograph& kymograph)
{
    std::vector<double> out;
    if (kymograph.timesS.empty())
        return out;
    out.reserve(track.frames.size());
    for (int f : track.frames) {
        if (f < 0 || f >= static_cast<int>(kymograph.timesS.size()))
            return {};
        out.push_back(kymograph.timesS[static_cast<std::size_t>(f)]);
    }
    return out;
}

void fitFronts(FrontResult& result, const Kymograph& kymograph, const std::string& model)
{
    for (auto& track : result.fronts) {
        track.fit.reset();
        if (track.frames.size() < 5)
            continue;
        FitOptions options;
        options.model = model;
        std::vector<double> x = frontTimesS(track, kymograph);
        if (x.empty()) {
            options.units.time = "frame";
            x.assign(track.frames.begin(), track.frames.end());
        }
        std::vector<double> y = positionsNm(track, kymograph.nmPerPixel);
        if (y.empty()) {
            options.units.length = "px";
            y = track.positionsPx;
        }
        try {
            track.fit = fit(x, y, options);
        } catch (const Error&) {
            // too few or degenerate points: the front keeps no fit
        }
    }
}

} // namespace insitu
