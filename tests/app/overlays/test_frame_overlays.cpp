// FrameOverlays: front markers sit on the path in the plots' front colours; ROIs follow drift.

#include <catch2/catch.hpp>

#include "document/commands/result_commands.h"
#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "overlays/frame_overlays.h"
#include "views/frame_view.h"

#include "journal_style.h"

#include "insitu/io/memory_reader.h"

#include <QUndoStack>

using namespace insitu;
using insitu::app::Document;
using insitu::app::FrameOverlays;

TEST_CASE("front markers are on the path, one per front present, in the front colours", "[app]")
{
    Document document;
    std::vector<cv::Mat> frames(3, cv::Mat(20, 60, CV_16U, cv::Scalar(5)));
    auto movie =
        std::make_shared<Movie>(std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16));
    Project project;
    project.movies.emplace_back();
    project.movies.back().id = 1;
    document.loadProjectValue(project, movie, QString());
    Roi roi;
    roi.id = document.takeRoiId();
    roi.points = {{10, 5}, {50, 5}};
    document.undoStack()->push(new app::AddRoi(&document, roi));
    ProjectFronts fronts;
    FrontTrack first;
    first.index = 0;
    first.frames = {0, 1, 2};
    first.positionsPx = {2, 3, 4};
    FrontTrack second;
    second.index = 1;
    second.frames = {1, 2};
    second.positionsPx = {30, 28};
    fronts.result.fronts = {first, second};
    document.undoStack()->push(
        new app::SetFronts(&document, roi.id, fronts, QStringLiteral("Track")));

    const auto atZero = FrameOverlays::frontMarkers(document, roi.id, 0);
    REQUIRE(atZero.size() == 1);
    CHECK(atZero[0].pointPx.x() == Approx(12));
    CHECK(atZero[0].pointPx.y() == Approx(5));
    const auto atTwo = FrameOverlays::frontMarkers(document, roi.id, 2);
    REQUIRE(atTwo.size() == 2);
    CHECK(atTwo[1].pointPx.x() == Approx(38));
    CHECK(atTwo[0].colour == plot::okabeIto(0));
    CHECK(atTwo[1].colour == plot::okabeIto(1));
    CHECK(atTwo[0].colour != atTwo[1].colour);
    CHECK(FrameOverlays::frontMarkers(document, roi.id + 1, 2).empty());

    // The view gets them, offset by the drift unless the frame is drift-corrected.
    app::FrameView view;
    FrameOverlays overlays(&document, &view);
    ProjectDrift drift;
    drift.result.dxPx = {0, 1.5, 3};
    drift.result.dyPx = {0, -1, -2};
    document.undoStack()->push(new app::SetDrift(&document, drift));
    overlays.setFrontsRoiId(roi.id);
    overlays.setShownFrame(2);
    CHECK(view.frontMarkers().size() == 2);
    CHECK(view.overlayOffset() == QPointF(3, -2));
    overlays.setDriftCorrected(true);
    CHECK(view.overlayOffset() == QPointF(0, 0));
}
