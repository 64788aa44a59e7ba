// `insitu info FILE --json`: the fields fixed in architecture.md, on real vendor files.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using insitu::test::runCli;

namespace {
std::string quoted(const std::filesystem::path& path)
{
    return "'" + path.string() + "'";
}
} // namespace

TEST_CASE("info --json prints the fixed fields for a DM-exported TIFF stack", "[info]")
{
    const auto file = insitu::test::externalDataDir() /
                      "rosettasciio/tiff/test_loading_image_saved_with_DM_stack.tif";
    const auto result = runCli("info " + quoted(file) + " --json");
    REQUIRE(result.exitCode == 0);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j.at("format") == "TIFF (DigitalMicrograph)");
    CHECK(j.at("frames") == 2);
    CHECK(j.at("width") == 68);
    CHECK(j.at("height") == 68);
    CHECK(j.at("dtype") == "float32");
    CHECK(j.at("pixel_size_nm").get<double>() == Approx(168.674).epsilon(1e-5));
    CHECK(j.at("frame_interval_s").get<double>() == Approx(2.5));
    CHECK(j.at("timestamps_s").is_null());
    CHECK(j.at("notes").is_array());
    CHECK(j.at("metadata").is_object());
}

TEST_CASE("info --json gives null calibration and per-frame timestamps where the file says so",
          "[info]")
{
    const auto dir = insitu::test::externalDataDir();
    const auto noScale =
        runCli("info " +
               quoted(dir / "rosettasciio/tiff/test_loading_image_saved_with_imageJ_no_scale.tif") +
               " --json");
    REQUIRE(noScale.exitCode == 0);
    const auto a = nlohmann::json::parse(noScale.out);
    CHECK(a.at("pixel_size_nm").is_null());
    CHECK(a.at("frame_interval_s").is_null());

    const auto velox =
        runCli("info " + quoted(dir / "rosettasciio/emd/fei_example_tem_stack.emd") + " --json");
    REQUIRE(velox.exitCode == 0);
    const auto b = nlohmann::json::parse(velox.out);
    CHECK(b.at("dtype") == "int16");
    REQUIRE(b.at("timestamps_s").size() == 2);
    CHECK(b.at("timestamps_s")[1].get<double>() == Approx(0.799976));
}

TEST_CASE("info refuses a spectrum with 'not an image series', exit 2, one stderr line", "[info]")
{
    const auto file = insitu::test::externalDataDir() / "rosettasciio/emd/example_spectrum.emd";
    const auto result = runCli("info " + quoted(file) + " --json");
    CHECK(result.exitCode == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find("not an image series") != std::string::npos);
    CHECK(result.err.find("example_spectrum.emd") != std::string::npos);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
}

TEST_CASE("info without --json prints a human summary", "[info]")
{
    const auto file = insitu::test::externalDataDir() / "SAM-EM/jpeg_images/dataset_1_5nm_layer";
    const auto result = runCli("info " + quoted(file));
    REQUIRE(result.exitCode == 0);
    CHECK(result.out.find("frames:         10") != std::string::npos);
    CHECK(result.out.find("pixel size:     unknown") != std::string::npos);
}
