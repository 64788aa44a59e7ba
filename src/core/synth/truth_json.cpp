// SceneTruth → JSON (the *.truth.json files next to the samples).

#include "insitu/synth/scene_truth.h"

#include "insitu/error.h"
#include "insitu/version.h"

#include <fstream>
#include <system_error>

namespace insitu {

namespace {

nlohmann::json optionalInt(const std::optional<int>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json imagingJson(const ImagingOptions& im)
{
    return {{"frames", im.frames},
            {"width", im.width},
            {"height", im.height},
            {"pixel_size_nm", im.nmPerPixel},
            {"frame_interval_s", im.frameIntervalS},
            {"dose_counts_per_px", im.dosePerPx},
            {"poisson_noise", im.poissonNoise},
            {"illumination_gradient", im.illuminationGradient},
            {"flicker_relative", im.flickerRelative},
            {"drift", im.drift},
            {"drift_step_px", im.driftStepPx},
            {"drift_velocity_x_px_per_frame", im.driftVelocityXPxPerFrame},
            {"drift_velocity_y_px_per_frame", im.driftVelocityYPxPerFrame},
            {"supersample", im.supersample},
            {"seed", im.seed}};
}

} // namespace

nlohmann::json truthToJson(const SceneTruth& truth)
{
    const double nm = truth.imaging.nmPerPixel;
    nlohmann::json doc = {
        {"scene", truth.scene},
        {"generator", std::string("insitu ") + kVersion},
        {"seed", truth.imaging.seed},
        {"frames", truth.imaging.frames},
        {"width", truth.imaging.width},
        {"height", truth.imaging.height},
        {"pixel_size_nm", nm},
        {"frame_interval_s", truth.imaging.frameIntervalS},
        {"dose_counts_per_px", truth.imaging.dosePerPx},
        {"conventions",
         "pixel (0,0) is the centre of the top-left pixel; drift: a feature at (x,y) in frame 0 "
         "appears at (x+dx_px, y+dy_px) in frame k; positions in frame-0 coordinates; front "
         "positions are distances along `line` from its start (x0,y0), the wire's contact end"},
        {"imaging", imagingJson(truth.imaging)},
        {"parameters", truth.parameters},
        {"times_s", truth.timesS},
        {"drift", {{"dx_px", truth.dxPx}, {"dy_px", truth.dyPx}}},
        {"gain", truth.gain},
    };
    if (truth.lineX0Y0X1Y1) {
        const auto& l = *truth.lineX0Y0X1Y1;
        char arg[128];
        std::snprintf(arg, sizeof arg, "%.2f,%.2f,%.2f,%.2f", l[0], l[1], l[2], l[3]);
        doc["line"] = {{"x0", l[0]}, {"y0", l[1]}, {"x1", l[2]}, {"y1", l[3]}, {"arg", arg}};
    }
    if (!truth.fronts.empty()) {
        nlohmann::json fronts = nlohmann::json::array();
        for (const FrontTruth& f : truth.fronts) {
            std::vector<double> nmPositions, times;
            for (std::size_t i = 0; i < f.frames.size(); ++i) {
                nmPositions.push_back(f.positionsPx[i] * nm);
                times.push_back(truth.timesS[static_cast<std::size_t>(f.frames[i])]);
            }
            nlohmann::json front = {{"index", f.index},
                                    {"kind", f.kind},
                                    {"law", f.law},
                                    {"start_px", f.startPx},
                                    {"start_nm", f.startPx * nm},
                                    {"onset_s", f.onsetS},
                                    {"frames", f.frames},
                                    {"times_s", times},
                                    {"positions_px", f.positionsPx},
                                    {"positions_nm", nmPositions}};
            if (f.law == "linear")
                front["velocity_nm_per_s"] = f.velocityNmPerS;
            else
                front["k_nm_per_sqrt_s"] = f.kNmPerSqrtS;
            fronts.push_back(front);
        }
        doc["fronts"] = fronts;
    }
    if (!truth.particles.empty()) {
        nlohmann::json particles = nlohmann::json::array();
        for (const ParticleTruth& p : truth.particles)
            particles.push_back(
                {{"id", p.id},
                 {"x_px", p.xPx},
                 {"y_px", p.yPx},
                 {"diameter_px", p.diameterPx},
                 {"diameter_nm", p.diameterNm},
                 {"area_px", 3.14159265358979323846 * p.diameterPx * p.diameterPx / 4},
                 {"appear_frame", optionalInt(p.appearFrame)},
                 {"vanish_frame", optionalInt(p.vanishFrame)},
                 {"survives", p.survives},
                 {"touching_group", p.touchingGroup}});
        doc["particles"] = particles;
    }
    if (!truth.growingParticles.empty()) {
        nlohmann::json particles = nlohmann::json::array();
        for (const GrowingParticleTruth& p : truth.growingParticles) {
            std::vector<double> ratios, areasNm;
            for (double a : p.areasPx) {
                ratios.push_back(a / p.areasPx.front());
                areasNm.push_back(a * nm * nm);
            }
            particles.push_back({{"id", p.id},
                                 {"x_px", p.xPx},
                                 {"y_px", p.yPx},
                                 {"coating_nm", p.coatingNm},
                                 {"final_area_ratio", p.finalAreaRatio},
                                 {"growth_start_s", p.growthStartS},
                                 {"growth_duration_s", p.growthDurationS},
                                 {"crack_frame", optionalInt(p.crackFrame)},
                                 {"crack_angle_deg", p.crackAngleDeg},
                                 {"areas_px", p.areasPx},
                                 {"areas_nm2", areasNm},
                                 {"area_ratios", ratios},
                                 {"core_radii_px", p.coreRadiiPx},
                                 {"crack_area_step", p.crackAreaStep},
                                 {"centres_x_px", p.centresXPx},
                                 {"centres_y_px", p.centresYPx}});
        }
        doc["growing_particles"] = particles;
    }
    return doc;
}

void writeTruthJson(const SceneTruth& truth, const std::filesystem::path& path)
{
    auto temp = path;
    temp += ".part";
    {
        std::ofstream out(temp);
        if (!out)
            throw Error(path.string() + ": cannot create the truth file");
        out << truthToJson(truth).dump(1) << '\n';
        if (!out)
            throw Error(path.string() + ": write failed");
    }
    std::error_code error;
    std::filesystem::rename(temp, path, error);
    if (error)
        throw Error(path.string() + ": cannot rename the truth file into place");
}

} // namespace insitu
