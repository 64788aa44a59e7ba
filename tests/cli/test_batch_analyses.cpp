// `insitu batch` with areas, FFT and grains templates: every movie's summary rows equal the
// numbers of the analysis's own subcommand run by hand on that movie (1e-12), and the project
// file holds the result.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/export/crystal_options_json.h"
#include "insitu/io/tiff_writer.h"
#include "insitu/project/project_file.h"
#include "insitu/synth/hrtem_patches.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>
#include <tuple>

using insitu::test::runCli;

namespace {

namespace fs = std::filesystem;

/// summary.csv as (movie, object, quantity) → cells.
using Summary =
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>>;

Summary readSummary(const fs::path& path)
{
    std::ifstream in(path);
    Summary summary;
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
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
        REQUIRE(cells.size() == 13);
        summary[{cells[0], cells[4], cells[5]}] = cells;
    }
    return summary;
}

/// The cells of one row; fails the test when it is missing.
const std::vector<std::string>& row(const Summary& summary, const std::string& movie,
                                    const std::string& object, const std::string& quantity)
{
    const auto found = summary.find({movie, object, quantity});
    INFO(movie << " / " << object << " / " << quantity);
    REQUIRE(found != summary.end());
    return found->second;
}

void checkNumber(const std::string& cell, double expected)
{
    INFO("cell " << cell << " expected " << expected);
    REQUIRE(!cell.empty());
    CHECK(std::stod(cell) == Approx(expected).epsilon(1e-12).margin(1e-300));
}

fs::path writeRecipe(const fs::path& dir, const std::string& moviesGlob, const fs::path& templ)
{
    const nlohmann::json recipe = {
        {"movies", {moviesGlob}}, {"template", templ.string()}, {"output", (dir / "out").string()}};
    const auto path = dir / "recipe.json";
    std::ofstream(path) << recipe.dump(2);
    return path;
}

nlohmann::json runJson(const std::string& args)
{
    const auto r = runCli(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.exitCode == 0);
    return nlohmann::json::parse(r.out);
}

/// A 16-gon 5 % larger than the truth particle at frame 0 ("x,y,x,y,…").
std::string polygonOf(const nlohmann::json& p)
{
    const double r = 1.05 * std::sqrt(p["areas_px"][0].get<double>() / std::numbers::pi);
    std::ostringstream out;
    out.precision(17);
    for (int i = 0; i < 16; ++i) {
        const double a = 2 * std::numbers::pi * i / 16;
        out << (i ? "," : "") << p["x_px"].get<double>() + r * std::cos(a) << ','
            << p["y_px"].get<double>() + r * std::sin(a);
    }
    return out.str();
}

} // namespace

TEST_CASE("insitu batch areas equal insitu area by hand", "[cli][batch][batch-areas]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_areas");
    fs::create_directories(dir / "movies");
    nlohmann::json truth;
    const int doses[] = {15, 9};
    for (int k = 0; k < 2; ++k) {
        const auto movie = dir / "movies" / ("particle" + std::to_string(k) + ".tif");
        const auto truthPath = dir / ("truth" + std::to_string(k) + ".json");
        REQUIRE(runCli("synth expanding-particle -o " + movie.string() + " --truth " +
                       truthPath.string() + " --frames 20 --seed 3 --dose " +
                       std::to_string(doses[k]))
                    .exitCode == 0);
        if (k == 0)
            truth = nlohmann::json::parse(std::ifstream(truthPath));
    }
    std::string polygons;
    for (const auto& p : truth["growing_particles"])
        polygons += " --polygon " + polygonOf(p);
    const std::string args = polygons + " --drift mean --model linear";
    const auto templ = dir / "template.h5";
    runJson("area " + (dir / "movies" / "particle0.tif").string() + args + " --project " +
            templ.string() + " --json");

    const auto recipe = writeRecipe(dir, "movies/*.tif", templ);
    const auto r = runCli("batch " + recipe.string() + " --jobs 2");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const Summary summary = readSummary(dir / "out" / "summary.csv");
    for (int k = 0; k < 2; ++k) {
        const std::string name = "particle" + std::to_string(k);
        const auto doc =
            runJson("area " + (dir / "movies" / (name + ".tif")).string() + args + " --json");
        REQUIRE(doc["particles"].size() == truth["growing_particles"].size());
        for (const auto& p : doc["particles"]) {
            const std::string object = "particle " + std::to_string(p["index"].get<int>());
            checkNumber(row(summary, name, object, "final_area_ratio")[6],
                        p["area_ratio"].back().get<double>());
            if (!p["initial_rate_per_s"].is_null()) {
                const auto& rate = row(summary, name, object, "initial_rate_per_s");
                checkNumber(rate[6], p["initial_rate_per_s"].get<double>());
                checkNumber(rate[8], p["initial_rate_ci95"][0].get<double>());
                checkNumber(rate[9], p["initial_rate_ci95"][1].get<double>());
                // The interval's method as the onset fit states it (bootstrap, or widened by
                // the AR(1) noise model), the same in the summary and the JSON.
                CHECK(rate[10] == p["initial_rate_ci_method"].get<std::string>());
            }
            REQUIRE(p["fit"].is_object());
            for (const auto& [param, value] : p["fit"]["params"].items()) {
                const auto& cells = row(summary, name, object, param);
                checkNumber(cells[6], value.get<double>());
                checkNumber(cells[8], p["fit"]["ci95"][param][0].get<double>());
                checkNumber(cells[9], p["fit"]["ci95"][param][1].get<double>());
                CHECK(cells[11] == p["fit"]["model"].get<std::string>());
            }
        }
        const auto project = insitu::loadProject(dir / "out" / "movies" / name / (name + ".h5"));
        REQUIRE(project.movies.front().areas.has_value());
        CHECK(project.movies.front().areas->result.particles.size() == doc["particles"].size());
        CHECK(project.movies.front().drift.has_value());
        CHECK(fs::exists(dir / "out" / "movies" / name / "areas.csv"));
    }
}

