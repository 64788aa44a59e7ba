// TimelinePanel: a log loaded onto a small synthetic movie fills the panel and the project;
// offset, anchors and dose are one undo step each; undo restores; a saved and reopened project
// shows the timeline at once, and a log changed since is flagged stale.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/commands/area_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/timeline_panel.h"
#include "panels/timeline_strips.h"

#include "support/test_paths.h"

#include "insitu/io/memory_reader.h"
#include "insitu/project/project_file.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QMouseEvent>
#include <QUndoStack>

#include <fstream>
#include <functional>
#include <sstream>

using namespace insitu;
using insitu::app::Document;
using insitu::test::waitForJob;

namespace {

/// 20 frames of 16 × 16 px, 0.5 s apart, no clock in the "file".
std::shared_ptr<Movie> smallMovie()
{
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 20; ++k)
        frames.emplace_back(16, 16, CV_16U, cv::Scalar(100 + k));
    Calibration calibration;
    calibration.frameIntervalS = 0.5;
    return std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, calibration));
}

void openMovie(Document& document, std::shared_ptr<Movie> movie,
               const std::function<void(ProjectMovie&)>& edit = {})
{
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.path = "memory-movie.tif"; // frames live in memory; the project only names them
    entry.width = movie->width();
    entry.height = movie->height();
    entry.frameCount = movie->frameCount();
    entry.fileCalibration = movie->calibration();
    if (edit)
        edit(entry);
    project.movies.push_back(entry);
    document.loadProjectValue(project, std::move(movie), QString());
}

/// A 10 s log, 0.1 s steps: E = 0.01 V/step, I steps from 1 to 2 mA at 5 s.
std::filesystem::path writeLog(const std::filesystem::path& dir, double currentAfterMa = 2.0)
{
    const auto path = dir / "log.csv";
    std::ofstream log(path);
    log << "time/s,Ewe/V,I/mA\n";
    for (int i = 0; i <= 100; ++i)
        log << i * 0.1 << ',' << i * 0.01 << ',' << (i >= 50 ? currentAfterMa : 1.0) << '\n';
    return path;
}

double offsetOf(const app::TimelinePanel& panel)
{
    REQUIRE(panel.run());
    REQUIRE(panel.run()->inputs.logs.size() == 1);
    return panel.run()->inputs.logs[0].alignment.offsetS;
}

} // namespace

TEST_CASE("timeline panel: load, offset, anchors and dose are undo steps; the strips follow",
          "[app][timeline]")
{
    const auto dir = test::scratchDir("app_timeline");
    const auto log = writeLog(dir);
    Document document;
    app::JobRunner jobs;
    app::TimelinePanel panel(&document, &jobs);
    openMovie(document, smallMovie());

    REQUIRE(panel.loadLog(QString::fromStdString(log.string())));
    waitForJob(jobs);
    REQUIRE(document.timeline());
    REQUIRE(document.timeline()->logs.size() == 1);
    CHECK(document.undoStack()->count() == 1);
    REQUIRE(panel.run());
    CHECK(panel.run()->table.column("time_s")->values.size() == 20);
    CHECK(panel.strips()->shownColumns() ==
          std::vector<std::string>{"potential_V", "current_A", "charge_C"});
    // No clock anywhere: the core's warnings reach the panel (log assumed to start at frame 0,
    // dose unknown).
    CHECK(panel.warningText().contains(QStringLiteral("assumed to start with frame 0")));
    CHECK(offsetOf(panel) == 0.0);

    REQUIRE(panel.setOffsetS(3.0));
    waitForJob(jobs);
    CHECK(offsetOf(panel) == Approx(3.0));
    CHECK(document.timeline()->logs[0].typedOffsetS == 3.0);
    // Frame 10 is movie time 5 s, log time 2 s: E = 0.2 V, I = 1 mA.
    panel.setCurrentFrame(10);
    CHECK(panel.strips()->cursorTimeS() == Approx(5.0));
    CHECK(panel.frameReadout(10).startsWith(QStringLiteral("E 0.2 V · I 0.001 A")));

    // Two anchors 2.5 s apart: rate kept at 1 (warned), offset from the anchors.
    REQUIRE(panel.addAnchor(6, 0.5));
    waitForJob(jobs);
    REQUIRE(panel.addAnchor(16, 5.5));
    waitForJob(jobs);
    CHECK(offsetOf(panel) == Approx(2.5));
    CHECK(panel.run()->inputs.logs[0].alignment.method == "two anchors");
    CHECK(panel.warningText().contains(QStringLiteral("rate kept at 1")));

    ProjectDoseSettings dose;
    dose.typedRateEPerA2S = 12.5;
    REQUIRE(panel.setDose(dose));
    waitForJob(jobs);
    CHECK(panel.frameReadout(0).contains(QStringLiteral("dose 12.5 e⁻/Å²/s")));
    CHECK(document.undoStack()->count() == 5);

    // Undo twice: the dose and the second anchor go, the shown run follows.
    document.undoStack()->undo();
    waitForJob(jobs);
    CHECK_FALSE(document.timeline()->dose.typedRateEPerA2S);
    CHECK(panel.frameReadout(0).contains(QStringLiteral("dose —")));
    document.undoStack()->undo();
    waitForJob(jobs);
    CHECK(document.timeline()->logs[0].anchors.size() == 1);
    CHECK(offsetOf(panel) == Approx(2.5)); // one anchor: 3 s − 0.5 s
    CHECK(panel.run()->inputs.logs[0].alignment.method == "one anchor");

    // Export: the core's CSV writer over the shown table.
    const auto csv = dir / "timeline.csv";
    panel.exportCsv(QString::fromStdString(csv.string()));
    std::ostringstream expected;
    writeTimelineCsv(panel.run()->table, expected);
    std::ifstream in(csv);
    std::stringstream written;
    written << in.rdbuf();
    CHECK(written.str() == expected.str());

    // A calibration change moves the frames on the clock: the shown timeline follows at once.
    CalibrationOverride slower;
    slower.frameIntervalS = 1.0;
    document.undoStack()->push(new app::ChangeCalibration(&document, slower));
    waitForJob(jobs);
    CHECK(panel.run()->table.column("time_s")->values.at(10) == Approx(10.0));
}

