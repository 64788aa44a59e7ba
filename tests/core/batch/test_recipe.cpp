// Batch recipes: parsing and round trip, movie list expansion, shares, output names, the hash.
#include "support/test_paths.h"

#include "insitu/batch/batch_runner.h"
#include "insitu/batch/recipe.h"
#include "insitu/error.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const json kRecipe = json::parse(R"({
  "movies": ["a/*.tif", "b/x.tif"],
  "template": "template.h5",
  "output": "out",
  "calibration": {"pixel_size_nm": 0.25, "frame_interval_s": 0.5},
  "overrides": {
    "x.tif": {"rois": [{"id": 2, "shape": "polyline", "points_px": [[1, 2], [3, 4], [5, 7]],
                        "width_px": 9}],
              "calibration": {"time_zero_frame": 3}}
  }
})");

void touch(const fs::path& path)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "x";
}

} // namespace

TEST_CASE("a recipe reads its movies, template, output and overrides, and writes them back",
          "[batch]")
{
    const auto recipe = insitu::recipeFromJson(kRecipe, "/data/run");
    CHECK(recipe.movies == std::vector<std::string>{"a/*.tif", "b/x.tif"});
    CHECK(insitu::resolvePath(recipe, recipe.templateProject) == "/data/run/template.h5");
    CHECK(insitu::resolvePath(recipe, "/abs/out") == "/abs/out");
    CHECK(recipe.calibration.nmPerPixel == 0.25);
    CHECK(recipe.calibration.frameIntervalS == 0.5);
    REQUIRE(recipe.overrides.count("x.tif") == 1);
    const auto& o = recipe.overrides.at("x.tif");
    REQUIRE(o.rois.size() == 1);
    CHECK(o.rois[0].shape == insitu::RoiShape::Polyline);
    CHECK(o.rois[0].points.size() == 3);
    CHECK(o.rois[0].widthPx == 9);
    CHECK(o.calibration.timeZeroFrame == 3);
    CHECK(insitu::overrideFor(recipe, "/elsewhere/x.tif") == &o);
    CHECK(insitu::overrideFor(recipe, "/data/run/b/y.tif") == nullptr);
    CHECK(insitu::recipeFromJson(insitu::recipeToJson(recipe), "/data/run") == recipe);
}

TEST_CASE("a bad recipe is one clear error", "[batch]")
{
    auto bad = kRecipe;
    bad.erase("movies");
    CHECK_THROWS_WITH(insitu::recipeFromJson(bad, "/d", "r.json"),
                      Catch::Contains("r.json") && Catch::Contains("movies"));
    bad = kRecipe;
    bad["calibration"]["pixel_size_nm"] = -1;
    CHECK_THROWS_WITH(insitu::recipeFromJson(bad, "/d", "r.json"),
                      Catch::Contains("pixel_size_nm"));
    bad = kRecipe;
    bad["overrides"]["x.tif"]["rois"][0]["shape"] = "blob";
    CHECK_THROWS_AS(insitu::recipeFromJson(bad, "/d"), insitu::Error);
    CHECK_THROWS_WITH(insitu::loadRecipe("/no/such/recipe.json"),
                      Catch::Contains("/no/such/recipe.json"));
}

