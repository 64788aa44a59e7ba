// FrontsPanel and the stale flags: fronts computed from inputs that changed since (ROI moved,
// band width, drift measured or cleared) are flagged until re-tracked; tracking and its fit are
// one undo step; the kymograph view has calibrated axes.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/commands/result_commands.h"
#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "jobs/wire_band_job.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"
#include "views/kymograph_view.h"

#include "insitu/front/wire_width.h"
#include "insitu/io/memory_reader.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <chrono>
#include <random>
#include <thread>

using namespace insitu;
using insitu::app::Document;

using insitu::test::openMovie;
using insitu::test::waitForJob;

namespace {
constexpr int kFrames = 40;

/// A bright wire (rows 8–16) of 160 px whose dark reacted part grows by speed px per frame from
/// x = 20; 0.25 nm/px, 1.5 s/frame; Poisson-like noise from a fixed seed.
std::shared_ptr<Movie> frontMovie(double speedPxPerFrame)
{
    std::mt19937 random(11);
    std::normal_distribution<float> noise(0.0f, 4.0f);
    std::vector<cv::Mat> frames;
    for (int k = 0; k < kFrames; ++k) {
        cv::Mat frame(24, 180, CV_16U, cv::Scalar(100));
        const double front = 20 + speedPxPerFrame * k;
        for (int y = 8; y <= 16; ++y)
            for (int x = 10; x < 170; ++x) {
                const double reacted = 1.0 / (1.0 + std::exp((x - front) / 1.2));
                frame.at<std::uint16_t>(y, x) =
                    static_cast<std::uint16_t>(300 - 120 * reacted + noise(random));
            }
        frames.push_back(frame);
    }
    Calibration calibration;
    calibration.nmPerPixel = 0.25;
    calibration.frameIntervalS = 1.5;
    return std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, calibration));
}

Roi wireRoi(Document& document)
{
    Roi roi;
    roi.id = document.takeRoiId();
    roi.name = "wire";
    roi.points = {{10, 12}, {169, 12}};
    roi.widthPx = 8;
    return roi;
}

} // namespace

TEST_CASE("tracking and its fit are one undo step, with calibrated kymograph axes", "[app][fronts]")
{
    Document document;
    app::JobRunner jobs;
    app::FrontsPanel fronts(&document, &jobs);
    app::KineticsPanel kinetics(&document);
    QObject::connect(&fronts, &app::FrontsPanel::tracked, &kinetics, [&] { kinetics.refit(); });
    openMovie(document, frontMovie(1.5));
    document.undoStack()->push(new app::AddRoi(&document, wireRoi(document)));
    const int roiId = document.roi(0).id;
    fronts.setRoiId(roiId);
    kinetics.setRoiId(roiId);

    REQUIRE(fronts.track());
    waitForJob(jobs);
    const ProjectFronts* tracked = document.fronts(roiId);
    REQUIRE(tracked != nullptr);
    REQUIRE_FALSE(tracked->result.fronts.empty());
    CHECK(tracked->result.fronts[0].fit.has_value());
    CHECK(tracked->result.options.frontCount == fronts.options().frontCount);
    CHECK(fronts.staleText().isEmpty());
    CHECK(fronts.kymographView()->hasKymograph());
    CHECK(fronts.kymographView()->positionAxisLabel() == QStringLiteral("position along ROI (nm)"));
    CHECK(fronts.kymographView()->timeAxisLabel() == QStringLiteral("time (s)"));
    // Frame 10 lies below frame 0 on the kymograph (time runs down).
    fronts.resize(320, 600);
    fronts.show();
    QCoreApplication::processEvents();
    fronts.kymographView()->replot();
    CHECK(fronts.kymographView()->toWidget(5, 10).y() > fronts.kymographView()->toWidget(5, 0).y());

    const int steps = document.undoStack()->count();
    document.undoStack()->undo();
    CHECK(document.fronts(roiId) == nullptr); // the tracking and its fit went in one step
    document.undoStack()->redo();
    REQUIRE(document.fronts(roiId) != nullptr);
    CHECK(document.fronts(roiId)->result.fronts[0].fit.has_value());
    CHECK(document.undoStack()->count() == steps);
}

