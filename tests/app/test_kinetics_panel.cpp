// KineticsPanel: results on open, failures shown as failures, the core's warnings, stale fits,
// and controls that agree with the stored fits after undo.

#include <catch2/catch.hpp>

#include "document/commands/value_commands.h"
#include "document/document.h"
#include "panels/kinetics_panel.h"

#include <qcustomplot.h>

#include <QUndoStack>

#include <random>

using namespace insitu;
using insitu::app::Document;

namespace {
/// A front moving at speedPxPerFrame from 10 px, with Gaussian noise (seeded).
FrontTrack linearTrack(int index, int frames, double speedPxPerFrame, unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> noise(0.0, 0.3);
    FrontTrack track;
    track.index = index;
    for (int k = 0; k < frames; ++k) {
        track.frames.push_back(k);
        track.positionsPx.push_back(10 + speedPxPerFrame * k + noise(random));
        track.confidence.push_back(0.9);
    }
    return track;
}

FitParameter parameter(const std::string& name, double value, double se, double low, double high)
{
    FitParameter p;
    p.name = name;
    p.value = value;
    p.standardError = se;
    p.ci95Low = low;
    p.ci95High = high;
    return p;
}

/// A project with one line ROI (id 3) holding fronts; 0.5 nm/px, 2 s/frame, 60 frames.
Project projectWith(std::vector<FrontTrack> tracks)
{
    Project project;
    ProjectMovie movie;
    movie.id = project.nextMovieId++;
    movie.width = 200;
    movie.height = 50;
    movie.frameCount = 60;
    movie.fileCalibration.nmPerPixel = 0.5;
    movie.fileCalibration.frameIntervalS = 2.0;
    Roi roi;
    roi.id = 3;
    roi.name = "wire";
    roi.points = {{5, 25}, {195, 25}};
    roi.widthPx = 12;
    movie.rois.push_back(roi);
    project.nextRoiId = 4;
    ProjectFronts fronts;
    fronts.result.roiId = roi.id;
    fronts.result.fronts = std::move(tracks);
    movie.fronts.push_back(fronts);
    project.movies.push_back(movie);
    return project;
}
} // namespace

TEST_CASE("a reopened project shows its fronts' fits at once", "[app][kinetics]")
{
    Document document;
    app::KineticsPanel panel(&document);
    std::vector<FrontTrack> tracks{linearTrack(0, 60, 1.0, 1)};
    // Fitted and saved before this window ever saw it.
    Project project = projectWith(tracks);
    {
        Document fitter;
        fitter.loadProjectValue(project, nullptr, QString());
        app::KineticsPanel fitPanel(&fitter);
        fitPanel.setRoiId(3);
        fitPanel.setModel(QStringLiteral("linear"));
        project = fitter.project(); // the fits and the fit settings, as a saved file holds them
    }
    document.loadProjectValue(project, nullptr, QStringLiteral("reopened.h5"));
    CHECK(panel.roiId() == 3);
    const QString table = panel.tableText();
    CHECK(table.contains(QStringLiteral("v_nm_per_s")));
    CHECK(table.contains(QStringLiteral("front 0")));
    CHECK(panel.modelName() == QStringLiteral("linear"));
    CHECK(panel.staleText().isEmpty());
    CHECK(panel.plot()->xAxis->label() == QStringLiteral("time (s)"));
    CHECK(document.undoStack()->count() == 0);
}

TEST_CASE("a failed fit is shown as a failure, not as numbers", "[app][kinetics]")
{
    FrontTrack track = linearTrack(0, 40, 0.5, 2);
    FitResult failed;
    failed.model = "formula";
    failed.formula = "a*exp(b*t)";
    failed.params = {parameter("a", 1.0, std::nan(""), 0, 0),
                     parameter("b", 0.0, std::nan(""), 0, 0)};
    failed.r2 = 0;
    failed.converged = false;
    track.fit = failed;
    Document document;
    app::KineticsPanel panel(&document);
    document.loadProjectValue(projectWith({track}), nullptr, QString());
    const QString table = panel.tableText();
    CHECK(table.contains(QStringLiteral("fit failed")));
    CHECK_FALSE(table.contains(QStringLiteral("nan")));
    CHECK_FALSE(table.contains(QStringLiteral("R² = 0")));
    CHECK(panel.warningText().contains(QStringLiteral("front 0: fit failed")));
}

