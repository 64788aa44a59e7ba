// FftPanel spot masks: a click on the spectrum adds a spot (its Friedel mate hits it too), its
// radius and removal are undo steps; the filtered image is the core's spotFilteredImage of the
// shown analysis and exports as `insitu fft --filtered` writes it; spots are saved with the FFT
// settings.

#include <catch2/catch.hpp>

#include "panel_fixture.h"

#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/fft_panel.h"
#include "support/test_paths.h"

#include "insitu/crystal/fft_filter.h"
#include "insitu/project/project_file.h"
#include "insitu/synth/hrtem_patches.h"

#include <opencv2/imgcodecs.hpp>
#include <qcustomplot.h>

#include <QCheckBox>
#include <QLabel>
#include <QTest>
#include <QUndoStack>

using namespace insitu;
using insitu::app::Document;

using insitu::test::hrtemMovie;
using insitu::test::openMovie;
using insitu::test::waitForJob;

TEST_CASE("fft panel: spot masks by click, radius and removal; filtered image and export",
          "[app][fft-panel][fft-spots]")
{
    Document document;
    app::JobRunner jobs;
    app::FftPanel panel(&document, &jobs);
    panel.resize(500, 1400);
    panel.show();
    auto* live = panel.findChild<QCheckBox*>(QStringLiteral("fftLive"));
    REQUIRE(live != nullptr);
    live->setChecked(false); // analyses started by the test only
    openMovie(document, hrtemMovie(192, 7));
    REQUIRE(panel.analyse());
    waitForJob(jobs);
    CHECK(panel.filteredImage().empty()); // no spots yet
    CHECK_FALSE(panel.exportFiltered(QStringLiteral("/nowhere.tif")));

    // a click on the spectrum at (kx, ky) adds a spot there, one undo step
    QCustomPlot* spectrum = panel.spectrumPlot();
    spectrum->replot();
    const double nm = *document.calibration().nmPerPixel;
    const double kx = 0.1, ky = -0.05; // cycles/px
    const QPoint at(static_cast<int>(std::lround(spectrum->xAxis->coordToPixel(kx / nm))),
                    static_cast<int>(std::lround(spectrum->yAxis->coordToPixel(ky / nm))));
    const int steps = document.undoStack()->count();
    QTest::mouseClick(spectrum, Qt::LeftButton, Qt::NoModifier, at);
    REQUIRE(panel.spots().size() == 1);
    CHECK(document.undoStack()->count() == steps + 1);
    const double cell = 1.0 / 384; // the transform's cell (192 px padded twice)
    CHECK(panel.spots()[0].kxPerPx == Approx(kx).margin(2 * cell));
    CHECK(panel.spots()[0].kyPerPx == Approx(ky).margin(2 * cell));
    CHECK(panel.spots()[0].radiusPerPx == FftSpot{}.radiusPerPx);
    // the Friedel mate is the same spot
    CHECK(panel.spotAt(-panel.spots()[0].kxPerPx, -panel.spots()[0].kyPerPx) == 0);
    CHECK(panel.spotAt(0.3, 0.3) == -1);

    // the filtered image: the core's, of the region's box size
    const cv::Mat filtered = panel.filteredImage();
    REQUIRE(filtered.rows == 192);
    REQUIRE(filtered.cols == 192);
    CHECK_FALSE(panel.filteredLabel()->pixmap().isNull());
    const auto dir = test::scratchDir("app_fft_panel_spots");
    REQUIRE(panel.exportFiltered(QString::fromStdString((dir / "filtered.tif").string())));
    const cv::Mat back = cv::imread((dir / "filtered.tif").string(), cv::IMREAD_UNCHANGED);
    REQUIRE(back.type() == CV_32F);
    CHECK(cv::norm(back, filtered, cv::NORM_INF) == 0);

    // radius and a second spot are their own steps; removal by right-click
    panel.setSpotRadius(0, 0.02);
    CHECK(panel.spots()[0].radiusPerPx == 0.02);
    panel.addSpot(-0.15, 0.02);
    CHECK(panel.spots().size() == 2);
    CHECK(document.undoStack()->count() == steps + 3);
    const cv::Mat two = panel.filteredImage();
    CHECK(cv::norm(two, filtered, cv::NORM_INF) > 0);
    QTest::mouseClick(spectrum, Qt::RightButton, Qt::NoModifier, at);
    REQUIRE(panel.spots().size() == 1);
    CHECK(panel.spots()[0].kxPerPx == -0.15);
    CHECK(document.undoStack()->count() == steps + 4);
    document.undoStack()->undo();
    CHECK(panel.spots().size() == 2);

    // saved with the FFT settings
    saveProject(document.projectToSave(), dir / "spots.h5");
    Document reopened;
    app::FftPanel again(&reopened, &jobs);
    reopened.loadProjectValue(loadProject(dir / "spots.h5"), hrtemMovie(192, 7), QString());
    CHECK(again.spots() == panel.spots());
    document.undoStack()->undo();
    document.undoStack()->undo();
    document.undoStack()->undo();
    CHECK(panel.spots().empty());
    CHECK(panel.filteredImage().empty());
}
