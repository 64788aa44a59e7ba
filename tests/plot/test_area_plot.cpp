// The area plot: A/A0 per particle, its fit and band from the core fitBand, events as lines.

#include <catch2/catch.hpp>

#include "area_plot.h"
#include "plot_export.h"

#include "insitu/kinetics/fit.h"

#include <qcustomplot.h>

#include <QFile>
#include <QTemporaryDir>

#include <cmath>

using namespace insitu;

namespace {

/// One particle, A/A0 = 1 + 0.02 t with a wobble, 0.5 s per frame, a crack and a user marker.
AreaResult linearGrowth(Calibration& calibration)
{
    calibration.nmPerPixel = 0.5;
    calibration.frameIntervalS = 0.5;
    AreaTrack track;
    std::vector<double> t;
    for (int k = 0; k < 40; ++k) {
        track.frames.push_back(k);
        track.areaRatio.push_back(1 + 0.01 * k + 0.002 * std::sin(1.7 * k));
        t.push_back(0.5 * k);
    }
    FitOptions options;
    options.model = "linear";
    options.units = {.length = "ratio", .time = "s"};
    track.fit = fitModel(t, track.areaRatio, options);
    track.events = {{12, "crack", 0.031}, {30, "user", 0}};
    AreaResult result;
    result.particles = {track};
    return result;
}

} // namespace

TEST_CASE("area plot: A/A0 against time with fit, band and labelled events", "[plot][area]")
{
    Calibration calibration;
    const AreaResult areas = linearGrowth(calibration);
    QCustomPlot plot;
    plot::fillAreaPlot(plot, areas, calibration, 40);
    CHECK(plot.xAxis->label() == QStringLiteral("time (s)"));
    CHECK(plot.yAxis->label() == QStringLiteral("A/A₀"));
    REQUIRE(plot.graphCount() == 4); // data, band low, band high, fit line
    CHECK(plot.graph(0)->name() == QStringLiteral("particle 0 (linear fit)"));
    CHECK(plot.graph(0)->data()->size() == 40);
    CHECK(plot.graph(0)->data()->at(10)->key == Approx(5.0));
    CHECK(plot.graph(2)->channelFillGraph() == plot.graph(1));
    // The fit line passes through the data: at t = 10 s, A/A0 ≈ 1.2.
    const auto fit = plot.graph(3)->data();
    const auto mid = fit->findBegin(10.0);
    CHECK(mid->value == Approx(1.2).margin(0.005));
    REQUIRE(plot.itemCount() == 4); // two lines and two labels
    bool crackLabel = false;
    for (int i = 0; i < plot.itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot.item(i)))
            crackLabel = crackLabel || text->text() == QStringLiteral("step +0.031");
    CHECK(crackLabel);

    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("a.svg"));
    plot::savePlot(plot, svg);
    QFile file(svg);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.readAll().contains("step +0.031"));
}

TEST_CASE("area plot without a time calibration uses frames and drops a fit in s", "[plot][area]")
{
    Calibration calibration;
    const AreaResult areas = linearGrowth(calibration);
    QCustomPlot plot;
    plot::fillAreaPlot(plot, areas, Calibration{}, 40);
    CHECK(plot.xAxis->label() == QStringLiteral("frame"));
    CHECK(plot.graphCount() == 1);
    CHECK(plot.graph(0)->data()->at(10)->key == Approx(10.0));
}
