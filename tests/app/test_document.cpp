#include <catch2/catch.hpp>

#include "document/commands/command_ids.h"
#include "document/commands/result_commands.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "models/roi_list_model.h"

#include "insitu/io/memory_reader.h"

#include <QSignalSpy>
#include <QUndoStack>

using namespace insitu;
using insitu::app::Document;

namespace {
/// A document on a small in-memory movie (4 frames of 16 × 12 px, 2 nm/px, 0.5 s/frame).
void openSmallMovie(Document& document)
{
    std::vector<cv::Mat> frames;
    for (int k = 0; k < 4; ++k)
        frames.emplace_back(12, 16, CV_16U, cv::Scalar(100 * k));
    Calibration calibration;
    calibration.nmPerPixel = 2.0;
    calibration.frameIntervalS = 0.5;
    auto movie = std::make_shared<Movie>(
        std::make_unique<MemoryMovieReader>(frames, PixelType::UInt16, calibration));
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.width = 16;
    entry.height = 12;
    entry.frameCount = 4;
    entry.fileCalibration = calibration;
    project.movies.push_back(entry);
    document.loadProjectValue(project, movie, QString());
}

Roi lineRoi(Document& document, double x1)
{
    Roi roi;
    roi.id = document.takeRoiId();
    roi.name = "line " + std::to_string(roi.id);
    roi.points = {{1, 1}, {x1, 5}};
    return roi;
}
} // namespace

TEST_CASE("adding and removing ROIs is undoable and keeps ids unique", "[app]")
{
    Document document;
    openSmallMovie(document);
    auto* stack = document.undoStack();
    stack->push(new app::AddRoi(&document, lineRoi(document, 10)));
    stack->push(new app::AddRoi(&document, lineRoi(document, 12)));
    REQUIRE(document.roiCount() == 2);
    CHECK(document.roi(0).id != document.roi(1).id);
    CHECK_FALSE(document.isClean());

    stack->push(new app::RemoveRoi(&document, 0));
    REQUIRE(document.roiCount() == 1);
    CHECK(document.roi(0).points[1].x == 12);
    stack->undo();
    REQUIRE(document.roiCount() == 2);
    CHECK(document.roi(0).points[1].x == 10);
    stack->undo();
    stack->undo();
    CHECK(document.roiCount() == 0);
    CHECK(document.isClean());
    stack->redo();
    CHECK(document.roiCount() == 1);
    // A new ROI never reuses an id, even after undo.
    CHECK(document.takeRoiId() == 3);
}

TEST_CASE("a drag of many ChangeRoi steps is one undo step", "[app]")
{
    Document document;
    openSmallMovie(document);
    auto* stack = document.undoStack();
    stack->push(new app::AddRoi(&document, lineRoi(document, 10)));
    const int dragKey = app::newCommandId();
    for (int step = 1; step <= 20; ++step) {
        Roi moved = document.roi(0);
        moved.points[1].x = 10 + step * 0.25;
        stack->push(new app::ChangeRoi(&document, 0, moved, QStringLiteral("Move"), dragKey));
    }
    CHECK(document.roi(0).points[1].x == Approx(15.0));
    CHECK(stack->count() == 2);
    stack->undo();
    CHECK(document.roi(0).points[1].x == 10);
    stack->redo();
    CHECK(document.roi(0).points[1].x == Approx(15.0));

    // A drag that returns to the start leaves no step at all.
    const int secondDragKey = app::newCommandId();
    Roi there = document.roi(0);
    there.points[0].x = 3;
    stack->push(new app::ChangeRoi(&document, 0, there, QStringLiteral("Move"), secondDragKey));
    Roi back = document.roi(0);
    back.points[0].x = 1;
    stack->push(new app::ChangeRoi(&document, 0, back, QStringLiteral("Move"), secondDragKey));
    CHECK(stack->count() == 2);
}