namespace {

void writeHrtem(const fs::path& path, unsigned seed)
{
    insitu::HrtemScene scene;
    scene.imaging.width = scene.imaging.height = 256;
    scene.imaging.seed = seed;
    scene.patchCount = 2;
    const insitu::SynthMovie movie = insitu::renderHrtemPatches(scene);
    insitu::TiffStackOptions options;
    options.width = options.height = 256;
    options.frameCount = 1;
    options.nmPerPixel = scene.imaging.nmPerPixel;
    insitu::TiffStackWriter writer(path, options);
    writer.appendFrame(movie.frames[0]);
    writer.finish();
}

} // namespace

TEST_CASE("insitu batch FFT regions and map equal insitu fft by hand", "[cli][batch][batch-fft]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_fft");
    fs::create_directories(dir / "movies");
    for (unsigned k = 0; k < 2; ++k)
        writeHrtem(dir / "movies" / ("hrtem" + std::to_string(k) + ".tif"), 2 + k);
    std::ofstream(dir / "phases.csv") << "phase,hkl,d_nm\nCu,111,0.2087\nCu,200,0.1808\n"
                                         "Li2O,111,0.2664\nLi2O,220,0.1631\n";

    // The template: a whole-frame region, a rectangle ROI's region and a map.
    insitu::Project templ;
    templ.name = "fft template";
    insitu::ProjectMovie movie = insitu::describeMovie(dir / "movies" / "hrtem0.tif", 1);
    insitu::Roi box;
    box.id = 4;
    box.shape = insitu::RoiShape::Rectangle;
    box.points = {{20, 30}, {147, 157}}; // pixels 20..147 × 30..157: 128 × 128
    movie.rois.push_back(box);
    insitu::FftOptions options;
    options.peaks.maxPeaks = 4;
    options.dList = insitu::readDList(dir / "phases.csv");
    const std::string optionsJson = insitu::fftOptionsJson(options).dump();
    insitu::ProjectFftRegion whole;
    whole.regionKind = "whole-frame";
    whole.optionsJson = optionsJson;
    insitu::ProjectFftRegion inBox = whole;
    inBox.regionKind = "rectangle";
    inBox.roiId = 4;
    inBox.regionPx = {20, 30, 128, 128};
    movie.fft.regions = {whole, inBox};
    insitu::ProjectCrystallinityMap map;
    map.optionsJson = insitu::crystallinityOptionsJson({}).dump();
    movie.fft.map = map;
    templ.movies.push_back(movie);
    templ.nextRoiId = 5;
    templ.nextMovieId = 2;
    insitu::saveProject(templ, dir / "template.h5");

    const auto recipe = writeRecipe(dir, "movies/*.tif", dir / "template.h5");
    const auto r = runCli("batch " + recipe.string());
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const Summary summary = readSummary(dir / "out" / "summary.csv");
    for (int k = 0; k < 2; ++k) {
        const std::string name = "hrtem" + std::to_string(k);
        const std::string file = (dir / "movies" / (name + ".tif")).string();
        const std::string common = " --peaks 4 --d-list " + (dir / "phases.csv").string();
        const nlohmann::json docs[] = {runJson("fft " + file + common + " --json"),
                                       runJson("fft " + file + common + " --roi 20,30,128,128 " +
                                               "--json --map -o " +
                                               (dir / (name + "_map.tif")).string())};
        for (int region = 0; region < 2; ++region) {
            const auto& peaks = docs[region]["peaks"];
            REQUIRE(!peaks.empty());
            for (std::size_t j = 0; j < peaks.size(); ++j) {
                const auto& cells =
                    row(summary, name,
                        "region " + std::to_string(region) + " peak " + std::to_string(j), "d_nm");
                checkNumber(cells[6], peaks[j]["d_nm"].get<double>());
                checkNumber(cells[7], peaks[j]["d_err_nm"].get<double>());
                if (peaks[j]["match"].is_object())
                    CHECK(cells[12] == peaks[j]["match"]["phase"].get<std::string>() + " " +
                                           peaks[j]["match"]["hkl"].get<std::string>());
            }
        }
        checkNumber(row(summary, name, "map", "crystalline_fraction")[6],
                    docs[1]["crystalline_fraction"].get<double>());
        const auto project = insitu::loadProject(dir / "out" / "movies" / name / (name + ".h5"));
        const auto& fft = project.movies.front().fft;
        REQUIRE(fft.regions.size() == 2);
        CHECK(fft.regions[1].roiId == 4);
        CHECK(fft.regions[1].regionPx == std::vector<double>{20, 30, 128, 128});
        REQUIRE(fft.map.has_value());
        CHECK(fft.map->crystallineFraction == docs[1]["crystalline_fraction"].get<double>());
    }
}

