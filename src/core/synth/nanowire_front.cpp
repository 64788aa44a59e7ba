// The nanowire-front scene: geometry, kinetics, particles and per-frame truth.

#include "insitu/synth/nanowire_front.h"

#include "raster.h"
#include "scene_model.h"
#include "scene_writers.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace insitu {

double frontPositionPx(const FrontKinetics& kinetics, FrontLaw law, double timeS, double nmPerPixel)
{
    const double elapsedS = timeS - kinetics.onsetS;
    if (elapsedS < 0)
        return std::numeric_limits<double>::quiet_NaN();
    const double travelledNm = law == FrontLaw::Linear ? kinetics.rateNm * elapsedS
                                                       : kinetics.rateNm * std::sqrt(elapsedS);
    return kinetics.startPx + travelledNm / nmPerPixel;
}

std::string frontLawName(FrontLaw law)
{
    return law == FrontLaw::Linear ? "linear" : "sqrt";
}

namespace {

constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

/// A particle inside the wire: axis coordinate s, lateral offset r, diameter, survival.
struct WireParticle
{
    double sPx = 0;
    double rPx = 0;
    double xPx = 0; // frame-0 centre
    double yPx = 0;
    double diameterPx = 0;
    bool survives = true;
};

class NanowireModel final : public synth::SceneModel
{
public:
    explicit NanowireModel(const NanowireFrontScene& scene) : m_scene(scene)
    {
        m_cos = std::cos(scene.angleDeg * kDegToRad);
        m_sin = std::sin(scene.angleDeg * kDegToRad);
        placeParticles();
    }

    [[nodiscard]] const std::vector<WireParticle>& particles() const { return m_particles; }

    /// Leading / trailing front position at time t (NaN when the front does not exist yet).
    [[nodiscard]] double leadingPx(double timeS) const
    {
        return frontPositionPx(m_scene.leading, m_scene.law, timeS, m_scene.imaging.nmPerPixel);
    }
    [[nodiscard]] double trailingPx(double timeS) const
    {
        if (m_scene.fronts < 2)
            return std::numeric_limits<double>::quiet_NaN();
        return frontPositionPx(m_scene.trailing, m_scene.law, timeS, m_scene.imaging.nmPerPixel);
    }

    /// Reacted fractions (leading, trailing) at axis position s for fronts at f1, f2.
    [[nodiscard]] double reacted(double sPx, double frontPx) const
    {
        return std::isnan(frontPx) ? 0.0 : synth::edgeCoverage(sPx - frontPx, m_scene.frontSigmaPx);
    }

    /// Visibility (0..1) of a particle at time t: appears behind the leading front, small ones
    /// vanish behind the trailing front.
    [[nodiscard]] double visibility(const WireParticle& p, double timeS) const
    {
        const double s = p.sPx + m_scene.particleLagPx;
        double vis = reacted(s, leadingPx(timeS));
        if (!p.survives)
            vis *= 1 - reacted(s, trailingPx(timeS));
        return vis;
    }

