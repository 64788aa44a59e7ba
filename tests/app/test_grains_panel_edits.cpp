// GrainsPanel hand fixes through the view: a click selects a grain and its table row (and the
// table selects on the view), shift-click adds for a merge; a dragged line splits a grain; a
// drawn stroke becomes a boundary. Each edit is one undo step, measured again in core, and
// survives save and reopen.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/grain_overlay_view.h"
#include "panels/grains_panel.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"
#include "insitu/synth/grain_film.h"
#include "insitu/synth/scene_truth.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableWidget>
#include <QUndoStack>

#include <algorithm>

using namespace insitu;
using insitu::app::Document;
using insitu::app::GrainOverlayView;

using insitu::test::grainFilmMovie;
using insitu::test::openMovie;
using insitu::test::waitForJob;

namespace {

/// The two largest interior grains of the stored result (a and b: a ≥ b).
std::pair<Grain, Grain> twoLargest(const ProjectGrains& stored)
{
    std::vector<Grain> interior;
    for (const Grain& g : stored.grains)
        if (!g.border)
            interior.push_back(g);
    REQUIRE(interior.size() >= 2);
    std::sort(interior.begin(), interior.end(),
              [](const Grain& a, const Grain& b) { return a.areaPx > b.areaPx; });
    return {interior[0], interior[1]};
}

std::vector<int> selectedRowIds(const QTableWidget& table)
{
    std::vector<int> ids;
    for (const QModelIndex& row : table.selectionModel()->selectedRows())
        ids.push_back(table.item(row.row(), 0)->data(Qt::UserRole).toInt());
    std::sort(ids.begin(), ids.end());
    return ids;
}

/// A pixel of grain id (the one nearest its centroid).
cv::Point2d pixelOf(const GrainOverlayView& view, const Grain& g)
{
    for (int r = 0; r < 40; ++r)
        for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx)
                if (view.grainAt(g.xPx + dx, g.yPx + dy) == g.id)
                    return {std::round(g.xPx) + dx, std::round(g.yPx) + dy};
    FAIL("no pixel of grain " << g.id);
    return {};
}

} // namespace

TEST_CASE("grains panel: click, shift-click, merge, split and boundary edits on the view",
          "[app][grains-panel][grains-edit]")
{
    Document document;
    app::JobRunner jobs;
    app::GrainsPanel panel(&document, &jobs);
    openMovie(document, grainFilmMovie(256, 6));
    REQUIRE(panel.run());
    waitForJob(jobs);
    REQUIRE(document.grains().has_value());
    const ProjectGrains segmented = *document.grains();
    GrainOverlayView& view = *panel.view();
    REQUIRE_FALSE(view.outlineImage().isNull());
    CHECK(panel.table()->rowCount() == static_cast<int>(segmented.grains.size()));
    const auto [a, b] = twoLargest(segmented);
    const cv::Point2d pa = pixelOf(view, a);
    const cv::Point2d pb = pixelOf(view, b);

    // a click selects the grain and its row; shift-click adds; the table selects on the view
    view.clickAt(pa.x, pa.y);
    CHECK(view.selected() == std::vector<int>{a.id});
    CHECK(selectedRowIds(*panel.table()) == std::vector<int>{a.id});
    view.clickAt(pb.x, pb.y, true);
    CHECK(view.selected() == std::vector<int>{a.id, b.id});
    CHECK(selectedRowIds(*panel.table()) ==
          std::vector<int>{std::min(a.id, b.id), std::max(a.id, b.id)});
    panel.table()->clearSelection();
    CHECK(view.selected().empty());
    panel.table()->selectRow(0);
    CHECK(view.selected() ==
          std::vector<int>{panel.table()->item(0, 0)->data(Qt::UserRole).toInt()});

    // merge the two picked grains: one undo step, measured again
    view.clickAt(pa.x, pa.y);
    view.clickAt(pb.x, pb.y, true);
    const int steps = document.undoStack()->count();
    REQUIRE(panel.mergeSelected());
    CHECK(document.undoStack()->count() == steps + 1);
    CHECK(document.grains()->grains.size() == segmented.grains.size() - 1);
    CHECK(std::count(document.grains()->labels.begin(), document.grains()->labels.end(), b.id) ==
          0);
    document.undoStack()->undo();
    CHECK(*document.grains() == segmented);

    // split grain a along a horizontal line through it, drawn past its edges
    panel.findChild<QComboBox*>(QStringLiteral("grainsTool"))
        ->setCurrentIndex(static_cast<int>(GrainOverlayView::Tool::Split));
    REQUIRE(view.tool() == GrainOverlayView::Tool::Split);
    const double reach = a.ecdPx;
    view.dragLine(pa.x - reach, pa.y, pa.x + reach, pa.y);
    REQUIRE(document.undoStack()->count() == steps + 1);
    CHECK(document.undoStack()->text(steps) == QStringLiteral("Split grain"));
    CHECK(document.grains()->grains.size() > segmented.grains.size());
    const ProjectGrains split = *document.grains();

    // a boundary stroke across the region (a polyline) splits the grains it crosses
    panel.findChild<QComboBox*>(QStringLiteral("grainsTool"))
        ->setCurrentIndex(static_cast<int>(GrainOverlayView::Tool::Boundary));
    std::vector<cv::Point2d> stroke;
    for (int x = -2; x <= 258; x += 4)
        stroke.emplace_back(x, 60 + 0.2 * x);
    view.drawStroke(stroke);
    REQUIRE(document.undoStack()->count() == steps + 2);
    CHECK(document.grains()->grains.size() > split.grains.size());
    CHECK(panel.table()->rowCount() == static_cast<int>(document.grains()->grains.size()));
    // a stroke that cuts no grain in two (here: outside the region) is refused, no step
    view.drawStroke({{-20, -20}, {-10, -20}});
    CHECK(document.undoStack()->count() == steps + 2);
    CHECK_FALSE(panel.status()->text().isEmpty());

    // the edits are saved with the project and come back on open
    const ProjectGrains edited = *document.grains();
    const auto dir = test::scratchDir("app_grains_panel_edits");
    saveProject(document.projectToSave(), dir / "g.h5");
    Document reopened;
    app::GrainsPanel again(&reopened, &jobs);
    reopened.loadProjectValue(loadProject(dir / "g.h5"), grainFilmMovie(256, 6), QString());
    REQUIRE(reopened.grains().has_value());
    CHECK(reopened.grains()->labels == edited.labels);
    CHECK(reopened.grains()->grains.size() == edited.grains.size());
    CHECK(again.table()->rowCount() == static_cast<int>(edited.grains.size()));
    CHECK(again.staleText().isEmpty());

    document.undoStack()->undo();
    document.undoStack()->undo();
    CHECK(*document.grains() == segmented);
}
