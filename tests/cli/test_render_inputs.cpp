// render_inputs: number lists and --contrast as `insitu render` and `export --figure` read them.
#include "render_inputs.h"

#include "insitu/error.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("render inputs: number lists are finite numbers or a message naming the option",
          "[cli][render_inputs]")
{
    CHECK(cli::splitNumbers("0,2.5,-1e2", ',', "--figure-times") ==
          std::vector<double>{0, 2.5, -100});
    CHECK(cli::splitNumbers("3:9:2", ':', "--frames") == std::vector<double>{3, 9, 2});
    CHECK_THROWS_WITH(cli::splitNumbers("1,x", ',', "--figure-times"),
                      Catch::Contains("--figure-times") && Catch::Contains("'x'"));
    CHECK_THROWS_AS(cli::splitNumbers("1,nan", ',', "--figure-times"), Error);
}

TEST_CASE("render inputs: --contrast is auto or LO,HI with HI above LO", "[cli][render_inputs]")
{
    CHECK_FALSE(cli::parseContrast("auto").has_value());
    const auto range = cli::parseContrast("10,250");
    REQUIRE(range.has_value());
    CHECK(range->first == 10);
    CHECK(range->second == 250);
    CHECK_THROWS_WITH(cli::parseContrast("250,10"), Catch::Contains("HI must be above LO"));
    CHECK_THROWS_WITH(cli::parseContrast("1,2,3"), Catch::Contains("expected auto or LO,HI"));
    CHECK_THROWS_WITH(cli::parseContrast("bright"), Catch::Contains("not a finite number"));
}
