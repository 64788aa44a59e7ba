// Grains picked on the main frame view (issue #18): while the Grains panel is in front and the
// analysed frame is shown, a click on the frame selects the grain there on the panel's view and
// in its table (shift-click adds or removes), as a click on the panel's view does; the selected
// grains are outlined on the frame. A drag pans instead, and other frames or a hidden panel
// leave the selection alone.

#include <catch2/catch.hpp>

#include "document/document.h"
#include "main_window.h"
#include "panels/grain_overlay_view.h"
#include "panels/grains_panel.h"
#include "views/frame_view.h"

#include "support/test_paths.h"

#include "insitu/synth/grain_film.h"

#include <opencv2/imgcodecs.hpp>

#include <QApplication>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QMouseEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace insitu;
namespace fs = std::filesystem;

namespace {

template <typename Condition> bool waitFor(Condition condition)
{
    for (int i = 0; i < 2000 && !condition(); ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return condition();
}

void sendMouse(QWidget* widget, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
}

/// A left click on the frame view at frame px p (shift held when add).
void clickFrame(app::FrameView* view, QPointF p, bool add = false)
{
    const Qt::KeyboardModifiers modifiers = add ? Qt::ShiftModifier : Qt::NoModifier;
    const QPointF at = view->toWidget(p + view->overlayOffset());
    sendMouse(view, QEvent::MouseButtonPress, at, Qt::LeftButton, modifiers);
    sendMouse(view, QEvent::MouseButtonRelease, at, Qt::NoButton, modifiers);
}

std::vector<int> selectedRowIds(const QTableWidget& table)
{
    std::vector<int> ids;
    for (const QModelIndex& row : table.selectionModel()->selectedRows())
        ids.push_back(table.item(row.row(), 0)->data(Qt::UserRole).toInt());
    std::sort(ids.begin(), ids.end());
    return ids;
}

/// A pixel of grain g on the panel's view (the one nearest its centroid).
QPointF pixelOf(const app::GrainOverlayView& view, const Grain& g)
{
    for (int r = 0; r < 40; ++r)
        for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx)
                if (view.grainAt(std::round(g.xPx) + dx, std::round(g.yPx) + dy) == g.id)
                    return {std::round(g.xPx) + dx, std::round(g.yPx) + dy};
    FAIL("no pixel of grain " << g.id);
    return {};
}

/// The white outlines (the selected grains) drawn on the frame view.
int selectedOutlineCount(const app::FrameView& view)
{
    return static_cast<int>(
        std::count_if(view.outlines().begin(), view.outlines().end(),
                      [](const app::OutlineOverlay& o) { return o.colour == QColor(Qt::white); }));
}

} // namespace

TEST_CASE("grains are picked on the main frame view while the Grains panel shows",
          "[app][grains-panel][grains-pick]")
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // a two-frame sequence of a grain film
    GrainFilmScene scene = GrainFilmScene::afterCycling();
    scene.width = scene.height = 256;
    scene.seed = 6;
    const GrainFilm film = renderGrainFilm(scene);
    const fs::path folder = test::scratchDir("app_grains_frame_pick") / "film";
    fs::create_directories(folder);
    for (int k = 0; k < 2; ++k)
        REQUIRE(
            cv::imwrite((folder / ("frame" + std::to_string(k) + ".png")).string(), film.image));

    app::MainWindow window;
    window.resize(1500, 950);
    window.show();
    REQUIRE(window.openPath(QString::fromStdString(folder.string())));
    app::FrameView* view = window.frameView();
    REQUIRE(waitFor([&] { return !view->frame().empty(); }));
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("grainsDock"));
    auto* panel = window.findChild<app::GrainsPanel*>();
    REQUIRE(dock);
    REQUIRE(panel);
    dock->raise();
    REQUIRE(waitFor([&] { return !dock->visibleRegion().isEmpty(); }));
    // other panels may be busy with the new movie (a live preview): run when the jobs are free
    bool started = false;
    REQUIRE(waitFor([&] { return started = started || panel->run(); }));
    REQUIRE(waitFor([&] { return window.document()->grains().has_value(); }));
    QCoreApplication::processEvents();
    const ProjectGrains stored = *window.document()->grains(); // a copy: the merge replaces it
    REQUIRE(stored.frame == 0);
    std::vector<Grain> interior;
    for (const Grain& g : stored.grains)
        if (!g.border)
            interior.push_back(g);
    REQUIRE(interior.size() >= 3);
    std::sort(interior.begin(), interior.end(),
              [](const Grain& a, const Grain& b) { return a.areaPx > b.areaPx; });
    const Grain a = interior[0], b = interior[1], c = interior[2];
    const app::GrainOverlayView& grains = *panel->view();
    const QPointF pa = pixelOf(grains, a), pb = pixelOf(grains, b), pc = pixelOf(grains, c);
    CHECK(selectedOutlineCount(*view) == 0);

    // a click selects on the panel's view and in its table; shift-click adds, then removes
    clickFrame(view, pa);
    CHECK(grains.selected() == std::vector<int>{a.id});
    CHECK(selectedRowIds(*panel->table()) == std::vector<int>{a.id});
    CHECK(selectedOutlineCount(*view) >= 1);
    clickFrame(view, pb, true);
    CHECK(grains.selected() == std::vector<int>{a.id, b.id});
    CHECK(selectedRowIds(*panel->table()) ==
          std::vector<int>{std::min(a.id, b.id), std::max(a.id, b.id)});
    CHECK(selectedOutlineCount(*view) >= 2);
    clickFrame(view, pa, true);
    CHECK(grains.selected() == std::vector<int>{b.id});
    // the same selection model: a row picked in the table is outlined on the frame
    panel->table()->clearSelection();
    CHECK(grains.selected().empty());
    CHECK(selectedOutlineCount(*view) == 0);
    clickFrame(view, pb);
    CHECK(grains.selected() == std::vector<int>{b.id});
    // the merge acts on what was picked on the frame
    clickFrame(view, pa, true);
    REQUIRE(panel->mergeSelected());
    CHECK(window.document()->grains()->grains.size() == stored.grains.size() - 1);

    // a drag pans, it does not pick
    clickFrame(view, pb);
    const QPointF from = view->toWidget(pa);
    sendMouse(view, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::NoModifier);
    sendMouse(view, QEvent::MouseMove, from + QPointF(30, 0), Qt::LeftButton, Qt::NoModifier);
    sendMouse(view, QEvent::MouseButtonRelease, from + QPointF(30, 0), Qt::NoButton,
              Qt::NoModifier);
    const std::vector<int> picked = grains.selected();
    CHECK_FALSE(picked.empty());

    // another frame shown: the grains of frame 0 are not picked there
    view->zoomToFit();
    window.setCurrentFrame(1);
    REQUIRE(waitFor([&] { return window.currentFrame() == 1; }));
    CHECK_FALSE(panel->pickOnFrame(1, pa, false));
    clickFrame(view, pb, true);
    CHECK(grains.selected() == picked);
    window.setCurrentFrame(0);
    REQUIRE(waitFor([&] { return window.currentFrame() == 0; }));

    // the Grains panel behind another tab: a click on the frame picks nothing
    // (a tab behind another is not hidden: its dock's visibilityChanged says it is not shown)
    bool shown = true;
    QObject::connect(dock, &QDockWidget::visibilityChanged, [&](bool visible) { shown = visible; });
    window.findChild<QDockWidget*>(QStringLiteral("frontsDock"))->raise();
    REQUIRE(waitFor([&] { return !shown; }));
    clickFrame(view, pc);
    CHECK(grains.selected() == picked);
}