    void render(int /*frame*/, double timeS, double dxPx, double dyPx,
                cv::Mat& transmission) const override
    {
        const NanowireFrontScene& sc = m_scene;
        const double f1 = leadingPx(timeS);
        const double f2 = trailingPx(timeS);
        const double w0 = sc.halfWidthPx;
        const double w1 = sc.halfWidthPx * sc.swellingReacted;
        const double w2 = sc.halfWidthPx * sc.swellingSecond;
        const double wMax = std::max({w0, w1, w2});
        const double margin = 6 * sc.edgeSigmaPx + 0.75; // wire reach beyond its edge
        const double ssMargin = synth::supersampleMarginPx(sc.edgeSigmaPx);
        const double ssElectrode = synth::supersampleMarginPx(1.5 * sc.edgeSigmaPx);
        const double ssFront = synth::supersampleMarginPx(sc.frontSigmaPx);
        const std::vector<double> offsets = synth::subsampleOffsets(sc.imaging.supersample);
        const double weight = 1.0 / static_cast<double>(offsets.size() * offsets.size());

        // Absorbed fraction of wire and electrode at frame-0 point offsets (ex, ey) from contact.
        auto absorbed = [&](double ex, double ey) {
            const double s = ex * m_cos + ey * m_sin;
            const double r = -ex * m_sin + ey * m_cos;
            const double electrode =
                sc.absorptionElectrode * synth::edgeCoverage(s, 1.5 * sc.edgeSigmaPx);
            double wire = 0;
            if (std::abs(r) < wMax + margin && s > -margin && s < sc.lengthPx + margin) {
                const double rho1 = reacted(s, f1);
                const double rho2 = reacted(s, f2);
                const double w = w0 + (w1 - w0) * rho1 + (w2 - w1) * rho2;
                const double a = sc.absorptionPristine +
                                 (sc.absorptionReacted - sc.absorptionPristine) * rho1 +
                                 (sc.absorptionSecond - sc.absorptionReacted) * rho2;
                const double q = r / w;
                const double profile = 0.6 + 0.4 * std::sqrt(std::max(0.0, 1 - q * q));
                wire = a * profile * synth::edgeCoverage(std::abs(r) - w, sc.edgeSigmaPx) *
                       synth::edgeCoverage(-s, sc.edgeSigmaPx) *
                       synth::edgeCoverage(s - sc.lengthPx, sc.edgeSigmaPx);
            }
            return 1 - (1 - electrode) * (1 - wire);
        };

        const double cx = sc.contactXPx + dxPx;
        const double cy = sc.contactYPx + dyPx;
        for (int y = 0; y < transmission.rows; ++y) {
            float* row = transmission.ptr<float>(y);
            const double ey = y - cy;
            for (int x = 0; x < transmission.cols; ++x) {
                const double ex = x - cx;
                const double s = ex * m_cos + ey * m_sin;
                const double r = -ex * m_sin + ey * m_cos;
                if (s > 9 * sc.edgeSigmaPx + 0.75 &&
                    (std::abs(r) > wMax + margin || s > sc.lengthPx + margin))
                    continue; // bare support
                const bool inBand = std::abs(r) < wMax + margin;
                bool nearEdge = std::abs(s) < ssElectrode;
                if (inBand && !nearEdge) {
                    // Local half width at the pixel centre decides whether the side edge is near.
                    const double w = w0 + (w1 - w0) * reacted(s, f1) + (w2 - w1) * reacted(s, f2);
                    nearEdge = std::abs(std::abs(r) - w) < ssMargin ||
                               std::abs(s - sc.lengthPx) < ssMargin ||
                               (!std::isnan(f1) && std::abs(s - f1) < ssFront) ||
                               (!std::isnan(f2) && std::abs(s - f2) < ssFront);
                }
                double a = 0;
                if (nearEdge && offsets.size() > 1) {
                    for (double oy : offsets)
                        for (double ox : offsets)
                            a += absorbed(ex + ox, ey + oy);
                    a *= weight;
                } else {
                    a = absorbed(ex, ey);
                }
                row[x] = static_cast<float>(row[x] * (1 - a));
            }
        }

        for (const WireParticle& p : m_particles) {
            const double vis = visibility(p, timeS);
            if (vis < 1e-4)
                continue;
            synth::multiplyDisk(transmission, p.xPx + dxPx, p.yPx + dyPx, p.diameterPx / 2,
                                sc.edgeSigmaPx, sc.particleAbsorption * vis,
                                sc.imaging.supersample);
        }
    }

private:
    void placeParticles()
    {
        const NanowireFrontScene& sc = m_scene;
        cv::RNG rng(synth::derivedSeed(sc.imaging.seed, 3));
        const double wReacted = sc.halfWidthPx * std::min(sc.swellingReacted, sc.swellingSecond);
        const double sMin = std::max(0.0, sc.leading.startPx) + 4;
        const double sMax = sc.lengthPx - 4;
        for (int i = 0; i < sc.particleCount && sMax > sMin; ++i) {
            const double dNm = synth::sampleLognormal(sc.particleMedianNm, sc.particleSigmaLog,
                                                      sc.particleMinNm, sc.particleMaxNm, rng);
            const double dPx = dNm / sc.imaging.nmPerPixel;
            const double rReach = wReacted - dPx / 2 - 1.5;
            if (rReach <= 0)
                continue;
            for (int attempt = 0; attempt < 200; ++attempt) {
                WireParticle p;
                p.sPx = rng.uniform(sMin, sMax);
                p.rPx = rng.uniform(-rReach, rReach);
                p.diameterPx = dPx;
                p.survives = dNm >= sc.criticalDiameterNm;
                const bool overlaps =
                    std::any_of(m_particles.begin(), m_particles.end(), [&](const WireParticle& q) {
                        return std::hypot(p.sPx - q.sPx, p.rPx - q.rPx) <
                               (p.diameterPx + q.diameterPx) / 2 + 1.5;
                    });
                if (overlaps)
                    continue;
                p.xPx = sc.contactXPx + p.sPx * m_cos - p.rPx * m_sin;
                p.yPx = sc.contactYPx + p.sPx * m_sin + p.rPx * m_cos;
                m_particles.push_back(p);
                break;
            }
        }
        std::sort(m_particles.begin(), m_particles.end(),
                  [](const WireParticle& a, const WireParticle& b) { return a.sPx < b.sPx; });
    }

