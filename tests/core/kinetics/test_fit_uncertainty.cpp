// Uncertainties: t quantiles, moving-block bootstrap coverage, rate ratios, formula models, JSON.

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/kinetics/fit.h"
#include "insitu/kinetics/fit_json.h"

#include "../../../src/core/kinetics/student_t.h"

#include <cmath>
#include <random>

namespace {

struct Series
{
    std::vector<double> t;
    std::vector<double> y;
};

/// Linear front with AR(1) noise (ρ), as left by running means and drift in tracked positions.
Series arSeries(double v, int n, double sigma, double rho, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    Series s;
    double e = sigma * normal(random);
    for (int i = 0; i < n; ++i) {
        const double t = 0.5 * i;
        s.t.push_back(t);
        s.y.push_back(4.0 + v * t + e);
        e = rho * e + std::sqrt(1 - rho * rho) * sigma * normal(random);
    }
    return s;
}

} // namespace

TEST_CASE("Student t quantiles match tables", "[fit]")
{
    using insitu::kinetics_detail::studentTQuantile;
    CHECK(studentTQuantile(0.975, 1) == Approx(12.706204736).epsilon(1e-9));
    CHECK(studentTQuantile(0.975, 10) == Approx(2.228138852).epsilon(1e-9));
    CHECK(studentTQuantile(0.975, 125) == Approx(1.979124109).epsilon(1e-9));
    CHECK(studentTQuantile(0.025, 10) == Approx(-2.228138852).epsilon(1e-9));
}

TEST_CASE("moving-block bootstrap intervals cover the truth under autocorrelated noise", "[fit]")
{
    // With ρ = 0.8 the Jacobian standard error is ~3× too small (t coverage ~50 %). The reported
    // interval (linearised block bootstrap with its truncation and n_eff corrections) and, less
    // well, the full-refit percentile bootstrap widen it (a 100 s record holds only ~20
    // independent stretches and the trend absorbs the slowest noise: percentiles reach ~80 %).
    constexpr int replicates = 40;
    int coveredByT = 0;
    int coveredReported = 0;
    int coveredByBootstrap = 0;
    for (int r = 0; r < replicates; ++r) {
        const auto s = arSeries(0.3, 200, 0.5, 0.8, 1000 + r);
        const auto fit = insitu::fitModel(
            s.t, s.y, {.model = "linear", .bootstrap = {.samples = 300, .seed = 7}});
        insitu::FitOptions tOptions{.model = "linear"};
        tOptions.interval.method = insitu::IntervalMethod::T;
        const auto* vt = insitu::fitModel(s.t, s.y, tOptions).param("v_nm_per_s");
        const auto* v = fit.param("v_nm_per_s");
        REQUIRE(v->bootstrapCi95Low);
        coveredByT += (vt->ci95Low <= 0.3 && 0.3 <= vt->ci95High) ? 1 : 0;
        coveredReported += (v->ci95Low <= 0.3 && 0.3 <= v->ci95High) ? 1 : 0;
        coveredByBootstrap += (*v->bootstrapCi95Low <= 0.3 && 0.3 <= *v->bootstrapCi95High) ? 1 : 0;
        CHECK(fit.bootstrapSamples == 300);
        CHECK(fit.bootstrapBlockLength >= 12);
    }
    INFO("t coverage " << coveredByT << "/" << replicates << ", reported " << coveredReported
                       << ", percentile bootstrap " << coveredByBootstrap << "/" << replicates);
    CHECK(coveredReported >= 0.85 * replicates);
    CHECK(coveredByBootstrap >= 0.7 * replicates);
    CHECK(coveredReported >= coveredByT + 0.2 * replicates);
}

TEST_CASE("bootstrap is reproducible from its seed", "[fit]")
{
    const auto s = arSeries(0.3, 80, 0.5, 0.5, 3);
    const insitu::FitOptions options{.model = "parabolic",
                                     .bootstrap = {.samples = 50, .seed = 99}};
    const auto a = insitu::fitModel(s.t, s.y, options);
    const auto b = insitu::fitModel(s.t, s.y, options);
    CHECK(a == b);
    CHECK(a.bootstrapSeed == 99);
}