TEST_CASE("the movie list is sorted, deduplicated and split into disjoint shares", "[batch]")
{
    const auto dir = insitu::test::scratchDir("batch_movie_list");
    for (const char* name : {"a/m3.tif", "a/m1.tif", "a/m2.tif", "a/notes.txt", "b/x.tif"})
        touch(dir / name);
    auto recipe = insitu::recipeFromJson(kRecipe, dir);
    recipe.movies.push_back("a/m1.tif"); // named twice: once
    const auto movies = insitu::expandMovies(recipe);
    REQUIRE(movies == std::vector<fs::path>{dir / "a/m1.tif", dir / "a/m2.tif", dir / "a/m3.tif",
                                            dir / "b/x.tif"});
    for (int count = 1; count <= 6; ++count) {
        std::multiset<fs::path> all;
        std::size_t largest = 0, smallest = movies.size();
        for (int index = 0; index < count; ++index) {
            const auto share = insitu::shareOfMovies(movies, index, count);
            CHECK(share == insitu::shareOfMovies(movies, index, count)); // deterministic
            all.insert(share.begin(), share.end());
            largest = std::max(largest, share.size());
            smallest = std::min(smallest, share.size());
        }
        CHECK(all == std::multiset<fs::path>(movies.begin(), movies.end()));
        CHECK(largest - smallest <= 1);
    }
    CHECK_THROWS_AS(insitu::shareOfMovies(movies, 2, 2), insitu::Error);

    recipe.movies.push_back("c/*.tif");
    CHECK_THROWS_WITH(insitu::expandMovies(recipe), Catch::Contains("matches no file"));
    recipe.movies.back() = "c/gone.tif";
    CHECK_THROWS_WITH(insitu::expandMovies(recipe), Catch::Contains("gone.tif"));
}

TEST_CASE("output names are the stems, told apart by a path hash when two are equal", "[batch]")
{
    const std::vector<fs::path> movies = {"/d/a/m.tif", "/d/b/m.tif", "/d/b/n.tif"};
    CHECK(insitu::movieOutputName(movies[2], movies) == "n");
    const auto a = insitu::movieOutputName(movies[0], movies);
    const auto b = insitu::movieOutputName(movies[1], movies);
    CHECK(a.rfind("m-", 0) == 0);
    CHECK(a.size() == 10);
    CHECK(a != b);
}

TEST_CASE("the recipe hash follows what decides the results, not the movie list", "[batch]")
{
    const auto recipe = insitu::recipeFromJson(kRecipe, "/d");
    const auto hash = insitu::batchRecipeHash(recipe, "fp1");
    auto more = recipe;
    more.movies.push_back("c/*.tif");
    more.outputDir = "elsewhere";
    CHECK(insitu::batchRecipeHash(more, "fp1") == hash);
    CHECK(insitu::batchRecipeHash(recipe, "fp2") != hash);
    auto calibrated = recipe;
    calibrated.calibration.nmPerPixel = 0.3;
    CHECK(insitu::batchRecipeHash(calibrated, "fp1") != hash);
    auto moved = recipe;
    moved.overrides["x.tif"].rois[0].points[0].x += 1;
    CHECK(insitu::batchRecipeHash(moved, "fp1") != hash);
}

TEST_CASE("** in a movie pattern matches any depth of folders", "[batch][batch-glob]")
{
    const auto dir = insitu::test::scratchDir("batch_glob_recursive");
    for (const char* name :
         {"day1/m1.tif", "day1/s1/m2.tif", "day1/s1/deep/m3.tif", "day1/s1/deep/notes.txt",
          "day1/.hidden/m4.tif", "day2/s2/m5.tif", "day2/m6.ser", "top.tif"})
        touch(dir / name);
    auto recipe = insitu::recipeFromJson(kRecipe, dir);
    recipe.movies = {"day1/**/*.tif"};
    CHECK(insitu::expandMovies(recipe) == std::vector<fs::path>{dir / "day1/m1.tif",
                                                                dir / "day1/s1/deep/m3.tif",
                                                                dir / "day1/s1/m2.tif"});
    recipe.movies = {"day*/**/m?.*"}; // wildcards before ** too
    CHECK(insitu::expandMovies(recipe).size() == 5);
    recipe.movies = {"**/s?/*.tif"};
    CHECK(insitu::expandMovies(recipe) ==
          std::vector<fs::path>{dir / "day1/s1/m2.tif", dir / "day2/s2/m5.tif"});
    recipe.movies = {"day2/**"}; // every file below
    CHECK(insitu::expandMovies(recipe) ==
          std::vector<fs::path>{dir / "day2/m6.ser", dir / "day2/s2", dir / "day2/s2/m5.tif"});
    recipe.movies = {"day1/**/*.mrc"};
    CHECK_THROWS_WITH(insitu::expandMovies(recipe), Catch::Contains("matches no file"));
}

