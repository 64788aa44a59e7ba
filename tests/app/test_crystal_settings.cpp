// FFT and Grains panel options in the Document (issue #13): a widget edit is one undo step that
// undo restores in widget and Document; the options survive save and reopen; a changed option
// marks the stored result stale; a project made by `insitu fft|grains --project` shows the
// options its result used.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/commands/analysis_settings_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/fft_panel.h"
#include "panels/grains_panel.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"
#include "insitu/synth/grain_film.h"
#include "insitu/synth/hrtem_patches.h"
#include "insitu/synth/scene_truth.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QUndoStack>

using namespace insitu;
using insitu::app::Document;

using insitu::test::child;
using insitu::test::grainFilmMovie;
using insitu::test::hrtemMovie;
using insitu::test::openMovie;
using insitu::test::reopen;
using insitu::test::waitForJob;

TEST_CASE("FFT options live in the Document: undo, save and reopen", "[app][settings]")
{
    QObject owner;
    Document document;
    app::JobRunner jobs;
    app::FftPanel panel(&document, &jobs);
    openMovie(document, hrtemMovie(128, 4));
    auto* peaks = child<QSpinBox>(panel, "fftMaxPeaks");
    auto* window = child<QComboBox>(panel, "fftWindow");
    auto* tolerance = child<QDoubleSpinBox>(panel, "fftTolerance");
    CHECK(peaks->value() == FftOptions{}.peaks.maxPeaks);
    CHECK(document.fftSettings() == FftAnalysisSettings{});

    const int before = document.undoStack()->count();
    peaks->setValue(5);
    CHECK(document.fftSettings().region.options.peaks.maxPeaks == 5);
    CHECK(panel.settings().options.peaks.maxPeaks == 5);
    CHECK(document.undoStack()->count() == before + 1);
    peaks->setValue(6); // typing on in the same box merges into the same step
    CHECK(document.undoStack()->count() == before + 1);
    document.undoStack()->undo();
    CHECK(document.fftSettings() == FftAnalysisSettings{});
    CHECK(peaks->value() == FftOptions{}.peaks.maxPeaks);
    document.undoStack()->redo();
    CHECK(peaks->value() == 6);

    document.undoStack()->push(new QUndoCommand(QStringLiteral("barrier")));
    window->setCurrentIndex(window->findData(static_cast<int>(FftTaper::Tukey)));
    tolerance->setValue(0.04);
    CHECK(document.fftSettings().region.options.spectrum.taper == FftTaper::Tukey);
    CHECK(document.fftSettings().region.options.matchTolerance == Approx(0.04));
    // spots are part of the settings (the panel's spot masks)
    FftAnalysisSettings withSpot = document.fftSettings();
    withSpot.spots = {{0.1, 0.05, 0.01}};
    document.undoStack()->push(new app::ChangeFftSettings(&document, withSpot));

    const auto dir = test::scratchDir("app_crystal_settings_fft");
    Document* again = reopen(document, dir / "f.h5", hrtemMovie(128, 4), &owner);
    app::FftPanel reopenedPanel(again, &jobs);
    CHECK(again->fftSettings() == document.fftSettings());
    CHECK(again->fftSettings().spots.size() == 1);
    CHECK(child<QSpinBox>(reopenedPanel, "fftMaxPeaks")->value() == 6);
    CHECK(child<QComboBox>(reopenedPanel, "fftWindow")->currentData().toInt() ==
          static_cast<int>(FftTaper::Tukey));
    CHECK(child<QDoubleSpinBox>(reopenedPanel, "fftTolerance")->value() == Approx(0.04));
}

TEST_CASE("a changed FFT option marks the stored region stale; Re-run uses the new options",
          "[app][settings]")
{
    Document document;
    app::JobRunner jobs;
    app::FftPanel panel(&document, &jobs);
    openMovie(document, hrtemMovie(128, 4));
    REQUIRE(panel.analyse());
    waitForJob(jobs);
    REQUIRE(panel.addToProject());
    REQUIRE(document.fft().regions.size() == 1);
    CHECK(panel.staleText().isEmpty());
    child<QSpinBox>(panel, "fftMaxPeaks")->setValue(3);
    CHECK(panel.staleText().contains(QStringLiteral("other options")));
    document.undoStack()->undo();
    CHECK(panel.staleText().isEmpty());
    document.undoStack()->redo();
    waitForJob(jobs); // the live analysis the change started
    REQUIRE(panel.rerunStored());
    waitForJob(jobs);
    CHECK(panel.staleText().isEmpty());
    CHECK(document.fft().regions.front().peaks.size() <= 3);
}

