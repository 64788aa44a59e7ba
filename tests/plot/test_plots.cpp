// The journal plots: labels with units, data drawn in the data area, fit band from the model.

#include <catch2/catch.hpp>

#include "core/project/project_fixture.h"
#include "drift_plot.h"
#include "fit_curve.h"
#include "journal_style.h"
#include "kinetics_plot.h"
#include "kymograph_plot.h"
#include "plot_export.h"
#include "project_plots.h"

#include "insitu/error.h"
#include "insitu/kinetics/fit.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <cmath>

using namespace insitu;

namespace {

/// Linear front L = 5 + 2 t (nm) sampled at 0.5 s per frame, 0.5 nm/px, with a small wobble.
struct LinearFront
{
    FrontResult fronts;
    Calibration calibration;
    int frameCount = 40;

    LinearFront()
    {
        calibration.nmPerPixel = 0.5;
        calibration.frameIntervalS = 0.5;
        FrontTrack track;
        std::vector<double> t, nm;
        for (int k = 0; k < frameCount; ++k) {
            const double time = 0.5 * k;
            const double position = 5 + 2 * time + 0.3 * std::sin(1.7 * k);
            track.frames.push_back(k);
            track.positionsPx.push_back(position / 0.5);
            track.confidence.push_back(1.0);
            t.push_back(time);
            nm.push_back(position);
        }
        track.pins = {{10, 50.0}};
        FitOptions options;
        options.model = "linear";
        options.interval.method = IntervalMethod::T; // the textbook band below
        track.fit = fitModel(t, nm, options);
        fronts.fronts = {track};
    }
};

/// Pixels of image within rect whose colour is within tolerance of colour.
int countColour(const QImage& image, const QRect& rect, const QColor& colour, int tolerance = 40)
{
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                    std::abs(c.blue() - colour.blue()) <=
                tolerance)
                ++count;
        }
    return count;
}

