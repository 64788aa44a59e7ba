// The window's shell: menus, unique shortcuts, Help, opening (fit, notes, relinking a moved
// movie through the prompts), one undo step per pin, settings restored from a project.

#include <catch2/catch.hpp>

#include "document/commands/result_commands.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "document/undo_step.h"
#include "help/help_dialogs.h"
#include "jobs/job_runner.h"
#include "main_window.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"
#include "playback/playback_bar.h"
#include "project/project_session.h"
#include "views/frame_view.h"
#include "views/notice_banner.h"
#include "views/roi_editor.h"

#include "support/test_paths.h"

#include "insitu/front/front_tracker.h"
#include "insitu/io/memory_reader.h"
#include "insitu/progress.h"
#include "insitu/project/front_project.h"
#include "insitu/project/project_file.h"

#include <opencv2/imgcodecs.hpp>

#include <QAction>
#include <QApplication>
#include <QMap>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <chrono>
#include <filesystem>
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

void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

/// A 40 × 30 px grey PNG (a one-frame movie) at path.
void writeImage(const fs::path& path, int level)
{
    fs::create_directories(path.parent_path());
    cv::Mat image(30, 40, CV_16U, cv::Scalar(0));
    cv::randu(image, 0, 1000 + level);
    REQUIRE(cv::imwrite(path.string(), image));
}

QString qs(const fs::path& path)
{
    return QString::fromStdString(path.string());
}

/// A movie whose front runs 1 px/frame from column 15, as a kymograph of 40 frames × 90 columns.
Kymograph movingFrontKymograph()
{
    Kymograph kymograph;
    kymograph.values = cv::Mat(40, 90, CV_32F);
    cv::RNG rng(7);
    for (int t = 0; t < kymograph.values.rows; ++t)
        for (int x = 0; x < kymograph.values.cols; ++x)
            kymograph.values.at<float>(t, x) =
                (x < 15 + t ? 40.0f : 160.0f) + static_cast<float>(rng.gaussian(4.0));
    kymograph.frameIntervalS = 1.0;
    return kymograph;
}

/// Opens an in-memory movie in the window's document with one line ROI and the fronts of
/// movingFrontKymograph() tracked and fitted on it; returns the ROI id.
int openTrackedMovie(app::MainWindow& window)
{
    app::Document* document = window.document();
    std::vector<cv::Mat> frames(40, cv::Mat(64, 100, CV_16U, cv::Scalar(100)));
    Calibration calibration;
    calibration.frameIntervalS = 1.0;
    auto movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, calibration));
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.width = 100;
    entry.height = 64;
    entry.frameCount = 40;
    entry.fileCalibration = calibration;
    project.movies.push_back(entry);
    document->loadProjectValue(project, movie, QString());

    Roi roi;
    roi.id = document->takeRoiId();
    roi.name = "wire";
    roi.points = {{5, 32}, {94, 32}};
    document->undoStack()->push(new app::AddRoi(document, roi));
    window.roiEditor()->setSelectedRoiId(roi.id);

    const Kymograph kymograph = movingFrontKymograph();
    ProjectFronts fronts;
    fronts.result = trackFronts(kymograph, FrontOptions{}, Progress::none());
    fronts.kymograph = kymographImage(kymograph);
    {
        const app::UndoStep step(document->undoStack(), QStringLiteral("Track fronts"));
        document->undoStack()->push(
            new app::SetFronts(document, roi.id, fronts, QStringLiteral("Track fronts")));
        window.kineticsPanel()->refit();
    }
    return roi.id;
}

bool allFitted(const ProjectFronts* fronts)
{
    if (!fronts || fronts->result.fronts.empty())
        return false;
    for (const FrontTrack& track : fronts->result.fronts)
        if (!track.fit)
            return false;
    return true;
}
} // namespace

TEST_CASE("the main window has the five menus", "[app]")
{
    insitu::app::MainWindow window;
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text().remove(QLatin1Char('&'));
    CHECK(titles == QStringList{QStringLiteral("File"), QStringLiteral("Edit"),
                                QStringLiteral("View"), QStringLiteral("Analysis"),
                                QStringLiteral("Help")});
}

