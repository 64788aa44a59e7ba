// Stale marks survive save and reopen: fronts tracked before a band width change, a 1 px ROI move
// or a new drift measurement, and a drift measured before its settings changed, come back from
// the project file flagged with the same reasons.

#include <catch2/catch.hpp>

#include "document/commands/result_commands.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/drift_panel.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"

#include "support/test_paths.h"

#include "insitu/io/memory_reader.h"
#include "insitu/project/project_file.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <random>

using namespace insitu;
using insitu::app::Document;

namespace {
constexpr int kFrames = 30;

/// A bright wire (rows 8–16) whose dark reacted part grows by 1.2 px per frame from x = 20.
std::shared_ptr<Movie> frontMovie()
{
    std::mt19937 random(5);
    std::normal_distribution<float> noise(0.0f, 4.0f);
    std::vector<cv::Mat> frames;
    for (int k = 0; k < kFrames; ++k) {
        cv::Mat frame(24, 150, CV_16U, cv::Scalar(100));
        const double front = 20 + 1.2 * k;
        for (int y = 8; y <= 16; ++y)
            for (int x = 10; x < 140; ++x) {
                const double reacted = 1.0 / (1.0 + std::exp((x - front) / 1.2));
                frame.at<std::uint16_t>(y, x) =
                    static_cast<std::uint16_t>(300 - 120 * reacted + noise(random));
            }
        frames.push_back(frame);
    }
    Calibration calibration;
    calibration.nmPerPixel = 0.5;
    calibration.frameIntervalS = 2.0;
    return std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, calibration));
}

/// A uniform drift of dx px in x.
ProjectDrift uniformDrift(double dx)
{
    ProjectDrift drift;
    drift.result.dxPx.assign(kFrames, dx);
    drift.result.dyPx.assign(kFrames, 0.0);
    drift.result.quality.assign(kFrames, 1.0);
    drift.result.interpolated.assign(kFrames, false);
    return drift;
}

/// A document with one tracked and fitted path ROI, the panels that show it.
struct TrackedDocument
{
    Document document;
    app::JobRunner jobs;
    app::FrontsPanel fronts{&document, &jobs};
    app::KineticsPanel kinetics{&document};
    app::DriftPanel driftPanel{&document, &jobs};
    int roiId = 0;

    explicit TrackedDocument(bool withDrift)
    {
        QObject::connect(&fronts, &app::FrontsPanel::tracked, &kinetics,
                         [this] { kinetics.refit(); });
        std::shared_ptr<Movie> movie = frontMovie();
        Project project;
        ProjectMovie entry;
        entry.id = project.nextMovieId++;
        entry.width = movie->width();
        entry.height = movie->height();
        entry.frameCount = movie->frameCount();
        entry.fileCalibration = movie->calibration();
        project.movies.push_back(entry);
        document.loadProjectValue(project, std::move(movie), QString());
        if (withDrift)
            document.undoStack()->push(new app::SetDrift(&document, uniformDrift(0.0)));
        Roi roi;
        roi.id = document.takeRoiId();
        roi.name = "wire";
        roi.points = {{10, 12}, {139, 12}};
        roi.widthPx = 8;
        document.undoStack()->push(new app::AddRoi(&document, roi));
        roiId = roi.id;
        fronts.setRoiId(roiId);
        kinetics.setRoiId(roiId);
        REQUIRE(fronts.track());
        jobs.waitForFinished();
        for (int i = 0; i < 20; ++i)
            QCoreApplication::processEvents();
        REQUIRE(document.fronts(roiId) != nullptr);
        REQUIRE(fronts.staleText().isEmpty());
        REQUIRE(kinetics.staleText().isEmpty());
    }

    /// Saves the document as the window does and opens the file again in the same document.
    void saveAndReopen(const std::string& name)
    {
        const auto path = test::scratchDir("stale_on_save") / (name + ".h5");
        saveProject(document.projectToSave(), path);
        document.loadProjectValue(loadProject(path), document.movie(),
                                  QString::fromStdString(path.string()));
    }
};
} // namespace

