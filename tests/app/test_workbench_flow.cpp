#include <catch2/catch.hpp>

#include "document/band_width.h"
#include "document/document.h"
#include "jobs/frame_prefetcher.h"
#include "jobs/job_runner.h"
#include "jobs/wire_band_job.h"
#include "main_window.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"
#include "views/frame_view.h"
#include "views/roi_editor.h"

#include "support/test_paths.h"

#include "insitu/io/memory_reader.h"

#include <QApplication>
#include <QCoreApplication>
#include <QMouseEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

#include <chrono>
#include <thread>

using namespace insitu;

namespace {
/// Processes events until condition() holds (or ~20 s pass).
template <typename Condition> bool waitFor(Condition condition)
{
    for (int i = 0; i < 2000 && !condition(); ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return condition();
}

void sendMouse(QWidget* widget, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

/// Draws a line with the Line tool by a press, three moves and a release (frame coordinates).
void dragLine(app::MainWindow& window, QPointF from, QPointF to)
{
    app::FrameView* view = window.frameView();
    window.roiEditor()->setTool(app::RoiEditor::Tool::Line);
    sendMouse(view, QEvent::MouseButtonPress, view->toWidget(from), Qt::LeftButton);
    for (double t : {0.3, 0.6, 1.0})
        sendMouse(view, QEvent::MouseMove, view->toWidget(from + t * (to - from)), Qt::LeftButton);
    sendMouse(view, QEvent::MouseButtonRelease, view->toWidget(to), Qt::NoButton);
    window.roiEditor()->setTool(app::RoiEditor::Tool::Select);
}

void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}
} // namespace

TEST_CASE("prefetcher delivers frames off the GUI thread and from the cache", "[app]")
{
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 12; ++k)
        frames.emplace_back(8, 8, CV_16U, cv::Scalar(k * 10));
    auto movie =
        std::make_shared<Movie>(std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16));
    app::FramePrefetcher prefetcher;
    prefetcher.setMovie(movie);
    std::vector<std::pair<int, double>> delivered;
    QObject::connect(
        &prefetcher, &app::FramePrefetcher::frameReady,
        [&](int index, const Frame& frame) { delivered.emplace_back(index, frame.sum()); });
    prefetcher.request(2);
    REQUIRE(waitFor([&] { return !delivered.empty(); }));
    CHECK(delivered.front() == std::pair<int, double>{2, 20.0 * 64});
    prefetcher.waitForDone();
    // The frames after the play head were read ahead into the cache.
    CHECK(movie->isCached(3));
    CHECK(movie->isCached(10));
    delivered.clear();
    prefetcher.request(5); // cached: delivered at once
    REQUIRE(delivered.size() == 1);
    CHECK(delivered.front().first == 5);
}

TEST_CASE("job runner cancels, reports errors and applies results", "[app]")
{
    app::JobRunner jobs;
    QString failure;
    bool canceled = false;
    int applied = 0;
    QObject::connect(&jobs, &app::JobRunner::failed, [&](const QString& m) { failure = m; });
    QObject::connect(&jobs, &app::JobRunner::canceled, [&] { canceled = true; });

    REQUIRE(jobs.run<int>(
        QStringLiteral("sum"),
        [](Progress& p) {
            p.start(3, "adding");
            p.advance(3);
            return 42;
        },
        [&](int v) { applied = v; }));
    jobs.waitForFinished();
    CHECK(applied == 42);

    jobs.run<int>(
        QStringLiteral("bad"), [](Progress&) -> int { throw Error("movie.tif: broken"); },
        [&](int) { applied = -1; });
    jobs.waitForFinished();
    CHECK(failure == QStringLiteral("movie.tif: broken"));
    CHECK(applied == 42);

    std::atomic<bool> started{false};
    jobs.run<int>(
        QStringLiteral("long"),
        [&started](Progress& p) {
            p.start(1000000, "waiting");
            started = true;
            for (;;) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                p.advance();
            }
            return 0;
        },
        [&](int) { applied = -2; });
    while (!started)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    jobs.cancel();
    jobs.waitForFinished();
    CHECK(canceled);
    CHECK(applied == 42);
    CHECK_FALSE(jobs.isBusy());
}

