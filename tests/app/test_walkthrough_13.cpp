// Issue #13's walk-through as a new user: a project made by the CLI shows its results in every
// dock when it comes back through File ▸ Open recent and through crash recovery, and its
// analysis options come back with it.

#include <catch2/catch.hpp>

#include "document/commands/analysis_settings_commands.h"
#include "document/document.h"
#include "main_window.h"
#include "panels/drift_panel.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"
#include "panels/particles_panel.h"
#include "project/project_session.h"
#include "views/notice_banner.h"

#include "support/run_cli.h"
#include "support/test_paths.h"

#include <qcustomplot.h>

#include "insitu/error.h"
#include "insitu/io/movie_reader.h"

#include <QAction>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QUndoStack>

#include <fstream>
#include <iterator>

using namespace insitu;

namespace {

/// `insitu front` then `insitu particles` on the bundled nanowire sample, into one project.
std::filesystem::path cliProject(const std::filesystem::path& folder)
{
    const auto sample = test::sourceDir() / "data/samples/nanowire-front.tif";
    const auto project = folder / "cli.h5";
    std::filesystem::remove(project);
    const auto front =
        test::runCli("front " + sample.string() +
                     " --line 22,53,245.45,68.63 --fronts 2 --project " + project.string());
    INFO(front.err);
    REQUIRE(front.exitCode == 0);
    const auto particles =
        test::runCli("particles " + sample.string() + " --project " + project.string());
    INFO(particles.err);
    REQUIRE(particles.exitCode == 0);
    return project;
}

/// Data points drawn in plot (every plot of these docks is made of graphs).
int plottedPoints(const QCustomPlot* plot)
{
    int points = 0;
    for (int i = 0; i < plot->graphCount(); ++i)
        points += plot->graph(i)->dataCount();
    return points;
}

/// Every dock of window shows what its document holds: fronts and fits of the first path,
/// the drift plot, the particles table; nothing is marked stale but particles whose settings
/// were edited since.
void checkDocksShowResults(app::MainWindow& window, bool particleSettingsEdited = false)
{
    app::Document* document = window.document();
    REQUIRE(document->roiCount() >= 1);
    const int roiId = document->firstRoiWithFronts();
    REQUIRE(document->fronts(roiId) != nullptr);
    CHECK(window.frontsPanel()->roiId() == roiId);
    CHECK(window.kineticsPanel()->roiId() == roiId);
    CHECK(window.frontsPanel()->staleText().isEmpty());
    CHECK(window.kineticsPanel()->staleText().isEmpty());
    // the fit table holds a header and one row per front
    CHECK(window.kineticsPanel()->tableText().count(QLatin1Char('\n')) >=
          static_cast<int>(document->fronts(roiId)->result.fronts.size()));
    CHECK(plottedPoints(window.kineticsPanel()->plot()) > 0);
    REQUIRE(document->drift().has_value());
    CHECK(plottedPoints(window.driftPanel()->plot()) > 0);
    auto* particles = window.findChild<app::ParticlesPanel*>();
    REQUIRE(particles != nullptr);
    REQUIRE(document->particles().has_value());
    CHECK(particles->table()->rowCount() ==
          static_cast<int>(document->particles()->result.particles.size()));
    CHECK(particles->staleText().contains(QStringLiteral("settings changed")) ==
          particleSettingsEdited);
}

} // namespace

TEST_CASE("a CLI-made project shows every result through Open recent and crash recovery",
          "[app][walk13]")
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    app::ProjectSession::discardRecovery();
    const auto folder = test::scratchDir("walkthrough_13");
    const QString project = QString::fromStdString(cliProject(folder).string());

    {
        app::MainWindow first; // opening it puts it on the recent list
        REQUIRE(first.openPath(project));
        checkDocksShowResults(first);
    }
    ParticleAnalysisSettings edited;
    {
        app::MainWindow window;
        QAction* entry = nullptr;
        for (QMenu* menu : window.findChildren<QMenu*>())
            for (QAction* action : menu->actions())
                if (action->toolTip() == project)
                    entry = action;
        REQUIRE(entry != nullptr);
        entry->trigger(); // File ▸ Open recent ▸ cli.h5
        REQUIRE(window.document()->fileName() == project);
        checkDocksShowResults(window);

        // an unsaved option change, then the window dies before it is saved
        edited = window.document()->particleSettings();
        edited.options.maxNeckRatio = 0.4;
        window.document()->undoStack()->push(
            new app::ChangeParticleSettings(window.document(), edited));
        window.session()->autosave();
        REQUIRE(app::ProjectSession::hasRecovery());
    } // destroyed without closing: the recovery file stays, as after a crash
    REQUIRE(app::ProjectSession::hasRecovery());
    app::MainWindow restored;
    restored.session()->restoreRecovery();
    CHECK_FALSE(restored.document()->isClean());
    CHECK(restored.document()->particleSettings() == edited);
    checkDocksShowResults(restored, true);
    app::ProjectSession::discardRecovery();
}