TEST_CASE("grains options live in the Document: undo, save and reopen, stale result",
          "[app][settings]")
{
    QObject owner;
    Document document;
    app::JobRunner jobs;
    app::GrainsPanel panel(&document, &jobs);
    openMovie(document, grainFilmMovie(192, 8));
    auto* minGrain = child<QDoubleSpinBox>(panel, "grainsMinGrain");
    auto* merge = child<QDoubleSpinBox>(panel, "grainsMergeThreshold");
    CHECK(minGrain->value() == Approx(GrainOptions{}.minGrainNm));
    CHECK(document.grainSettings() == GrainAnalysisSettings{});

    REQUIRE(panel.run());
    waitForJob(jobs);
    REQUIRE(document.grains().has_value());
    CHECK(panel.staleText().isEmpty());

    const int before = document.undoStack()->count();
    merge->setValue(1.7);
    CHECK(document.grainSettings().options.grains.mergeThreshold == Approx(1.7));
    CHECK(panel.options().grains.mergeThreshold == Approx(1.7));
    CHECK(document.undoStack()->count() == before + 1);
    CHECK(panel.staleText().contains(QStringLiteral("other options")));
    document.undoStack()->undo();
    CHECK(document.grainSettings() == GrainAnalysisSettings{});
    CHECK(merge->value() == Approx(GrainOptions{}.mergeThreshold));
    CHECK(panel.staleText().isEmpty());
    document.undoStack()->redo();
    document.undoStack()->push(new QUndoCommand(QStringLiteral("barrier")));
    minGrain->setValue(4.5);
    CHECK(document.grainSettings().options.grains.minGrainNm == Approx(4.5));

    const auto dir = test::scratchDir("app_crystal_settings_grains");
    Document* again = reopen(document, dir / "g.h5", grainFilmMovie(192, 8), &owner);
    app::GrainsPanel reopenedPanel(again, &jobs);
    CHECK(again->grainSettings() == document.grainSettings());
    CHECK(child<QDoubleSpinBox>(reopenedPanel, "grainsMinGrain")->value() == Approx(4.5));
    CHECK(child<QDoubleSpinBox>(reopenedPanel, "grainsMergeThreshold")->value() == Approx(1.7));
    CHECK(reopenedPanel.staleText().contains(QStringLiteral("other options")));
    REQUIRE(reopenedPanel.run()); // Re-run with the options shown
    waitForJob(jobs);
    CHECK(reopenedPanel.staleText().isEmpty());
}

TEST_CASE("projects made by `insitu fft` and `insitu grains` show the options their results used",
          "[app][settings]")
{
    const auto dir = test::scratchDir("app_crystal_settings_cli");
    const std::string hrtem = (dir / "h.tif").string();
    const std::string film = (dir / "g.tif").string();
    const std::string fftProject = (dir / "f.h5").string();
    const std::string grainsProject = (dir / "g.h5").string();
    std::filesystem::remove(fftProject);
    std::filesystem::remove(grainsProject);
    REQUIRE(
        test::runCli("synth hrtem -o " + hrtem + " --width 128 --height 128 --seed 2").exitCode ==
        0);
    REQUIRE(
        test::runCli("synth grain-film -o " + film + " --width 192 --height 192 --cycled --seed 3")
            .exitCode == 0);
    auto run = test::runCli("fft " + hrtem + " --project " + fftProject +
                            " --peaks 4 --window tukey --tolerance 0.03");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    run = test::runCli("grains " + film + " --project " + grainsProject +
                       " --min-grain-nm 3.5 --merge-threshold 0.8");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);

    Document document;
    app::JobRunner jobs;
    app::FftPanel fftPanel(&document, &jobs);
    document.loadProjectValue(loadProject(fftProject), insitu::openMovie(hrtem), QString());
    REQUIRE(document.fft().regions.size() == 1);
    CHECK(document.fftSettings().region.options.peaks.maxPeaks == 4);
    CHECK(child<QSpinBox>(fftPanel, "fftMaxPeaks")->value() == 4);
    CHECK(child<QComboBox>(fftPanel, "fftWindow")->currentData().toInt() ==
          static_cast<int>(FftTaper::Tukey));
    CHECK(fftPanel.staleText().isEmpty());

    Document grainsDocument;
    app::GrainsPanel grainsPanel(&grainsDocument, &jobs);
    grainsDocument.loadProjectValue(loadProject(grainsProject), insitu::openMovie(film), QString());
    REQUIRE(grainsDocument.grains().has_value());
    CHECK(grainsDocument.grainSettings().options.grains.minGrainNm == Approx(3.5));
    CHECK(child<QDoubleSpinBox>(grainsPanel, "grainsMinGrain")->value() == Approx(3.5));
    CHECK(child<QDoubleSpinBox>(grainsPanel, "grainsMergeThreshold")->value() == Approx(0.8));
    CHECK(grainsPanel.staleText().isEmpty());
}
