// `insitu grains --split/--boundary`: the Grains panel's hand cuts on the command line — applied
// through the core editedGrains after segmentation (the same labels as the panel's edit of the
// stored result), reflected in the JSON, CSV and labels, saved with --project; bad strokes exit 2
// with one message.
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/crystal/grain_cut.h"
#include "insitu/io/movie.h"
#include "insitu/project/grains_edit.h"
#include "insitu/project/project_file.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using insitu::test::runCli;

namespace {

struct Film
{
    std::filesystem::path dir;
    std::string image;
};

Film grainFilm()
{
    Film film{insitu::test::scratchDir("cli_grains_cuts"), {}};
    film.image = (film.dir / "film.tif").string();
    REQUIRE(
        runCli("synth grain-film -o " + film.image + " --width 320 --height 320 --seed 9 --cycled")
            .exitCode == 0);
    return film;
}

nlohmann::json grainsJson(const std::string& arguments)
{
    const auto result = runCli("grains " + arguments + " --json");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    return nlohmann::json::parse(result.out);
}

/// The largest interior grain of a grains JSON.
nlohmann::json largestInterior(const nlohmann::json& json)
{
    nlohmann::json best;
    for (const auto& g : json["grains"])
        if (!g["border"].get<bool>() &&
            (best.is_null() || g["area_px"].get<double>() > best["area_px"].get<double>()))
            best = g;
    REQUIRE(!best.is_null());
    return best;
}

std::string number(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

int csvRows(const std::filesystem::path& csv)
{
    std::ifstream in(csv);
    int rows = -1; // the header
    for (std::string line; std::getline(in, line);)
        ++rows;
    return rows;
}

} // namespace

TEST_CASE("insitu grains --split and --boundary cut grains as the Grains panel does",
          "[cli][grains][grains-edit]")
{
    const Film film = grainFilm();
    const nlohmann::json before = grainsJson(film.image);
    const auto plain = film.dir / "plain.h5";
    REQUIRE(runCli("grains " + film.image + " --project " + plain.string()).exitCode == 0);

    // a horizontal line through the largest interior grain, drawn past its edges
    const nlohmann::json big = largestInterior(before);
    const double x = big["x_px"].get<double>(), y = std::round(big["y_px"].get<double>());
    const double reach = big["ecd_px"].get<double>();
    const std::string split =
        number(x - reach) + "," + number(y) + "," + number(x + reach) + "," + number(y);
    // a boundary stroke across the whole frame (a polyline)
    std::string stroke;
    for (int sx = 0; sx <= 320; sx += 32)
        stroke += (stroke.empty() ? "" : ",") + std::to_string(sx) + "," + number(100 + 0.3 * sx);
    const auto csv = film.dir / "cut.csv";
    const auto labels = film.dir / "cut-labels.tif";
    const auto project = film.dir / "cut.h5";
    const nlohmann::json after = grainsJson(
        film.image + " --split=" + split + " --boundary=" + stroke + " -o " + csv.string() +
        " --labels " + labels.string() + " --project " + project.string());

    // more grains; the JSON, CSV and labels all show the cut ones
    const auto count = static_cast<int>(after["grains"].size());
    CHECK(count >= static_cast<int>(before["grains"].size()) + 2);
    CHECK(csvRows(csv) == count);
    const cv::Mat cutLabels = insitu::openMovie(labels)->frame(0).mat();
    double maxLabel = 0;
    cv::minMaxLoc(cutLabels, nullptr, &maxLabel);
    CHECK(static_cast<int>(maxLabel) >= count);
    CHECK(after["ecd_median_nm"].get<double>() < before["ecd_median_nm"].get<double>());
    CHECK(after["astm_e112"]["mean_intercept_px"].get<double>() <
          before["astm_e112"]["mean_intercept_px"].get<double>());
    CHECK(after["phases"] == before["phases"]); // cuts change grains, not the phase classes

    // the project holds the same edit the panel makes of the plain result
    const insitu::Project cut = insitu::loadProject(project);
    const insitu::Project uncut = insitu::loadProject(plain);
    REQUIRE(cut.movies.size() == 1);
    REQUIRE(cut.movies[0].grains.has_value());
    REQUIRE(uncut.movies[0].grains.has_value());
    insitu::ProjectGrains edited = *uncut.movies[0].grains;
    const cv::Mat plainLabels(edited.labelRows, edited.labelCols, CV_32S, edited.labels.data());
    const int id = insitu::grainCrossedMost(plainLabels, {x - reach, y}, {x + reach, y});
    REQUIRE(id > 0); // the grain the line crosses most (the picked one or a neighbour)
    edited = insitu::editedGrains(
        edited, {insitu::GrainEdit::Kind::Split, id, 0, {{x - reach, y}, {x + reach, y}}});
    std::vector<cv::Point2d> points;
    for (int sx = 0; sx <= 320; sx += 32)
        points.emplace_back(sx, std::stod(number(100 + 0.3 * sx)));
    edited = insitu::editedGrains(edited, {insitu::GrainEdit::Kind::Boundary, 0, 0, points});
    const insitu::ProjectGrains& saved = *cut.movies[0].grains;
    CHECK(saved.labels == edited.labels);
    CHECK(saved.grains == edited.grains);
    CHECK(saved.meanInterceptPx == edited.meanInterceptPx);
    CHECK(static_cast<int>(saved.grains.size()) == count);
    const cv::Mat savedLabels(saved.labelRows, saved.labelCols, CV_32S,
                              const_cast<std::int32_t*>(saved.labels.data()));
    CHECK(cv::countNonZero(savedLabels != cutLabels) == 0);
}

TEST_CASE("insitu grains refuses bad --split and --boundary strokes with one message",
          "[cli][grains][grains-edit]")
{
    const Film film = grainFilm();
    for (const std::string bad :
         {"--split 1,2,3", "--split 1,2,3,4,5,6", "--split a,b,c,d", "--split 10,20,x,40",
          "--split 1e9,0,0,0", "--split 10,,20,30", "--split 5000,5000,5100,5000", "--boundary 1,2",
          "--boundary 1,2,3", "--boundary=-900,-900,-800,-900"}) {
        const auto result = runCli("grains " + film.image + " " + bad);
        INFO(bad << ": " << result.err);
        CHECK(result.exitCode == 2);
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
        CHECK(result.err.find(bad.substr(0, bad.find_first_of(" ="))) != std::string::npos);
        CHECK(result.out.empty());
    }
}
