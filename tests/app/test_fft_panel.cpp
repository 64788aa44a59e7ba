// FftPanel: an analysis of a ROI on a small synthetic HRTEM frame fills the plots and the peak
// table; adding it and the crystallinity map are undo steps; a saved and reopened project shows
// them; a new pixel size marks them stale.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/fft_panel.h"
#include "support/test_paths.h"

#include "insitu/project/project_file.h"
#include "insitu/synth/hrtem_patches.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QTableWidget>
#include <QUndoStack>

#include <cmath>

using namespace insitu;
using insitu::app::Document;

using insitu::test::hrtemMovie;
using insitu::test::openMovie;
using insitu::test::waitForJob;

TEST_CASE("fft panel: analyse a ROI, add it and a map, undo, stale, save and reopen",
          "[app][fft-panel]")
{
    Document document;
    app::JobRunner jobs;
    app::FftPanel panel(&document, &jobs);
    auto* live = panel.findChild<QCheckBox*>(QStringLiteral("fftLive"));
    REQUIRE(live != nullptr);
    live->setChecked(false); // analyses started by the test only
    openMovie(document, hrtemMovie(256, 3));
    REQUIRE(document.calibration().nmPerPixel.has_value());
    Roi box;
    box.id = document.takeRoiId();
    box.name = "box";
    box.shape = RoiShape::Rectangle;
    box.points = {{10, 20}, {209, 219}};
    document.undoStack()->push(new app::AddRoi(&document, box));
    REQUIRE(panel.selectRegion(box.id));
    CHECK_FALSE(panel.addToProject()); // nothing shown yet

    REQUIRE(panel.analyse());
    waitForJob(jobs);
    REQUIRE(panel.peakTable()->rowCount() > 0);
    CHECK(panel.peakTable()->rowCount() <= panel.settings().options.peaks.maxPeaks);
    const double firstD = panel.peakTable()->item(0, 0)->text().toDouble();
    CHECK(firstD > 0.05);
    CHECK(panel.profilePlot()->graphCount() == 2);
    CHECK(panel.spectrumPlot()->plottableCount() > 0);
    const int undoBefore = document.undoStack()->count();
    REQUIRE(panel.addToProject());
    CHECK(document.undoStack()->count() == undoBefore + 1);
    REQUIRE(document.fft().regions.size() == 1);
    const ProjectFftRegion& stored = document.fft().regions.front();
    CHECK(stored.roiId == box.id);
    CHECK(stored.regionPx == std::vector<double>{10, 20, 200, 200});
    CHECK(static_cast<int>(stored.peaks.size()) == panel.peakTable()->rowCount());
    CHECK(panel.storedList()->count() == 1);

    REQUIRE(panel.runMap());
    waitForJob(jobs);
    REQUIRE(document.fft().map.has_value());
    CHECK(document.fft().map->crystallineFraction > 0);
    CHECK(document.fft().map->crystallineFraction < 1);
    CHECK(panel.mapLabel()->text().contains("crystalline fraction"));
    CHECK(panel.staleText().isEmpty());
    document.undoStack()->undo(); // the map
    CHECK_FALSE(document.fft().map.has_value());
    document.undoStack()->redo();
    REQUIRE(document.fft().map.has_value());

    // save and reopen: the region and the map show, the first region's d as before
    const auto dir = test::scratchDir("app_fft_panel");
    saveProject(document.project(), dir / "fft.h5");
    Document reopened;
    app::FftPanel again(&reopened, &jobs);
    reopened.loadProjectValue(loadProject(dir / "fft.h5"), hrtemMovie(256, 3), QString());
    REQUIRE(again.storedList()->count() == 1);
    REQUIRE(again.peakTable()->rowCount() == panel.peakTable()->rowCount());
    CHECK(again.peakTable()->item(0, 0)->text().toDouble() == Approx(firstD).epsilon(1e-6));
    CHECK(again.mapLabel()->text().contains("crystalline fraction"));

    // a new pixel size marks both stale; undoing the region removes it
    CalibrationOverride changed;
    changed.nmPerPixel = *document.calibration().nmPerPixel * 1.1;
    reopened.setCalibrationOverride(changed);
    CHECK(again.staleText().contains("Region 1"));
    CHECK(again.staleText().contains("crystallinity map"));
    REQUIRE(again.rerunStored()); // Re-run: both again at the new pixel size, one undo step
    waitForJob(jobs);
    CHECK(again.staleText().isEmpty());
    REQUIRE(reopened.fft().regions.size() == 1);
    CHECK(reopened.fft().map.has_value());
    reopened.undoStack()->undo();
    CHECK_FALSE(again.staleText().isEmpty());
    document.undoStack()->undo(); // map
    document.undoStack()->undo(); // region
    CHECK(document.fft().regions.empty());
    CHECK(panel.storedList()->count() == 0);
}

TEST_CASE("fft panel: live analysis follows the selected region and frame", "[app][fft-panel]")
{
    Document document;
    app::JobRunner jobs;
    app::FftPanel panel(&document, &jobs);
    openMovie(document, hrtemMovie(256, 3));
    Roi box;
    box.id = document.takeRoiId();
    box.shape = RoiShape::Rectangle;
    box.points = {{8, 8}, {247, 247}};
    document.undoStack()->push(new app::AddRoi(&document, box));
    REQUIRE(panel.selectRegion(box.id)); // live is on by default: this starts an analysis
    QElapsedTimer clock;
    clock.start();
    while (panel.peakTable()->rowCount() == 0 && clock.elapsed() < 4000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (jobs.isBusy())
            jobs.waitForFinished();
    }
    CHECK(panel.peakTable()->rowCount() > 0);
    CHECK(document.fft().empty()); // live results are not stored
}