TEST_CASE("moving the ROI or measuring drift after tracking flags the fronts stale",
          "[app][fronts]")
{
    Document document;
    app::JobRunner jobs;
    app::FrontsPanel fronts(&document, &jobs);
    app::KineticsPanel kinetics(&document);
    QObject::connect(&fronts, &app::FrontsPanel::tracked, &kinetics, [&] { kinetics.refit(); });
    QObject::connect(&kinetics, &app::KineticsPanel::retrackRequested, &fronts,
                     [&] { fronts.track(); });
    openMovie(document, frontMovie(1.0));
    document.undoStack()->push(new app::AddRoi(&document, wireRoi(document)));
    const int roiId = document.roi(0).id;
    fronts.setRoiId(roiId);
    kinetics.setRoiId(roiId);
    REQUIRE(fronts.track());
    waitForJob(jobs);
    REQUIRE(document.fronts(roiId) != nullptr);
    CHECK(fronts.staleText().isEmpty());
    CHECK(kinetics.staleText().isEmpty());

    SECTION("moving the ROI, then undoing the move")
    {
        Roi moved = document.roi(0);
        moved.points[1].y = 14;
        document.undoStack()->push(new app::ChangeRoi(&document, 0, moved, QStringLiteral("Move")));
        CHECK(fronts.staleText().contains(QStringLiteral("the ROI was moved")));
        CHECK(kinetics.staleText().contains(QStringLiteral("the ROI was moved")));
        document.undoStack()->undo();
        CHECK(fronts.staleText().isEmpty());
        CHECK(kinetics.staleText().isEmpty());
    }
    SECTION("changing the band width, then re-tracking from the kinetics panel")
    {
        Roi wider = document.roi(0);
        wider.widthPx = 12;
        document.undoStack()->push(
            new app::ChangeRoi(&document, 0, wider, QStringLiteral("Width")));
        CHECK(fronts.staleText().contains(QStringLiteral("band width changed (8 → 12 px)")));
        emit kinetics.retrackRequested(roiId);
        waitForJob(jobs);
        CHECK(fronts.staleText().isEmpty());
        CHECK(kinetics.staleText().isEmpty());
    }
    SECTION("measuring drift after tracking; re-tracking; clearing the drift")
    {
        ProjectDrift drift;
        drift.result.dxPx.assign(kFrames, 0.0);
        drift.result.dyPx.assign(kFrames, 0.0);
        document.undoStack()->push(new app::SetDrift(&document, drift));
        CHECK(fronts.staleText().contains(QStringLiteral("drift was measured after tracking")));
        REQUIRE(fronts.track());
        waitForJob(jobs);
        CHECK(fronts.staleText().isEmpty());
        document.undoStack()->push(new app::SetDrift(&document, std::nullopt));
        CHECK(fronts.staleText().contains(QStringLiteral("cleared")));
        // A stale result that is saved and reopened is still flagged (the provenance names the
        // drift it was corrected with).
        Project saved = document.project();
        document.loadProjectValue(saved, document.movie(), QString());
        CHECK(fronts.roiId() == roiId);
        CHECK(fronts.staleText().contains(QStringLiteral("cleared")));
    }
    document.setClean();
}

