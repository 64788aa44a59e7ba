// synth_grain_film: `insitu synth grain-film` writes the film and its labels, before or after
// cycling.
#include "synth_grain_film.h"

#include "support/test_paths.h"

#include "insitu/io/movie.h"
#include "insitu/synth/grain_film.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("synth grain-film: before and after cycling, with labels", "[cli][synth_grain_film]")
{
    const auto dir = test::scratchDir("cli_synth_grain_film");
    for (const bool cycled : {false, true}) {
        cli::GrainFilmCliOptions options;
        options.output = (dir / (cycled ? "after.tif" : "before.tif")).string();
        options.truth = (dir / (cycled ? "after.json" : "before.json")).string();
        options.width = 128;
        options.height = 96;
        options.seed = 7;
        options.cycled = cycled;
        REQUIRE(cli::runGrainFilm(options) == 0);
        const auto movie = openMovie(options.output);
        CHECK(movie->info().width == 128);
        CHECK(movie->info().height == 96);
        CHECK(std::filesystem::exists(grainFilmLabelsPath(options.output)));
        CHECK(std::filesystem::exists(options.truth));
    }
}