/// The axis rect of plot in the coordinates of its 300 dpi PNG export.
QRect dataAreaAt300Dpi(QCustomPlot& plot)
{
    const plot::FigureSize size;
    const double scale = size.dpi / 96.0;
    // Lay the plot out at the export size so the axis rect matches the file.
    plot.setViewport(
        QRect(0, 0, qRound(size.widthMm / 25.4 * 96), qRound(size.heightMm / 25.4 * 96)));
    plot.replot();
    const QRect r = plot.axisRect()->rect();
    return QRect(qRound(r.left() * scale) + 2, qRound(r.top() * scale) + 2,
                 qRound(r.width() * scale) - 4, qRound(r.height() * scale) - 4);
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

TEST_CASE("fitCurve reproduces the linear model and its textbook confidence band", "[plot]")
{
    const LinearFront front;
    const FitResult& fit = *front.fronts.fronts[0].fit;
    const auto curve = plot::fitCurve(fit, 0.0, 19.5, 40);
    REQUIRE(curve);
    REQUIRE(curve->low.size() == 40);
    const double l0 = fit.param("L0_nm")->value;
    const double v = fit.param("v_nm_per_s")->value;
    CHECK(l0 == Approx(5).margin(0.2));
    CHECK(v == Approx(2).margin(0.02));
    for (std::size_t k = 0; k < curve->x.size(); ++k)
        CHECK(curve->y[k] == Approx(l0 + v * curve->x[k]).epsilon(1e-9));
    // For a straight line the band of the mean is t·s·√(1/n + (x − x̄)²/Sxx): narrowest at x̄.
    const double n = 40, xMean = 9.75;
    double sxx = 0;
    for (int k = 0; k < 40; ++k)
        sxx += (0.5 * k - xMean) * (0.5 * k - xMean);
    const double t =
        (fit.param("v_nm_per_s")->ci95High - v) / fit.param("v_nm_per_s")->standardError;
    CHECK(t == Approx(2.024).margin(0.002)); // t(0.975, 38)
    for (std::size_t k = 0; k < curve->x.size(); k += 13) {
        const double dx = curve->x[k] - xMean;
        const double expected = t * fit.residualSd * std::sqrt(1 / n + dx * dx / sxx);
        CHECK((curve->high[k] - curve->y[k]) == Approx(expected).epsilon(1e-6));
        CHECK((curve->y[k] - curve->low[k]) == Approx(expected).epsilon(1e-6));
    }
    FitResult unknown = fit;
    unknown.model = "no-such-model";
    CHECK_FALSE(plot::fitCurve(unknown, 0, 1).has_value());
}

TEST_CASE("kinetics plot: units in labels, data and fit in the PNG, label text in the SVG",
          "[plot]")
{
    const LinearFront front;
    QCustomPlot plot;
    plot::KineticsPlotOptions options;
    options.markers = {{7.5, "coating cracks"}};
    plot::fillKineticsPlot(plot, front.fronts, front.calibration, front.frameCount, options);
    CHECK(plot.xAxis->label() == QStringLiteral("time (s)"));
    CHECK(plot.yAxis->label() == QStringLiteral("front position (nm)"));
    // data, pins, band low, band high, fit line
    REQUIRE(plot.graphCount() == 5);
    CHECK(plot.graph(0)->data()->size() == 40);
    CHECK(plot.graph(0)->data()->at(10)->value == Approx(15 + 0.3 * std::sin(17.0)));
    CHECK(plot.graph(3)->channelFillGraph() == plot.graph(2));
    CHECK(plot.xAxis->range().contains(19.5));

    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("k.png"));
    const QString svg = dir.filePath(QStringLiteral("k.svg"));
    const QString pdf = dir.filePath(QStringLiteral("k.pdf"));
    plot::savePlot(plot, png);
    plot::savePlot(plot, svg);
    plot::savePlot(plot, pdf);

    const QImage image(png);
    REQUIRE_FALSE(image.isNull());
    CHECK(std::abs(image.width() - 1004) <= 4);
    CHECK(std::abs(image.dotsPerMeterX() - 11811) <= 2);
    const QRect area = dataAreaAt300Dpi(plot);
    CHECK(countColour(image, area, plot::okabeIto(0)) > 500);             // the data discs
    CHECK(countColour(image, area, plot::okabeIto(0).darker(140)) > 300); // the fit line
    CHECK(countColour(image, QRect(0, 0, 40, 40), Qt::white, 0) == 1600); // white margin

    const QByteArray svgText = fileBytes(svg);
    CHECK(svgText.contains("time (s)"));
    CHECK(svgText.contains("front position (nm)"));
    CHECK(svgText.contains("coating cracks"));
    CHECK(fileBytes(pdf).startsWith("%PDF-"));
}

TEST_CASE("uncalibrated plots say px and frame, never nm or s", "[plot]")
{
    LinearFront front;
    QCustomPlot plot;
    plot::fillKineticsPlot(plot, front.fronts, Calibration{}, front.frameCount);
    CHECK(plot.xAxis->label() == QStringLiteral("frame"));
    CHECK(plot.yAxis->label() == QStringLiteral("front position (px)"));
    CHECK(plot.graphCount() == 2); // data and pins: the fit in nm vs s cannot be drawn here

    DriftResult drift;
    drift.dxPx = {0, 1, 2};
    drift.dyPx = {0, -1, -2};
    plot::fillDriftPlot(plot, drift, Calibration{});
    CHECK(plot.xAxis->label() == QStringLiteral("frame"));
    CHECK(plot.yAxis->label() == QStringLiteral("drift (px)"));
}

