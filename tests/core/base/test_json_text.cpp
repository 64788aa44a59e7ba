// JSON text helpers: depth-limited parsing, UTF-8-safe dumping, printable names (#15).

#include <catch2/catch.hpp>

#include "insitu/json_text.h"
#include "insitu/memory_budget.h"

#include "insitu/error.h"

#include <limits>
#include <string>

TEST_CASE("parseJsonLimited refuses deep nesting before building anything", "[base][hostile]")
{
    CHECK(insitu::parseJsonLimited(R"({"a":[1,{"b":"[[[["}]})").has_value());
    CHECK(insitu::jsonNestingDepth(R"({"a":[1,{"b":"[[[[\"["}]})") == 3);
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    CHECK_FALSE(insitu::parseJsonLimited(deep).has_value());
    std::string nested;
    for (int i = 0; i < insitu::kMaxJsonDepth; ++i)
        nested += "[";
    nested += std::string(insitu::kMaxJsonDepth, ']');
    CHECK(insitu::parseJsonLimited(nested).has_value());
    CHECK_FALSE(insitu::parseJsonLimited("[" + nested + "]").has_value());
    CHECK_FALSE(insitu::parseJsonLimited("{not json").has_value());
}

TEST_CASE("dumpJson replaces invalid UTF-8 instead of throwing", "[base][hostile]")
{
    const nlohmann::json doc = {{"unit", std::string("n\xE9m")}, {"ok", "µm"}};
    CHECK_THROWS(doc.dump());
    const std::string text = insitu::dumpJson(doc);
    CHECK(text.find("n\xEF\xBF\xBDm") != std::string::npos); // U+FFFD
    CHECK(text.find("µm") != std::string::npos);
    CHECK(nlohmann::json::parse(text)["ok"] == "µm");
}

TEST_CASE("printableText escapes control characters and invalid bytes", "[base][hostile]")
{
    CHECK(insitu::printableText("movie.tif") == "movie.tif");
    CHECK(insitu::printableText("a\nb\x1b[31m") == "a\\x0Ab\\x1B[31m");
    CHECK(insitu::printableText("caf\xE9.tif") == "caf\\xE9.tif");
    CHECK(insitu::printableText("µm – ok") == "µm – ok");
    CHECK(insitu::printableText("\xED\xA0\x80") == "\\xED\\xA0\\x80"); // a surrogate
}

TEST_CASE("requireBudget refuses overflowing and absurd sizes", "[base][hostile]")
{
    CHECK(insitu::checkedProduct({1000, 1000, 4}) == 4000000u);
    CHECK_FALSE(insitu::checkedProduct({std::numeric_limits<std::int64_t>::max(), 4}));
    CHECK_FALSE(insitu::checkedProduct({-1, 4}));
    CHECK(insitu::requireBudget({512, 512, 4}, "frame") == 512u * 512u * 4u);
    CHECK_THROWS_AS(insitu::requireBudget({65535, 65535, 1 << 20}, "frame"), insitu::Error);
    CHECK_THROWS_WITH(insitu::requireBudget({1 << 30, 1 << 30, 1 << 30}, "FFT"),
                      Catch::Contains("FFT: needs more than 2^64 bytes"));
}
