// ParticlesPanel: a run on a small synthetic movie fills the panel and the project; hand edits
// and runs are undo steps; a saved and reopened project shows the result; a moved region or a
// new pixel size marks it stale; the exports are the core's.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/particle_overlay_view.h"
#include "panels/particles_panel.h"
#include "support/test_paths.h"

#include "insitu/export/particles_export.h"
#include "insitu/project/project_file.h"
#include "insitu/synth/particle_field.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QListWidget>
#include <QTableWidget>
#include <QUndoStack>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace insitu;
using insitu::app::Document;

using insitu::test::openMovie;
using insitu::test::waitForJob;

namespace {

std::shared_ptr<Movie> particleMovie()
{
    ParticleFieldScene scene;
    scene.imaging.frames = 2;
    scene.imaging.width = 200;
    scene.imaging.height = 200;
    scene.particleCount = 50;
    scene.survivalCutoffNm = 5.0;
    const SynthMovie synth = renderParticleField(scene);
    return std::make_shared<Movie>(synth.reader());
}

Roi rectangle(Document& document, const std::string& name, double x0, double x1)
{
    Roi roi;
    roi.id = document.takeRoiId();
    roi.name = name;
    roi.shape = RoiShape::Rectangle;
    roi.points = {{x0, 0}, {x1, 199}};
    return roi;
}

} // namespace

TEST_CASE("particles panel: apply, edit, undo, stale, save and reopen", "[app][particles]")
{
    Document document;
    app::JobRunner jobs;
    app::ParticlesPanel panel(&document, &jobs);
    openMovie(document, particleMovie());
    document.undoStack()->push(new app::AddRoi(&document, rectangle(document, "ahead", 0, 99)));
    document.undoStack()->push(new app::AddRoi(&document, rectangle(document, "behind", 100, 199)));
    CHECK(panel.regions().empty()); // nothing checked: the whole frame

    // the preview fills the view and the table without touching the project
    REQUIRE(panel.preview());
    waitForJob(jobs);
    CHECK(panel.showingPreview());
    CHECK(panel.table()->rowCount() > 10);
    CHECK_FALSE(document.particles().has_value());

    const int undoBefore = document.undoStack()->count();
    REQUIRE(panel.apply());
    waitForJob(jobs);
    REQUIRE(document.particles().has_value());
    CHECK_FALSE(panel.showingPreview());
    CHECK(document.undoStack()->count() == undoBefore + 1);
    const auto& stored = *document.particles();
    const int count = static_cast<int>(stored.result.particles.size());
    CHECK(panel.table()->rowCount() == count);
    CHECK(panel.histogram()->plottableCount() >= 1);
    CHECK(stored.provenance.inputIds.front() == "movie:1");

    // click on a particle selects its row (table ↔ overlay)
    const Particle first = stored.result.particles.front(); // a copy: edits replace the result
    panel.overlayView()->clickAt(first.xPx, first.yPx);
    REQUIRE(panel.table()->selectionModel()->selectedRows().size() == 1);
    CHECK(panel.table()
              ->item(panel.table()->selectionModel()->selectedRows()[0].row(), 0)
              ->text()
              .toInt() == panel.overlayView()->selected());

    // delete by clicking with the Delete tool: one undo step; undo restores
    panel.overlayView()->setTool(app::ParticleOverlayView::Tool::Delete);
    panel.overlayView()->clickAt(first.xPx, first.yPx);
    REQUIRE(document.particles()->result.particles.size() == static_cast<std::size_t>(count - 1));
    CHECK(document.particles()->edits.size() == 1);
    CHECK(panel.table()->rowCount() == count - 1);
    document.undoStack()->undo();
    CHECK(document.particles()->result.particles.size() == static_cast<std::size_t>(count));
    document.undoStack()->redo();

    // add it back from a seed click, merge two, then the edits survive a re-run
    const ParticleEdit add{ParticleEditKind::Add, first.xPx, first.yPx, 0, 0};
    REQUIRE(panel.edit(add));
    CHECK(document.particles()->result.particles.size() == static_cast<std::size_t>(count));
    const Particle& a = document.particles()->result.particles[0];
    const Particle& b = document.particles()->result.particles[1];
    REQUIRE(panel.edit({ParticleEditKind::Merge, a.xPx, a.yPx, b.xPx, b.yPx}));
    const auto edited = *document.particles();
    CHECK(edited.edits.size() == 3);
    REQUIRE(panel.apply());
    waitForJob(jobs);
    CHECK(document.particles()->edits == edited.edits);
    CHECK(document.particles()->result.particles.size() == edited.result.particles.size());
    document.undoStack()->undo(); // the re-run is one step
    CHECK(*document.particles() == edited);

    // undo everything: no result
    while (document.undoStack()->canUndo() && document.particles())
        document.undoStack()->undo();
    CHECK_FALSE(document.particles().has_value());
    CHECK(panel.table()->rowCount() == 0);
    while (document.undoStack()->canRedo())
        document.undoStack()->redo();
    REQUIRE(document.particles().has_value());
    CHECK(panel.staleText().isEmpty());

    // exports through the core writer
    const auto dir = test::scratchDir("app_particles_panel");
    panel.exportCsv(QString::fromStdString((dir / "p.csv").string()));
    std::ostringstream expected;
    writeParticlesCsv(expected, document.particles()->result);
    std::ifstream in(dir / "p.csv");
    std::stringstream written;
    written << in.rdbuf();
    CHECK(written.str() == expected.str());
    panel.exportPlot(QString::fromStdString((dir / "p.png").string()));
    CHECK(std::filesystem::file_size(dir / "p.png") > 1000);

    // save and reopen: the result shows
    const auto path = dir / "p.h5";
    const Project project = document.project();
    saveProject(project, path);
    Document reopened;
    app::ParticlesPanel again(&reopened, &jobs);
    reopened.loadProjectValue(loadProject(path), particleMovie(), QString());
    REQUIRE(reopened.particles().has_value());
    CHECK(again.table()->rowCount() ==
          static_cast<int>(reopened.particles()->result.particles.size()));
    CHECK_FALSE(again.showingPreview());
}

TEST_CASE("particles panel: two regions compared; a moved region marks the result stale",
          "[app][particles]")
{
    Document document;
    app::JobRunner jobs;
    app::ParticlesPanel panel(&document, &jobs);
    openMovie(document, particleMovie());
    document.undoStack()->push(new app::AddRoi(&document, rectangle(document, "ahead", 0, 99)));
    document.undoStack()->push(new app::AddRoi(&document, rectangle(document, "behind", 100, 199)));
    // check both regions in the list
    auto* list = panel.findChild<QListWidget*>();
    REQUIRE(list != nullptr);
    REQUIRE(list->count() == 2);
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(Qt::Checked);
    REQUIRE(panel.regions().size() == 2);
    REQUIRE(panel.apply());
    waitForJob(jobs);
    REQUIRE(document.particles().has_value());
    CHECK(document.particles()->result.regions.size() == 2);
    CHECK(document.particles()->regions.size() == 2);
    CHECK(panel.staleText().isEmpty());

    Roi moved = document.roi(1);
    moved.points[0].x = 120;
    document.undoStack()->push(new app::ChangeRoi(&document, 1, moved, "move"));
    CHECK(panel.staleText().contains("behind"));
    document.undoStack()->undo();
    CHECK(panel.staleText().isEmpty());
}
