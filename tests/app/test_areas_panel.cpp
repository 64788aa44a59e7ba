// AreasPanel: a run on a small synthetic movie fills the panel, the overlay and the project;
// undo restores; a keyframe edit re-runs as one undo step; stale marks; a saved and reopened
// project shows the result; the exports are the CLI's writers.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "overlays/frame_overlays.h"
#include "panels/areas_panel.h"

#include "insitu/area/area_tracker.h"
#include "insitu/export/area_csv.h"
#include "insitu/project/project_file.h"
#include "insitu/synth/expanding_particle.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

using namespace insitu;
using insitu::app::Document;

using insitu::test::openMovie;
using insitu::test::waitForJob;

namespace {

/// Two particles (2× and 1.2×) on a 128² field, 30 frames, 15 counts/px, no drift.
SynthMovie smallScene()
{
    ExpandingParticleScene scene;
    scene.imaging.frames = 30;
    scene.imaging.width = 128;
    scene.imaging.height = 128;
    scene.imaging.dosePerPx = 15;
    scene.imaging.driftStepPx = 0;
    scene.particles = {{.xPx = 36,
                        .yPx = 40,
                        .radiusPx = 16,
                        .finalAreaRatio = 2.0,
                        .growthStartS = 5,
                        .growthDurationS = 20},
                       {.xPx = 92,
                        .yPx = 86,
                        .radiusPx = 18,
                        .finalAreaRatio = 1.2,
                        .growthStartS = 5,
                        .growthDurationS = 20}};
    return renderExpandingParticles(scene);
}

void openMovie(Document& document, const SynthMovie& synth)
{
    auto movie = std::make_shared<Movie>(synth.reader());
    Project project;
    ProjectMovie entry;
    entry.id = project.nextMovieId++;
    entry.width = movie->width();
    entry.height = movie->height();
    entry.frameCount = movie->frameCount();
    entry.fileCalibration = movie->calibration();
    project.movies.push_back(entry);
    document.loadProjectValue(project, std::move(movie), QString());
}

/// A 12-gon 5 % larger than truth particle p at frame 0, as a polygon ROI.
Roi seedRoi(Document& document, const GrowingParticleTruth& p, const std::string& name)
{
    Roi roi;
    roi.id = document.takeRoiId();
    roi.name = name;
    roi.shape = RoiShape::Polygon;
    const double r = 1.05 * std::sqrt(p.areasPx[0] / std::numbers::pi);
    for (int i = 0; i < 12; ++i) {
        const double a = 2 * std::numbers::pi * i / 12;
        roi.points.push_back({p.xPx + r * std::cos(a), p.yPx + r * std::sin(a)});
    }
    return roi;
}

} // namespace