TEST_CASE("the recipe's timeline: patterns per movie, overrides, round trip", "[batch]")
{
    auto doc = kRecipe;
    doc["timeline"] = {{"logs", {"{dir}/{stem}.mpt", "logs/{stem}_holder.csv"}},
                       {"offset_s", {1.5, -2}},
                       {"correlate", "<I>"},
                       {"max_lag_s", 20}};
    doc["overrides"]["b.tif"]["timeline"] = {{"logs", {"special.mpt"}},
                                             {"movie_start", "2024-05-01T10:00:00"}};
    const auto recipe = insitu::recipeFromJson(doc, "/d");
    CHECK(insitu::recipeFromJson(insitu::recipeToJson(recipe), "/d") == recipe);
    const auto a = insitu::timelineFor(recipe, "/d/movies/a.tif");
    REQUIRE(a.has_value());
    CHECK(a->logs == std::vector<std::string>{"/d/movies/a.mpt", "/d/logs/a_holder.csv"});
    CHECK(a->offsetsS == std::vector<double>{1.5, -2});
    CHECK(a->correlate == "<I>");
    CHECK(!a->movieStart);
    const auto b = insitu::timelineFor(recipe, "/d/movies/b.tif");
    REQUIRE(b.has_value());
    CHECK(b->logs == std::vector<std::string>{"/d/special.mpt"});
    CHECK(b->offsetsS == std::vector<double>{1.5, -2}); // the recipe's, not overridden
    CHECK(b->movieStart == "2024-05-01T10:00:00");
    CHECK(!insitu::timelineFor(insitu::recipeFromJson(kRecipe, "/d"), "/d/a.tif"));
    // the timeline decides the results: it is part of the recipe hash
    CHECK(insitu::batchRecipeHash(recipe, "t") !=
          insitu::batchRecipeHash(insitu::recipeFromJson(kRecipe, "/d"), "t"));
    doc["timeline"]["max_lag_s"] = -1;
    CHECK_THROWS_WITH(insitu::recipeFromJson(doc, "/d"), Catch::Contains("max_lag_s"));
}

TEST_CASE("the recipe's analyses choose among the template's, in run order", "[batch]")
{
    auto doc = kRecipe;
    doc["analyses"] = {"fronts", "drift"};
    const auto recipe = insitu::recipeFromJson(doc, "/d");
    CHECK(insitu::recipeFromJson(insitu::recipeToJson(recipe), "/d") == recipe);
    insitu::ProjectMovie movie;
    movie.drift = insitu::ProjectDrift{};
    movie.fronts.emplace_back();
    movie.grains = insitu::ProjectGrains{};
    const auto all = insitu::analysesToRun(insitu::recipeFromJson(kRecipe, "/d"), movie);
    REQUIRE(all.size() == 3);
    const auto chosen = insitu::analysesToRun(recipe, movie);
    REQUIRE(chosen.size() == 2);
    CHECK(chosen[0]->name() == "drift");
    CHECK(chosen[1]->name() == "fronts");
    doc["analyses"] = {"areas"};
    CHECK_THROWS_WITH(insitu::analysesToRun(insitu::recipeFromJson(doc, "/d"), movie),
                      Catch::Contains("does not hold"));
    doc["analyses"] = {"sizes"};
    CHECK_THROWS_WITH(insitu::analysesToRun(insitu::recipeFromJson(doc, "/d"), movie),
                      Catch::Contains("not one of drift, fronts"));
    CHECK(insitu::batchRecipeHash(recipe, "t") !=
          insitu::batchRecipeHash(insitu::recipeFromJson(kRecipe, "/d"), "t"));
}
