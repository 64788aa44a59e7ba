// TimelinePanel: a log loaded onto a small synthetic movie fills the panel and the project;
// offset, anchors and dose are one undo step each; undo restores; a saved and reopened project
// shows the timeline at once, and a log changed since is flagged stale.

#include <catch2/catch.hpp>

#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/timeline_panel.h"
#include "panels/timeline_strips.h"

#include "support/test_paths.h"

#include "insitu/io/memory_reader.h"
#include "insitu/project/project_file.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <fstream>
#include <sstream>

using namespace insitu;
using insitu::app::Document;

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

void openMovie(Document& document, std::shared_ptr<Movie> movie)
{
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.path = "memory-movie.tif"; // frames live in memory; the project only names them
    entry.width = movie->width();
    entry.height = movie->height();
    entry.frameCount = movie->frameCount();
    entry.fileCalibration = movie->calibration();
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

void waitForJob(app::JobRunner& jobs)
{
    jobs.waitForFinished();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
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
