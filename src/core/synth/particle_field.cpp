// The particles scene: lognormal dark (or HAADF bright) particles, some pairs exactly touching.

#include "insitu/synth/particle_field.h"

#include "raster.h"
#include "scene_model.h"
#include "scene_writers.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace insitu {

namespace {

class ParticleFieldModel final : public synth::SceneModel
{
public:
    explicit ParticleFieldModel(const ParticleFieldScene& scene) : m_scene(scene)
    {
        const ImagingOptions& im = scene.imaging;
        cv::RNG rng(synth::derivedSeed(im.seed, 3));
        auto drawDiameterPx = [&] {
            return synth::sampleLognormal(scene.medianDiameterNm, scene.sigmaLog,
                                          scene.minDiameterNm, scene.maxDiameterNm, rng) /
                   im.nmPerPixel;
        };
        auto fits = [&](const ParticleTruth& p, int ignore) {
            const double r = p.diameterPx / 2;
            if (p.xPx < r + 4 || p.yPx < r + 4 || p.xPx > im.width - 1 - r - 4 ||
                p.yPx > im.height - 1 - r - 4)
                return false;
            for (const ParticleTruth& o : m_particles)
                if (o.id != ignore && std::hypot(p.xPx - o.xPx, p.yPx - o.yPx) <
                                          r + o.diameterPx / 2 + scene.minGapPx)
                    return false;
            return true;
        };
        int group = 0;
        for (int attempts = 0;
             attempts < 20000 && static_cast<int>(m_particles.size()) < scene.particleCount;
             ++attempts) {
            ParticleTruth p;
            p.id = static_cast<int>(m_particles.size());
            p.diameterPx = drawDiameterPx();
            p.xPx = rng.uniform(0.0, static_cast<double>(im.width));
            p.yPx = rng.uniform(0.0, static_cast<double>(im.height));
            if (!fits(p, -1))
                continue;
            const bool wantPair = group < scene.touchingPairs &&
                                  static_cast<int>(m_particles.size()) + 1 < scene.particleCount;
            if (!wantPair) {
                m_particles.push_back(p);
                continue;
            }
            ParticleTruth q;
            q.id = p.id + 1;
            q.diameterPx = drawDiameterPx();
            const double angle = rng.uniform(0.0, 2 * 3.14159265358979323846);
            const double distance = (p.diameterPx + q.diameterPx) / 2; // exactly in contact
            q.xPx = p.xPx + distance * std::cos(angle);
            q.yPx = p.yPx + distance * std::sin(angle);
            if (!fits(q, -1))
                continue;
            p.touchingGroup = q.touchingGroup = group++;
            m_particles.push_back(p);
            m_particles.push_back(q);
        }
        cv::RNG fate(synth::derivedSeed(im.seed, 4));
        for (ParticleTruth& p : m_particles) {
            p.diameterNm = p.diameterPx * im.nmPerPixel;
            if (scene.survivalCutoffNm && p.xPx >= im.width / 2.0) {
                const double s = 1 / (1 + std::exp(-(p.diameterNm - *scene.survivalCutoffNm) /
                                                   std::max(scene.survivalWidthNm, 1e-6)));
                p.survives = fate.uniform(0.0, 1.0) < s;
            }
            m_fringeAngles.push_back(fate.uniform(0.0, 3.14159265358979323846));
        }
        if (scene.haadf)
            drawSupport();
    }

    [[nodiscard]] const std::vector<ParticleTruth>& particles() const { return m_particles; }

