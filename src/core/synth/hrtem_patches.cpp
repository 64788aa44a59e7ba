// The hrtem scene: fringe patches of two phases on band-limited amorphous noise.

#include "insitu/synth/hrtem_patches.h"

#include "scene_model.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <numbers>

namespace insitu {

namespace {

constexpr double kPi = std::numbers::pi;

/// Signed distance-like coordinate of (x, y) to the patch outline (px, negative inside).
double outlineDistancePx(const HrtemPatchTruth& p, double x, double y)
{
    const double a = p.ellipseAngleDeg * kPi / 180;
    const double u = (x - p.xPx) * std::cos(a) + (y - p.yPx) * std::sin(a);
    const double v = -(x - p.xPx) * std::sin(a) + (y - p.yPx) * std::cos(a);
    const double rho = std::hypot(u / p.semiAxisAPx, v / p.semiAxisBPx);
    return (rho - 1) * std::min(p.semiAxisAPx, p.semiAxisBPx);
}

void checkScene(const HrtemScene& s)
{
    if (s.phases.empty() || !(s.minRadiusNm > 0) || !(s.maxRadiusNm >= s.minRadiusNm) ||
        s.patchCount < 0)
        throw Error("synth hrtem: needs at least one phase and 0 < min radius <= max radius");
    for (const HrtemPhase& phase : s.phases)
        for (double d : phase.dNm)
            if (!(d > 2 * s.imaging.nmPerPixel))
                throw Error("synth hrtem: d = " + std::to_string(d) +
                            " nm is below Nyquist (2 px) at this pixel size");
}

class HrtemModel final : public synth::SceneModel
{
public:
    explicit HrtemModel(const HrtemScene& scene) : m_scene(scene), m_patches(hrtemPatches(scene))
    {
        const ImagingOptions& im = scene.imaging;
        // Amorphous texture: white noise band-passed by a difference of Gaussians (σ 0.8, 3 px).
        cv::Mat noise(im.height, im.width, CV_32F);
        cv::RNG rng(synth::derivedSeed(im.seed, 41));
        rng.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
        cv::Mat fine, coarse;
        cv::GaussianBlur(noise, fine, cv::Size(), 0.8);
        cv::GaussianBlur(noise, coarse, cv::Size(), 3.0);
        cv::Mat texture = fine - coarse;
        cv::Scalar mean, sd;
        cv::meanStdDev(texture, mean, sd);
        texture = (texture - mean[0]) * (scene.amorphousContrast / std::max(sd[0], 1e-12));

        m_specimen = 1.0f + texture;
        const double edgePx = std::max(0.05, scene.edgeWidthNm / im.nmPerPixel);
        for (const HrtemPatchTruth& p : m_patches) {
            const HrtemPhase& phase = scene.phases[static_cast<std::size_t>(p.phase)];
            std::vector<std::array<double, 3>> waves; // gx, gy (cycles/px), phase offset
            for (std::size_t j = 0; j < phase.dNm.size(); ++j) {
                const double g = im.nmPerPixel / phase.dNm[j];
                const double base =
                    (p.latticeAngleDeg +
                     90.0 * static_cast<double>(j) / static_cast<double>(phase.dNm.size())) *
                    kPi / 180;
                for (double extra : {0.0, kPi / 3})
                    waves.push_back({g * std::cos(base + extra), g * std::sin(base + extra),
                                     rng.uniform(0.0, 2 * kPi)});
            }
            const double reach = std::max(p.semiAxisAPx, p.semiAxisBPx) + 6 * edgePx;
            const int x0 = std::max(0, static_cast<int>(p.xPx - reach));
            const int x1 = std::min(im.width - 1, static_cast<int>(p.xPx + reach));
            const int y0 = std::max(0, static_cast<int>(p.yPx - reach));
            const int y1 = std::min(im.height - 1, static_cast<int>(p.yPx + reach));
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x) {
                    const double m = 0.5 * std::erfc(outlineDistancePx(p, x, y) / edgePx);
                    if (m < 1e-4)
                        continue;
                    double fringes = 0;
                    for (const auto& w : waves)
                        fringes += std::cos(2 * kPi * (w[0] * x + w[1] * y) + w[2]);
                    m_specimen.at<float>(y, x) +=
                        static_cast<float>(m * scene.fringeContrast * fringes);
                }
        }
    }

    [[nodiscard]] const std::vector<HrtemPatchTruth>& patches() const { return m_patches; }

