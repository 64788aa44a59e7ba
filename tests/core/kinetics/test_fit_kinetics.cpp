// Synthetic kinetics with known truth: velocities, linear vs √t, onset bounds, windows.

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/kinetics/fit.h"

#include <cmath>
#include <random>

namespace {

struct Series
{
    std::vector<double> t;
    std::vector<double> y;
};

/// n points on [t0, t1] of f(t) plus Gaussian noise (σ) with AR(1) correlation ρ.
template <typename F>
Series makeSeries(F f, double t0, double t1, int n, double sigma, std::uint64_t seed,
                  double rho = 0)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    Series s;
    double e = normal(random) * sigma;
    for (int i = 0; i < n; ++i) {
        const double t = t0 + (t1 - t0) * i / (n - 1);
        s.t.push_back(t);
        s.y.push_back(f(t) + e);
        e = rho * e + std::sqrt(1 - rho * rho) * sigma * normal(random);
    }
    return s;
}

} // namespace

TEST_CASE("linear fit recovers a 0.3 nm/s front velocity with an honest standard error", "[fit]")
{
    const auto s = makeSeries([](double t) { return 12.0 + 0.3 * t; }, 0, 100, 201, 0.5, 7);
    const auto fit = insitu::fitModel(s.t, s.y, {.model = "linear"});
    REQUIRE(fit.params.size() == 2);
    const auto* v = fit.param("v_nm_per_s");
    REQUIRE(v);
    CHECK(fit.param("L0_nm"));
    // Theory: se(v) = σ/√Sxx, Sxx = Σ(t − t̄)² = n·(Δt)²·(n² − 1)/12 with Δt = 0.5 s.
    const double sxx = 201.0 * 0.25 * (201.0 * 201.0 - 1) / 12;
    CHECK(v->standardError == Approx(0.5 / std::sqrt(sxx)).epsilon(0.15));
    CHECK(std::abs(v->value - 0.3) < 4 * v->standardError);
    CHECK(v->ci95Low < v->value);
    CHECK(v->ci95High - v->value == Approx(1.972 * v->standardError).epsilon(0.01));
    CHECK(fit.r2 > 0.99);
    CHECK(fit.residuals.size() == 201);
    CHECK(fit.degreesOfFreedom == 199);
}

TEST_CASE("fitAuto tells linear growth from √t growth in noisy data", "[fit]")
{
    SECTION("linear truth is reaction-limited")
    {
        const auto s = makeSeries([](double t) { return 5.0 + 0.3 * t; }, 0, 100, 200, 0.5, 11);
        const auto fit = insitu::fitAuto(s.t, s.y, {});
        CHECK(fit.model == "linear");
        CHECK(fit.verdict.rfind("reaction-limited: L ∝ t", 0) == 0);
        REQUIRE(fit.deltaAic);
        CHECK(*fit.deltaAic > 10);
        CHECK(fit.candidateAic.size() == 3);
    }
    SECTION("√t truth starting after the first frame is diffusion-limited")
    {
        const auto s =
            makeSeries([](double t) { return 5.0 + 3.0 * std::sqrt(std::max(t + 4.0, 0.0)); }, 0,
                       100, 200, 0.5, 12);
        const auto fit = insitu::fitAuto(s.t, s.y, {});
        CHECK(fit.model == "parabolic");
        CHECK(fit.verdict.rfind("diffusion-limited: L ∝ √t", 0) == 0);
        const auto* k = fit.param("k_nm_per_sqrt_s");
        REQUIRE(k);
        CHECK(std::abs(k->value - 3.0) < 4 * k->standardError);
        CHECK(fit.param("t0_s")->value == Approx(-4.0).margin(1.5));
    }
    SECTION("too little travel is undetermined, and says so")
    {
        const auto s = makeSeries([](double t) { return 5.0 + 0.01 * t; }, 0, 10, 20, 0.5, 13);
        const auto fit = insitu::fitAuto(s.t, s.y, {});
        CHECK(fit.verdict.rfind("undetermined", 0) == 0);
        CHECK(fit.verdict.find("ΔAIC") != std::string::npos);
    }
}

