// `insitu batch`: the same numbers as `insitu front` by hand for every movie, resume redoes
// nothing, merged array shares equal one run, a bad movie is reported, exit codes.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using insitu::test::runCli;

namespace {

namespace fs = std::filesystem;

/// Three small synthetic nanowire movies (same wire, different front speeds and noise), a template
/// made by `insitu front --project` on the first, and the line of the wire.
struct BatchFixture
{
    fs::path dir;
    std::vector<fs::path> movies;
    fs::path templateProject;
    std::string line;
};

constexpr const char* kSize = " --frames 40 --width 160 --height 96 --fronts 1";
constexpr const char* kFrontArgs = " --width 14 --drift none";

const BatchFixture& fixture()
{
    static const BatchFixture f = [] {
        BatchFixture b;
        b.dir = insitu::test::scratchDir("cli_batch_movies");
        fs::create_directories(b.dir / "movies");
        const double speeds[] = {0.8, 1.2, 0.5};
        for (int k = 0; k < 3; ++k) {
            const auto movie = b.dir / "movies" / ("wire" + std::to_string(k) + ".tif");
            const auto truth = b.dir / ("wire" + std::to_string(k) + ".truth.json");
            const auto r = runCli("synth nanowire-front -o " + movie.string() + " --truth " +
                                  truth.string() + kSize + " --seed " + std::to_string(11 + k) +
                                  " --speed-px-per-frame " + std::to_string(speeds[k]));
            REQUIRE(r.exitCode == 0);
            b.movies.push_back(movie);
            if (k == 0) {
                std::ifstream in(truth);
                b.line = nlohmann::json::parse(in)["line"]["arg"].get<std::string>();
            }
        }
        b.templateProject = b.dir / "template.h5";
        const auto r = runCli("front " + b.movies[0].string() + " --line " + b.line + kFrontArgs +
                              " --project " + b.templateProject.string() + " --json");
        REQUIRE(r.exitCode == 0);
        return b;
    }();
    return f;
}

fs::path writeRecipe(const fs::path& dir, const nlohmann::json& movies, const fs::path& out)
{
    fs::create_directories(dir);
    const nlohmann::json recipe = {{"movies", movies},
                                   {"template", fixture().templateProject.string()},
                                   {"output", out.string()}};
    const auto path = dir / "recipe.json";
    std::ofstream(path) << recipe.dump(2);
    return path;
}

std::string slurp(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::vector<std::string>> readCsv(const fs::path& path)
{
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (char c : line) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted) {
                cells.push_back(cell);
                cell.clear();
            } else
                cell += c;
        }
        cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

std::string moviesGlob()
{
    return (fixture().dir / "movies" / "*.tif").string();
}

} // namespace

TEST_CASE("insitu batch gives every movie the numbers of insitu front by hand", "[cli][batch]")
{
    const auto& f = fixture();
    const auto dir = insitu::test::scratchDir("cli_batch_same");
    const auto recipe = writeRecipe(dir, {moviesGlob()}, dir / "out");
    const auto r = runCli("batch " + recipe.string() + " --jobs 2");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.find("[3/3]") != std::string::npos); // overall progress on stderr

    const auto rows = readCsv(dir / "out" / "summary.csv");
    REQUIRE(rows.size() > 4);
    CHECK(rows[0][0] == "movie");
    // value of (movie, quantity) from the summary
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> byMovie;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == 13);
        CHECK(rows[i][3] == "fronts");
        byMovie[{rows[i][0], rows[i][5]}] = rows[i];
    }
    for (const auto& movie : f.movies) {
        const std::string name = movie.stem().string();
        const auto hand =
            runCli("front " + movie.string() + " --line " + f.line + kFrontArgs + " --json");
        REQUIRE(hand.exitCode == 0);
        const auto doc = nlohmann::json::parse(hand.out);
        REQUIRE(doc["fronts"].size() == 1);
        const auto& fit = doc["fronts"][0]["fit"];
        REQUIRE(fit.is_object());
        for (const auto& [param, value] : fit["params"].items()) {
            INFO(name << " " << param);
            const auto row = byMovie.find({name, param});
            REQUIRE(row != byMovie.end());
            CHECK(std::stod(row->second[6]) == Approx(value.get<double>()).epsilon(1e-12));
            CHECK(std::stod(row->second[8]) ==
                  Approx(fit["ci95"][param][0].get<double>()).epsilon(1e-12));
            CHECK(std::stod(row->second[9]) ==
                  Approx(fit["ci95"][param][1].get<double>()).epsilon(1e-12));
            CHECK(row->second[11] == fit["model"].get<std::string>());
        }
        // the movie's project file: its fronts, fingerprint and batch provenance
        const auto project = insitu::loadProject(dir / "out" / "movies" / name / (name + ".h5"));
        REQUIRE(project.movies.size() == 1);
        const auto& m = project.movies.front();
        CHECK(m.fingerprint == insitu::computeMovieFingerprint(movie));
        REQUIRE(m.batch.has_value());
        CHECK(m.batch->recipeHash.rfind("sha256:", 0) == 0);
        CHECK(m.batch->templateFingerprint == insitu::computeMovieFingerprint(f.templateProject));
        CHECK(!m.batch->programVersion.empty());
        REQUIRE(m.fronts.size() == 1);
        CHECK(m.fronts.front().result.fronts.size() == 1);
        CHECK(fs::exists(dir / "out" / "movies" / name / "roi1_fronts.csv"));
        CHECK(fs::exists(dir / "out" / "movies" / name / (name + ".log")));
    }
    CHECK(readCsv(dir / "out" / "failures.csv").size() == 1); // header only
}