TEST_CASE("insitu batch grains equal insitu grains by hand", "[cli][batch][batch-grains]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_grains");
    fs::create_directories(dir / "movies");
    for (int k = 0; k < 2; ++k) {
        const auto film = dir / "movies" / ("film" + std::to_string(k) + ".tif");
        REQUIRE(runCli("synth grain-film -o " + film.string() +
                       " --width 256 --height 256 --cycled --seed " + std::to_string(4 + k))
                    .exitCode == 0);
    }
    insitu::Project templ;
    insitu::ProjectMovie movie = insitu::describeMovie(dir / "movies" / "film0.tif", 1);
    insitu::ProjectGrains grains;
    grains.roiPx = {16, 8, 224, 240};
    insitu::GrainAnalysisOptions options;
    options.grains.minGrainNm = 2.5;
    grains.parametersJson = insitu::grainOptionsJson(options).dump();
    movie.grains = grains;
    templ.movies.push_back(movie);
    templ.nextMovieId = 2;
    insitu::saveProject(templ, dir / "template.h5");

    const auto recipe = writeRecipe(dir, "movies/film?.tif", dir / "template.h5");
    const auto r = runCli("batch " + recipe.string() + " --jobs 2");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const Summary summary = readSummary(dir / "out" / "summary.csv");
    for (int k = 0; k < 2; ++k) {
        const std::string name = "film" + std::to_string(k);
        const auto doc = runJson("grains " + (dir / "movies" / (name + ".tif")).string() +
                                 " --roi 16,8,224,240 --min-grain-nm 2.5 --json");
        CHECK(std::stoi(row(summary, name, "grains", "count")[6]) ==
              static_cast<int>(doc["grains"].size()));
        const auto& median = doc["ecd_statistics_nm"]["median"];
        const auto& cells = row(summary, name, "grains", "ecd_median_nm");
        checkNumber(cells[6], median["value"].get<double>());
        checkNumber(cells[8], median["low"].get<double>());
        checkNumber(cells[9], median["high"].get<double>());
        for (const char* phase : {"crystalline", "amorphous", "pore"}) {
            const auto& f = doc["phase_intervals"][phase];
            const auto& p = row(summary, name, "phases", std::string(phase) + "_fraction");
            checkNumber(p[6], f["value"].get<double>());
            checkNumber(p[8], f["low"].get<double>());
            checkNumber(p[9], f["high"].get<double>());
        }
        if (!doc["astm_e112"]["mean_intercept_nm"].is_null())
            checkNumber(row(summary, name, "e112 pattern", "mean_intercept_nm")[6],
                        doc["astm_e112"]["mean_intercept_nm"].get<double>());
        const auto project = insitu::loadProject(dir / "out" / "movies" / name / (name + ".h5"));
        REQUIRE(project.movies.front().grains.has_value());
        CHECK(project.movies.front().grains->grains.size() == doc["grains"].size());
    }
}

