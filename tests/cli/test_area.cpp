// `insitu area`: JSON keys and CSV columns of issue 16, the project file, exit codes.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

using insitu::test::runCli;

namespace {

/// The default expanding-particle scene (3 particles, 150 frames) and its truth.
std::filesystem::path particleMovie(nlohmann::json& truth)
{
    const auto dir = insitu::test::scratchDir("cli_area_movie");
    const auto movie = dir / "particles.tif";
    const auto truthPath = dir / "particles.truth.json";
    const auto result = runCli("synth expanding-particle -o " + movie.string() + " --truth " +
                               truthPath.string() + " --frames 60 --dose 15 --seed 3");
    REQUIRE(result.exitCode == 0);
    std::ifstream in(truthPath);
    truth = nlohmann::json::parse(in);
    return movie;
}

/// A 16-gon 5 % larger than the truth particle at frame 0.
std::string polygonOf(const nlohmann::json& p)
{
    const double r = 1.05 * std::sqrt(p["areas_px"][0].get<double>() / std::numbers::pi);
    std::ostringstream out;
    for (int i = 0; i < 16; ++i) {
        const double a = 2 * std::numbers::pi * i / 16;
        out << (i ? "," : "") << p["x_px"].get<double>() + r * std::cos(a) << ','
            << p["y_px"].get<double>() + r * std::sin(a);
    }
    return out.str();
}

} // namespace

TEST_CASE("insitu area prints the JSON of issue 16 and writes CSV and project", "[cli][area]")
{
    nlohmann::json truth;
    const auto movie = particleMovie(truth);
    const auto dir = insitu::test::scratchDir("cli_area");
    const auto csv = (dir / "areas.csv").string();
    const auto project = (dir / "areas.h5").string();
    const auto plot = (dir / "areas.svg").string();
    std::string polygons;
    for (const auto& p : truth["growing_particles"])
        polygons += " --polygon " + polygonOf(p);
    const auto result = runCli("area " + movie.string() + polygons + " --core -o " + csv +
                               " --project " + project + " --plot " + plot + " --json");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto doc = nlohmann::json::parse(result.out);
    CHECK(doc.contains("pixel_size_nm"));
    CHECK(doc.contains("frame_interval_s"));
    REQUIRE(doc["particles"].size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& p = doc["particles"][i];
        for (const char* key :
             {"index", "frames", "times_s", "area_px", "area_nm2", "area_ratio", "centroid_px",
              "outline_px", "core_area_nm2", "events", "fit", "initial_rate_per_s",
              "initial_rate_ci_method", "final_area_ratio", "final_area_ratio_ci95"})
            CHECK(p.contains(key));
        if (!p["initial_rate_ci95"].is_null()) {
            const std::string method = p["initial_rate_ci_method"].get<std::string>();
            CHECK((method == "moving-block-bootstrap" ||
                   method == "moving-block-bootstrap+ar1-noise"));
        }
        // The final A/A0 lies inside its own interval.
        if (p["final_area_ratio"].is_number()) {
            CHECK(p["final_area_ratio_ci95"][0].get<double>() <=
                  p["final_area_ratio"].get<double>());
            CHECK(p["final_area_ratio"].get<double>() <=
                  p["final_area_ratio_ci95"][1].get<double>());
        }
        REQUIRE(p["frames"].size() == 60);
        const auto& truthAreas = truth["growing_particles"][i]["areas_px"];
        const double last = p["area_px"].back().get<double>();
        CHECK(last == Approx(truthAreas[59].get<double>()).epsilon(0.02));
    }
    CHECK(doc["ratios"].is_array());
    std::ifstream in(csv);
    std::string header;
    std::getline(in, header);
    CHECK(header == "frame,time_s,particle,area_px,area_nm2,area_ratio,ecd_nm,centroid_x_px,"
                    "centroid_y_px,core_area_nm2");
    int rows = 0;
    for (std::string line; std::getline(in, line);)
        ++rows;
    CHECK(rows == 180);
    CHECK(std::filesystem::exists(project));
    std::ifstream svg(plot);
    const std::string figure((std::istreambuf_iterator<char>(svg)), {});
    CHECK(figure.find("<svg") != std::string::npos);
    CHECK(figure.find("A/A") != std::string::npos);
}

TEST_CASE("insitu area: a bad polygon or keyframe is exit 2 with one message", "[cli][area]")
{
    nlohmann::json truth;
    const auto movie = particleMovie(truth);
    auto result = runCli("area " + movie.string() + " --polygon 1,2,3");
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("--polygon") != std::string::npos);
    result = runCli("area " + movie.string() +
                    " --polygon 10,10,20,10,20,20 --keyframe 3:5:1,2,3,4,5,6");
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("--keyframe") != std::string::npos);
}

TEST_CASE("insitu area follows the jumping SAM-EM particle (real LPTEM frames)", "[cli][area]")
{
    const auto dir = insitu::test::externalDataDir() / "SAM-EM/jpeg_images/dataset_1_5nm_layer";
    if (!std::filesystem::exists(dir)) {
        WARN("SAM-EM frames not found at " << dir.string() << ": skipped");
        return;
    }
    // Hand-annotation centroids and areas of frames 0-9 (../shared/data/external/README.md §8).
    const double cx[] = {123.06, 123.00, 121.66, 135.66, 120.15,
                         134.05, 112.56, 87.00,  57.49,  49.50};
    const double cy[] = {783.30, 772.50, 793.25, 775.98, 779.47,
                         780.88, 775.38, 775.00, 809.49, 833.50};
    const double area[] = {3576, 3578, 3624, 3560, 3595, 3579, 3631, 3585, 3599, 3595};
    const double r = 1.05 * std::sqrt(area[0] / std::numbers::pi);
    std::ostringstream polygon;
    for (int i = 0; i < 16; ++i) {
        const double a = 2 * std::numbers::pi * i / 16;
        polygon << (i ? "," : "") << cx[0] + r * std::cos(a) << ',' << cy[0] + r * std::sin(a);
    }
    const auto result =
        runCli("area " + dir.string() + " --polygon " + polygon.str() + " --drift none --json");
    REQUIRE(result.exitCode == 0);
    const auto p = nlohmann::json::parse(result.out)["particles"][0];
    REQUIRE(p["frames"].size() == 10);
    for (std::size_t k = 0; k < 10; ++k) {
        INFO("frame " << k);
        const auto& c = p["centroid_px"][k];
        // A circle seed on this 100 × 41 px rod stays too round (IoU ≈ 0.57; the elliptical seed
        // of tests_core "[external]" reaches 0.84): centroids within 6 px, 10.8 px at frame 9,
        // where the particle is 50 px from the frame's left edge.
        CHECK(std::hypot(c[0].get<double>() - cx[k], c[1].get<double>() - cy[k]) < 12);
        // Measured: +2 … +22 % (the round outline creeps outwards along the rod; +3 … +19 %
        // before the elongated-particle motion search).
        CHECK(p["area_px"][k].get<double>() == Approx(area[k]).epsilon(0.25));
    }
}