TEST_CASE("areas panel: run, overlay, table, undo, keyframe, stale, reopen, export", "[app][areas]")
{
    const SynthMovie synth = smallScene();
    Document document;
    app::JobRunner jobs;
    app::AreasPanel panel(&document, &jobs);
    openMovie(document, synth);
    const auto& truth = synth.truth.growingParticles;
    document.undoStack()->push(new app::AddRoi(&document, seedRoi(document, truth[0], "fast")));
    document.undoStack()->push(new app::AddRoi(&document, seedRoi(document, truth[1], "slow")));
    REQUIRE(panel.seedRoiIds().size() == 2);
    const int undoBefore = document.undoStack()->index();

    REQUIRE(panel.track());
    waitForJob(jobs);
    REQUIRE(document.areas().has_value());
    CHECK(document.undoStack()->index() == undoBefore + 1);
    const AreaResult& result = document.areas()->result;
    REQUIRE(result.particles.size() == 2);
    for (std::size_t p = 0; p < 2; ++p) {
        INFO("particle " << p);
        REQUIRE(result.particles[p].areaPx.size() == 30);
        CHECK(result.particles[p].areaPx.back() == Approx(truth[p].areasPx.back()).epsilon(0.03));
    }
    // The same numbers as the core run the CLI does (same defaults, same functions).
    CHECK(result.options == AreaOptions{});
    // Table, plot, overlay.
    REQUIRE(panel.table()->rowCount() == 2);
    CHECK(panel.table()->item(0, 2)->text().toDouble() == Approx(2.0).margin(0.05));
    CHECK(panel.plot()->graphCount() >= 2);
    CHECK(panel.plot()->graph(0)->data()->size() == 30);
    const auto outlines = app::FrameOverlays::areaOutlines(document, 29);
    REQUIRE(outlines.size() == 2);
    CHECK(outlines[0].polygonPx.size() ==
          static_cast<int>(result.particles[0].outlinesPx[29].size()));
    CHECK(panel.staleText().isEmpty());
    // Provenance names the seeds; the project has the result.
    CHECK(document.areas()->provenance.inputIds ==
          std::vector<std::string>{"movie:1", "roi:" + std::to_string(document.roi(0).id),
                                   "roi:" + std::to_string(document.roi(1).id)});

    SECTION("undo removes the result, redo restores it")
    {
        document.undoStack()->undo();
        CHECK_FALSE(document.areas().has_value());
        CHECK(panel.table()->rowCount() == 0);
        document.undoStack()->redo();
        REQUIRE(document.areas().has_value());
        CHECK(panel.table()->rowCount() == 2);
    }

    SECTION("a keyframe edit at frame 20 is one undo step and re-runs from the keyframe")
    {
        panel.setCurrentFrame(20);
        panel.table()->selectRow(0);
        const int roiId = panel.editOutlineAsRoi();
        REQUIRE(roiId != 0);
        CHECK(panel.seedRoiIds().size() == 2); // the edit ROI is no new particle
        CHECK(panel.staleText().isEmpty());
        // Shrink the outline by 10 % about its centre: a hard keyframe at frame 20.
        Roi roi = document.roi(document.roiIndex(roiId));
        const PointPx c = measurePolygon(roi.points).centroidPx;
        for (PointPx& p : roi.points)
            p = {c.x + 0.9 * (p.x - c.x), c.y + 0.9 * (p.y - c.y)};
        const double keyArea = measurePolygon(roi.points).areaPx;
        document.undoStack()->push(
            new app::ChangeRoi(&document, document.roiIndex(roiId), roi, "edit"));
        const int before = document.undoStack()->index();
        REQUIRE(panel.setKeyframeFromRoi(roiId));
        waitForJob(jobs);
        CHECK(document.undoStack()->index() == before + 1);
        CHECK(document.roiIndex(roiId) < 0); // the edit ROI went with the same step
        const AreaTrack& track = document.areas()->result.particles[0];
        CHECK(track.measuredAreaPx[20] == Approx(keyArea).epsilon(1e-3)); // resampled on the rays
        CHECK(app::FrameOverlays::areaOutlines(document, 20)[0].keyframe);
        document.undoStack()->undo();
        CHECK(document.roiIndex(roiId) >= 0);
        CHECK(document.areas()->result.particles[0].measuredAreaPx[20] !=
              Approx(keyArea).epsilon(1e-3));
    }

    SECTION("moving a seed, measuring drift or changing the model marks the result stale")
    {
        Roi moved = document.roi(1);
        for (PointPx& p : moved.points)
            p.x += 2;
        document.undoStack()->push(new app::ChangeRoi(&document, 1, moved, "move"));
        CHECK(panel.staleText().contains(QStringLiteral("seed ROI was moved")));
        document.undoStack()->undo();
        CHECK(panel.staleText().isEmpty());
        panel.setSeedFrame(3);
        CHECK(panel.staleText().contains(QStringLiteral("seed frame")));
        panel.setSeedFrame(0);
        panel.setSeedChecked(document.roi(1).id, false);
        CHECK(panel.staleText().contains(QStringLiteral("particles")));
    }

    SECTION("a saved and reopened project shows the result, fresh")
    {
        QTemporaryDir dir;
        const auto path = std::filesystem::path(dir.filePath(QStringLiteral("a.h5")).toStdString());
        saveProject(document.project(), path);
        Project loaded = loadProject(path);
        Document reopened;
        app::JobRunner jobs2;
        app::AreasPanel panel2(&reopened, &jobs2);
        reopened.loadProjectValue(loaded, document.movie(), QString());
        REQUIRE(reopened.areas().has_value());
        CHECK(panel2.table()->rowCount() == 2);
        CHECK(panel2.seedRoiIds().size() == 2);
        CHECK(panel2.staleText().isEmpty());
        CHECK(app::FrameOverlays::areaOutlines(reopened, 10).size() == 2);
    }

    SECTION("exports are the bytes of the core writer and a figure file")
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("areas.csv"));
        panel.exportCsv(csv);
        std::ifstream in(csv.toStdString());
        const std::string written((std::istreambuf_iterator<char>(in)), {});
        std::ostringstream expected;
        writeAreasCsv(expected, document.areas()->result, document.calibration());
        CHECK(written == expected.str());
        const QString svg = dir.filePath(QStringLiteral("areas.svg"));
        panel.exportPlot(svg);
        std::ifstream figure(svg.toStdString());
        const std::string text((std::istreambuf_iterator<char>(figure)), {});
        CHECK(text.find("A/A") != std::string::npos);
    }
}