TEST_CASE("insitu batch --resume redoes nothing and redoes a changed movie", "[cli][batch]")
{
    const auto& f = fixture();
    const auto dir = insitu::test::scratchDir("cli_batch_resume");
    // a private copy of two movies, so that one can be changed
    fs::create_directories(dir / "movies");
    for (int k = 0; k < 2; ++k)
        fs::copy_file(f.movies[static_cast<std::size_t>(k)],
                      dir / "movies" / f.movies[static_cast<std::size_t>(k)].filename());
    const auto recipe = writeRecipe(dir, {"movies/*.tif"}, dir / "out"); // relative to recipe
    REQUIRE(runCli("batch " + recipe.string()).exitCode == 0);
    const auto summary = slurp(dir / "out" / "summary.csv");
    const auto project = dir / "out" / "movies" / "wire0" / "wire0.h5";
    const auto written = fs::last_write_time(project);

    const auto again = runCli("batch " + recipe.string() + " --resume");
    INFO(again.err);
    REQUIRE(again.exitCode == 0);
    CHECK(again.err.find("0 done, 2 skipped") != std::string::npos);
    CHECK(fs::last_write_time(project) == written);
    CHECK(slurp(dir / "out" / "summary.csv") == summary);

    // another movie under the same name: only it is analysed again
    fs::copy_file(f.movies[2], dir / "movies" / "wire1.tif", fs::copy_options::overwrite_existing);
    const auto changed = runCli("batch " + recipe.string() + " --resume");
    REQUIRE(changed.exitCode == 0);
    CHECK(changed.err.find("1 done, 1 skipped") != std::string::npos);
    CHECK(slurp(dir / "out" / "summary.csv") != summary);
}

TEST_CASE("insitu batch array shares merged equal a single run", "[cli][batch]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_shares");
    const auto single = writeRecipe(dir / "single", {moviesGlob()}, dir / "single" / "out");
    REQUIRE(runCli("batch " + single.string()).exitCode == 0);
    const auto shared = writeRecipe(dir / "shared", {moviesGlob()}, dir / "shared" / "out");
    for (int i = 0; i < 3; ++i) {
        const auto r = runCli("batch " + shared.string() + " --array-index " + std::to_string(i) +
                              " --array-count 3");
        REQUIRE(r.exitCode == 0);
        CHECK_FALSE(fs::exists(dir / "shared" / "out" / "summary.csv")); // the merge makes it
    }
    const auto merged = runCli("batch --merge " + (dir / "shared" / "out").string());
    INFO(merged.err);
    REQUIRE(merged.exitCode == 0);
    CHECK(slurp(dir / "shared" / "out" / "summary.csv") ==
          slurp(dir / "single" / "out" / "summary.csv"));
}

