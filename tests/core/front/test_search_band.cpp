// searchBandWidthPx: the path search runs on the wire's default band when the user's is narrower.
#include "insitu/front/search_band.h"

#include <catch2/catch.hpp>

using namespace insitu;

TEST_CASE("searchBandWidthPx widens only narrow bands on a found wire", "[front][band]")
{
    WireWidth wire;
    wire.found = true;
    wire.widthPx = 32; // default band: 3/4 of it
    CHECK(searchBandWidthPx(5, wire) == 24.0);
    CHECK(searchBandWidthPx(23.5, wire) == 24.0);
    CHECK_FALSE(searchBandWidthPx(24, wire));
    CHECK_FALSE(searchBandWidthPx(32, wire));
    wire.found = false; // no wire: nothing better to search on
    CHECK_FALSE(searchBandWidthPx(5, wire));
}
