// nanowire-front: the truth (front positions, particle visibility) agrees with plain
// measurements on noise-free renderings.

#include "synth_test_helpers.h"

#include "insitu/synth/nanowire_front.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace insitu;

namespace {

NanowireFrontScene quietWire(int particles)
{
    NanowireFrontScene scene;
    scene.imaging = test::quietImaging(scene.imaging);
    scene.imaging.frames = 60;
    scene.imaging.frameIntervalS = 1.7;  // same travel as the 200-frame sample, fewer frames
    scene.particleCount = particles;
    return scene;
}

/// Half-max crossing of the axis profile between the plateaus either side of guessPx.
double halfMaxCrossing(const cv::Mat& t, const std::array<double, 4>& line, double guessPx)
{
    const double length = std::hypot(line[2] - line[0], line[3] - line[1]);
    const double ux = (line[2] - line[0]) / length;
    const double uy = (line[3] - line[1]) / length;
    auto profile = [&](double s) { return test::bilinear(t, line[0] + s * ux, line[1] + s * uy); };
    auto plateau = [&](double from, double to) {
        double sum = 0;
        int n = 0;
        for (double s = from; s <= to; s += 0.5, ++n)
            sum += profile(s);
        return sum / n;
    };
    const double behind = plateau(guessPx - 14, guessPx - 8);
    const double ahead = plateau(guessPx + 8, guessPx + 14);
    const double half = 0.5 * (behind + ahead);
    for (double s = guessPx - 8; s < guessPx + 8; s += 0.05) {
        const double a = profile(s) - half;
        const double b = profile(s + 0.05) - half;
        if (a == 0 || (a < 0) != (b < 0))
            return s + 0.05 * a / (a - b);
    }
    return std::nan("");
}

} // namespace

TEST_CASE("nanowire-front truth: front positions match the half-max crossing", "[synth]")
{
    const NanowireFrontScene scene = quietWire(0);
    const SynthMovie movie = renderNanowireFront(scene);
    const SceneTruth& truth = movie.truth;
    REQUIRE(truth.fronts.size() == 2);
    REQUIRE(truth.lineX0Y0X1Y1);
    CHECK(truth.fronts[0].kind == "trailing");  // ordered by mean position along the line
    CHECK(truth.fronts[1].kind == "leading");

    int checked = 0;
    double worst = 0;
    for (const FrontTruth& front : truth.fronts) {
        const FrontTruth& other = truth.fronts[1 - static_cast<std::size_t>(front.index)];
        for (std::size_t i = 0; i < front.frames.size(); i += 3) {
            const int frame = front.frames[i];
            const double pos = front.positionsPx[i];
            bool clear = pos > 20 && pos < scene.lengthPx - 20;
            for (std::size_t j = 0; j < other.frames.size(); ++j)
                if (other.frames[j] == frame && std::abs(other.positionsPx[j] - pos) < 24)
                    clear = false;
            if (!clear)
                continue;
            const cv::Mat t = test::transmissionOf(movie.frames[static_cast<std::size_t>(frame)],
                                                   scene.imaging.dosePerPx);
            const double measured = halfMaxCrossing(t, *truth.lineX0Y0X1Y1, pos);
            REQUIRE_FALSE(std::isnan(measured));
            worst = std::max(worst, std::abs(measured - pos));
            ++checked;
        }
    }
    CHECK(checked >= 15);
    CHECK(worst < 0.5);
}

TEST_CASE("nanowire-front truth: front kinetics follow the chosen law", "[synth]")
{
    NanowireFrontScene scene = quietWire(0);
    scene.law = FrontLaw::Sqrt;
    scene.leading = {.startPx = 10, .onsetS = 0, .rateNm = 8};
    const SceneTruth truth = renderNanowireFront(scene).truth;
    const FrontTruth& lead = truth.fronts.back();
    REQUIRE(lead.kind == "leading");
    for (std::size_t i = 0; i < lead.frames.size(); ++i) {
        const double t = truth.timesS[static_cast<std::size_t>(lead.frames[i])];
        CHECK(lead.positionsPx[i] == Approx(10 + 8 * std::sqrt(t) / 0.5));
    }
    CHECK(lead.positionsPx.back() <= scene.lengthPx);
}

TEST_CASE("nanowire-front truth: particles appear behind the leading front and small ones "
          "vanish behind the trailing front",
          "[synth]")
{
    const NanowireFrontScene withParticles = quietWire(44);
    const SynthMovie movie = renderNanowireFront(withParticles);
    const SynthMovie bare = renderNanowireFront(quietWire(0));
    const auto& particles = movie.truth.particles;
    REQUIRE(particles.size() >= 30);

    int vanished = 0;
    int survivors = 0;
    for (const ParticleTruth& p : particles) {
        CHECK(p.survives == (p.diameterNm >= withParticles.criticalDiameterNm));
        CHECK(p.diameterNm == Approx(p.diameterPx * 0.5));
        vanished += p.vanishFrame ? 1 : 0;
        survivors += p.survives ? 1 : 0;
        if (p.survives)
            CHECK_FALSE(p.vanishFrame);
    }
    CHECK(vanished >= 3);
    CHECK(survivors >= 2);

    // Darkening at each particle centre: absorption × visibility, visible iff ≥ half contrast.
    const double halfContrast = 0.5 * withParticles.particleAbsorption;
    for (int frame = 0; frame < withParticles.imaging.frames; frame += 7) {
        const auto k = static_cast<std::size_t>(frame);
        for (const ParticleTruth& p : particles) {
            const int x = static_cast<int>(std::lround(p.xPx));
            const int y = static_cast<int>(std::lround(p.yPx));
            const double with = movie.frames[k].at<std::uint16_t>(y, x);
            const double without = bare.frames[k].at<std::uint16_t>(y, x);
            const double darkening = 1 - with / without;
            const bool visible = p.appearFrame && frame >= *p.appearFrame &&
                                 (!p.vanishFrame || frame < *p.vanishFrame);
            if (visible)
                CHECK(darkening > halfContrast - 0.01);
            else
                CHECK(darkening < halfContrast + 0.01);
        }
    }
}

TEST_CASE("nanowire-front rejects impossible settings", "[synth]")
{
    NanowireFrontScene scene = quietWire(0);
    scene.fronts = 3;
    CHECK_THROWS(renderNanowireFront(scene));
}