TEST_CASE("rate ratio of two fronts with its interval", "[fit]")
{
    int covered = 0;
    constexpr int replicates = 20;
    for (int r = 0; r < replicates; ++r) {
        const auto fast = arSeries(0.61, 200, 0.2, 0.0, 500 + r);
        const auto slow = arSeries(0.10, 200, 0.2, 0.0, 600 + r);
        const auto a = insitu::fitModel(fast.t, fast.y, {.model = "linear"});
        const auto b = insitu::fitModel(slow.t, slow.y, {.model = "linear"});
        const auto ratio = insitu::rateRatio(a, b, "v_nm_per_s", "particle A", "particle B");
        covered += (ratio.ci95Low <= 6.1 && 6.1 <= ratio.ci95High) ? 1 : 0;
        CHECK(ratio.ratio == Approx(6.1).epsilon(0.05));
        CHECK(ratio.ci95Low < ratio.ratio);
        CHECK(ratio.ci95High > ratio.ratio);
        CHECK(ratio.text.rfind("particle A expands 6.", 0) == 0);
        CHECK(ratio.text.find("faster than particle B") != std::string::npos);
        // Delta method on ln r: half-width 1.96·√((sa/a)² + (sb/b)²).
        const double sa = a.param("v_nm_per_s")->standardError / a.param("v_nm_per_s")->value;
        const double sb = b.param("v_nm_per_s")->standardError / b.param("v_nm_per_s")->value;
        CHECK(std::log(ratio.ci95High / ratio.ratio) == Approx(1.959964 * std::hypot(sa, sb)));
        if (r == 0) {
            CHECK(insitu::rateRatio(b, a, "v_nm_per_s").text.find("slower than") !=
                  std::string::npos);
            CHECK_THROWS_AS(insitu::rateRatio(a, b, "k_nm_per_sqrt_s"), insitu::Error);
        }
    }
    CHECK(covered >= 17); // a 95 % interval: P(≥ 17 of 20) ≈ 0.98
}

TEST_CASE("a typed formula fits like the equivalent built-in model", "[fit]")
{
    std::vector<double> t;
    std::vector<double> y;
    for (int i = 0; i < 30; ++i) {
        t.push_back(i);
        y.push_back(80 * (1 - std::exp(-0.12 * i)) + 0.3 * std::sin(1.7 * i));
    }
    const auto fit = insitu::fitModel(
        t, y,
        {.model = "formula", .formula = "a*(1-exp(-b*t))", .start = {{"a", 50}, {"b", 0.05}}});
    CHECK(fit.model == "formula");
    CHECK(fit.formula == "a*(1-exp(-b*t))");
    REQUIRE(fit.params.size() == 2);
    CHECK(fit.params[0].name == "a");
    CHECK(fit.params[1].name == "b");
    // Same problem with an analytic Jacobian.
    insitu::CallableModelSpec spec;
    spec.parameterNames = {"a", "b"};
    spec.value = [](double x, std::span<const double> p) {
        return p[0] * (1 - std::exp(-p[1] * x));
    };
    spec.gradient = [](double x, std::span<const double> p, std::span<double> g) {
        g[0] = 1 - std::exp(-p[1] * x);
        g[1] = p[0] * x * std::exp(-p[1] * x);
    };
    spec.start = {50, 0.05};
    const auto exact = insitu::fitModel(t, y, {.customModel = insitu::makeCallableModel(spec)});
    CHECK(fit.params[0].value == Approx(exact.params[0].value).epsilon(1e-8));
    CHECK(fit.params[1].value == Approx(exact.params[1].value).epsilon(1e-8));
    CHECK(fit.params[1].standardError == Approx(exact.params[1].standardError).epsilon(1e-5));
    CHECK(fit.params[0].value == Approx(80).epsilon(0.01));

    CHECK_THROWS_AS(insitu::fitModel(t, y, {.model = "formula", .formula = "a*(1-exp(-b*"}),
                    insitu::Error);
    CHECK_THROWS_AS(insitu::fitModel(t, y, {.model = "formula", .formula = "2*t"}), insitu::Error);
    CHECK_THROWS_AS(
        insitu::fitModel(t, y, {.model = "formula", .formula = "a*t", .start = {{"c", 1}}}),
        insitu::Error);
}

TEST_CASE("fitToJson gives the architecture fit object and round-trips", "[fit]")
{
    const auto s = arSeries(0.3, 60, 0.3, 0.3, 8);
    auto fit = insitu::fitAuto(
        s.t, s.y, {.windowStart = 1.0, .excluded = {7}, .bootstrap = {.samples = 40, .seed = 3}});
    const auto json = insitu::fitToJson(fit);
    CHECK(json.at("model") == fit.model);
    CHECK(json.at("params").contains("v_nm_per_s"));
    CHECK(json.at("stderr").contains("v_nm_per_s"));
    CHECK(json.at("r2").is_number());
    CHECK(json.at("aic").is_number());
    CHECK(json.at("verdict") == fit.verdict);
    CHECK(json.at("delta_aic").is_number());
    CHECK(json.at("bootstrap_ci95").contains("v_nm_per_s"));
    CHECK(json.at("window")[0] == 1.0);
    CHECK(json.at("window")[1].is_null());
    const auto back = insitu::fitFromJson(json);
    CHECK(back == fit);
    // Through text as well (what the CLI and project file store).
    CHECK(insitu::fitFromJson(nlohmann::json::parse(json.dump())) == fit);
    // The interval method is recorded; JSON written before it existed reads as "" (= t).
    CHECK(json.at("ci_method") == "moving-block-bootstrap");
    CHECK(json.at("ci_block_length").get<int>() >= 4);
    auto older = json;
    older.erase("ci_method");
    older.erase("ci_block_length");
    older.erase("ci_effective_samples");
    const auto old = insitu::fitFromJson(older);
    CHECK(old.ciMethod.empty());
    CHECK(old.ciBlockLength == 0);
}
