// number_checks: NaN and infinity refused in every option, finite range validators.
#include "number_checks.h"

#include "insitu/error.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("number checks: non-finite values in any option are refused by name",
          "[cli][number_checks]")
{
    for (const char* value : {"nan", "NaN", "-inf", "+Infinity", "1,nan", "0:3:inf", "a=1,b=nan"}) {
        CLI::App app;
        std::string text;
        app.add_option("--step", text);
        app.parse(std::string("--step ") + value, false);
        CHECK_THROWS_WITH(cli::refuseNonFiniteValues(app),
                          Catch::Contains("--step") && Catch::Contains("not a finite number"));
    }
    CLI::App app;
    std::string text, file;
    app.add_option("--step", text);
    app.add_option("FILE", file);
    app.parse("inf --step 1,2:3", false); // a file may be called "inf"
    CHECK_NOTHROW(cli::refuseNonFiniteValues(app));
}

TEST_CASE("number checks: validators refuse NaN, infinities and values out of range",
          "[cli][number_checks]")
{
    const auto check = [](const CLI::Validator& validator, std::string value) {
        return validator(value).empty(); // an empty message: accepted
    };
    CHECK(check(cli::finiteRange(0, 1), "0.5"));
    CHECK_FALSE(check(cli::finiteRange(0, 1), "1.5"));
    CHECK_FALSE(check(cli::finiteRange(0, 1), "nan"));
    CHECK(check(cli::positiveFinite(), "1e-3"));
    CHECK_FALSE(check(cli::positiveFinite(), "0"));
    CHECK_FALSE(check(cli::positiveFinite(), "inf"));
    CHECK(check(cli::nonNegativeFinite(), "0"));
    CHECK_FALSE(check(cli::nonNegativeFinite(), "-1"));
    CHECK(check(cli::coordinatePx(), "-250.5"));
    CHECK_FALSE(check(cli::coordinatePx(), "2e6"));
    CHECK_FALSE(check(cli::coordinatePx(), "-nan"));
}