TEST_CASE("the onset t0 is bounded to one data span before the first point, or fixed", "[fit]")
{
    // A straight line lets √(t − t0) flatten by moving t0 far back: the bound must stop it.
    const auto s = makeSeries([](double t) { return 5.0 + 0.3 * t; }, 10, 110, 100, 0.05, 21);
    const auto free = insitu::fitModel(s.t, s.y, {.model = "parabolic"});
    const auto* t0 = free.param("t0_s");
    REQUIRE(t0);
    CHECK(t0->value >= 10 - 100 - 1e-9);
    CHECK(t0->value == Approx(-90).margin(1e-3));
    CHECK(t0->atBound);

    const auto halfSpan = insitu::fitModel(s.t, s.y, {.model = "parabolic", .t0SpanFactor = 0.5});
    CHECK(halfSpan.param("t0_s")->value == Approx(-40).margin(1e-3));

    const auto fixed = insitu::fitModel(s.t, s.y, {.model = "parabolic", .fixed = {{"t0_s", 0.0}}});
    CHECK(fixed.param("t0_s")->fixed);
    CHECK(fixed.param("t0_s")->value == 0.0);
    CHECK(fixed.param("t0_s")->standardError == 0.0);
    CHECK(fixed.degreesOfFreedom == 100 - 2);

    // t0 never after the first fitted point.
    const auto sqrtData =
        makeSeries([](double t) { return 2.0 + 4.0 * std::sqrt(std::max(t - 30.0, 0.0)); }, 10, 110,
                   100, 0.05, 22);
    const auto late = insitu::fitModel(sqrtData.t, sqrtData.y, {.model = "parabolic"});
    CHECK(late.param("t0_s")->value <= 10.0);

    CHECK_THROWS_AS(insitu::fitModel(s.t, s.y, {.model = "parabolic", .fixed = {{"t9_s", 0.0}}}),
                    insitu::Error);
}

TEST_CASE("fit windows and excluded points select the fitted data", "[fit]")
{
    auto s = makeSeries([](double t) { return 1.0 + 2.0 * t; }, 0, 20, 21, 0.01, 31);
    s.y[5] += 50; // an outlier
    const auto spoiled = insitu::fitModel(s.t, s.y, {.model = "linear"});
    CHECK(std::abs(spoiled.param("v_nm_per_s")->value - 2.0) > 0.05);
    const auto clean = insitu::fitModel(s.t, s.y, {.model = "linear", .excluded = {5}});
    CHECK(clean.param("v_nm_per_s")->value == Approx(2.0).margin(0.01));
    CHECK(clean.pointCount == 20);
    CHECK(clean.excluded == std::vector<int>{5});

    const auto window =
        insitu::fitModel(s.t, s.y, {.model = "linear", .windowStart = 8.0, .windowEnd = 15.0});
    CHECK(window.pointCount == 8);
    CHECK(window.x.front() == 8.0);
    CHECK(window.param("v_nm_per_s")->value == Approx(2.0).margin(0.01));

    CHECK_THROWS_AS(insitu::fitModel(s.t, s.y, {.model = "linear", .excluded = {99}}),
                    insitu::Error);
    CHECK_THROWS_AS(
        insitu::fitModel(s.t, s.y, {.model = "power", .windowStart = 0.0, .windowEnd = 3.0}),
        insitu::Error); // 4 points, 4 parameters
}

