#include "journal_style.h"

#include <qcustomplot.h>

#include <array>

namespace insitu::plot {

namespace {
constexpr double kTickLabelPt = 8.0;
constexpr double kAxisLabelPt = 9.0;
constexpr double kAxisPenWidth = 1.0;
} // namespace

QColor okabeIto(int index)
{
    static const std::array<QColor, 7> palette = {
        QColor(230, 159, 0),   // orange
        QColor(86, 180, 233),  // sky blue
        QColor(0, 158, 115),   // bluish green
        QColor(240, 228, 66),  // yellow
        QColor(0, 114, 178),   // blue
        QColor(213, 94, 0),    // vermillion
        QColor(204, 121, 167), // reddish purple
    };
    const auto n = static_cast<int>(palette.size());
    return palette[static_cast<std::size_t>(((index % n) + n) % n)];
}

QColor neutralGrey()
{
    return QColor(120, 120, 120);
}

QFont journalFont(double pointSize)
{
    QFont font;
    font.setFamilies({QStringLiteral("Nimbus Sans"), QStringLiteral("Helvetica"),
                      QStringLiteral("Arial"), QStringLiteral("DejaVu Sans")});
    font.setPointSizeF(pointSize);
    return font;
}

void applyJournalStyle(QCustomPlot& plot)
{
    plot.setBackground(Qt::white);
    plot.setAntialiasedElements(QCP::aeAll);
    const QPen axisPen(Qt::black, kAxisPenWidth);
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(axisPen);
            axis->setTickPen(axisPen);
            axis->setSubTickPen(QPen(Qt::black, kAxisPenWidth * 0.75));
            axis->setTickLengthIn(0);
            axis->setTickLengthOut(4);
            axis->setSubTickLengthIn(0);
            axis->setSubTickLengthOut(2);
            axis->setTickLabelFont(journalFont(kTickLabelPt));
            axis->setLabelFont(journalFont(kAxisLabelPt));
            axis->setTickLabelColor(Qt::black);
            axis->setLabelColor(Qt::black);
            axis->grid()->setVisible(false);
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
        if (QCPLegend* legend = plot.legend) {
            legend->setFont(journalFont(kTickLabelPt));
            legend->setBorderPen(Qt::NoPen);
            legend->setBrush(QColor(255, 255, 255, 200));
        }
    }
}

QString axisLabel(const QString& quantity, const QString& unit)
{
    return unit.isEmpty() ? quantity : quantity + QStringLiteral(" (") + unit + QLatin1Char(')');
}

} // namespace insitu::plot
