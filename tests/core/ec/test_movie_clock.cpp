// Frame-0 wall clock from the metadata the readers expose, on a real TIA file and on the forms
// the DM and TIFF readers write; parsing of instrument clocks.
#include "support/test_paths.h"

#include "insitu/ec/movie_clock.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("movie clock: TIA AcquireDate of a real SER/EMI pair", "[ec]")
{
    const auto ser =
        test::externalDataDir() / "rosettasciio/tia/old/64x64_TEM_images_acquire_1.ser";
    if (!std::filesystem::exists(ser)) {
        WARN("skipped: " << ser.string() << " is absent");
        return;
    }
    const auto clock = movieStartClock(openMovieReader(ser)->info());
    REQUIRE(clock);
    CHECK(clock->frame0.iso() == "2016-02-21T17:50:18");
    CHECK(clock->source == "TIA AcquireDate");
}

TEST_CASE("movie clock: DM date + 12-hour time, TIFF DateTime, none", "[ec]")
{
    MovieInfo dm;
    dm.metadata = {{"acquisition_date", "8/8/2016"}, {"acquisition_time", "4:02:14 PM"}};
    REQUIRE(movieStartClock(dm));
    CHECK(movieStartClock(dm)->frame0.iso() == "2016-08-08T16:02:14");
    MovieInfo tiff;
    tiff.metadata = {{"tiff", {{"datetime", "2019:04:25 16:30:08"}}}};
    REQUIRE(movieStartClock(tiff));
    CHECK(movieStartClock(tiff)->frame0.iso() == "2019-04-25T16:30:08");
    CHECK_FALSE(movieStartClock(MovieInfo{}));
    MovieInfo dateOnly;
    dateOnly.metadata = {{"acquisition_date", "8/8/2016"}};
    CHECK_FALSE(movieStartClock(dateOnly)); // a date without a time is no clock
}

TEST_CASE("local clocks: formats, invalid dates, arithmetic across midnight", "[ec]")
{
    CHECK(parseLocalDateTime("02/30/2020 10:00:00", DateOrder::MonthDayYear) == std::nullopt);
    CHECK(parseLocalDateTime("12/31/2020 24:00:00", DateOrder::MonthDayYear) == std::nullopt);
    CHECK(parseLocalDateTime("2014.10.08 16:26:51.738", DateOrder::YearMonthDay)->iso() ==
          "2014-10-08T16:26:51.738");
    CHECK(parseIsoLocalDateTime("2020-07-29T10:31:01Z") == std::nullopt);
    const auto a = *parseIsoLocalDateTime("2020-12-31T23:59:59");
    const auto b = a.plusSeconds(2.5);
    CHECK(b.iso() == "2021-01-01T00:00:01.500");
    CHECK(b.secondsSince(a) == Approx(2.5));
}
