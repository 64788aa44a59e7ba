// particleSummaryText: counts, medians, lognormal fits, tests and d* as text.

#include "panels/particle_summary.h"

#include "panels/particle_overlay_view.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTableWidget>

#include <algorithm>

namespace insitu::app {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 3);
}

QString tr(const char* text)
{
    return QCoreApplication::translate("ParticlesPanel", text);
}

} // namespace

QString particleSummaryText(const ParticleResult& r)
{
    const bool nm = r.nmPerPixel.has_value();
    const QString unit = nm ? tr("nm") : tr("px");
    QStringList lines;
    if (!nm)
        lines << tr("Pixel size unknown: sizes in px (set it in Calibration).");
    for (const RegionStatistics& s : r.regions) {
        QString line = tr("%1: %2 particles, median ECD %3 %4")
                           .arg(QString::fromStdString(s.name))
                           .arg(s.count)
                           .arg(number(s.ecdMedian))
                           .arg(unit);
        if (s.lognormal)
            line += tr(", lognormal median %1 [%2, %3]")
                        .arg(number(s.lognormal->median.value), number(s.lognormal->median.lo),
                             number(s.lognormal->median.hi));
        else
            line += tr(" (too few for a lognormal fit)");
        lines << line;
    }
    if (r.comparison) {
        const SizeComparison& c = *r.comparison;
        QString line = tr("%1 vs %2: KS p = %3, AD p = %4")
                           .arg(QString::fromStdString(c.reference),
                                QString::fromStdString(c.survivors), number(c.ksP), number(c.adP));
        line += c.criticalSize ? tr(", d* = %1 %2 [%3, %4]")
                                     .arg(number(c.criticalSize->value), unit,
                                          number(c.criticalSize->lo), number(c.criticalSize->hi))
                               : tr(", no critical size (the survival fit found none inside the "
                                    "data)");
        lines << line;
    } else if (r.regions.size() >= 2) {
        lines << tr("No comparison: each region needs at least 3 particles.");
    }
    return lines.join('\n');
}

void fillParticleTable(QTableWidget& table, const ParticleResult& r)
{
    const QString unit = r.nmPerPixel ? tr("nm") : tr("px");
    table.setRowCount(0);
    table.setHorizontalHeaderLabels({tr("id"), tr("region"), tr("ECD (%1)").arg(unit),
                                     tr("area (%1)").arg(unit + QStringLiteral("²")), tr("circ."),
                                     tr("solidity"), tr("edge")});
    table.setRowCount(static_cast<int>(r.particles.size()));
    for (int i = 0; i < static_cast<int>(r.particles.size()); ++i) {
        const Particle& p = r.particles[static_cast<std::size_t>(i)];
        const QStringList cells{QString::number(p.id),         QString::fromStdString(p.region),
                                number(r.toLength(p.ecdPx())), number(r.toArea(p.areaPx)),
                                number(p.circularity),         number(p.solidity),
                                p.edge ? tr("yes") : QString()};
        for (int c = 0; c < cells.size(); ++c)
            table.setItem(i, c, new QTableWidgetItem(cells[c]));
        table.item(i, 0)->setData(Qt::UserRole, p.id); // for LabelTableLink
        table.item(i, 0)->setForeground(ParticleOverlayView::particleColour(p.id));
    }
}

QStringList particleStaleReasons(const ProjectParticles& stored, std::optional<double> nmPerPixel,
                                 const std::vector<Roi>& rois)
{
    QStringList reasons;
    if (stored.result.nmPerPixel != nmPerPixel)
        reasons << tr("the pixel size changed");
    for (const Roi& roi : stored.regions) {
        const auto now =
            std::find_if(rois.begin(), rois.end(), [&](const Roi& r) { return r.id == roi.id; });
        const QString name = QString::fromStdString(roi.name);
        if (now == rois.end())
            reasons << tr("region %1 was removed").arg(name);
        else if (now->points != roi.points || now->shape != roi.shape)
            reasons << tr("region %1 changed").arg(name);
    }
    return reasons;
}

} // namespace insitu::app
