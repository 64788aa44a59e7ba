// Analysis options in the Document (issue #13): a panel's option widgets show the Document's
// settings; an edit is one undo step that undo restores in widget and Document; the settings
// survive save and reopen; a project made by the CLI shows the options its result used.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/commands/result_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/areas_panel.h"
#include "panels/particles_panel.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"
#include "insitu/synth/particle_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QUndoStack>

#include <chrono>
#include <thread>

using namespace insitu;
using insitu::app::Document;

using insitu::test::openMovie;
using insitu::test::waitForJob;

namespace {

std::shared_ptr<Movie> smallMovie()
{
    ParticleFieldScene scene;
    scene.imaging.frames = 3;
    scene.imaging.width = 96;
    scene.imaging.height = 96;
    scene.particleCount = 12;
    return std::make_shared<Movie>(renderParticleField(scene).reader());
}

template <typename W> W* child(QWidget& panel, const char* name)
{
    auto* widget = panel.findChild<W*>(QString::fromLatin1(name));
    REQUIRE(widget != nullptr);
    return widget;
}

Document* reopen(const Document& document, const std::filesystem::path& path,
                 std::shared_ptr<Movie> movie, QObject* parent)
{
    saveProject(document.projectToSave(), path);
    auto* reopened = new Document(parent);
    reopened->loadProjectValue(loadProject(path), std::move(movie), QString());
    return reopened;
}

} // namespace

TEST_CASE("particle options live in the Document: undo, save and reopen", "[app][settings]")
{
    QObject owner;
    Document document;
    app::JobRunner jobs;
    app::ParticlesPanel panel(&document, &jobs);
    openMovie(document, smallMovie());
    auto* neck = child<QDoubleSpinBox>(panel, "particleNeckRatio");
    auto* polarity = child<QComboBox>(panel, "particlePolarity");
    auto* averaged = child<QSpinBox>(panel, "particleFramesAveraged");
    CHECK(neck->value() == Approx(ParticleOptions{}.maxNeckRatio));
    CHECK(document.particleSettings() == ParticleAnalysisSettings{});

    const int before = document.undoStack()->count();
    neck->setValue(0.45);
    CHECK(document.particleSettings().options.maxNeckRatio == Approx(0.45));
    CHECK(panel.options().maxNeckRatio == Approx(0.45));
    CHECK(document.undoStack()->count() == before + 1);
    document.undoStack()->undo();
    CHECK(document.particleSettings() == ParticleAnalysisSettings{});
    CHECK(neck->value() == Approx(ParticleOptions{}.maxNeckRatio));
    document.undoStack()->redo();
    CHECK(neck->value() == Approx(0.45));

    // another field after an undo boundary is its own step
    document.undoStack()->push(new QUndoCommand(QStringLiteral("barrier")));
    polarity->setCurrentIndex(polarity->findData(static_cast<int>(ParticlePolarity::Bright)));
    averaged->setValue(2);
    CHECK(document.particleSettings().options.polarity == ParticlePolarity::Bright);
    CHECK(document.particleSettings().framesAveraged == 2);

    const auto dir = test::scratchDir("app_analysis_settings_particles");
    Document* again = reopen(document, dir / "p.h5", smallMovie(), &owner);
    app::ParticlesPanel reopenedPanel(again, &jobs);
    CHECK(again->particleSettings() == document.particleSettings());
    CHECK(child<QDoubleSpinBox>(reopenedPanel, "particleNeckRatio")->value() == Approx(0.45));
    CHECK(child<QSpinBox>(reopenedPanel, "particleFramesAveraged")->value() == 2);
    CHECK(child<QComboBox>(reopenedPanel, "particlePolarity")->currentData().toInt() ==
          static_cast<int>(ParticlePolarity::Bright));
}

TEST_CASE("a changed particle option marks the stored result stale", "[app][settings]")
{
    Document document;
    app::JobRunner jobs;
    app::ParticlesPanel panel(&document, &jobs);
    openMovie(document, smallMovie());
    REQUIRE(panel.apply());
    jobs.waitForFinished();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
    REQUIRE(document.particles().has_value());
    CHECK(panel.staleText().isEmpty());
    child<QDoubleSpinBox>(panel, "particleNeckRatio")->setValue(0.35);
    CHECK(panel.staleText().contains(QStringLiteral("settings changed")));
    document.undoStack()->undo();
    CHECK(panel.staleText().isEmpty());
}