TEST_CASE("the band from the wire is the core's default, one undo step", "[app][fronts]")
{
    Document document;
    app::JobRunner jobs;
    app::FrontsPanel fronts(&document, &jobs);
    openMovie(document, frontMovie(1.0));
    document.undoStack()->push(new app::AddRoi(&document, wireRoi(document)));
    const Roi drawn = document.roi(0);
    fronts.setRoiId(drawn.id);
    const int steps = document.undoStack()->count();
    const std::optional<app::WireBand> measured = fronts.bandFromWire(); // a bare panel: at once
    REQUIRE(measured.has_value());
    const app::WireBand& chosen = *measured;
    // What `insitu front` without --width computes for the same path.
    const BandWidthChoice core =
        defaultBandWidthPx(estimateWireWidthPx(*document.movie(), drawn, nullptr));
    CHECK(chosen.band.widthPx == core.widthPx);
    CHECK(chosen.band.source == core.source);
    CHECK(document.roi(0).widthPx == core.widthPx);
    CHECK(core.source == "wire");
    CHECK(chosen.wire.widthPx == Approx(9).margin(1.5)); // rows 8–16
    CHECK(document.undoStack()->count() == (core.widthPx == drawn.widthPx ? steps : steps + 1));
}

TEST_CASE("in the window the band from the wire is measured off the GUI thread, one undo step",
          "[app][fronts][wireband]")
{
    Document document;
    app::JobRunner jobs;
    app::FrontsPanel fronts(&document, &jobs);
    app::WireBandJob wireBand(&document);
    fronts.setWireBandJob(&wireBand);
    openMovie(document, frontMovie(1.0));
    Roi drawn = wireRoi(document);
    drawn.widthPx = 3;                                             // far from the wire's band
    document.undoStack()->push(new app::AddRoi(&document, drawn)); // the last step: not joined
    fronts.setRoiId(document.roi(0).id);
    const int steps = document.undoStack()->count();
    CHECK_FALSE(fronts.bandFromWire().has_value()); // asynchronous: the job applies it
    wireBand.waitForFinished();
    const BandWidthChoice core =
        defaultBandWidthPx(estimateWireWidthPx(*document.movie(), document.roi(0), nullptr));
    CHECK(document.roi(0).widthPx == core.widthPx);
    CHECK(document.undoStack()->count() == steps + 1);
    document.undoStack()->undo();
    REQUIRE(document.roiCount() == 1);
    CHECK(document.roi(0).widthPx == 3);
}

TEST_CASE("a pin is one command holding the re-tracked fronts and their refit", "[app][fronts]")
{
    Document document;
    app::JobRunner jobs;
    app::FrontsPanel fronts(&document, &jobs);
    app::KineticsPanel kinetics(&document);
    openMovie(document, frontMovie(1.5));
    document.undoStack()->push(new app::AddRoi(&document, wireRoi(document)));
    const int roiId = document.roi(0).id;
    fronts.setRoiId(roiId);
    kinetics.setRoiId(roiId);
    REQUIRE(fronts.track());
    waitForJob(jobs);
    REQUIRE(document.fronts(roiId) != nullptr);
    REQUIRE(document.fronts(roiId)->result.fronts[0].fit.has_value());
    const ProjectFronts before = *document.fronts(roiId);
    QUndoStack* stack = document.undoStack();
    const int steps = stack->count();

    const FrontTrack& track = before.result.fronts.front();
    const int frame = track.frames[track.frames.size() / 2];
    const double pinPx = track.positionsPx[track.frames.size() / 2] + 6;
    REQUIRE(fronts.pin(0, frame, pinPx));
    waitForJob(jobs);
    REQUIRE(stack->count() == steps + 1);
    // One command, not a macro of a re-track and a refit: nothing in between on screen or in
    // the history.
    CHECK(stack->command(stack->count() - 1)->childCount() == 0);
    CHECK(stack->text(stack->count() - 1) == QStringLiteral("Pin front"));
    const ProjectFronts after = *document.fronts(roiId);
    REQUIRE(after.result.fronts.front().pins.size() == 1);
    REQUIRE(after.result.fronts.front().fit.has_value());
    CHECK(after.result.fronts.front().positionsPx != track.positionsPx);
    CHECK(kinetics.staleText().isEmpty());

    stack->undo(); // the pin, the re-track and the refit at once
    CHECK(*document.fronts(roiId) == before);
    stack->redo(); // and back, fits included
    CHECK(*document.fronts(roiId) == after);
    CHECK(stack->count() == steps + 1);
    CHECK(kinetics.staleText().isEmpty());
}
