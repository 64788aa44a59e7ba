// synth_hrtem: `insitu synth hrtem` writes the image, its true mask and truth at the size asked.
#include "synth_hrtem.h"

#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/synth/hrtem_patches.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace insitu;

TEST_CASE("synth hrtem: the image, its true mask and truth at the size asked", "[cli][synth_hrtem]")
{
    const auto dir = test::scratchDir("cli_synth_hrtem");
    ImagingOptions imaging = cli::hrtemImaging();
    CHECK(imaging.nmPerPixel == HrtemScene{}.imaging.nmPerPixel);
    imaging.width = 320;
    imaging.height = 256;
    HrtemScene scene;
    scene.imaging = imaging;
    REQUIRE_FALSE(hrtemPatches(scene).empty()); // crystalline patches fit at this size
    const auto image = (dir / "h.tif").string();
    const auto truth = (dir / "h.json").string();
    REQUIRE(cli::runHrtem(imaging, image, truth) == 0);
    const auto movie = openMovie(image);
    CHECK(movie->info().width == 320);
    CHECK(movie->info().height == 256);
    CHECK(std::filesystem::exists(hrtemMaskPath(image)));
    std::ifstream in(truth);
    CHECK_FALSE(nlohmann::json::parse(in).empty());
}