TEST_CASE("drift plot draws dx and dy against time in nm", "[plot]")
{
    DriftResult drift;
    for (int k = 0; k < 50; ++k) {
        drift.dxPx.push_back(0.1 * k);
        drift.dyPx.push_back(-0.05 * k);
        drift.quality.push_back(1);
        drift.interpolated.push_back(k == 20);
    }
    Calibration calibration;
    calibration.nmPerPixel = 2.0;
    calibration.frameIntervalS = 0.1;
    QCustomPlot plot;
    plot::fillDriftPlot(plot, drift, calibration);
    CHECK(plot.xAxis->label() == QStringLiteral("time (s)"));
    CHECK(plot.yAxis->label() == QStringLiteral("drift (nm)"));
    REQUIRE(plot.graphCount() == 4);
    CHECK(plot.graph(0)->name() == QStringLiteral("dx"));
    CHECK(plot.graph(0)->data()->at(49)->value == Approx(9.8));
    CHECK(plot.graph(1)->data()->at(49)->value == Approx(-4.9));
    CHECK(plot.graph(1)->data()->at(49)->key == Approx(4.9));

    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("d.png"));
    plot::savePlot(plot, png);
    const QImage image(png);
    const QRect area = dataAreaAt300Dpi(plot);
    CHECK(countColour(image, area, plot::okabeIto(0)) > 300);
    CHECK(countColour(image, area, plot::okabeIto(4)) > 300);
}

TEST_CASE("kymograph plot shows the image in grey with the fronts over it", "[plot]")
{
    ImageF32 kymograph{60, 80, {}};
    FrontResult fronts;
    FrontTrack track;
    for (int row = 0; row < 60; ++row) {
        const double edge = 10 + row; // px: the front moves 1 px per frame
        for (int col = 0; col < 80; ++col)
            kymograph.values.push_back(col < edge ? 50.f : 200.f);
        track.frames.push_back(row);
        track.positionsPx.push_back(edge);
    }
    fronts.fronts = {track};
    Calibration calibration;
    calibration.nmPerPixel = 0.25;
    calibration.frameIntervalS = 2.0;
    QCustomPlot plot;
    plot::fillKymographPlot(plot, kymograph, fronts, calibration);
    CHECK(plot.xAxis->label() == QStringLiteral("position along ROI (nm)"));
    CHECK(plot.yAxis->label() == QStringLiteral("time (s)"));
    CHECK(plot.yAxis->rangeReversed());
    CHECK(plot.xAxis->range().upper == Approx(79.5 * 0.25));
    CHECK(plot.yAxis->range().upper == Approx(119));

    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("y.png"));
    const QString svg = dir.filePath(QStringLiteral("y.svg"));
    plot::savePlot(plot, png);
    plot::savePlot(plot, svg);
    const QImage image(png);
    const QRect area = dataAreaAt300Dpi(plot);
    const int pixels = area.width() * area.height();
    const int dark = countColour(image, area, Qt::black, 60);
    const int bright = countColour(image, area, Qt::white, 60);
    CHECK(dark > pixels / 5);   // the reacted side (left of the front)
    CHECK(bright > pixels / 5); // the unreacted side
    CHECK(countColour(image, area, plot::okabeIto(0)) > 200); // the front line
    CHECK(fileBytes(svg).contains("position along ROI (nm)"));
}

TEST_CASE("exportProjectPlots renders drift, kinetics and kymograph of every movie", "[plot]")
{
    Project project = test::fullProject();
    QTemporaryDir dir;
    const auto files = plot::exportProjectPlots(project, dir.path().toStdString(), {"png", "svg"});
    std::vector<std::string> names;
    for (const auto& f : files) {
        names.push_back(f.filename().string());
        CHECK(std::filesystem::file_size(f) > 1000);
    }
    CHECK(names == std::vector<std::string>{"movie2_drift.png", "movie2_drift.svg",
                                            "movie2_roi4_kinetics.png", "movie2_roi4_kinetics.svg",
                                            "movie2_roi4_kymograph.png",
                                            "movie2_roi4_kymograph.svg"});
    CHECK_THROWS_AS(plot::exportProjectPlots(project, dir.path().toStdString(), {"bmp"}), Error);
}

TEST_CASE("fitCurve evaluates a stored parabolic fit with a fixed onset", "[plot]")
{
    const FitResult fit = test::sampleFit(1.0); // L0 = 1.25 nm, k = 2.5 nm/√s, t0 = 0 (fixed)
    const auto curve = plot::fitCurve(fit, 0.0, 1.0, 5);
    REQUIRE(curve);
    CHECK(curve->y[4] == Approx(1.25 + 2.5));
    CHECK(curve->y[1] == Approx(1.25 + 2.5 * 0.5));
}