TEST_CASE("opening a missing file shows a message and keeps the window usable", "[app]")
{
    insitu::app::MainWindow window;
    QTimer::singleShot(0, [] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QMessageBox*>(w))
                box->accept();
    });
    CHECK_FALSE(window.openPath(QStringLiteral("/no/such/movie.tif")));
    CHECK(window.movie() == nullptr);
}

TEST_CASE("every key of the window is bound once, with the Fiji-like keys present", "[app]")
{
    app::MainWindow window;
    QMap<QString, QStringList> owners; // key → actions/shortcuts bound to it
    for (const QAction* action : window.findChildren<QAction*>())
        for (const QKeySequence& key : action->shortcuts())
            owners[key.toString()] << action->text();
    for (const QShortcut* shortcut : window.findChildren<QShortcut*>())
        for (const QKeySequence& key : shortcut->keys())
            owners[key.toString()] << shortcut->objectName();
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        INFO("key " << it.key().toStdString() << " bound to "
                    << it.value().join(", ").toStdString());
        CHECK(it.value().size() == 1);
    }
    for (const char* key :
         {"Ctrl+Z", "Ctrl+Shift+Z", "+", "=", "-", ",", ".", "Left", "Right", "Space", "F1"}) {
        INFO("key " << key);
        CHECK(owners.contains(QString::fromLatin1(key)));
    }
}

TEST_CASE("Ctrl+Shift+Z redoes, ',' and '.' step frames, '+' and '-' zoom", "[app]")
{
    isolateSettings();
    app::MainWindow window;
    window.resize(1200, 800);
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    openTrackedMovie(window);
    window.frameView()->setFocus();
    QUndoStack* stack = window.document()->undoStack();
    const int steps = stack->index();
    stack->undo();
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(stack->index() == steps);

    REQUIRE(waitFor([&] { return !window.frameView()->frame().empty(); }));
    CHECK(window.currentFrame() == 0);
    QTest::keyClick(&window, Qt::Key_Period);
    QTest::keyClick(&window, Qt::Key_Period);
    CHECK(window.currentFrame() == 2);
    QTest::keyClick(&window, Qt::Key_Comma);
    CHECK(window.currentFrame() == 1);

    const double zoom = window.frameView()->zoom();
    QTest::keyClick(&window, Qt::Key_Plus);
    CHECK(window.frameView()->zoom() == Approx(zoom * 1.25));
    QTest::keyClick(&window, Qt::Key_Minus);
    QTest::keyClick(&window, Qt::Key_Minus);
    CHECK(window.frameView()->zoom() == Approx(zoom / 1.25));
    window.document()->setClean();
}

TEST_CASE("Help has the user guide built in and a shortcut list made from the menus", "[app]")
{
    app::MainWindow window;
    const QString guide = app::userGuideMarkdown();
    CHECK(guide.startsWith(QStringLiteral("# InSitu Workbench")));
    const QList<app::ShortcutEntry> entries = app::menuShortcuts(&window);
    QStringList commands;
    for (const app::ShortcutEntry& entry : entries)
        commands << entry.command;
    CHECK(commands.contains(QStringLiteral("View ▸ Zoom in")));
    CHECK(commands.contains(QStringLiteral("Edit ▸ Redo")));
    CHECK(commands.contains(QStringLiteral("Help ▸ User guide")));
}