TEST_CASE("timeline panel: a saved project shows its timeline on open; a changed log is stale",
          "[app][timeline]")
{
    const auto dir = test::scratchDir("app_timeline_reopen");
    const auto log = writeLog(dir);
    const auto file = dir / "project.h5";
    Project saved;
    {
        Document document;
        app::JobRunner jobs;
        app::TimelinePanel panel(&document, &jobs);
        openMovie(document, smallMovie());
        REQUIRE(panel.loadLog(QString::fromStdString(log.string())));
        waitForJob(jobs);
        REQUIRE(panel.setOffsetS(-1.25));
        waitForJob(jobs);
        saveProject(document.project(), file);
    }
    Document document;
    app::JobRunner jobs;
    app::TimelinePanel panel(&document, &jobs);
    document.loadProjectValue(loadProject(file), smallMovie(), QString());
    waitForJob(jobs);
    CHECK(offsetOf(panel) == Approx(-1.25));
    CHECK(panel.staleText().isEmpty());
    CHECK(document.undoStack()->count() == 0); // showing is no edit

    writeLog(dir, 3.0); // the log is rewritten after the save
    document.loadProjectValue(loadProject(file), smallMovie(), QString());
    waitForJob(jobs);
    INFO(panel.staleText().toStdString());
    CHECK(panel.staleText().contains(QStringLiteral("log.csv changed")));
}

namespace {

/// Sends a left-button mouse event at time timeS of strip plot (middle height).
void mouseAt(QCustomPlot* plot, QEvent::Type type, double timeS)
{
    const QPointF pos(plot->xAxis->coordToPixel(timeS), plot->height() / 2.0);
    const Qt::MouseButtons held =
        type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, pos, plot->mapToGlobal(pos), Qt::LeftButton, held, Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &event);
}

} // namespace

