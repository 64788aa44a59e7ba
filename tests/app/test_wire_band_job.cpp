// WireBandJob: a new path ROI appears at once and takes the band from the wire under it when the
// off-thread measurement ends, in its creation step; a typed width or an edit in between wins;
// tracking right after drawing waits for the band.

#include <catch2/catch.hpp>

#include "document/band_width.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "jobs/wire_band_job.h"
#include "panels/fronts_panel.h"
#include "views/band_width_box.h"
#include "views/roi_editor.h"

#include "insitu/io/memory_reader.h"

#include <QUndoStack>

using namespace insitu;
using insitu::app::Document;

namespace {
/// A bright wire along rows 8–16 (9 px wide) on a dark background, 12 frames.
void openWireMovie(Document& document)
{
    std::vector<cv::Mat> frames;
    cv::RNG rng(3);
    for (int k = 0; k < 12; ++k) {
        cv::Mat frame(40, 160, CV_16U, cv::Scalar(100));
        frame(cv::Rect(0, 8, 160, 9)).setTo(300);
        cv::Mat noise(40, 160, CV_16U);
        rng.fill(noise, cv::RNG::UNIFORM, 0, 8);
        frames.push_back(frame + noise);
    }
    auto movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, Calibration{}));
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.width = movie->width();
    entry.height = movie->height();
    entry.frameCount = movie->frameCount();
    project.movies.push_back(entry);
    document.loadProjectValue(project, std::move(movie), QString());
}

Roi pathRoi(Document& document, const app::RoiEditor& editor)
{
    Roi roi;
    roi.id = document.takeRoiId();
    roi.name = "wire";
    roi.points = {{10, 12}, {150, 12}};
    roi.widthPx = editor.defaultWidthPx();
    return roi;
}
} // namespace

TEST_CASE("a new path takes the band from the wire in its creation step", "[app][wireband]")
{
    Document document;
    openWireMovie(document);
    app::RoiEditor editor(&document, nullptr);
    QUndoStack* stack = document.undoStack();
    REQUIRE(editor.bandFollowsWire());
    const Roi drawn = pathRoi(document, editor);
    const double wireBandPx = app::bandWidthFromWire(document, drawn).band.widthPx;
    REQUIRE(wireBandPx != drawn.widthPx); // the 9 px wire gives a narrower band than 20 px

    SECTION("measured off the GUI thread, joined to the AddRoi step")
    {
        editor.addPath(drawn);
        // The ROI is there at once, with the settings' width, while the job runs.
        REQUIRE(document.roiCount() == 1);
        CHECK(document.roi(0).widthPx == drawn.widthPx);
        CHECK(editor.wireBandJob()->isBusy());
        editor.wireBandJob()->waitForFinished();
        CHECK(document.roi(0).widthPx == wireBandPx);
        CHECK(stack->count() == 1);
        CHECK(stack->text(0) == QStringLiteral("Add wire"));
        stack->undo();
        CHECK(document.roiCount() == 0);
        stack->redo();
        REQUIRE(document.roiCount() == 1);
        CHECK(document.roi(0).widthPx == wireBandPx);
    }
    SECTION("after a save in between, its own clearly named step")
    {
        editor.addPath(drawn);
        document.setClean();
        editor.wireBandJob()->waitForFinished();
        CHECK(document.roi(0).widthPx == wireBandPx);
        REQUIRE(stack->count() == 2);
        CHECK(stack->text(1) == QStringLiteral("Band width from the wire"));
        stack->undo();
        CHECK(document.roi(0).widthPx == drawn.widthPx);
    }
    SECTION("a ROI moved before the measurement ends keeps its width")
    {
        editor.addPath(drawn);
        Roi moved = document.roi(0);
        moved.points[1].y = 13;
        stack->push(new app::ChangeRoi(&document, 0, moved, QStringLiteral("Move")));
        editor.wireBandJob()->waitForFinished();
        CHECK(document.roi(0) == moved);
        CHECK(stack->count() == 2);
    }
    SECTION("tracking right after drawing waits for the band")
    {
        app::JobRunner jobs;
        app::FrontsPanel fronts(&document, &jobs);
        fronts.setWireBandJob(editor.wireBandJob());
        editor.addPath(drawn);
        fronts.setRoiId(drawn.id);
        REQUIRE(fronts.track());
        CHECK_FALSE(editor.wireBandJob()->isMeasuring(drawn.id));
        jobs.waitForFinished();
        REQUIRE(document.frontsInputs(drawn.id) != nullptr);
        CHECK(document.frontsInputs(drawn.id)->widthPx == wireBandPx);
        CHECK(fronts.staleText().isEmpty());
    }
    SECTION("the tool bar's \"wire\" entry: new paths follow the wire again, a path is remeasured")
    {
        app::BandWidthBox box(&document, &editor);
        CHECK(box.value() == 0); // follows the wire
        box.setValue(12);
        CHECK_FALSE(editor.bandFollowsWire());
        CHECK(editor.defaultWidthPx() == 12);
        box.setValue(0);
        CHECK(editor.bandFollowsWire());
        CHECK(box.value() == 0);

        stack->push(new app::ChangeBandWidth(&document, {20.0, true}));
        const Roi typed = pathRoi(document, editor);
        editor.addPath(typed); // a typed width: not measured
        CHECK_FALSE(editor.wireBandJob()->isBusy());
        editor.setSelectedRoiId(typed.id);
        CHECK(box.value() == 20);
        box.setValue(0); // the selected path: its wire measured, in one undo step
        editor.wireBandJob()->waitForFinished();
        CHECK(document.roi(0).widthPx == wireBandPx);
        CHECK(box.value() == wireBandPx);
        stack->undo();
        CHECK(document.roi(0).widthPx == 20.0);
    }
    SECTION("a typed width is kept: no measurement")
    {
        stack->push(new app::ChangeBandWidth(&document, {20.0, true}));
        CHECK_FALSE(editor.bandFollowsWire());
        Roi typed = pathRoi(document, editor);
        editor.addPath(typed);
        CHECK_FALSE(editor.wireBandJob()->isBusy());
        CHECK(document.roi(0).widthPx == 20.0);
        stack->undo(); // the ROI
        stack->undo(); // the typed width: new paths follow the wire again
        CHECK(editor.bandFollowsWire());
    }
    document.setClean();
}
