#include <catch2/catch.hpp>

#include "plot_export.h"

#include "insitu/error.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>

TEST_CASE("savePlot writes a 300 dpi PNG, an SVG with the axis label and a PDF", "[plot]")
{
    QCustomPlot plot;
    plot.addGraph();
    plot.graph(0)->setData({0, 1, 2}, {0, 1, 4});
    plot.xAxis->setLabel(QStringLiteral("time (s)"));
    plot.rescaleAxes();
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("p.png"));
    const QString svg = dir.filePath(QStringLiteral("p.svg"));
    const QString pdf = dir.filePath(QStringLiteral("p.pdf"));
    insitu::plot::savePlot(plot, png);
    insitu::plot::savePlot(plot, svg);
    insitu::plot::savePlot(plot, pdf);

    const QImage image(png);
    REQUIRE_FALSE(image.isNull());
    // 85 mm at 300 dpi is 1004 px wide.
    CHECK(std::abs(image.width() - 1004) <= 4);
    CHECK(std::abs(image.dotsPerMeterX() - 11811) <= 2);

    QFile svgFile(svg);
    REQUIRE(svgFile.open(QIODevice::ReadOnly));
    CHECK(svgFile.readAll().contains("<svg"));
    QFile pdfFile(pdf);
    REQUIRE(pdfFile.open(QIODevice::ReadOnly));
    CHECK(pdfFile.read(5) == QByteArrayLiteral("%PDF-"));

    CHECK_THROWS_AS(insitu::plot::savePlot(plot, dir.filePath(QStringLiteral("p.bmpx"))),
                    insitu::Error);
}
