// `insitu grains`: the JSON keys of issue 18, the grains CSV, the uint32 label TIFF, the
// boundary-map input (NIST's real map) and exit 2 on bad input.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/io/movie.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using insitu::test::runCli;

namespace {

std::filesystem::path grainFilm(const std::string& extra)
{
    const auto dir = insitu::test::scratchDir("cli_grains_film");
    const auto film = dir / "film.tif";
    const auto result =
        runCli("synth grain-film -o " + film.string() + " --truth " +
               (dir / "film.truth.json").string() + " --width 384 --height 384 --seed 4 " + extra);
    REQUIRE(result.exitCode == 0);
    return film;
}

} // namespace

TEST_CASE("insitu grains prints the JSON of issue 18 and writes CSV and labels", "[cli][grains]")
{
    const auto film = grainFilm("--cycled");
    const auto dir = insitu::test::scratchDir("cli_grains");
    const auto csv = dir / "grains.csv";
    const auto labels = dir / "labels.tif";
    const auto result = runCli("grains " + film.string() + " --json -o " + csv.string() +
                               " --labels " + labels.string());
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto json = nlohmann::json::parse(result.out);
    for (const char* key : {"grains", "ecd_median_nm", "ecd_mean_nm", "ecd_mode_nm", "astm_e112",
                            "phases", "pixel_size_nm"})
        CHECK(json.contains(key));
    CHECK(json["pixel_size_nm"].get<double>() == Approx(0.2));
    REQUIRE(!json["grains"].empty());
    for (const char* key : {"id", "area_nm2", "ecd_nm", "x_px", "y_px", "border"})
        CHECK(json["grains"][0].contains(key));
    for (const char* key : {"mean_intercept_px", "mean_intercept_nm", "G"})
        CHECK(json["astm_e112"].contains(key));
    const double sum = json["phases"]["crystalline"].get<double>() +
                       json["phases"]["amorphous"].get<double>() +
                       json["phases"]["pore"].get<double>();
    CHECK(sum == Approx(1.0));

    std::ifstream in(csv);
    std::string header;
    std::getline(in, header);
    CHECK(header == "id,area_px,area_nm2,ecd_px,ecd_nm,aspect_ratio,x_px,y_px,border");
    int rows = 0;
    for (std::string line; std::getline(in, line);)
        ++rows;
    CHECK(rows == static_cast<int>(json["grains"].size()));

    const auto movie = insitu::openMovie(labels);
    const cv::Mat l = movie->frame(0).mat();
    CHECK(movie->frame(0).type() == insitu::PixelType::UInt32);
    double maxLabel = 0;
    cv::minMaxLoc(l, nullptr, &maxLabel);
    CHECK(static_cast<int>(maxLabel) == static_cast<int>(json["grains"].size()));
}

TEST_CASE("insitu grains without calibration reports null nm values and no G", "[cli][grains]")
{
    const auto film = grainFilm("");
    const auto result = runCli("grains " + film.string() + " --json --pixel-size-nm 0.5");
    REQUIRE(result.exitCode == 0);
    CHECK(nlohmann::json::parse(result.out)["pixel_size_nm"].get<double>() == Approx(0.5));
    const auto nist = insitu::test::externalDataDir() / "grains-nist" / "intercept_optical_etched" /
                      "grains_steel_highlighted_segmented.tif";
    if (!std::filesystem::exists(nist)) {
        WARN("skipped: NIST boundary map not found: " + nist.string());
        return;
    }
    const auto map =
        runCli("grains " + nist.string() + " --boundary-map " + nist.string() + " --json");
    INFO(map.err);
    REQUIRE(map.exitCode == 0);
    const auto json = nlohmann::json::parse(map.out);
    CHECK(json["pixel_size_nm"].is_null());
    CHECK(json["ecd_median_nm"].is_null());
    CHECK(json["astm_e112"]["G"].is_null());
    CHECK(json["astm_e112"]["mean_intercept_px"].get<double>() == Approx(39.5).epsilon(0.02));
    CHECK(json["grains"].size() == 226);
}

TEST_CASE("insitu grains refuses bad input with exit 2", "[cli][grains]")
{
    const auto dir = insitu::test::scratchDir("cli_grains_bad");
    CHECK(runCli("grains " + (dir / "missing.tif").string()).exitCode == 2);
    const auto film = grainFilm("");
    CHECK(runCli("grains " + film.string() + " --roi 0,0,5000,10").exitCode == 2);
    CHECK(runCli("grains " + film.string() + " --frame 7").exitCode == 2);
}
