// TimelinePanel's joined results: fronts, areas and particle counts against charge, potential or
// time (the CLI's --plot-vs / --result figure), the hover readout of every column, re-runs when
// another panel's results change.

#include "panels/timeline_panel.h"

#include "document/document.h"

#include "plot_export.h"
#include "timeline_plot.h"

#include "insitu/error.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {

bool hasColumnStarting(const TimelineTable& table, const std::string& prefix)
{
    return std::any_of(table.columns.begin(), table.columns.end(),
                       [&](const TimelineColumn& c) { return c.name.rfind(prefix, 0) == 0; });
}

} // namespace

void TimelinePanel::addResultRows(QBoxLayout* layout)
{
    auto* column = new QVBoxLayout;
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Results"), this));
    m_plotResult = new QComboBox(this);
    m_plotResult->addItem(tr("front positions"), QStringLiteral("front"));
    m_plotResult->addItem(tr("areas A/A₀"), QStringLiteral("area"));
    m_plotResult->addItem(tr("particle counts"), QStringLiteral("particles"));
    row->addWidget(m_plotResult);
    row->addWidget(new QLabel(tr("against"), this));
    m_plotVs = new QComboBox(this);
    m_plotVs->addItem(tr("charge"), QStringLiteral("charge"));
    m_plotVs->addItem(tr("potential"), QStringLiteral("potential"));
    m_plotVs->addItem(tr("time"), QStringLiteral("time"));
    row->addWidget(m_plotVs);
    row->addStretch(1);
    column->addLayout(row);
    m_resultNote = new QLabel(this);
    m_resultNote->setWordWrap(true);
    column->addWidget(m_resultNote);
    m_resultPlot = new QCustomPlot(this);
    m_resultPlot->setMinimumSize(220, 140);
    column->addWidget(m_resultPlot, 1);
    layout->addLayout(column, 2);
    connect(m_plotResult, &QComboBox::activated, this, [this] {
        m_resultChosen = true; // the user's choice from now on
        refreshResults();
    });
    connect(m_plotVs, &QComboBox::currentIndexChanged, this, [this] { refreshResults(); });
}

void TimelinePanel::setResultPlot(const QString& vs, const QString& result)
{
    m_plotVs->setCurrentIndex(std::max(0, m_plotVs->findData(vs)));
    m_plotResult->setCurrentIndex(std::max(0, m_plotResult->findData(result)));
    m_resultChosen = true;
    refreshResults();
}

void TimelinePanel::refreshResults()
{
    m_resultsShown = false;
    if (!m_run) {
        m_resultPlot->setVisible(false);
        m_resultNote->clear();
        return;
    }
    if (!m_resultChosen) // until the user picks one: the first kind of result the table has
        for (int i = 0; i < m_plotResult->count(); ++i)
            if (hasColumnStarting(m_run->table,
                                  m_plotResult->itemData(i).toString().toStdString() + "_")) {
                const QSignalBlocker blocker(m_plotResult);
                m_plotResult->setCurrentIndex(i);
                break;
            }
    try {
        const auto axes = plot::timelineResultPlotAxes(
            m_run->table, m_plotVs->currentData().toString().toStdString(),
            m_plotResult->currentData().toString().toStdString(),
            m_document->calibration().nmPerPixel.has_value());
        plot::fillTimelinePlot(*m_resultPlot, m_run->table, axes.x, axes.y);
        m_resultPlot->replot(QCustomPlot::rpQueuedReplot);
        m_resultPlot->setVisible(true);
        m_resultNote->clear();
        m_resultsShown = true;
    } catch (const Error& e) {
        m_resultPlot->setVisible(false);
        m_resultNote->setText(
            QString::fromUtf8(e.what()).remove(QStringLiteral("timeline plot: ")));
    }
}

void TimelinePanel::exportPlot(const QString& path) const
{
    if (!m_run)
        throw Error("no timeline to export: load a log first");
    // The results plot shown (`insitu timeline --plot-vs V --result R --plot F`), else the
    // default figure of `insitu timeline --plot F`.
    const bool calibrated = m_document->calibration().nmPerPixel.has_value();
    const auto axes = m_resultsShown
                          ? plot::timelineResultPlotAxes(
                                m_run->table, m_plotVs->currentData().toString().toStdString(),
                                m_plotResult->currentData().toString().toStdString(), calibrated)
                          : plot::defaultTimelinePlotAxes(m_run->table, calibrated);
    auto figure = plot::makeTimelinePlot(m_run->table, axes.x, axes.y);
    plot::savePlot(*figure, path);
}

QString TimelinePanel::hoverReadout(double timeS) const
{
    if (!m_run)
        return {};
    const auto* time = m_run->table.column("time_s");
    if (!time || time->values.empty())
        return {};
    std::size_t k = 0;
    for (std::size_t j = 1; j < time->values.size(); ++j)
        if (std::abs(time->values[j] - timeS) < std::abs(time->values[k] - timeS))
            k = j;
    QStringList parts;
    for (const auto& c : m_run->table.columns) {
        if (c.name == "frame" || c.name == "time_s" || k >= c.values.size() ||
            !std::isfinite(c.values[k]))
            continue;
        parts << QStringLiteral("%1 %2")
                     .arg(QString::fromStdString(plot::timelineAxisLabel(c.name)))
                     .arg(c.values[k], 0, 'g', 4);
    }
    return tr("t %1 s (frame %2): %3")
        .arg(time->values[k], 0, 'g', 5)
        .arg(k)
        .arg(parts.join(QStringLiteral(" · ")));
}

void TimelinePanel::onResultsChanged()
{
    m_runSettings.reset(); // the joined fronts, areas or particle counts changed: run again
    onTimelineChanged();
}

} // namespace insitu::app