TEST_CASE("a band width change after tracking is still stale after save and reopen", "[app][stale]")
{
    TrackedDocument t(false);
    Roi wider = t.document.roi(0);
    wider.widthPx = 12;
    t.document.undoStack()->push(
        new app::ChangeRoi(&t.document, 0, wider, QStringLiteral("Width")));
    const QString reason = QStringLiteral("band width changed (8 → 12 px)");
    REQUIRE(t.fronts.staleText().contains(reason));
    t.saveAndReopen("width");
    CHECK(t.fronts.roiId() == t.roiId);
    CHECK(t.fronts.staleText().contains(reason));
    CHECK(t.kinetics.staleText().contains(reason));
    // Putting the width back makes the reopened result fresh again: the record is the inputs.
    Roi back = t.document.roi(0);
    back.widthPx = 8;
    t.document.undoStack()->push(new app::ChangeRoi(&t.document, 0, back, QStringLiteral("W")));
    CHECK(t.fronts.staleText().isEmpty());
    CHECK(t.kinetics.staleText().isEmpty());
    t.document.setClean();
}

TEST_CASE("a 1 px ROI move after tracking is still stale after save and reopen", "[app][stale]")
{
    TrackedDocument t(false);
    Roi moved = t.document.roi(0);
    moved.points[0].y += 1; // same length: the kymograph's width cannot tell
    t.document.undoStack()->push(new app::ChangeRoi(&t.document, 0, moved, QStringLiteral("M")));
    REQUIRE(t.fronts.staleText().contains(QStringLiteral("the ROI was moved")));
    t.saveAndReopen("move");
    CHECK(t.fronts.staleText().contains(QStringLiteral("the ROI was moved")));
    CHECK(t.kinetics.staleText().contains(QStringLiteral("the ROI was moved")));
    t.document.setClean();
}

TEST_CASE("a fresh result stays fresh after save and reopen", "[app][stale]")
{
    TrackedDocument t(true);
    t.saveAndReopen("fresh");
    CHECK(t.fronts.staleText().isEmpty());
    CHECK(t.kinetics.staleText().isEmpty());
    CHECK(t.driftPanel.staleText().isEmpty());
    t.document.setClean();
}

TEST_CASE("drift measured again after tracking, and changed drift settings, stay stale after "
          "save and reopen",
          "[app][stale]")
{
    TrackedDocument t(true);
    t.document.undoStack()->push(new app::SetDrift(&t.document, uniformDrift(0.5)));
    const QString reason = QStringLiteral("drift was measured again since");
    REQUIRE(t.fronts.staleText().contains(reason));
    DriftOptions options = t.document.driftOptions();
    options.runningMeanFrames = 20;
    t.document.undoStack()->push(new app::ChangeDriftOptions(&t.document, options));
    REQUIRE_FALSE(t.driftPanel.staleText().isEmpty());
    const QString driftReason = t.driftPanel.staleText();
    t.saveAndReopen("drift");
    CHECK(t.fronts.staleText().contains(reason));
    CHECK(t.kinetics.staleText().contains(reason));
    CHECK(t.driftPanel.staleText() == driftReason);
    t.document.setClean();
}

TEST_CASE("a calibration change after the fit is still stale after save and reopen", "[app][stale]")
{
    TrackedDocument t(false);
    CalibrationOverride calibration;
    calibration.frameIntervalS = 2.0; // the file's value: the fit's units still match
    calibration.nmPerPixel = 0.75;
    t.document.undoStack()->push(new app::ChangeCalibration(&t.document, calibration));
    REQUIRE(t.kinetics.staleText().contains(QStringLiteral("calibration")));
    t.saveAndReopen("calibration");
    CHECK(t.kinetics.staleText().contains(QStringLiteral("calibration")));
    CHECK(t.fronts.staleText().isEmpty());
    t.document.setClean();
}
