// `insitu fft` on a synthetic HRTEM frame: JSON keys, matches, profile CSV, spectrum TIFF, the
// --map mask, and exit code 2 on bad input.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/synth/hrtem_patches.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using insitu::test::runCli;

namespace {

std::filesystem::path hrtemMovie(const std::filesystem::path& dir, int size)
{
    insitu::HrtemScene scene;
    scene.imaging.width = scene.imaging.height = size;
    scene.imaging.seed = 2;
    scene.patchCount = size >= 1024 ? 6 : 2;
    const insitu::SynthMovie movie = insitu::renderHrtemPatches(scene);
    const auto path = dir / "hrtem.tif";
    insitu::TiffStackOptions options;
    options.width = options.height = size;
    options.frameCount = 1;
    options.nmPerPixel = scene.imaging.nmPerPixel;
    insitu::TiffStackWriter writer(path, options);
    writer.appendFrame(movie.frames[0]);
    writer.finish();
    std::ofstream(dir / "phases.csv") << "phase,hkl,d_nm\nCu,111,0.2087\nCu,200,0.1808\n"
                                         "Li2O,111,0.2664\nLi2O,220,0.1631\n";
    return path;
}

} // namespace

TEST_CASE("insitu fft: d-spacings of a synthetic HRTEM frame", "[cli][fft]")
{
    const auto dir = insitu::test::scratchDir("cli_fft");
    const auto movie = hrtemMovie(dir, 1024).string();
    const auto result = runCli("fft " + movie + " --d-list " + (dir / "phases.csv").string() +
                               " --peaks 4 --profile " + (dir / "p.csv").string() + " --spectrum " +
                               (dir / "s.tif").string() + " --json");
    REQUIRE(result.exitCode == 0);
    const auto doc = nlohmann::json::parse(result.out);
    CHECK(doc["pixel_size_nm"].get<double>() == Approx(0.05));
    REQUIRE(doc["peaks"].size() >= 2);
    for (const auto& peak : doc["peaks"])
        for (const char* key : {"d_nm", "d_err_nm", "k_per_nm", "height", "fwhm_per_nm", "match"})
            CHECK(peak.contains(key));
    const auto& first = doc["peaks"][0];
    REQUIRE(first["match"].is_object());
    CHECK(std::abs(first["d_nm"].get<double>() - first["match"]["d_nm"].get<double>()) < 0.0005);
    CHECK(doc["profile"]["k_per_nm"].size() == doc["profile"]["power"].size());
    std::ifstream csv(dir / "p.csv");
    std::string header;
    std::getline(csv, header);
    CHECK(header == "k_per_px,k_per_nm,d_nm,power,background,count");
    const auto spectrum = insitu::openMovie(dir / "s.tif");
    CHECK(spectrum->frameCount() == 1);
}

TEST_CASE("insitu fft --map writes a uint8 mask of the image's size", "[cli][fft]")
{
    const auto dir = insitu::test::scratchDir("cli_fft_map");
    const auto movie = hrtemMovie(dir, 512).string();
    const auto map = (dir / "map.tif").string();
    const auto result =
        runCli("fft " + movie + " --map --window-nm 3.2 --step-nm 0.8 -o " + map + " --json");
    REQUIRE(result.exitCode == 0);
    const auto doc = nlohmann::json::parse(result.out);
    const double fraction = doc["crystalline_fraction"].get<double>();
    CHECK(fraction > 0.02);
    CHECK(fraction < 0.9);
    const auto mask = insitu::openMovie(map);
    CHECK(mask->info().width == 512);
    CHECK(mask->info().height == 512);
    CHECK(mask->frame(0).type() == insitu::PixelType::UInt8);
}

TEST_CASE("insitu fft: bad input exits 2 with one message", "[cli][fft]")
{
    const auto dir = insitu::test::scratchDir("cli_fft_bad");
    const auto movie = hrtemMovie(dir, 256).string();
    CHECK(runCli("fft " + movie + " --roi 10,10,4,4").exitCode == 2);
    CHECK(runCli("fft " + movie + " --d-list " + (dir / "missing.csv").string()).exitCode == 2);
    CHECK(runCli("fft " + movie + " --map").exitCode == 2); // no -o
    CHECK(runCli("fft " + movie + " --frame 5").exitCode == 2);
}
