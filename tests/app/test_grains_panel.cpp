// GrainsPanel: a run on a small synthetic grain film fills the histogram, the summary and the
// project; merge and delete are undo steps; a saved and reopened project shows the result; a new
// pixel size marks it stale.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/grains_panel.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"
#include "insitu/synth/grain_film.h"
#include "insitu/synth/scene_truth.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QLabel>
#include <QUndoStack>

using namespace insitu;
using insitu::app::Document;

using insitu::test::grainFilmMovie;
using insitu::test::openMovie;
using insitu::test::waitForJob;

TEST_CASE("grains panel: run, merge, delete, undo, stale, save and reopen", "[app][grains-panel]")
{
    Document document;
    app::JobRunner jobs;
    app::GrainsPanel panel(&document, &jobs);
    openMovie(document, grainFilmMovie(256, 5));
    CHECK(panel.summary()->text().contains("No grains"));
    REQUIRE(panel.run());
    jobs.waitForFinished();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
    REQUIRE(document.grains().has_value());
    const std::size_t count = document.grains()->grains.size();
    REQUIRE(count >= 3);
    CHECK(panel.histogram()->plottableCount() > 0);
    CHECK(panel.summary()->text().contains(QStringLiteral("%1 grains").arg(count)));
    CHECK(panel.summary()->text().contains("E112"));
    CHECK(panel.staleText().isEmpty());

    const int a = document.grains()->grains[0].id;
    const int b = document.grains()->grains[1].id;
    const int steps = document.undoStack()->count();
    REQUIRE(panel.edit({GrainEdit::Kind::Merge, a, b}));
    CHECK(document.grains()->grains.size() == count - 1);
    REQUIRE(panel.edit({GrainEdit::Kind::Delete, a, 0}));
    CHECK(document.grains()->grains.size() == count - 2);
    CHECK(document.undoStack()->count() == steps + 2);
    CHECK_FALSE(panel.edit({GrainEdit::Kind::Delete, a, 0})); // gone: refused, no step
    CHECK(document.undoStack()->count() == steps + 2);
    document.undoStack()->undo();
    CHECK(document.grains()->grains.size() == count - 1);
    document.undoStack()->undo();
    CHECK(document.grains()->grains.size() == count);

    const auto dir = test::scratchDir("app_grains_panel");
    saveProject(document.project(), dir / "grains.h5");
    Document reopened;
    app::GrainsPanel again(&reopened, &jobs);
    reopened.loadProjectValue(loadProject(dir / "grains.h5"), grainFilmMovie(256, 5), QString());
    CHECK(again.summary()->text() == panel.summary()->text());
    CalibrationOverride changed;
    changed.nmPerPixel = *reopened.calibration().nmPerPixel * 2;
    reopened.setCalibrationOverride(changed);
    CHECK(again.staleText().contains("segmented at"));
}