    void render(int, double, double dxPx, double dyPx, cv::Mat& transmission) const override
    {
        if (m_scene.haadf) {
            renderHaadf(dxPx, dyPx, transmission);
            return;
        }
        for (std::size_t i = 0; i < m_particles.size(); ++i) {
            const ParticleTruth& p = m_particles[i];
            if (!p.survives)
                continue;
            if (!m_scene.fringeSpacingNm) {
                synth::multiplyDisk(transmission, p.xPx + dxPx, p.yPx + dyPx, p.diameterPx / 2,
                                    m_scene.edgeSigmaPx, m_scene.absorption,
                                    m_scene.imaging.supersample);
                continue;
            }
            // absorption modulated by fringes of the lattice spacing, the edge profile unchanged
            const double r = p.diameterPx / 2, sigma = m_scene.edgeSigmaPx;
            const double k =
                2 * 3.14159265358979323846 * m_scene.imaging.nmPerPixel / *m_scene.fringeSpacingNm;
            const double kx = k * std::cos(m_fringeAngles[i]), ky = k * std::sin(m_fringeAngles[i]);
            const double a = m_scene.absorption, c = m_scene.fringeContrast;
            synth::multiplyRadial(transmission, p.xPx + dxPx, p.yPx + dyPx, r + 6 * sigma + 1, {r},
                                  synth::supersampleMarginPx(sigma), m_scene.imaging.supersample,
                                  [&](double x, double y) {
                                      const double rho = std::sqrt(x * x + y * y);
                                      return a * synth::edgeCoverage(rho - r, sigma) *
                                             (1 + c * std::cos(kx * x + ky * y));
                                  });
        }
    }

private:
    /// The lumpy support (m_support) and each particle's centre signal (m_haadfSignal).
    void drawSupport()
    {
        const ImagingOptions& im = m_scene.imaging;
        cv::RNG rng(synth::derivedSeed(im.seed, 5));
        const double medianPx = m_scene.medianDiameterNm / im.nmPerPixel;
        cv::Mat sum = cv::Mat::zeros(im.height, im.width, CV_32F);
        const int lumps = std::max(1, im.width * im.height / 1500);
        for (int i = 0; i < lumps; ++i) {
            const double sigma = rng.uniform(1.0, 5.0) * medianPx;
            const double cx = rng.uniform(0.0, static_cast<double>(im.width));
            const double cy = rng.uniform(0.0, static_cast<double>(im.height));
            const double amplitude = rng.uniform(0.2, 1.0);
            const int reach = static_cast<int>(std::ceil(3 * sigma));
            for (int y = std::max(0, static_cast<int>(cy) - reach);
                 y <= std::min(im.height - 1, static_cast<int>(cy) + reach); ++y) {
                float* row = sum.ptr<float>(y);
                for (int x = std::max(0, static_cast<int>(cx) - reach);
                     x <= std::min(im.width - 1, static_cast<int>(cx) + reach); ++x)
                    row[x] += static_cast<float>(
                        amplitude * std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) /
                                             (2 * sigma * sigma)));
            }
        }
        // brightest support (99th percentile) = 1, vacuum floor 0.05
        std::vector<float> values(sum.begin<float>(), sum.end<float>());
        const auto p99 = values.begin() + static_cast<std::ptrdiff_t>(values.size() * 99 / 100);
        std::nth_element(values.begin(), p99, values.end());
        m_support = 0.05 + 0.95 * sum / std::max(*p99, 1e-6f);
        for (std::size_t i = 0; i < m_particles.size(); ++i)
            m_haadfSignal.push_back(m_scene.haadfContrast * rng.uniform(0.55, 1.45));
    }

    void renderHaadf(double dxPx, double dyPx, cv::Mat& transmission) const
    {
        cv::Mat layer = cv::Mat::zeros(transmission.size(), CV_32F);
        for (std::size_t i = 0; i < m_particles.size(); ++i) {
            const ParticleTruth& p = m_particles[i];
            if (!p.survives)
                continue;
            const double r = p.diameterPx / 2, cx = p.xPx + dxPx, cy = p.yPx + dyPx;
            for (int y = std::max(0, static_cast<int>(cy - r) - 1);
                 y <= std::min(layer.rows - 1, static_cast<int>(cy + r) + 1); ++y) {
                float* row = layer.ptr<float>(y);
                for (int x = std::max(0, static_cast<int>(cx - r) - 1);
                     x <= std::min(layer.cols - 1, static_cast<int>(cx + r) + 1); ++x) {
                    const double rho2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                    if (rho2 < 1)
                        row[x] += static_cast<float>(m_haadfSignal[i] * std::sqrt(1 - rho2));
                }
            }
        }
        if (m_scene.edgeSigmaPx > 0)
            cv::GaussianBlur(layer, layer, cv::Size(), m_scene.edgeSigmaPx, 0, cv::BORDER_REFLECT);
        cv::Mat support = m_support;
        if (dxPx != 0 || dyPx != 0) {
            const cv::Matx23d shift(1, 0, dxPx, 0, 1, dyPx);
            cv::warpAffine(m_support, support, shift, m_support.size(), cv::INTER_LINEAR,
                           cv::BORDER_REFLECT);
        }
        transmission = transmission.mul(support + layer);
    }

    ParticleFieldScene m_scene;
    cv::Mat m_support;                 ///< HAADF: support brightness (CV_32F, frame size)
    std::vector<double> m_haadfSignal; ///< HAADF: per particle, centre signal
    std::vector<ParticleTruth> m_particles;
    std::vector<double> m_fringeAngles; ///< per particle (rad)
};

SceneTruth particleTruth(const ParticleFieldScene& sc, const ParticleFieldModel& model)
{
    if (sc.particleCount < 0 || sc.touchingPairs < 0 || !(sc.minDiameterNm > 0) ||
        !(sc.maxDiameterNm >= sc.minDiameterNm))
        throw Error("synth particles: bad particle count or diameter range");
    SceneTruth truth = synth::recordingTruth("particles", sc.imaging);
    truth.parameters = {
        {"particle_count", sc.particleCount},
        {"touching_pairs", sc.touchingPairs},
        {"median_diameter_nm", sc.medianDiameterNm},
        {"sigma_log", sc.sigmaLog},
        {"min_diameter_nm", sc.minDiameterNm},
        {"max_diameter_nm", sc.maxDiameterNm},
        {"min_gap_px", sc.minGapPx},
        {"absorption", sc.absorption},
        {"edge_sigma_px", sc.edgeSigmaPx},
        {"placed_particles", model.particles().size()},
        {"survival_cutoff_nm",
         sc.survivalCutoffNm ? nlohmann::json(*sc.survivalCutoffNm) : nlohmann::json(nullptr)},
        {"survival_width_nm", sc.survivalWidthNm},
        {"survival_region", sc.survivalCutoffNm ? "x >= width/2" : ""},
        {"fringe_spacing_nm",
         sc.fringeSpacingNm ? nlohmann::json(*sc.fringeSpacingNm) : nlohmann::json(nullptr)},
        {"fringe_contrast", sc.fringeContrast},
        {"haadf", sc.haadf},
        {"haadf_contrast", sc.haadfContrast}};
    truth.particles = model.particles();
    return truth;
}

} // namespace

SynthMovie renderParticleField(const ParticleFieldScene& scene, Progress& progress)
{
    const ParticleFieldModel model(scene);
    return synth::recordMovie(model, particleTruth(scene, model), progress);
}

SceneTruth synth::writeParticleField(const ParticleFieldScene& scene,
                                     const std::filesystem::path& path, Progress& progress)
{
    const ParticleFieldModel model(scene);
    SceneTruth truth = particleTruth(scene, model);
    recordToTiff(model, truth, path, progress);
    return truth;
}

} // namespace insitu