TEST_CASE("opening another movie clears the previous movie's results from every dock",
          "[app][walk13]")
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const auto folder = test::scratchDir("walkthrough_13_other");
    const QString project = QString::fromStdString(cliProject(folder).string());
    const auto other = folder / "other.tif";
    REQUIRE(test::runCli("synth particles -o " + other.string() +
                         " --frames 2 --width 64 --height 64 --particles 5")
                .exitCode == 0);
    app::MainWindow window;
    REQUIRE(window.openPath(project));
    checkDocksShowResults(window);
    const QString firstFitRow = window.kineticsPanel()->tableText().split(QLatin1Char('\n')).at(1);
    REQUIRE(window.openPath(QString::fromStdString(other.string())));
    CHECK(window.document()->roiCount() == 0);
    CHECK(window.frontsPanel()->roiId() == 0);
    CHECK(plottedPoints(window.kineticsPanel()->plot()) == 0);
    CHECK_FALSE(window.kineticsPanel()->tableText().contains(firstFitRow));
    CHECK(plottedPoints(window.driftPanel()->plot()) == 0);
    auto* particles = window.findChild<app::ParticlesPanel*>();
    REQUIRE(particles != nullptr);
    CHECK(particles->table()->rowCount() == 0);
    // the options are the new movie's: the defaults
    CHECK(window.document()->particleSettings() == ParticleAnalysisSettings{});
}

TEST_CASE("the window shows the reader's warnings: truncated TIFF, dropped channels, non-square "
          "pixels",
          "[app][walk13]")
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const auto folder = test::scratchDir("walkthrough_13_notes");
    app::MainWindow window;
    window.show();
    auto shows = [&](const std::string& text) {
        const QString joined = window.noticeBanner()->notes().join(QLatin1Char('\n'));
        INFO(joined.toStdString());
        CHECK(window.noticeBanner()->isVisible());
        CHECK(joined.contains(QString::fromStdString(text)));
    };

    SECTION("a truncated TIFF opens with its intact frames and names the first missing one")
    {
        // the real ImageJ stack cut where it keeps some, not all, of its frames
        const auto whole = test::externalDataDir() /
                           "rosettasciio/tiff/test_loading_image_saved_with_imageJ_stack.tif";
        const MovieInfo info = openMovieReader(whole)->info();
        const int frames = info.frameCount;
        std::ifstream in(whole, std::ios::binary);
        const std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
        const auto cut = folder / "cut.tif";
        bool partial = false;
        for (int c = 1; c < 20 && !partial; ++c) {
            {
                std::ofstream out(cut, std::ios::binary | std::ios::trunc);
                out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() * c / 20));
            }
            try {
                const MovieInfo part = openMovieReader(cut)->info();
                partial =
                    part.format == info.format && part.frameCount >= 1 && part.frameCount < frames;
            } catch (const Error&) {
                // this cut took what says where the frames are: try a longer one
            }
        }
        REQUIRE(partial);
        REQUIRE(window.openPath(QString::fromStdString(cut.string())));
        REQUIRE(window.movie() != nullptr);
        const int kept = window.movie()->frameCount();
        CHECK(kept >= 1);
        CHECK(kept < frames);
        shows("frame " + std::to_string(kept) + " and later are missing");
    }
    SECTION("an OME-TIFF hyperstack says which channel and slice it shows")
    {
        REQUIRE(window.openPath(QString::fromStdString(
            (test::externalDataDir() / "ome-model/18x24y5z5t2c8b-text.ome.tiff").string())));
        shows("first slice and channel used");
    }
    SECTION("a DM file with non-square pixels says so")
    {
        REQUIRE(window.openPath(QString::fromStdString(
            (test::externalDataDir() / "openNCEM/dmTest_float32_nonSquare_diffPixelSize.dm3")
                .string())));
        shows("not square");
    }
}
