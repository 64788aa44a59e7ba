#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/progress.h"

using namespace insitu;

TEST_CASE("CallbackProgress counts steps and reports them", "[progress]")
{
    int lastDone = -1;
    int lastTotal = -1;
    CallbackProgress progress([&](int done, int total, std::string_view) {
        lastDone = done;
        lastTotal = total;
    });
    progress.start(10, "work");
    progress.advance();
    progress.advance(3);
    CHECK(progress.done() == 4);
    CHECK(lastDone == 4);
    CHECK(lastTotal == 10);
}

TEST_CASE("advance() throws Canceled once cancel was requested", "[progress]")
{
    CallbackProgress progress;
    progress.start(5, "work");
    progress.advance();
    progress.cancel();
    CHECK(progress.isCanceled());
    CHECK_THROWS_AS(progress.advance(), Canceled);
}

TEST_CASE("Progress::none() never cancels", "[progress]")
{
    Progress& none = Progress::none();
    none.start(3, "x");
    CHECK_NOTHROW(none.advance(100));
    CHECK_FALSE(none.isCanceled());
}
