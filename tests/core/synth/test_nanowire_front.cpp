// nanowire-front: the truth (front positions, particle visibility, fronts that start late or
// leave the wire) agrees with plain measurements on noise-free renderings; the default scene is
// the bundled sample.

#include "support/test_paths.h"
#include "synth_test_helpers.h"

#include "insitu/synth/nanowire_front.h"
#include "insitu/synth/synth.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iterator>

using namespace insitu;

namespace {

NanowireFrontScene quietWire(int particles)
{
    NanowireFrontScene scene;
    scene.imaging = test::quietImaging(scene.imaging);
    scene.imaging.frames = 60;
    scene.imaging.frameIntervalS = 1.7; // same travel as the 200-frame sample, fewer frames
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
    CHECK(truth.fronts[0].kind == "trailing"); // ordered by mean position along the line
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

TEST_CASE("nanowire-front truth: a front exists from its onset until it leaves the wire", "[synth]")
{
    NanowireFrontScene scene = quietWire(0);
    scene.imaging.frameIntervalS = 1;
    scene.fronts = 2;
    scene.leading = {.startPx = 12, .onsetS = 10, .rateNm = 3};   // 6 px/frame from frame 10
    scene.trailing = {.startPx = 0, .onsetS = 20, .rateNm = 0.3}; // 0.6 px/frame from frame 20
    const SceneTruth truth = renderNanowireFront(scene).truth;
    REQUIRE(truth.fronts.size() == 2);
    const FrontTruth& fast = truth.fronts[1];
    const FrontTruth& slow = truth.fronts[0];
    REQUIRE(fast.kind == "leading");
    CHECK(fast.frames.front() == 10);
    CHECK(slow.frames.front() == 20);
    // 12 + 6 (f − 10) ≤ 224 up to frame 45; absent from then on
    CHECK(fast.frames.back() == 45);
    CHECK(fast.frames.size() == 36);
    CHECK(slow.frames.back() == scene.imaging.frames - 1);
    for (std::size_t i = 0; i < fast.frames.size(); ++i)
        CHECK(fast.positionsPx[i] == Approx(12 + 6.0 * (fast.frames[i] - 10)));
}

TEST_CASE("nanowire-front truth: a wire longer than the frame ends its line at the frame's edge",
          "[synth]")
{
    NanowireFrontScene scene = quietWire(0);
    scene.imaging.frames = 40;
    scene.imaging.frameIntervalS = 1;
    scene.angleDeg = 0;
    scene.lengthPx = 1000; // from x = 22 far beyond the 256 px frame
    scene.fronts = 1;
    scene.leading = {.startPx = 12, .onsetS = 0, .rateNm = 5}; // 10 px/frame
    const SynthMovie movie = renderNanowireFront(scene);
    const SceneTruth& truth = movie.truth;
    REQUIRE(truth.lineX0Y0X1Y1);
    const auto& line = *truth.lineX0Y0X1Y1;
    CHECK(line[2] == Approx(253)); // 2 px inside the last column
    CHECK(line[3] == Approx(line[1]));
    const double lineLength = line[2] - line[0];
    REQUIRE(truth.fronts.size() == 1);
    const FrontTruth& front = truth.fronts[0];
    CHECK(front.positionsPx.back() <= lineLength);
    CHECK(front.frames.back() == 21); // 12 + 10·21 = 222 ≤ 231 < 232
    // the wire really runs to the frame's right edge: wire contrast in the last column
    const cv::Mat t = test::transmissionOf(movie.frames[0], scene.imaging.dosePerPx);
    CHECK(t.at<double>(static_cast<int>(scene.contactYPx), t.cols - 1) < 0.7);
}

TEST_CASE("nanowire-front: the default scene of seed 1 is the bundled sample, byte for byte",
          "[synth]")
{
    const auto dir = test::scratchDir("synth_sample");
    NanowireFrontScene scene;
    scene.imaging.seed = 1;
    const SceneTruth truth = writeScene(SceneSpec{scene}, dir / "nanowire-front.tif");
    auto bytes = [](const std::filesystem::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const auto samples = test::sourceDir() / "data/samples";
    const std::string written = bytes(dir / "nanowire-front.tif");
    CHECK(written.size() == std::filesystem::file_size(samples / "nanowire-front.tif"));
    CHECK(written == bytes(samples / "nanowire-front.tif"));
    std::ifstream in(samples / "nanowire-front.truth.json");
    nlohmann::json sample = nlohmann::json::parse(in);
    nlohmann::json now = truthToJson(truth);
    sample.erase("generator"); // the version that wrote it
    now.erase("generator");
    CHECK(now == sample);
}
