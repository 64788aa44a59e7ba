#include "plot_export.h"

#include "insitu/error.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QSvgGenerator>

namespace insitu::plot {

namespace {
constexpr double kMmPerInch = 25.4;
constexpr double kScreenDpi = 96.0; // logical pixels per inch the layout is designed at
} // namespace

void savePlot(QCustomPlot& plot, const QString& path, const FigureSize& size)
{
    const int widthPx = qRound(size.widthMm / kMmPerInch * kScreenDpi);
    const int heightPx = qRound(size.heightMm / kMmPerInch * kScreenDpi);
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        const double scale = size.dpi / kScreenDpi;
        ok = plot.savePng(path, widthPx, heightPx, scale, -1, size.dpi, QCP::ruDotsPerInch);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot.savePdf(path, widthPx, heightPx, QCP::epNoCosmetic);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(widthPx, heightPx));
        generator.setViewBox(QRect(0, 0, widthPx, heightPx));
        generator.setResolution(qRound(kScreenDpi));
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            plot.toPainter(&painter, widthPx, heightPx);
            ok = painter.end();
        }
    } else {
        throw Error(path.toStdString() + ": unknown plot format (use .png, .svg or .pdf)");
    }
    if (!ok)
        throw Error(path.toStdString() + ": could not write the plot");
}

} // namespace insitu::plot