TEST_CASE("insitu batch areas: a seed drawn from a ROI follows the recipe's ROI override",
          "[cli][batch][batch-areas]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_areas_override");
    fs::create_directories(dir / "movies");
    const auto movie = dir / "movies" / "grow.tif";
    REQUIRE(runCli("synth expanding-particle -o " + movie.string() + " --truth " +
                   (dir / "truth.json").string() + " --frames 12 --seed 5")
                .exitCode == 0);
    const auto truth = nlohmann::json::parse(std::ifstream(dir / "truth.json"));
    const auto& particles = truth["growing_particles"];
    REQUIRE(particles.size() >= 2);
    std::vector<std::string> polygons;
    for (const auto& p : particles)
        polygons.push_back(polygonOf(p));
    const auto templIn = dir / "template-in.h5";
    std::string args = " --drift none";
    for (const auto& p : polygons)
        args += " --polygon " + p;
    runJson("area " + movie.string() + args + " --project " + templIn.string() + " --json");

    // The template's particle 0 seed is drawn from polygon ROI 7; the recipe moves it 1.5 px.
    auto templ = insitu::loadProject(templIn);
    auto& m = templ.movies.front();
    insitu::Roi roi;
    roi.id = 7;
    roi.shape = insitu::RoiShape::Polygon;
    for (const auto& key : m.areas->result.keyframes)
        if (key.particle == 0)
            roi.points = key.outlinePx;
    REQUIRE(roi.points.size() == 16);
    m.rois.push_back(roi);
    templ.nextRoiId = 8;
    insitu::saveProject(templ, dir / "template.h5");
    nlohmann::json moved = nlohmann::json::array();
    std::ostringstream movedText;
    movedText.precision(17);
    for (std::size_t i = 0; i < roi.points.size(); ++i) {
        moved.push_back({roi.points[i].x + 1.5, roi.points[i].y});
        movedText << (i ? "," : "") << roi.points[i].x + 1.5 << ',' << roi.points[i].y;
    }
    const nlohmann::json recipe = {
        {"movies", {"movies/grow.tif"}},
        {"template", "template.h5"},
        {"output", "out"},
        {"overrides",
         {{"grow.tif", {{"rois", {{{"id", 7}, {"shape", "polygon"}, {"points_px", moved}}}}}}}}};
    std::ofstream(dir / "recipe.json") << recipe.dump(2);
    const auto r = runCli("batch " + (dir / "recipe.json").string());
    INFO(r.err);
    REQUIRE(r.exitCode == 0);

    std::string handArgs = " --drift none --polygon " + movedText.str();
    for (std::size_t i = 1; i < polygons.size(); ++i)
        handArgs += " --polygon " + polygons[i];
    const auto doc = runJson("area " + movie.string() + handArgs + " --json");
    const auto project = insitu::loadProject(dir / "out" / "movies" / "grow" / "grow.h5");
    const auto& result = project.movies.front().areas->result;
    REQUIRE(result.particles.size() == doc["particles"].size());
    for (std::size_t i = 0; i < result.particles.size(); ++i) {
        const auto& hand = doc["particles"][i]["area_px"];
        REQUIRE(result.particles[i].areaPx.size() == hand.size());
        for (std::size_t k = 0; k < hand.size(); ++k)
            CHECK(result.particles[i].areaPx[k] == Approx(hand[k].get<double>()).epsilon(1e-12));
    }
    CHECK(result.keyframes.front().outlinePx.front().x == Approx(roi.points.front().x + 1.5));
}