TEST_CASE("removing an ROI removes its fronts and undo restores them", "[app]")
{
    Document document;
    openSmallMovie(document);
    auto* stack = document.undoStack();
    stack->push(new app::AddRoi(&document, lineRoi(document, 10)));
    const int roiId = document.roi(0).id;
    ProjectFronts fronts;
    FrontTrack track;
    track.frames = {0, 1};
    track.positionsPx = {2.0, 3.0};
    fronts.result.fronts.push_back(track);
    stack->push(new app::SetFronts(&document, roiId, fronts, QStringLiteral("Track")));
    REQUIRE(document.fronts(roiId) != nullptr);
    CHECK(document.fronts(roiId)->result.roiId == roiId);

    stack->push(new app::RemoveRoi(&document, 0));
    CHECK(document.fronts(roiId) == nullptr);
    stack->undo();
    REQUIRE(document.fronts(roiId) != nullptr);
    CHECK(document.fronts(roiId)->result.fronts[0].positionsPx[1] == 3.0);
    stack->undo();
    CHECK(document.fronts(roiId) == nullptr);
}

TEST_CASE("calibration changes reach the movie, merge, and undo", "[app]")
{
    Document document;
    openSmallMovie(document);
    QSignalSpy spy(&document, &Document::calibrationChanged);
    auto* stack = document.undoStack();
    CalibrationOverride value;
    value.nmPerPixel = 3.0;
    stack->push(new app::ChangeCalibration(&document, value));
    value.nmPerPixel = 3.5;
    value.frameIntervalS = 2.0;
    stack->push(new app::ChangeCalibration(&document, value));
    CHECK(stack->count() == 1);
    CHECK(spy.count() == 2);
    CHECK(*document.movie()->calibration().nmPerPixel == 3.5);
    CHECK(*document.calibration().timeOfFrameS(3) == Approx(6.0));
    stack->undo();
    CHECK(*document.movie()->calibration().nmPerPixel == 2.0);
    CHECK(*document.calibration().timeOfFrameS(3) == Approx(1.5));
}

TEST_CASE("drift results are applied and undone as one step", "[app]")
{
    Document document;
    openSmallMovie(document);
    ProjectDrift drift;
    drift.result.dxPx = {0, 1, 2, 3};
    drift.result.dyPx = {0, 0, 0, 0};
    document.undoStack()->push(new app::SetDrift(&document, drift));
    REQUIRE(document.drift());
    CHECK(document.drift()->result.dxPx[3] == 3);
    document.undoStack()->undo();
    CHECK_FALSE(document.drift());
}

TEST_CASE("the ROI list model follows the document and renames through undo", "[app]")
{
    Document document;
    openSmallMovie(document);
    app::RoiListModel model(&document);
    auto* stack = document.undoStack();
    stack->push(new app::AddRoi(&document, lineRoi(document, 10)));
    stack->push(new app::AddRoi(&document, lineRoi(document, 11)));
    REQUIRE(model.rowCount() == 2);
    CHECK(model.data(model.index(1), Qt::DisplayRole).toString() == QStringLiteral("line 2"));
    CHECK(model.data(model.index(1), app::RoiListModel::RoiIdRole).toInt() == 2);

    CHECK(model.setData(model.index(0), QStringLiteral("wire"), Qt::EditRole));
    CHECK(document.roi(0).name == "wire");
    stack->undo();
    CHECK(model.data(model.index(0), Qt::DisplayRole).toString() == QStringLiteral("line 1"));
    stack->undo();
    CHECK(model.rowCount() == 1);
    document.clear();
    CHECK(model.rowCount() == 0);
}