TEST_CASE("open the nanowire sample, draw a line, track, fit, undo, save and reopen", "[app]")
{
    isolateSettings();
    const auto sample = test::sourceDir() / "data/samples/nanowire-front.tif";
    if (!std::filesystem::exists(sample))
        FAIL("sample missing: " << sample);
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    REQUIRE(window.openPath(QString::fromStdString(sample.string())));
    REQUIRE(waitFor([&] { return !window.frameView()->frame().empty(); }));
    CHECK(window.frameView()->frame().width() == 256);

    // Draw the wire's axis (the line of the sample's truth file) with the mouse.
    dragLine(window, QPointF(22.0, 53.0), QPointF(245.45, 68.63));
    // Its band from the wire arrives from a job, in the same undo step.
    window.roiEditor()->wireBandJob()->waitForFinished();
    app::Document* document = window.document();
    REQUIRE(document->roiCount() == 1);
    const Roi line = document->roi(0);
    CHECK(line.shape == RoiShape::Line);
    CHECK(line.points[0].x == Approx(22.0).margin(0.01));
    CHECK(line.points[1].y == Approx(68.63).margin(0.01));
    CHECK(window.frontsPanel()->roiId() == line.id);

    // Tracking runs as a job; the fit follows automatically.
    REQUIRE(window.frontsPanel()->track());
    window.jobs()->waitForFinished();
    const ProjectFronts* fronts = document->fronts(line.id);
    REQUIRE(fronts != nullptr);
    REQUIRE(fronts->kymograph.has_value());
    CHECK(fronts->kymograph->rows == 200);
    REQUIRE_FALSE(fronts->result.fronts.empty());
    bool anyFit = false;
    for (const FrontTrack& track : fronts->result.fronts)
        anyFit = anyFit || track.fit.has_value();
    CHECK(anyFit);
    CHECK(window.kineticsPanel()->tableText().contains(QStringLiteral("v_nm_per_s")) ==
          (fronts->result.fronts.front().fit &&
           fronts->result.fronts.front().fit->model == "linear"));

    // Undo the tracking with its fit (one step), then the line; redo all.
    QUndoStack* stack = document->undoStack();
    stack->undo();
    CHECK(document->fronts(line.id) == nullptr);
    CHECK(document->roiCount() == 1);
    stack->undo();
    CHECK(document->roiCount() == 0);
    while (stack->canRedo())
        stack->redo();
    REQUIRE(document->fronts(line.id) != nullptr);

    // Save, reopen, and find everything again.
    const auto folder = test::scratchDir("app_flow");
    const QString projectPath = QString::fromStdString((folder / "wire.h5").string());
    REQUIRE(window.saveTo(projectPath));
    CHECK(document->isClean());
    const ProjectFronts saved = *document->fronts(line.id);
    REQUIRE(window.openPath(projectPath));
    REQUIRE(document->roiCount() == 1);
    CHECK(document->roi(0) == line);
    REQUIRE(document->fronts(line.id) != nullptr);
    CHECK(document->fronts(line.id)->result.fronts.size() == saved.result.fronts.size());
    CHECK(document->hasMovie());
    CHECK(document->isClean());
    // The reopened project shows its fronts and fits at once, without selecting the ROI.
    CHECK(window.frontsPanel()->roiId() == line.id);
    CHECK(window.kineticsPanel()->roiId() == line.id);
    CHECK(window.kineticsPanel()->tableText().contains(QStringLiteral("front 0")));
    CHECK(window.frontsPanel()->staleText().isEmpty());
    INFO("undo stack after reopen: " << document->undoStack()->count() << " "
                                     << document->undoStack()->text(0).toStdString());
    CHECK(document->undoStack()->count() == 0);
}

TEST_CASE("scrub latency on a 2048² 16-bit movie (prints, no assertion on time)", "[.app-bench]")
{
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 6; ++k) {
        cv::Mat frame(2048, 2048, CV_16U);
        cv::randu(frame, 0, 4000);
        frames.push_back(frame);
    }
    auto movie =
        std::make_shared<Movie>(std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16));
    app::FramePrefetcher prefetcher;
    prefetcher.setMovie(movie);
    app::FrameView view;
    view.resize(1200, 900);
    int shown = -1;
    QObject::connect(&prefetcher, &app::FramePrefetcher::frameReady,
                     [&](int index, const Frame& frame) {
                         view.setFrame(frame);
                         view.repaint();
                         shown = index;
                     });
    prefetcher.request(0);
    waitFor([&] { return shown == 0; });
    prefetcher.waitForDone();
    for (int k = 1; k < 6; ++k) {
        const auto start = std::chrono::steady_clock::now();
        prefetcher.request(k);
        waitFor([&] { return shown == k; });
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        WARN("cached frame " << k << " on screen after " << ms << " ms");
    }
}

TEST_CASE("drawing a polyline by clicks and dragging its vertex is one undo step each", "[app]")
{
    isolateSettings();
    app::MainWindow window;
    window.resize(1200, 800);
    window.show();
    REQUIRE(window.openPath(
        QString::fromStdString((test::sourceDir() / "data/samples/nanowire-front.tif").string())));
    REQUIRE(waitFor([&] { return !window.frameView()->frame().empty(); }));
    app::FrameView* view = window.frameView();
    window.roiEditor()->setTool(app::RoiEditor::Tool::Polyline);
    for (QPointF p : {QPointF(20, 20), QPointF(60, 30), QPointF(100, 25)}) {
        sendMouse(view, QEvent::MouseButtonPress, view->toWidget(p), Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, view->toWidget(p), Qt::NoButton);
    }
    QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
    QApplication::sendEvent(view, &enter);
    app::Document* document = window.document();
    REQUIRE(document->roiCount() == 1);
    CHECK(document->roi(0).shape == RoiShape::Polyline);
    REQUIRE(document->roi(0).points.size() == 3);
    // No width typed: the band is the core's default from the wire, as `insitu front` without
    // --width, measured by a job; it joins the ROI's creation step.
    window.roiEditor()->wireBandJob()->waitForFinished();
    CHECK(document->roi(0).widthPx ==
          app::bandWidthFromWire(*document, document->roi(0)).band.widthPx);
    CHECK(document->undoStack()->count() == 1);

    // Drag the middle vertex in five steps: one undo step.
    window.roiEditor()->setTool(app::RoiEditor::Tool::Select);
    const int before = document->undoStack()->count();
    sendMouse(view, QEvent::MouseButtonPress, view->toWidget(QPointF(60, 30)), Qt::LeftButton);
    for (int i = 1; i <= 5; ++i)
        sendMouse(view, QEvent::MouseMove, view->toWidget(QPointF(60, 30 + 2 * i)), Qt::LeftButton);
    sendMouse(view, QEvent::MouseButtonRelease, view->toWidget(QPointF(60, 40)), Qt::NoButton);
    CHECK(document->undoStack()->count() == before + 1);
    CHECK(document->roi(0).points[1].y == Approx(40).margin(0.05));
    document->undoStack()->undo();
    CHECK(document->roi(0).points[1].y == Approx(30).margin(0.05));
    document->setClean(); // closing would otherwise ask (modally) about unsaved changes
}