TEST_CASE("the first view of a movie shows the whole frame", "[app]")
{
    isolateSettings();
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    const auto sample = test::sourceDir() / "data/samples/nanowire-front.tif";
    REQUIRE(window.openPath(qs(sample)));
    REQUIRE(waitFor([&] { return !window.frameView()->frame().empty(); }));
    QCoreApplication::processEvents();
    const app::FrameView* view = window.frameView();
    const QPointF topLeft = view->toWidget(QPointF(-0.5, -0.5));
    const QPointF bottomRight =
        view->toWidget(QPointF(view->frame().width() - 0.5, view->frame().height() - 0.5));
    CHECK(topLeft.x() >= -0.5);
    CHECK(topLeft.y() >= -0.5);
    CHECK(bottomRight.x() <= view->width() + 0.5);
    CHECK(bottomRight.y() <= view->height() + 0.5);
    // It fills the view in one direction.
    CHECK((bottomRight.x() - topLeft.x() > view->width() - 2 ||
           bottomRight.y() - topLeft.y() > view->height() - 2));
    CHECK(view->isFitting());
}

TEST_CASE("the reader's notes are shown on open, in a banner and the status bar", "[app]")
{
    isolateSettings();
    const fs::path folder = test::scratchDir("app_notes") / "sequence";
    for (int k = 0; k < 3; ++k)
        writeImage(folder / ("frame" + std::to_string(k) + ".png"), k);
    app::MainWindow window;
    window.show();
    REQUIRE(window.openPath(qs(folder)));
    REQUIRE(window.movie() != nullptr);
    REQUIRE_FALSE(window.movie()->info().notes.empty());
    const QString note = QString::fromStdString(window.movie()->info().notes.front());
    CHECK(window.noticeBanner()->isVisible());
    CHECK(window.noticeBanner()->notes().contains(note));
    CHECK(window.statusBar()->currentMessage().contains(note));

    // The next movie's notes replace them (none: the banner goes).
    const fs::path single = test::scratchDir("app_notes_single") / "single.png";
    writeImage(single, 5);
    REQUIRE(window.openPath(qs(single)));
    CHECK(window.noticeBanner()->notes() == QStringList{});
    CHECK_FALSE(window.noticeBanner()->isVisible());
}

TEST_CASE("a moved movie is relinked only when the user agrees, and the new place is saved",
          "[app]")
{
    isolateSettings();
    const fs::path root = test::scratchDir("app_relink");
    const fs::path projectFolder = root / "project";
    const fs::path moviePath = root / "data" / "movie.png";
    writeImage(moviePath, 1);
    fs::create_directories(projectFolder);
    const QString projectPath = qs(projectFolder / "p.h5");
    {
        app::MainWindow window;
        REQUIRE(window.openPath(qs(moviePath)));
        REQUIRE(window.saveTo(projectPath));
    }
    // The movie moves to a folder next to the project's.
    const fs::path movedPath = root / "archive" / "movie.png";
    fs::create_directories(movedPath.parent_path());
    fs::rename(moviePath, movedPath);
    const fs::path emptyFolder = root / "empty";
    fs::create_directories(emptyFolder);

    app::MainWindow window;
    app::ProjectSession* session = window.session();
    QStringList offered;
    QStringList reasons;

    SECTION("the candidate found next to the project is offered, and taken when accepted")
    {
        session->setCandidatePrompt([&](const QString& saved, const QString& candidate) {
            CHECK(saved == qs(moviePath));
            offered << candidate;
            return true;
        });
        session->setFolderPrompt([&](const QString&, const QString& reason) {
            reasons << reason;
            return QString();
        });
        REQUIRE(window.openPath(projectPath));
        CHECK(offered == QStringList{qs(movedPath)});
        CHECK(reasons.isEmpty());
        REQUIRE(window.movie() != nullptr);
        CHECK(window.document()->projectMovie()->path == movedPath);
        CHECK_FALSE(window.document()->isClean()); // the new place is a change to save
        CHECK(window.noticeBanner()->notes().join(' ').contains(qs(movedPath)));
        REQUIRE(window.saveTo(projectPath));
        CHECK(loadProject(projectPath.toStdString()).movies.at(0).path == movedPath);
    }

    SECTION("a refused candidate leads to the folder prompt, asked again after a wrong folder")
    {
        session->setCandidatePrompt([&](const QString&, const QString& candidate) {
            offered << candidate;
            return false;
        });
        session->setFolderPrompt([&](const QString& saved, const QString& reason) {
            CHECK(saved == qs(moviePath));
            reasons << reason;
            return reasons.size() == 1 ? qs(emptyFolder) : qs(root / "archive");
        });
        REQUIRE(window.openPath(projectPath));
        CHECK(offered.size() == 1);
        REQUIRE(reasons.size() == 2);
        CHECK(reasons[0].isEmpty());
        CHECK(reasons[1].contains(QStringLiteral("movie.png")));
        CHECK(window.movie() != nullptr);
        CHECK(window.document()->projectMovie()->path == movedPath);
        CHECK_FALSE(window.document()->isClean());
    }

    SECTION("giving up opens the project without its movie, and says so")
    {
        session->setCandidatePrompt([](const QString&, const QString&) { return false; });
        session->setFolderPrompt([](const QString&, const QString&) { return QString(); });
        REQUIRE(window.openPath(projectPath));
        CHECK(window.movie() == nullptr);
        CHECK(window.document()->projectMovie()->path == moviePath);
        CHECK(window.document()->isClean());
        CHECK(window.noticeBanner()->isVisibleTo(&window));
        CHECK(
            window.noticeBanner()->notes().join(' ').contains(QStringLiteral("without its movie")));
    }
    window.document()->setClean();
}