TEST_CASE("command ids and merge keys come from one allocator and never collide", "[app]")
{
    const std::vector<int> ids{app::changeRoiCommandId(),
                               app::addRoiCommandId(),
                               app::ChangeCalibration::commandId(),
                               app::ChangeDriftOptions::commandId(),
                               app::ChangeFrontTracking::commandId(),
                               app::ChangeBandWidth::commandId(),
                               app::ChangeFrontFit::commandId(),
                               app::newCommandId(),
                               app::newCommandId()};
    for (std::size_t i = 0; i < ids.size(); ++i)
        for (std::size_t j = i + 1; j < ids.size(); ++j)
            CHECK(ids[i] != ids[j]);
    // The same field keeps its id.
    CHECK(app::ChangeBandWidth::commandId() == app::ChangeBandWidth::commandId());
}

TEST_CASE("two ROI drags are two undo steps however many drags came before", "[app]")
{
    Document document;
    openSmallMovie(document);
    auto* stack = document.undoStack();
    stack->push(new app::AddRoi(&document, lineRoi(document, 10)));
    for (int drag = 0; drag < 120; ++drag) {
        const int key = app::newCommandId();
        for (int step = 0; step < 2; ++step) {
            Roi moved = document.roi(0);
            moved.points[0].x += 0.5;
            stack->push(new app::ChangeRoi(&document, 0, moved, QStringLiteral("Move"), key));
        }
    }
    CHECK(stack->count() == 121);
}

TEST_CASE("front settings are undoable values of the document and merge per field", "[app]")
{
    Document document;
    openSmallMovie(document);
    QSignalSpy spy(&document, &Document::frontSettingsChanged);
    auto* stack = document.undoStack();
    const FrontAnalysisSettings defaults = document.frontSettings();
    CHECK(defaults == FrontAnalysisSettings{});

    stack->push(new app::ChangeBandWidth(&document, {12.0, true}));
    stack->push(new app::ChangeBandWidth(&document, {14.0, true}));
    CHECK(stack->count() == 1);
    FrontOptions tracking = document.frontSettings().tracking;
    tracking.frontCount = 3;
    stack->push(new app::ChangeFrontTracking(&document, tracking));
    FrontFitSettings fit;
    fit.model = "power";
    fit.windowStartS = 1.0;
    fit.windowEndS = 4.0;
    stack->push(new app::ChangeFrontFit(&document, fit));
    CHECK(stack->count() == 3);
    CHECK(spy.count() == 4);
    CHECK(document.frontSettings().bandWidthPx == 14.0);
    CHECK(document.frontSettings().bandWidthTyped);
    CHECK(document.frontSettings().tracking.frontCount == 3);
    CHECK(document.frontSettings().fit == fit);
    // They are part of the project value (saved with it).
    CHECK(document.project().movies[0].frontSettings == document.frontSettings());

    stack->undo();
    CHECK(document.frontSettings().fit == FrontFitSettings{});
    stack->undo();
    CHECK(document.frontSettings().tracking.frontCount == defaults.tracking.frontCount);
    stack->undo();
    CHECK(document.frontSettings() == defaults);
    CHECK(document.isClean());

    // A change that merges back to the original value leaves no step.
    stack->push(new app::ChangeBandWidth(&document, {30.0, true}));
    stack->push(new app::ChangeBandWidth(&document, app::BandWidthSetting{}));
    CHECK(stack->count() == 0); // the redo steps were dropped by the push, the merge left none
    CHECK(document.frontSettings() == defaults);
}

TEST_CASE("a loaded project brings its front and drift settings", "[app]")
{
    Document document;
    openSmallMovie(document);
    Project project = document.project();
    project.movies[0].frontSettings.bandWidthPx = 9.5;
    project.movies[0].frontSettings.fit.model = "linear";
    project.movies[0].driftOptions.reference = DriftReference::First;
    QSignalSpy spy(&document, &Document::frontSettingsChanged);
    document.loadProjectValue(project, document.movie(), QString());
    CHECK(spy.count() == 1);
    CHECK(document.frontSettings().bandWidthPx == 9.5);
    CHECK(document.frontSettings().fit.model == "linear");
    CHECK(document.driftOptions().reference == DriftReference::First);
    CHECK(document.isClean());
}