TEST_CASE("timeline panel: one movie time axis, the other panels' events, hover readout of every "
          "column, anchor drag, the typed movie start and the joined areas",
          "[app][timeline]")
{
    const auto dir = test::scratchDir("app_timeline_more");
    const auto log = writeLog(dir);
    Document document;
    app::JobRunner jobs;
    app::TimelinePanel panel(&document, &jobs);
    openMovie(document, smallMovie(), [](ProjectMovie& m) {
        m.markers.push_back({2.0, "coating cracks"});
        ProjectAreas areas;
        AreaTrack track;
        for (int k = 0; k < 20; ++k) {
            track.frames.push_back(k);
            track.areaPx.push_back(100 + k);
            track.areaRatio.push_back(1 + 0.01 * k);
        }
        track.events.push_back({12, "crack", 0.05});
        areas.result.particles.push_back(track);
        m.areas = areas;
        Roi box;
        box.id = 7;
        box.shape = RoiShape::Rectangle;
        box.points = {{2, 3}, {9.5, 12}};
        m.rois.push_back(box);
    });
    REQUIRE(panel.loadLog(QString::fromStdString(log.string())));
    waitForJob(jobs);
    REQUIRE(panel.setOffsetS(3.0)); // the log covers movie time 3..13 s, the movie 0..9.5 s
    waitForJob(jobs);

    // Every strip spans the movie, not its own data.
    const auto* strips = panel.strips();
    REQUIRE(strips->strip(2));
    const auto range = strips->strip(0)->xAxis->range();
    CHECK(range.lower < 0.0);
    CHECK(range.upper > 9.5);
    CHECK(range.upper < 10.5);
    CHECK(strips->strip(2)->xAxis->range() == range);

    // The areas' crack at frame 12 and the user's marker, on the strips.
    std::vector<std::pair<double, std::string>> marks;
    for (const auto& m : strips->marks())
        marks.emplace_back(m.timeS, m.label.toStdString());
    CHECK(std::find(marks.begin(), marks.end(), std::pair(2.0, std::string("coating cracks"))) !=
          marks.end());
    CHECK(std::find(marks.begin(), marks.end(), std::pair(6.0, std::string("particle 0 crack"))) !=
          marks.end());

    // Hover: every column at the nearest frame, the joined areas among them.
    const QString hover = panel.hoverReadout(5.1);
    INFO(hover.toStdString());
    CHECK(hover.startsWith(QStringLiteral("t 5 s (frame 10)")));
    CHECK(hover.contains(QStringLiteral("potential (V) 0.2")));
    CHECK(hover.contains(QStringLiteral("area 0 (A/A₀) 1.1")));
    REQUIRE(panel.run()->table.column("area_0_px2"));
    CHECK(panel.run()->table.column("area_0_px2")->values[10] == 110.0);

    // The areas re-tracked while the timeline is shown: its joined columns follow at once.
    {
        ProjectAreas retracked = *document.projectMovie()->areas;
        for (double& a : retracked.result.particles[0].areaPx)
            a *= 2;
        document.undoStack()->push(new app::SetAreas(&document, retracked, std::nullopt,
                                                     QStringLiteral("Track outlines")));
        waitForJob(jobs);
        REQUIRE(panel.run()->table.column("area_0_px2"));
        CHECK(panel.run()->table.column("area_0_px2")->values[10] == 220.0);
        document.undoStack()->undo();
        waitForJob(jobs);
        CHECK(panel.run()->table.column("area_0_px2")->values[10] == 110.0);
    }

    // Results against charge: areas yes, particle counts (none in the project) no.
    panel.setResultPlot(QStringLiteral("charge"), QStringLiteral("area"));
    CHECK(panel.resultsShown());
    CHECK(panel.resultPlot()->graphCount() == 1);
    panel.setResultPlot(QStringLiteral("charge"), QStringLiteral("particles"));
    CHECK_FALSE(panel.resultsShown());

    // The dose is unknown: said beside the dose fields.
    CHECK(panel.doseWarningText().contains(QStringLiteral("dose unknown")));

    // Drag the anchor at frame 6 (3 s) to 4 s: one undo step, the log time kept.
    REQUIRE(panel.addAnchor(6, 0.5));
    waitForJob(jobs);
    panel.resize(900, 900);
    panel.show();
    QCoreApplication::processEvents();
    QCustomPlot* plot = strips->strip(0);
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const double pixelS = 1.0 / (plot->xAxis->coordToPixel(1.0) - plot->xAxis->coordToPixel(0.0));
    const int steps = document.undoStack()->count();
    mouseAt(plot, QEvent::MouseButtonPress, 3.0);
    mouseAt(plot, QEvent::MouseMove, 3.5);
    mouseAt(plot, QEvent::MouseButtonRelease, 4.0);
    waitForJob(jobs);
    CHECK(document.undoStack()->count() == steps + 1); // plot was redrawn: not used below
    REQUIRE(document.timeline()->logs[0].anchors.size() == 1);
    CHECK(document.timeline()->logs[0].anchors[0].movieTimeS == Approx(4.0).margin(2 * pixelS));
    CHECK(document.timeline()->logs[0].anchors[0].logTimeS == 0.5);
    CHECK(offsetOf(panel) == Approx(3.5).margin(2 * pixelS));

    // A typed frame-0 clock: one undo step, in the project (its file round trip:
    // tests/core/project/test_layout_v2_timeline.cpp).
    const LocalDateTime start{2021, 1, 2, 3, 4, 5.0};
    REQUIRE(panel.setMovieStart(start));
    waitForJob(jobs);
    CHECK(document.timeline()->movieStart == start);
    CHECK(panel.run()->movieStartSource == "typed");
    CHECK(document.project().movies.front().timeline->movieStart == start); // what is saved
    document.undoStack()->undo();
    waitForJob(jobs);
    CHECK_FALSE(document.timeline()->movieStart);

    // The logs' UTC offset: one undo step, saved.
    REQUIRE(panel.setLogUtcOffset(2.0));
    waitForJob(jobs);
    CHECK(document.project().movies.front().timeline->logUtcOffsetH == 2.0);
    document.undoStack()->undo();
    waitForJob(jobs);
    CHECK_FALSE(document.timeline()->logUtcOffsetH);

    // The selected rectangle ROI is the vacuum region and the correlation's signal region.
    panel.setSelectedRoiId(7);
    CHECK(panel.selectedRectPx() == std::array<int, 4>{2, 3, 8, 10});
    panel.setSelectedRoiId(99);
    CHECK_FALSE(panel.selectedRectPx());
}
