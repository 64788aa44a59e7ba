// The expanding-particle scene: coated particles growing in projected area, one coating cracking.

#include "insitu/synth/expanding_particle.h"

#include "raster.h"
#include "scene_model.h"
#include "scene_writers.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Fraction of the growth done at time t (linear in area, clamped to 0..1).
double growthProgress(const GrowingParticle& p, double timeS)
{
    return std::clamp((timeS - p.growthStartS) / p.growthDurationS, 0.0, 1.0);
}

class ExpandingModel final : public synth::SceneModel
{
public:
    explicit ExpandingModel(const ExpandingParticleScene& scene) : m_scene(scene) {}

    [[nodiscard]] double outerRadiusPx(const GrowingParticle& p, double timeS, int frame) const
    {
        const bool cracked = p.crackFrame >= 0 && frame >= p.crackFrame;
        return p.radiusPx * std::sqrt((1 + (p.finalAreaRatio - 1) * growthProgress(p, timeS)) *
                                      (cracked ? 1 + p.crackAreaStep : 1.0));
    }
    [[nodiscard]] double coatingPx(const GrowingParticle& p) const
    {
        return p.coatingNm / m_scene.imaging.nmPerPixel;
    }
    [[nodiscard]] double coreRadiusPx(const GrowingParticle& p, double timeS) const
    {
        return std::max(0.0, (p.radiusPx - coatingPx(p)) *
                                 (1 - m_scene.coreShrink * growthProgress(p, timeS)));
    }

    void render(int frame, double timeS, double dxPx, double dyPx,
                cv::Mat& transmission) const override
    {
        const ExpandingParticleScene& sc = m_scene;
        const double sigma = sc.edgeSigmaPx;
        for (const GrowingParticle& p : sc.particles) {
            const double outer = outerRadiusPx(p, timeS, frame);
            const double inner = std::max(0.0, outer - coatingPx(p));
            const double core = std::min(coreRadiusPx(p, timeS), inner);
            const bool cracked = p.crackFrame >= 0 && frame >= p.crackFrame;
            const double crackCos = std::cos(p.crackAngleDeg * kPi / 180);
            const double crackSin = std::sin(p.crackAngleDeg * kPi / 180);
            const double crackHalfWidthCos = std::cos(10 * kPi / 180);
            synth::multiplyRadial(transmission, p.xPx + p.velocityXPxPerFrame * frame + dxPx,
                                  p.yPx + p.velocityYPxPerFrame * frame + dyPx,
                                  outer + 6 * sigma + 0.75, {outer, inner, core},
                                  synth::supersampleMarginPx(sigma), sc.imaging.supersample,
                                  [&](double dx, double dy) {
                                      const double rho = std::sqrt(dx * dx + dy * dy);
                                      const double cOuter = synth::edgeCoverage(rho - outer, sigma);
                                      const double cInner = synth::edgeCoverage(rho - inner, sigma);
                                      const double cCore = synth::edgeCoverage(rho - core, sigma);
                                      double coating = sc.absorptionCoating;
                                      // The crack: a 20° wedge of the coating replaced by shell
                                      // material.
                                      if (cracked && rho > 0 &&
                                          (dx * crackCos + dy * crackSin) / rho > crackHalfWidthCos)
                                          coating = sc.absorptionShell;
                                      return coating * (cOuter - cInner) +
                                             sc.absorptionShell * (cInner - cCore) +
                                             sc.absorptionCore * cCore;
                                  });
        }
    }

private:
    ExpandingParticleScene m_scene;
};

SceneTruth expandingTruth(const ExpandingParticleScene& sc, const ExpandingModel& model)
{
    for (const GrowingParticle& p : sc.particles)
        if (!(p.radiusPx > 2) || !(p.finalAreaRatio > 0) || !(p.growthDurationS > 0) ||
            p.coatingNm < 0)
            throw Error("synth expanding-particle: radius > 2 px, area ratio > 0, duration > 0");
    SceneTruth truth = synth::recordingTruth("expanding-particle", sc.imaging);
    nlohmann::json particles = nlohmann::json::array();
    for (const GrowingParticle& p : sc.particles)
        particles.push_back({{"x_px", p.xPx},
                             {"y_px", p.yPx},
                             {"radius_px", p.radiusPx},
                             {"coating_nm", p.coatingNm},
                             {"final_area_ratio", p.finalAreaRatio},
                             {"growth_start_s", p.growthStartS},
                             {"growth_duration_s", p.growthDurationS},
                             {"crack_frame", p.crackFrame},
                             {"crack_angle_deg", p.crackAngleDeg},
                             {"crack_area_step", p.crackAreaStep},
                             {"velocity_x_px_per_frame", p.velocityXPxPerFrame},
                             {"velocity_y_px_per_frame", p.velocityYPxPerFrame}});
    truth.parameters = {
        {"particles", particles},
        {"absorption_core", sc.absorptionCore},
        {"absorption_shell", sc.absorptionShell},
        {"absorption_coating", sc.absorptionCoating},
        {"core_shrink", sc.coreShrink},
        {"edge_sigma_px", sc.edgeSigmaPx},
        {"area_law", "A(t) = A0 (1 + (ratio - 1) clamp((t - start)/duration, 0, 1))"}};
    int id = 0;
    for (const GrowingParticle& p : sc.particles) {
        GrowingParticleTruth g;
        g.id = id++;
        g.xPx = p.xPx;
        g.yPx = p.yPx;
        g.coatingNm = p.coatingNm;
        g.finalAreaRatio = p.finalAreaRatio;
        g.growthStartS = p.growthStartS;
        g.growthDurationS = p.growthDurationS;
        if (p.crackFrame >= 0)
            g.crackFrame = p.crackFrame;
        g.crackAngleDeg = p.crackAngleDeg;
        g.crackAreaStep = p.crackAreaStep;
        for (std::size_t k = 0; k < truth.timesS.size(); ++k) {
            const double t = truth.timesS[k];
            const int frame = static_cast<int>(k);
            const double r = model.outerRadiusPx(p, t, frame);
            g.areasPx.push_back(kPi * r * r);
            g.coreRadiiPx.push_back(
                std::min(model.coreRadiusPx(p, t), std::max(0.0, r - model.coatingPx(p))));
            g.centresXPx.push_back(p.xPx + p.velocityXPxPerFrame * frame);
            g.centresYPx.push_back(p.yPx + p.velocityYPxPerFrame * frame);
        }
        truth.growingParticles.push_back(std::move(g));
    }
    return truth;
}

} // namespace

SynthMovie renderExpandingParticles(const ExpandingParticleScene& scene, Progress& progress)
{
    const ExpandingModel model(scene);
    return synth::recordMovie(model, expandingTruth(scene, model), progress);
}

SceneTruth synth::writeExpandingParticles(const ExpandingParticleScene& scene,
                                          const std::filesystem::path& path, Progress& progress)
{
    const ExpandingModel model(scene);
    SceneTruth truth = expandingTruth(scene, model);
    recordToTiff(model, truth, path, progress);
    return truth;
}

} // namespace insitu