TEST_CASE("power law gives n ≈ 1 for linear and n ≈ 0.5 for √t growth", "[fit]")
{
    const auto lin = makeSeries([](double t) { return 3.0 + 0.3 * t; }, 0, 100, 300, 0.2, 41);
    const auto fitLin = insitu::fitModel(lin.t, lin.y, {.model = "power"});
    CHECK(fitLin.param("n")->value == Approx(1.0).margin(0.05));
    const auto sq =
        makeSeries([](double t) { return 3.0 + 2.0 * std::sqrt(t + 1); }, 0, 100, 300, 0.05, 42);
    const auto fitSq = insitu::fitModel(sq.t, sq.y, {.model = "power"});
    CHECK(fitSq.param("n")->value == Approx(0.5).margin(0.05));
}

TEST_CASE("Deal–Grove, exponential and area-ratio models recover their parameters", "[fit]")
{
    SECTION("Deal–Grove")
    {
        const double b = 50; // nm²/s
        const double ba = 2; // nm/s, crossover at A = B/(B/A) = 25 nm
        const double a = b / ba;
        const auto s = makeSeries(
            [&](double t) {
                const double tau = t + 2;
                return 10 + 2 * b * tau / (a + std::sqrt(a * a + 4 * b * tau));
            },
            0, 60, 200, 0.05, 51);
        // With L0 and t0 both free the onset trades against the offset (a near-degeneracy of
        // L0 + ΔL(t − t0)); the optimiser must still reach a least-squares minimum.
        const auto free = insitu::fitModel(s.t, s.y, {.model = "deal-grove"});
        const auto atTruth = insitu::fitModel(
            s.t, s.y,
            {.model = "deal-grove",
             .fixed = {{"L0_nm", 10.0}, {"B_nm2_per_s", b}, {"BA_nm_per_s", ba}, {"t0_s", -2.0}}});
        CHECK(free.rss <= atTruth.rss * 1.0001);
        // With the onset known the rates are recovered.
        const auto fit =
            insitu::fitModel(s.t, s.y, {.model = "deal-grove", .fixed = {{"t0_s", -2.0}}});
        CHECK(fit.converged);
        CHECK(fit.param("B_nm2_per_s")->value == Approx(b).epsilon(0.05));
        CHECK(fit.param("BA_nm_per_s")->value == Approx(ba).epsilon(0.05));
        CHECK(fit.param("L0_nm")->value == Approx(10).margin(0.5));
    }
    SECTION("saturating exponential")
    {
        const auto s = makeSeries([](double t) { return 200 - (200 - 100) * std::exp(-t / 15); }, 0,
                                  60, 120, 0.3, 52);
        const auto fit =
            insitu::fitModel(s.t, s.y, {.model = "exponential", .units = {"nm2", "s"}});
        CHECK(fit.param("tau_s")->value == Approx(15).epsilon(0.03));
        CHECK(fit.param("A0_nm2")->value == Approx(100).margin(1));
        CHECK(fit.param("Ainf_nm2")->value == Approx(200).margin(1));
        CHECK(fit.param("t0_s")->fixed);
    }
    SECTION("area ratio")
    {
        const auto s = makeSeries([](double t) { return 1 + (1.8 - 1) * (1 - std::exp(-t / 20)); },
                                  0, 80, 100, 0.005, 53);
        const auto fit = insitu::fitModel(s.t, s.y, {.model = "area-ratio"});
        CHECK(fit.param("ratio_inf")->value == Approx(1.8).margin(0.01));
        CHECK(fit.param("tau_s")->value == Approx(20).epsilon(0.03));
    }
}

TEST_CASE("parameter names carry the column units", "[fit]")
{
    const auto s = makeSeries([](double t) { return 1.0 + 2.0 * t; }, 0, 20, 21, 0.01, 61);
    const auto px = insitu::fitModel(s.t, s.y, {.model = "parabolic", .units = {"px", "frame"}});
    CHECK(px.param("L0_px"));
    CHECK(px.param("k_px_per_sqrt_frame"));
    CHECK(px.param("t0_frame"));
    CHECK_THROWS_AS(insitu::fitModel(s.t, s.y, {.model = "cubic"}), insitu::Error);
}