TEST_CASE("insitu batch reports a bad movie, analyses the others and exits 2", "[cli][batch]")
{
    const auto& f = fixture();
    const auto dir = insitu::test::scratchDir("cli_batch_bad");
    const auto broken = dir / "broken.tif";
    std::ofstream(broken) << "not a movie";
    const auto recipe = writeRecipe(
        dir, {f.movies[0].string(), broken.string(), f.movies[1].string()}, dir / "out");
    const auto r = runCli("batch " + recipe.string() + " --jobs 2");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("broken.tif") != std::string::npos);
    const auto failures = readCsv(dir / "out" / "failures.csv");
    REQUIRE(failures.size() == 2);
    CHECK(failures[1][0] == broken.string());
    CHECK_FALSE(failures[1][2].empty());
    const auto rows = readCsv(dir / "out" / "summary.csv");
    std::set<std::string> movies;
    for (std::size_t i = 1; i < rows.size(); ++i)
        movies.insert(rows[i][0]);
    CHECK(movies == std::set<std::string>{"wire0", "wire1"});
    CHECK(fs::exists(dir / "out" / "movies" / "broken" / "broken.log"));

    // an array share with the bad movie fails too; the merge lists it and exits 2
    const auto share = runCli("batch " + recipe.string() + " --array-index 0 --array-count 3");
    CHECK(share.exitCode == 2);
    const auto merged = runCli("batch --merge " + (dir / "out").string());
    CHECK(merged.exitCode == 2);
    CHECK(merged.err.find("broken.tif") != std::string::npos);
}

TEST_CASE("insitu batch: bad recipes exit 2 with one message naming the file", "[cli][batch]")
{
    const auto& f = fixture();
    const auto dir = insitu::test::scratchDir("cli_batch_errors");
    auto r = runCli("batch " + (dir / "none.json").string());
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("none.json") != std::string::npos);

    const auto missing = writeRecipe(dir / "missing", {(dir / "gone.tif").string()}, dir / "o");
    r = runCli("batch " + missing.string());
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("gone.tif") != std::string::npos);

    const auto noMatch = writeRecipe(dir / "nomatch", {(dir / "*.ser").string()}, dir / "o");
    r = runCli("batch " + noMatch.string());
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("matches no file") != std::string::npos);

    r = runCli("batch --merge " + dir.string());
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("batch.json") != std::string::npos);

    const auto badShare = writeRecipe(dir / "share", {f.movies[0].string()}, dir / "o");
    r = runCli("batch " + badShare.string() + " --array-index 3 --array-count 2");
    CHECK(r.exitCode == 2);
}

TEST_CASE("insitu batch with a drift-corrected template equals insitu front --drift mean",
          "[cli][batch]")
{
    const auto& f = fixture();
    const auto dir = insitu::test::scratchDir("cli_batch_drift");
    const auto templatePath = dir / "drift-template.h5";
    REQUIRE(runCli("front " + f.movies[0].string() + " --line " + f.line +
                   " --width 14 --drift mean --project " + templatePath.string())
                .exitCode == 0);
    const nlohmann::json recipe = {{"movies", {f.movies[1].string()}},
                                   {"template", templatePath.string()},
                                   {"output", (dir / "out").string()}};
    std::ofstream(dir / "recipe.json") << recipe.dump();
    REQUIRE(runCli("batch " + (dir / "recipe.json").string() + " --jobs 2").exitCode == 0);
    const auto hand = runCli("front " + f.movies[1].string() + " --line " + f.line +
                             " --width 14 --drift mean --json");
    REQUIRE(hand.exitCode == 0);
    const auto fit = nlohmann::json::parse(hand.out)["fronts"][0]["fit"];
    REQUIRE(fit.is_object());
    int compared = 0;
    bool driftRows = false;
    for (const auto& row : readCsv(dir / "out" / "summary.csv")) {
        driftRows = driftRows || row[3] == "drift";
        if (row[3] == "fronts" && fit["params"].contains(row[5])) {
            CHECK(std::stod(row[6]) == Approx(fit["params"][row[5]].get<double>()).epsilon(1e-12));
            ++compared;
        }
    }
    CHECK(driftRows);
    CHECK(compared == static_cast<int>(fit["params"].size()));
    const auto project = insitu::loadProject(dir / "out" / "movies" / "wire1" / "wire1.h5");
    REQUIRE(project.movies.front().drift.has_value());
    CHECK(fs::exists(dir / "out" / "movies" / "wire1" / "drift.csv"));
}
