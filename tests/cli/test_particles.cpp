// `insitu particles`: JSON keys of the issue, CSV columns, label TIFF, calibration options,
// exit 2 on bad input.

#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <sstream>

using insitu::test::runCli;

TEST_CASE("insitu particles: JSON, CSV and labels of a two-region synthetic frame",
          "[cli][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_particles");
    const auto movie = (dir / "p.tif").string();
    REQUIRE(runCli("synth particles -o " + movie + " --truth " + (dir / "p.json").string() +
                   " --frames 1 --width 320 --height 320 --particles 200 --dose 30 "
                   "--survival-cutoff-nm 5 --seed 3")
                .exitCode == 0);
    const auto labels = (dir / "labels.tif").string();
    const auto csv = (dir / "p.csv").string();
    const auto result = runCli("particles " + movie +
                               " --region ahead=0,0,159,319 --region behind=160,0,319,319 "
                               "--dark --labels " +
                               labels + " -o " + csv + " --json");
    REQUIRE(result.exitCode == 0);
    const auto doc = nlohmann::json::parse(result.out);
    CHECK(doc["pixel_size_nm"] == 0.25);
    REQUIRE(doc["particles"].size() > 20);
    for (const char* key : {"id", "x_px", "y_px", "area_nm2", "ecd_nm", "feret_max_nm",
                            "feret_min_nm", "circularity", "solidity", "region", "edge"})
        CHECK(doc["particles"][0].contains(key));
    REQUIRE(doc["regions"].size() == 2);
    for (const char* key : {"name", "count", "density_per_nm2", "area_fraction", "ecd_median_nm",
                            "ecd_mean_nm", "lognormal"})
        CHECK(doc["regions"][0].contains(key));
    const auto& c = doc["comparison"];
    REQUIRE(c.is_object());
    CHECK(c["regions"] == nlohmann::json({"ahead", "behind"}));
    for (const char* key :
         {"ks_p", "ad_p", "critical_size_nm", "critical_size_ci95_nm", "ks_separation_nm"})
        CHECK(c.contains(key));
    CHECK(c["ks_p"].get<double>() < 0.01);

    const cv::Mat image = cv::imread(labels, cv::IMREAD_UNCHANGED);
    REQUIRE(image.type() == CV_32S);
    double maxLabel = 0;
    cv::minMaxLoc(image, nullptr, &maxLabel);
    CHECK(static_cast<std::size_t>(maxLabel) == doc["particles"].size());

    std::ifstream in(csv);
    std::string header;
    std::getline(in, header);
    for (const char* column :
         {"Area_nm2", "Perim_nm", "Feret_nm", "MinFeret_nm", "Circ", "Solidity", "X_px", "Y_px"})
        CHECK(header.find(column) != std::string::npos);
}

TEST_CASE("insitu particles: unknown calibration gives null nm values, --pixel-size-nm sets it",
          "[cli][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_particles_cal");
    const auto image =
        insitu::test::externalDataDir() / "msa-em-microscopy-seg-track/mask/microscope_image.png";
    if (!std::filesystem::exists(image)) {
        WARN("skipped: no external data at " << image.string());
        return;
    }
    const auto plain = runCli("particles " + image.string() + " --min-diameter-px 20 --json");
    REQUIRE(plain.exitCode == 0);
    const auto doc = nlohmann::json::parse(plain.out);
    CHECK(doc["pixel_size_nm"].is_null());
    REQUIRE(!doc["particles"].empty());
    CHECK(doc["particles"][0]["ecd_nm"].is_null());
    CHECK(doc["particles"][0]["ecd_px"].get<double>() > 20);
    CHECK(doc["regions"][0]["density_per_nm2"].is_null());

    const auto set =
        runCli("particles " + image.string() + " --min-diameter-px 20 --pixel-size-nm 0.5 --json");
    REQUIRE(set.exitCode == 0);
    const auto doc2 = nlohmann::json::parse(set.out);
    CHECK(doc2["pixel_size_nm"] == 0.5);
    CHECK(doc2["particles"][0]["ecd_nm"].get<double>() ==
          Approx(0.5 * doc2["particles"][0]["ecd_px"].get<double>()));
}

TEST_CASE("insitu particles: bad input exits 2 with one message", "[cli][particles]")
{
    CHECK(runCli("particles /nonexistent/x.png").exitCode == 2);
    const auto dir = insitu::test::scratchDir("cli_particles_bad");
    const auto movie = (dir / "p.tif").string();
    REQUIRE(runCli("synth particles -o " + movie + " --frames 1").exitCode == 0);
    const auto badRegion = runCli("particles " + movie + " --region a=1,2,3");
    CHECK(badRegion.exitCode == 2);
    CHECK(badRegion.err.find("--region") != std::string::npos);
    CHECK(runCli("particles " + movie + " --pixel-size-nm -1").exitCode != 0);
    CHECK(runCli("particles " + movie + " --frame 7").exitCode == 2);
}

TEST_CASE("insitu drift and front accept --pixel-size-nm", "[cli][particles]")
{
    const auto dir = insitu::test::scratchDir("cli_calibration_options");
    const auto movie = (dir / "d.tif").string();
    REQUIRE(runCli("synth drift -o " + movie + " --frames 4").exitCode == 0);
    const auto result = runCli("drift " + movie + " --pixel-size-nm 0.7 --json");
    REQUIRE(result.exitCode == 0);
    CHECK(nlohmann::json::parse(result.out)["pixel_size_nm"] == 0.7);
}