    NanowireFrontScene m_scene;
    double m_cos = 1;
    double m_sin = 0;
    std::vector<WireParticle> m_particles;
};

void checkScene(const NanowireFrontScene& sc)
{
    if (sc.fronts < 1 || sc.fronts > 2)
        throw Error("synth nanowire-front: --fronts must be 1 or 2");
    if (!(sc.lengthPx > 10) || !(sc.halfWidthPx > 1) || !(sc.frontSigmaPx > 0) ||
        !(sc.edgeSigmaPx > 0))
        throw Error("synth nanowire-front: wire length, width and edge widths must be positive");
    if (!(sc.leading.rateNm >= 0) || !(sc.trailing.rateNm >= 0))
        throw Error("synth nanowire-front: front velocities must be >= 0");
}

/// Length (px) of the wire axis from the contact end that lies in the frame (2 px from its
/// edges): the whole wire unless the wire is longer than the frame, whose edge then ends the line.
double visibleAxisLengthPx(const NanowireFrontScene& sc)
{
    constexpr double kEdgeMarginPx = 2;
    const double c = std::cos(sc.angleDeg * kDegToRad);
    const double s = std::sin(sc.angleDeg * kDegToRad);
    const double xMax = sc.imaging.width - 1 - kEdgeMarginPx;
    const double yMax = sc.imaging.height - 1 - kEdgeMarginPx;
    auto inside = [&](double x, double y) {
        return x >= kEdgeMarginPx && x <= xMax && y >= kEdgeMarginPx && y <= yMax;
    };
    if (!inside(sc.contactXPx, sc.contactYPx) ||
        inside(sc.contactXPx + sc.lengthPx * c, sc.contactYPx + sc.lengthPx * s))
        return sc.lengthPx;
    // distance along the axis to the first frame edge it crosses
    double exitPx = sc.lengthPx;
    if (c > 0)
        exitPx = std::min(exitPx, (xMax - sc.contactXPx) / c);
    if (c < 0)
        exitPx = std::min(exitPx, (kEdgeMarginPx - sc.contactXPx) / c);
    if (s > 0)
        exitPx = std::min(exitPx, (yMax - sc.contactYPx) / s);
    if (s < 0)
        exitPx = std::min(exitPx, (kEdgeMarginPx - sc.contactYPx) / s);
    return exitPx;
}

nlohmann::json kineticsJson(const FrontKinetics& k)
{
    return {{"start_px", k.startPx}, {"onset_s", k.onsetS}, {"rate_nm", k.rateNm}};
}

SceneTruth nanowireTruth(const NanowireFrontScene& sc, const NanowireModel& model)
{
    SceneTruth truth = synth::recordingTruth("nanowire-front", sc.imaging);
    truth.parameters = {{"contact_x_px", sc.contactXPx},
                        {"contact_y_px", sc.contactYPx},
                        {"angle_deg", sc.angleDeg},
                        {"length_px", sc.lengthPx},
                        {"half_width_px", sc.halfWidthPx},
                        {"swelling_reacted", sc.swellingReacted},
                        {"swelling_second", sc.swellingSecond},
                        {"absorption_pristine", sc.absorptionPristine},
                        {"absorption_reacted", sc.absorptionReacted},
                        {"absorption_second", sc.absorptionSecond},
                        {"absorption_electrode", sc.absorptionElectrode},
                        {"edge_sigma_px", sc.edgeSigmaPx},
                        {"front_sigma_px", sc.frontSigmaPx},
                        {"law", frontLawName(sc.law)},
                        {"fronts", sc.fronts},
                        {"leading", kineticsJson(sc.leading)},
                        {"trailing", kineticsJson(sc.trailing)},
                        {"particle_count", sc.particleCount},
                        {"particle_median_nm", sc.particleMedianNm},
                        {"particle_sigma_log", sc.particleSigmaLog},
                        {"particle_min_nm", sc.particleMinNm},
                        {"particle_max_nm", sc.particleMaxNm},
                        {"critical_diameter_nm", sc.criticalDiameterNm},
                        {"particle_absorption", sc.particleAbsorption},
                        {"particle_lag_px", sc.particleLagPx},
                        {"rate_units", sc.law == FrontLaw::Linear ? "nm/s" : "nm/sqrt(s)"}};

    const double c = std::cos(sc.angleDeg * kDegToRad);
    const double s = std::sin(sc.angleDeg * kDegToRad);
    const double lineLengthPx = visibleAxisLengthPx(sc);
    truth.lineX0Y0X1Y1 =
        std::array<double, 4>{sc.contactXPx, sc.contactYPx, sc.contactXPx + lineLengthPx * c,
                              sc.contactYPx + lineLengthPx * s};

    auto makeFront = [&](const FrontKinetics& k, const std::string& kind) {
        FrontTruth front;
        front.kind = kind;
        front.law = frontLawName(sc.law);
        front.startPx = k.startPx;
        front.onsetS = k.onsetS;
        (sc.law == FrontLaw::Linear ? front.velocityNmPerS : front.kNmPerSqrtS) = k.rateNm;
        for (int f = 0; f < sc.imaging.frames; ++f) {
            const double pos = frontPositionPx(k, sc.law, truth.timesS[static_cast<std::size_t>(f)],
                                               sc.imaging.nmPerPixel);
            if (std::isnan(pos) || pos < 0 || pos > lineLengthPx)
                continue; // not started yet, or it has left the wire (or the frame)
            front.frames.push_back(f);
            front.positionsPx.push_back(pos);
        }
        return front;
    };
    std::vector<FrontTruth> fronts{makeFront(sc.leading, "leading")};
    if (sc.fronts == 2)
        fronts.push_back(makeFront(sc.trailing, "trailing"));
    fronts.erase(std::remove_if(fronts.begin(), fronts.end(),
                                [](const FrontTruth& f) { return f.frames.empty(); }),
                 fronts.end());
    auto meanOf = [](const FrontTruth& f) {
        return std::accumulate(f.positionsPx.begin(), f.positionsPx.end(), 0.0) /
               static_cast<double>(f.positionsPx.size());
    };
    std::sort(fronts.begin(), fronts.end(),
              [&](const FrontTruth& a, const FrontTruth& b) { return meanOf(a) < meanOf(b); });
    for (std::size_t i = 0; i < fronts.size(); ++i)
        fronts[i].index = static_cast<int>(i);
    truth.fronts = std::move(fronts);

    int id = 0;
    for (const WireParticle& p : model.particles()) {
        ParticleTruth pt;
        pt.id = id++;
        pt.xPx = p.xPx;
        pt.yPx = p.yPx;
        pt.diameterPx = p.diameterPx;
        pt.diameterNm = p.diameterPx * sc.imaging.nmPerPixel;
        pt.survives = p.survives;
        for (int f = 0; f < sc.imaging.frames; ++f) {
            const double vis = model.visibility(p, truth.timesS[static_cast<std::size_t>(f)]);
            if (!pt.appearFrame && vis >= 0.5)
                pt.appearFrame = f;
            else if (pt.appearFrame && !pt.vanishFrame && vis < 0.5)
                pt.vanishFrame = f;
        }
        truth.particles.push_back(pt);
    }
    return truth;
}

} // namespace

SynthMovie renderNanowireFront(const NanowireFrontScene& scene, Progress& progress)
{
    checkScene(scene);
    const NanowireModel model(scene);
    return synth::recordMovie(model, nanowireTruth(scene, model), progress);
}

namespace synth {

SceneTruth writeNanowireFront(const NanowireFrontScene& scene, const std::filesystem::path& path,
                              Progress& progress)
{
    checkScene(scene);
    const NanowireModel model(scene);
    SceneTruth truth = nanowireTruth(scene, model);
    recordToTiff(model, truth, path, progress);
    return truth;
}

} // namespace synth

} // namespace insitu
