// One path from the core to both front ends: the window exports the bytes `insitu` writes and
// fits the numbers `insitu front` reports, for the same project.

#include <catch2/catch.hpp>

#include "document/document.h"
#include "exports.h"
#include "main_window.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"

#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/kinetics/fit_json.h"

#include <nlohmann/json.hpp>

#include <QSettings>
#include <QStandardPaths>

#include <fstream>
#include <sstream>

using namespace insitu;

namespace {
std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// `insitu front` on the bundled nanowire sample, saved as a project; returns the JSON printed.
nlohmann::json runFront(const std::filesystem::path& folder)
{
    const auto sample = test::sourceDir() / "data/samples/nanowire-front.tif";
    const auto result = test::runCli(
        "front " + sample.string() + " --line 22,53,245.45,68.63 --fronts 2 --project " +
        (folder / "cli.h5").string() + " -o " + (folder / "cli_fronts.csv").string() +
        " --fit-table " + (folder / "cli_fits.csv").string() + " --json");
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    return nlohmann::json::parse(result.out);
}
} // namespace

TEST_CASE("the window exports the CSV bytes the CLI writes for the same project", "[app][seam]")
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const auto folder = test::scratchDir("gui_cli_identical_csv");
    const nlohmann::json cli = runFront(folder);
    const auto exported = test::runCli("export " + (folder / "cli.h5").string() + " --csv --out " +
                                       (folder / "export").string());
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);

    app::MainWindow window;
    REQUIRE(window.openPath(QString::fromStdString((folder / "cli.h5").string())));
    app::Document* document = window.document();
    REQUIRE(document->roiCount() == 1);
    const int roiId = document->roi(0).id;
    // The project's results are on screen at once, without clicking the ROI.
    CHECK(window.frontsPanel()->roiId() == roiId);
    CHECK(window.kineticsPanel()->roiId() == roiId);

    app::exportFrontsCsv(*document, roiId,
                         QString::fromStdString((folder / "gui_fronts.csv").string()));
    app::exportDriftCsv(*document, QString::fromStdString((folder / "gui_drift.csv").string()));
    app::exportFitTableCsv(*document, roiId,
                           QString::fromStdString((folder / "gui_fits.csv").string()));
    const std::string guiFronts = slurp(folder / "gui_fronts.csv");
    REQUIRE_FALSE(guiFronts.empty());
    CHECK(guiFronts ==
          slurp(folder / ("export/movie1_roi" + std::to_string(roiId) + "_fronts.csv")));
    CHECK(guiFronts == slurp(folder / "cli_fronts.csv"));
    CHECK(slurp(folder / "gui_drift.csv") == slurp(folder / "export/movie1_drift.csv"));
    CHECK(slurp(folder / "gui_fits.csv") == slurp(folder / "cli_fits.csv"));
    document->setClean();
}

TEST_CASE("the kinetics panel fits the numbers the CLI reports for the same front", "[app][seam]")
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const auto folder = test::scratchDir("gui_cli_identical_fit");
    const nlohmann::json cli = runFront(folder);

    app::MainWindow window;
    REQUIRE(window.openPath(QString::fromStdString((folder / "cli.h5").string())));
    app::Document* document = window.document();
    const int roiId = document->roi(0).id;
    REQUIRE(document->fronts(roiId) != nullptr);
    // Fit again in the window, with the CLI's default model, and compare with its JSON.
    app::KineticsPanel* kinetics = window.kineticsPanel();
    kinetics->setModel(QStringLiteral("linear"));
    kinetics->setModel(QStringLiteral("auto"));
    const ProjectFronts* fronts = document->fronts(roiId);
    REQUIRE(fronts->result.fronts.size() == cli["fronts"].size());
    int compared = 0;
    for (std::size_t f = 0; f < fronts->result.fronts.size(); ++f) {
        const FrontTrack& track = fronts->result.fronts[f];
        const nlohmann::json& cliFit = cli["fronts"][f]["fit"];
        INFO("front " << track.index);
        CHECK(cli["fronts"][f]["index"] == track.index);
        if (cliFit.is_null()) {
            CHECK_FALSE(track.fit.has_value());
            continue;
        }
        REQUIRE(track.fit.has_value());
        CHECK(fitToJson(*track.fit) == cliFit);
        CHECK(*track.fit == fitFromJson(cliFit));
        ++compared;
    }
    CHECK(compared > 0);
    CHECK(kinetics->modelName() == QStringLiteral("auto"));
    document->setClean();
}