TEST_CASE("insitu batch FFT on a known ring writes the profile in the ring's pixel size",
          "[cli][batch][batch-fft]")
{
    const auto dir = insitu::test::scratchDir("cli_batch_fft_ring");
    fs::create_directories(dir / "movies");
    writeHrtem(dir / "movies" / "hrtem0.tif", 5);
    // A nominal pixel size 4 % off the file's (0.05 nm): the Cu 111 ring corrects it.
    const std::string nominal = "0.052";
    insitu::Project templ;
    insitu::ProjectMovie movie = insitu::describeMovie(dir / "movies" / "hrtem0.tif", 1);
    insitu::FftOptions options;
    options.peaks.maxPeaks = 4;
    nlohmann::json json = insitu::fftOptionsJson(options);
    json["calibrate_d_nm"] = 0.2087;
    insitu::ProjectFftRegion whole;
    whole.regionKind = "whole-frame";
    whole.optionsJson = json.dump();
    movie.fft.regions = {whole};
    templ.movies.push_back(movie);
    templ.nextMovieId = 2;
    insitu::saveProject(templ, dir / "template.h5");
    const nlohmann::json recipe = {{"movies", {"movies/*.tif"}},
                                   {"template", (dir / "template.h5").string()},
                                   {"calibration", {{"pixel_size_nm", std::stod(nominal)}}},
                                   {"output", (dir / "out").string()}};
    std::ofstream(dir / "recipe.json") << recipe.dump(2);
    const auto r = runCli("batch " + (dir / "recipe.json").string());
    INFO(r.err);
    REQUIRE(r.exitCode == 0);

    const std::string file = (dir / "movies" / "hrtem0.tif").string();
    const auto readFile = [](const fs::path& path) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    const auto hand = dir / "hand_profile.csv";
    const auto doc = runJson("fft " + file + " --peaks 4 --pixel-size-nm " + nominal +
                             " --calibrate-d-nm 0.2087 --json --profile " + hand.string());
    const double ringNmPerPixel = doc["calibration"]["pixel_size_nm"].get<double>();
    INFO("ring pixel size " << ringNmPerPixel << " nm");
    REQUIRE(std::abs(ringNmPerPixel - std::stod(nominal)) > 1e-3); // the ring moved it
    const auto nominalProfile = dir / "nominal_profile.csv";
    runJson("fft " + file + " --peaks 4 --pixel-size-nm " + nominal + " --json --profile " +
            nominalProfile.string());
    const std::string batch =
        readFile(dir / "out" / "movies" / "hrtem0" / "fft_region0_profile.csv");
    REQUIRE(!batch.empty());
    CHECK(batch == readFile(hand));
    CHECK(batch != readFile(nominalProfile)); // k in nm⁻¹ of the ring, not of the nominal size
}

TEST_CASE("insitu batch repeats the options insitu fft and grains --project stored",
          "[cli][batch][batch-fft][batch-grains]")
{
    // One options path: what the subcommands write into the project is what batch reads. A
    // template made by the CLI with non-default options on a movie, batched over that movie,
    // gives back the CLI's own results.
    const auto dir = insitu::test::scratchDir("cli_batch_crystal_options");
    fs::create_directories(dir / "movies");
    const auto movie = (dir / "movies" / "a0.tif").string();
    writeHrtem(movie, 7);
    std::ofstream(dir / "phases.csv") << "phase,hkl,d_nm\nCu,111,0.2087\nLi2O,111,0.2664\n";
    const auto templ = (dir / "template.h5").string();
    REQUIRE(runCli("fft " + movie + " --peaks 3 --window tukey --tolerance 0.03 --d-list " +
                   (dir / "phases.csv").string() + " --roi 16,24,160,144 --project " + templ)
                .exitCode == 0);
    REQUIRE(runCli("grains " + movie +
                   " --min-grain-nm 2.5 --merge-threshold 0.5 --grid-spacing-px 30 --project " +
                   templ)
                .exitCode == 0);
    fs::remove(dir / "phases.csv"); // the template holds the reflections, not the file's path

    const auto r = runCli("batch " + writeRecipe(dir, "movies/a0.tif", templ).string());
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto byHand = insitu::loadProject(templ).movies.front();
    const auto batched =
        insitu::loadProject(dir / "out" / "movies" / "a0" / "a0.h5").movies.front();
    REQUIRE(batched.fft.regions.size() == 1);
    const auto& hand = byHand.fft.regions.front();
    REQUIRE(!hand.peaks.empty());
    CHECK(hand.peaks.size() <= 3);
    CHECK(nlohmann::json::parse(hand.optionsJson)["d_list"].size() == 2);
    CHECK(batched.fft.regions.front().peaks == hand.peaks);
    CHECK(batched.fft.regions.front().profilePower == hand.profilePower);
    CHECK(batched.fft.regions.front().regionPx == hand.regionPx);
    REQUIRE(batched.grains.has_value());
    CHECK(nlohmann::json::parse(byHand.grains->parametersJson)["merge_threshold"] == 0.5);
    CHECK(batched.grains->grains == byHand.grains->grains);
    CHECK(batched.grains->lineGridMeanInterceptPx == byHand.grains->lineGridMeanInterceptPx);
    CHECK(batched.grains->crystalline == byHand.grains->crystalline);
}