TEST_CASE("a pin is one undo step and the fits stay on screen", "[app]")
{
    isolateSettings();
    app::MainWindow window;
    const int roiId = openTrackedMovie(window);
    app::Document* document = window.document();
    REQUIRE(allFitted(document->fronts(roiId)));
    const ProjectFronts before = *document->fronts(roiId);
    QUndoStack* stack = document->undoStack();
    const int steps = stack->count();

    const FrontTrack& track = before.result.fronts.front();
    const int frame = track.frames[track.frames.size() / 2];
    REQUIRE(window.frontsPanel()->pin(0, frame, 30.0));
    window.jobs()->waitForFinished();
    REQUIRE(waitFor([&] { return stack->count() == steps + 1; }));
    CHECK(stack->count() == steps + 1);
    CHECK(stack->text(stack->count() - 1) == QStringLiteral("Pin front"));
    REQUIRE(allFitted(document->fronts(roiId)));
    CHECK(document->fronts(roiId)->result.fronts.front().pins.size() == 1);
    // Undo restores the fronts and their fits at once.
    stack->undo();
    CHECK(*document->fronts(roiId) == before);
    CHECK(stack->count() == steps + 1);
    document->setClean();
}

TEST_CASE("front settings are saved with the project and come back on open", "[app]")
{
    isolateSettings();
    const fs::path folder = test::scratchDir("app_settings");
    const fs::path moviePath = folder / "movie.png";
    writeImage(moviePath, 2);
    const QString projectPath = qs(folder / "p.h5");
    FrontFitSettings fit;
    fit.model = "power";
    fit.windowStartS = 2.0;
    fit.windowEndS = 8.0;
    {
        app::MainWindow window;
        REQUIRE(window.openPath(qs(moviePath)));
        app::Document* document = window.document();
        document->undoStack()->push(new app::ChangeBandWidth(document, {17.0, true}));
        document->undoStack()->push(new app::ChangeFrontFit(document, fit));
        FrontOptions tracking = document->frontSettings().tracking;
        tracking.frontCount = 2;
        document->undoStack()->push(new app::ChangeFrontTracking(document, tracking));
        // A new line takes the band width of the settings.
        CHECK(window.roiEditor()->defaultWidthPx() == 17.0);
        REQUIRE(window.saveTo(projectPath));
    }
    app::MainWindow window;
    REQUIRE(window.openPath(projectPath));
    const FrontAnalysisSettings settings = window.document()->frontSettings();
    CHECK(settings.bandWidthPx == 17.0);
    CHECK(settings.fit == fit);
    CHECK(settings.tracking.frontCount == 2);
    CHECK(window.roiEditor()->defaultWidthPx() == 17.0);
    CHECK(window.document()->isClean());
}