    void render(int, double, double dxPx, double dyPx, cv::Mat& transmission) const override
    {
        if (dxPx == 0 && dyPx == 0) {
            transmission = transmission.mul(m_specimen);
            return;
        }
        cv::Mat shifted;
        const cv::Matx23d shift(1, 0, dxPx, 0, 1, dyPx);
        cv::warpAffine(m_specimen, shifted, shift, m_specimen.size(), cv::INTER_CUBIC,
                       cv::BORDER_REFLECT);
        transmission = transmission.mul(shifted);
    }

private:
    HrtemScene m_scene;
    std::vector<HrtemPatchTruth> m_patches;
    cv::Mat m_specimen;
};

} // namespace

std::vector<HrtemPatchTruth> hrtemPatches(const HrtemScene& scene)
{
    checkScene(scene);
    const ImagingOptions& im = scene.imaging;
    cv::RNG rng(synth::derivedSeed(im.seed, 40));
    std::vector<HrtemPatchTruth> patches;
    const double gapPx = 2.0 / im.nmPerPixel; // 2 nm of amorphous matrix between patches
    for (int attempt = 0; attempt < 5000 && static_cast<int>(patches.size()) < scene.patchCount;
         ++attempt) {
        HrtemPatchTruth p;
        p.phase = static_cast<int>(patches.size() % scene.phases.size());
        p.semiAxisAPx = rng.uniform(scene.minRadiusNm, scene.maxRadiusNm) / im.nmPerPixel;
        p.semiAxisBPx = rng.uniform(scene.minRadiusNm, scene.maxRadiusNm) / im.nmPerPixel;
        p.ellipseAngleDeg = rng.uniform(0.0, 180.0);
        p.latticeAngleDeg = rng.uniform(0.0, 180.0);
        const double r = std::max(p.semiAxisAPx, p.semiAxisBPx);
        p.xPx = rng.uniform(r + 4, std::max(r + 5, im.width - r - 5));
        p.yPx = rng.uniform(r + 4, std::max(r + 5, im.height - r - 5));
        if (p.xPx + r > im.width - 4 || p.yPx + r > im.height - 4)
            continue;
        bool free = true;
        for (const HrtemPatchTruth& o : patches)
            free = free && std::hypot(p.xPx - o.xPx, p.yPx - o.yPx) >
                               r + std::max(o.semiAxisAPx, o.semiAxisBPx) + gapPx;
        if (free)
            patches.push_back(p);
    }
    return patches;
}

cv::Mat hrtemCrystalMask(const HrtemScene& scene)
{
    const ImagingOptions& im = scene.imaging;
    cv::Mat mask = cv::Mat::zeros(im.height, im.width, CV_8U);
    for (const HrtemPatchTruth& p : hrtemPatches(scene))
        for (int y = 0; y < im.height; ++y)
            for (int x = 0; x < im.width; ++x)
                if (outlineDistancePx(p, x, y) < 0)
                    mask.at<std::uint8_t>(y, x) = 255;
    return mask;
}

SynthMovie renderHrtemPatches(const HrtemScene& scene, Progress& progress)
{
    const HrtemModel model(scene);
    SceneTruth truth = synth::recordingTruth("hrtem", scene.imaging);
    nlohmann::json phases = nlohmann::json::array();
    for (const HrtemPhase& phase : scene.phases)
        phases.push_back({{"name", phase.name}, {"hkl", phase.hkl}, {"d_nm", phase.dNm}});
    nlohmann::json patches = nlohmann::json::array();
    for (const HrtemPatchTruth& p : model.patches())
        patches.push_back({{"phase", scene.phases[static_cast<std::size_t>(p.phase)].name},
                           {"x_px", p.xPx},
                           {"y_px", p.yPx},
                           {"semi_axis_a_px", p.semiAxisAPx},
                           {"semi_axis_b_px", p.semiAxisBPx},
                           {"ellipse_angle_deg", p.ellipseAngleDeg},
                           {"lattice_angle_deg", p.latticeAngleDeg}});
    truth.parameters = {{"phases", phases},
                        {"patches", patches},
                        {"fringe_contrast", scene.fringeContrast},
                        {"amorphous_contrast", scene.amorphousContrast},
                        {"edge_width_nm", scene.edgeWidthNm}};
    return synth::recordMovie(model, truth, progress);
}

} // namespace insitu