TEST_CASE("fronts too short to fit and far better models are warned about", "[app][kinetics]")
{
    Document document;
    app::KineticsPanel panel(&document);
    document.loadProjectValue(projectWith({linearTrack(0, 3, 1.0, 3), linearTrack(1, 50, 2.0, 4)}),
                              nullptr, QString());
    panel.setModel(QStringLiteral("linear"));
    INFO(panel.warningText().toStdString());
    // One warning per front, the core's (insitu::fitFronts) when it gave one.
    CHECK(panel.warningText().contains(QStringLiteral("front 0")));
    CHECK(panel.warningText().contains(QStringLiteral("3 frames")));
    CHECK(panel.warningText().count(QStringLiteral("front 0")) == 1);
    CHECK_FALSE(panel.warningText().contains(QStringLiteral("front 1")));
    const ProjectFronts* fronts = document.fronts(3);
    REQUIRE(fronts != nullptr);
    CHECK_FALSE(fronts->result.fronts[0].fit.has_value());
    CHECK(fronts->result.fronts[1].fit.has_value());

    // A front that bends (a stall in the track): √t and power beat the straight line; if the
    // automatic choice still reads L ∝ t, the power law's gap is shown.
    FrontTrack bent = linearTrack(0, 60, 1.0, 5);
    FitResult chosen;
    chosen.model = "linear";
    chosen.verdict = "reaction-limited: L ∝ t (ΔAIC 12.0 over L ∝ √t)";
    chosen.params = {parameter("L0_nm", 5.0, 0.1, 4.8, 5.2),
                     parameter("v_nm_per_s", 0.25, 0.001, 0.248, 0.252)};
    chosen.candidateAic = {{"linear", 10.0}, {"parabolic", 22.0}, {"power", -113.0}};
    bent.fit = chosen;
    document.loadProjectValue(projectWith({bent}), nullptr, QString());
    CHECK(panel.warningText().contains(QStringLiteral("power law")));
    CHECK(panel.warningText().contains(QStringLiteral("ΔAIC = 123.0")));
    CHECK(panel.modelName() == QStringLiteral("auto"));
}

TEST_CASE("after undo the model box and window agree with the fits shown", "[app][kinetics]")
{
    Document document;
    app::KineticsPanel panel(&document);
    document.loadProjectValue(projectWith({linearTrack(0, 60, 1.0, 6)}), nullptr, QString());
    panel.setModel(QStringLiteral("linear"));
    panel.setWindow(20.0, 80.0);
    panel.setModel(QStringLiteral("parabolic"));
    REQUIRE(document.fronts(3)->result.fronts[0].fit->model == "parabolic");
    document.undoStack()->undo();
    CHECK(document.fronts(3)->result.fronts[0].fit->model == "linear");
    CHECK(panel.modelName() == QStringLiteral("linear"));
    REQUIRE(panel.windowStartS().has_value());
    CHECK(*panel.windowStartS() == Approx(20.0));
    document.undoStack()->undo();
    CHECK_FALSE(panel.windowStartS().has_value());
    CHECK(panel.tableText().contains(QStringLiteral("v_nm_per_s")));
}

TEST_CASE("a calibration change flags the fits stale until they are refitted", "[app][kinetics]")
{
    Document document;
    app::KineticsPanel panel(&document);
    document.loadProjectValue(projectWith({linearTrack(0, 60, 1.0, 7)}), nullptr, QString());
    panel.setModel(QStringLiteral("linear"));
    const double v = document.fronts(3)->result.fronts[0].fit->param("v_nm_per_s")->value;
    CHECK(panel.staleText().isEmpty());
    CalibrationOverride calibration;
    calibration.nmPerPixel = 1.0; // was 0.5
    document.undoStack()->push(new app::ChangeCalibration(&document, calibration));
    CHECK(panel.staleText().contains(QStringLiteral("calibration")));
    panel.refit();
    CHECK(panel.staleText().isEmpty());
    CHECK(document.fronts(3)->result.fronts[0].fit->param("v_nm_per_s")->value ==
          Approx(2 * v).epsilon(1e-9));
    document.undoStack()->undo(); // the refit: stale again
    CHECK_FALSE(panel.staleText().isEmpty());
    document.undoStack()->undo(); // the calibration: fresh
    CHECK(panel.staleText().isEmpty());
}
