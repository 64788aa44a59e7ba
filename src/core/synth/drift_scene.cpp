// The drift scene: textured support film plus particles, moved by the recording's random walk.

#include "insitu/synth/drift_scene.h"

#include "raster.h"
#include "scene_model.h"
#include "scene_writers.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

struct Blob
{
    double xPx, yPx, sigmaPx, amplitude;
};
struct Disk
{
    double xPx, yPx, radiusPx;
};

class DriftModel final : public synth::SceneModel
{
public:
    DriftModel(const DriftScene& scene, const SceneTruth& truth) : m_scene(scene)
    {
        double reach = 0;
        for (std::size_t k = 0; k < truth.dxPx.size(); ++k)
            reach = std::max({reach, std::abs(truth.dxPx[k]), std::abs(truth.dyPx[k])});
        const double margin = reach + 12;
        const double x0 = -margin, x1 = scene.imaging.width + margin;
        const double y0 = -margin, y1 = scene.imaging.height + margin;
        cv::RNG rng(synth::derivedSeed(scene.imaging.seed, 3));
        const int blobs =
            static_cast<int>(scene.textureBlobsPer1000Px2 * (x1 - x0) * (y1 - y0) / 1000);
        for (int i = 0; i < blobs; ++i)
            m_blobs.push_back(
                {rng.uniform(x0, x1), rng.uniform(y0, y1), rng.uniform(1.5, 4.0),
                 scene.textureAmplitude * (rng.uniform(0, 2) ? 1 : -1) * rng.uniform(0.5, 1.0)});
        for (int i = 0, attempts = 0; i < scene.particleCount && attempts < 100000; ++attempts) {
            const Disk d{rng.uniform(x0, x1), rng.uniform(y0, y1),
                         rng.uniform(scene.particleMinDiameterPx, scene.particleMaxDiameterPx) / 2};
            const bool overlaps = std::any_of(m_disks.begin(), m_disks.end(), [&](const Disk& o) {
                return std::hypot(d.xPx - o.xPx, d.yPx - o.yPx) < d.radiusPx + o.radiusPx + 3;
            });
            if (!overlaps) {
                m_disks.push_back(d);
                ++i;
            }
        }
    }

    [[nodiscard]] const std::vector<Disk>& disks() const { return m_disks; }

    void render(int, double, double dxPx, double dyPx, cv::Mat& transmission) const override
    {
        for (const Blob& b : m_blobs)
            synth::multiplyGaussianBlob(transmission, b.xPx + dxPx, b.yPx + dyPx, b.sigmaPx,
                                        b.amplitude);
        for (const Disk& d : m_disks)
            synth::multiplyDisk(transmission, d.xPx + dxPx, d.yPx + dyPx, d.radiusPx,
                                m_scene.edgeSigmaPx, m_scene.particleAbsorption,
                                m_scene.imaging.supersample);
    }

private:
    DriftScene m_scene;
    std::vector<Blob> m_blobs;
    std::vector<Disk> m_disks;
};

SceneTruth driftTruth(const DriftScene& sc)
{
    SceneTruth truth = synth::recordingTruth("drift", sc.imaging);
    truth.parameters = {{"texture_blobs_per_1000_px2", sc.textureBlobsPer1000Px2},
                        {"texture_amplitude", sc.textureAmplitude},
                        {"particle_count", sc.particleCount},
                        {"particle_min_diameter_px", sc.particleMinDiameterPx},
                        {"particle_max_diameter_px", sc.particleMaxDiameterPx},
                        {"particle_absorption", sc.particleAbsorption},
                        {"edge_sigma_px", sc.edgeSigmaPx}};
    return truth;
}

void addParticles(SceneTruth& truth, const DriftModel& model)
{
    int id = 0;
    for (const Disk& d : model.disks()) {
        ParticleTruth p;
        p.id = id++;
        p.xPx = d.xPx;
        p.yPx = d.yPx;
        p.diameterPx = 2 * d.radiusPx;
        p.diameterNm = p.diameterPx * truth.imaging.nmPerPixel;
        truth.particles.push_back(p);
    }
}

} // namespace

SynthMovie renderDriftScene(const DriftScene& scene, Progress& progress)
{
    SceneTruth truth = driftTruth(scene);
    const DriftModel model(scene, truth);
    addParticles(truth, model);
    return synth::recordMovie(model, std::move(truth), progress);
}

SceneTruth synth::writeDriftScene(const DriftScene& scene, const std::filesystem::path& path,
                                  Progress& progress)
{
    SceneTruth truth = driftTruth(scene);
    const DriftModel model(scene, truth);
    addParticles(truth, model);
    recordToTiff(model, truth, path, progress);
    return truth;
}

} // namespace insitu