TEST_CASE("area options live in the Document: undo, save and reopen", "[app][settings]")
{
    QObject owner;
    Document document;
    app::JobRunner jobs;
    app::AreasPanel panel(&document, &jobs);
    openMovie(document, smallMovie());
    auto* model = child<QComboBox>(panel, "areaModel");
    auto* core = child<QCheckBox>(panel, "areaCore");
    CHECK(model->currentText().toStdString() == AreaOptions{}.model);

    const int before = document.undoStack()->count();
    model->setCurrentText(QStringLiteral("avrami"));
    CHECK(document.areaSettings().model == "avrami");
    CHECK(panel.options().model == "avrami");
    CHECK(document.undoStack()->count() == before + 1);
    document.undoStack()->undo();
    CHECK(document.areaSettings() == AreaOptions{});
    CHECK(model->currentText().toStdString() == AreaOptions{}.model);
    document.undoStack()->redo();
    CHECK(model->currentText() == QStringLiteral("avrami"));
    core->setChecked(true);
    CHECK(document.areaSettings().core);

    const auto dir = test::scratchDir("app_analysis_settings_areas");
    Document* again = reopen(document, dir / "a.h5", smallMovie(), &owner);
    app::AreasPanel reopenedPanel(again, &jobs);
    CHECK(again->areaSettings() == document.areaSettings());
    CHECK(child<QComboBox>(reopenedPanel, "areaModel")->currentText() == QStringLiteral("avrami"));
    CHECK(child<QCheckBox>(reopenedPanel, "areaCore")->isChecked());
}

TEST_CASE("a project made by `insitu particles` shows the options its result used",
          "[app][settings]")
{
    const auto dir = test::scratchDir("app_analysis_settings_cli");
    const std::string movie = (dir / "m.tif").string();
    const std::string project = (dir / "p.h5").string();
    std::filesystem::remove(project);
    REQUIRE(test::runCli("synth particles -o " + movie +
                         " --frames 2 --width 96 --height 96 --particles 12")
                .exitCode == 0);
    const auto run = test::runCli("particles " + movie + " --project " + project +
                                  " --threshold local --min-diameter-nm 2.5 --include-edge");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);

    Document document;
    app::JobRunner jobs;
    app::ParticlesPanel panel(&document, &jobs);
    document.loadProjectValue(loadProject(project), insitu::openMovie(movie), QString());
    REQUIRE(document.particles().has_value());
    const ParticleOptions& used = document.particles()->result.options;
    CHECK(used.threshold == ParticleThreshold::Local);
    CHECK(used.includeEdge);
    CHECK(document.particleSettings().options == used);
    CHECK(child<QComboBox>(panel, "particleThreshold")->currentData().toInt() ==
          static_cast<int>(ParticleThreshold::Local));
    if (document.particles()
            ->result.nmPerPixel) // the diameter box is in nm when the movie is calibrated
        CHECK(child<QDoubleSpinBox>(panel, "particleMinDiameter")->value() == Approx(2.5));
    CHECK(panel.staleText().isEmpty());
}

TEST_CASE("particles averaged over drift-corrected frames go stale when the drift is "
          "measured again",
          "[app][settings][stale]")
{
    Document document;
    app::JobRunner jobs;
    app::ParticlesPanel panel(&document, &jobs);
    openMovie(document, smallMovie());
    auto drift = [] {
        ProjectDrift d;
        d.result.dxPx = {0, 0.5, 1.0};
        d.result.dyPx = {0, 0, 0};
        d.result.quality = {1, 1, 1};
        d.result.interpolated = {false, false, false};
        d.provenance = makeProvenance("{}", {"movie:1"});
        return d;
    };
    document.undoStack()->push(new app::SetDrift(&document, drift()));
    child<QSpinBox>(panel, "particleFramesAveraged")->setValue(3);
    REQUIRE(panel.apply());
    jobs.waitForFinished();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
    REQUIRE(document.particles().has_value());
    REQUIRE(document.particles()->lastFrame == 2);
    CHECK(panel.staleText().isEmpty());
    // provenance times have one-second resolution: measure again a second later
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    document.undoStack()->push(new app::SetDrift(&document, drift()));
    CHECK(panel.staleText().contains(QStringLiteral("drift was measured again")));
    document.undoStack()->undo();
    CHECK(panel.staleText().isEmpty());
}
