#include "panels/drift_panel.h"

#include "document/commands/result_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"

#include "drift_plot.h"

#include "insitu/export/provenance.h"
#include "insitu/registration/drift.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace insitu::app {

DriftPanel::DriftPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_reference(new QComboBox(this)),
      m_region(new QLabel(this)), m_run(new QPushButton(tr("Measure drift"), this)),
      m_corrected(new QCheckBox(tr("View drift-corrected"), this)),
      m_downweight(new QCheckBox(tr("Down-weight changing pixels"), this)),
      m_plot(new QCustomPlot(this)), m_summary(new QLabel(this)), m_stale(new QLabel(this))
{
    m_reference->addItem(tr("Running mean"), static_cast<int>(DriftReference::RunningMean));
    m_reference->addItem(tr("First frame"), static_cast<int>(DriftReference::First));
    m_reference->addItem(tr("Previous frame"), static_cast<int>(DriftReference::Previous));
    auto* drawRegion = new QPushButton(tr("Draw…"), this);
    auto* clearRegion = new QPushButton(tr("Whole frame"), this);
    drawRegion->setToolTip(tr("Draw the region to register on the frame"));

    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->addRow(tr("Reference"), m_reference);
    auto* regionRow = new QHBoxLayout;
    regionRow->addWidget(m_region, 1);
    regionRow->addWidget(drawRegion);
    regionRow->addWidget(clearRegion);
    form->addRow(tr("Region"), regionRow);
    m_downweight->setObjectName(QStringLiteral("downweightChanges"));
    m_downweight->setToolTip(
        tr("After the usual passes, refine each shift with pixels weighted by the inverse of their "
           "temporal variance, so a moving front pulls less (insitu drift --downweight-changes)"));
    form->addRow(QString(), m_downweight);
    layout->addLayout(form);
    layout->addWidget(m_run);
    layout->addWidget(m_corrected);
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral(
        "QLabel { background: #f0e442; color: black; padding: 4px; border-radius: 3px; }"));
    layout->addWidget(m_stale);
    m_plot->setMinimumHeight(160);
    layout->addWidget(m_plot, 1);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    connect(m_run, &QPushButton::clicked, this, &DriftPanel::run);
    connect(drawRegion, &QPushButton::clicked, this, &DriftPanel::regionDrawRequested);
    connect(clearRegion, &QPushButton::clicked, this, [this] { setRegion(QRectF()); });
    connect(m_reference, &QComboBox::currentIndexChanged, this, &DriftPanel::pushOptions);
    connect(m_corrected, &QCheckBox::toggled, this, &DriftPanel::showCorrectedChanged);
    connect(m_downweight, &QCheckBox::toggled, this, &DriftPanel::pushOptions);
    connect(document, &Document::driftOptionsChanged, this, &DriftPanel::refresh);
    connect(document, &Document::driftChanged, this, &DriftPanel::refreshPlot);
    connect(document, &Document::driftChanged, this, &DriftPanel::refresh);
    connect(document, &Document::calibrationChanged, this, &DriftPanel::refreshPlot);
    connect(document, &Document::movieChanged, this, &DriftPanel::refresh);
    connect(jobs, &JobRunner::started, this, [this] { m_run->setEnabled(false); });
    connect(jobs, &JobRunner::finished, this,
            [this] { m_run->setEnabled(m_document->hasMovie()); });
    refresh();
    refreshPlot();
}

void DriftPanel::setShowCorrected(bool corrected)
{
    m_corrected->setChecked(corrected);
}

bool DriftPanel::showCorrected() const
{
    return m_corrected->isChecked() && m_document->drift().has_value();
}

void DriftPanel::refresh()
{
    m_updating = true;
    const ProjectMovie* pm = m_document->projectMovie();
    setEnabled(pm != nullptr);
    if (pm) {
        m_reference->setCurrentIndex(
            m_reference->findData(static_cast<int>(pm->driftOptions.reference)));
        m_downweight->setChecked(pm->driftOptions.downweightChanges);
        if (const auto& r = pm->driftOptions.regionPx)
            m_region->setText(
                tr("x %1, y %2, %3 × %4 px").arg((*r)[0]).arg((*r)[1]).arg((*r)[2]).arg((*r)[3]));
        else
            m_region->setText(tr("whole frame"));
    }
    m_run->setEnabled(pm != nullptr && !m_jobs->isBusy());
    const QStringList stale = m_document->driftStaleReasons();
    m_stale->setText(stale.isEmpty() ? QString()
                                     : tr("Stale: %1 — press “Measure drift” to re-run.")
                                           .arg(stale.join(QStringLiteral("; "))));
    m_stale->setVisible(!stale.isEmpty());
    m_updating = false;
}

QString DriftPanel::staleText() const
{
    return m_stale->isHidden() ? QString() : m_stale->text();
}

void DriftPanel::pushOptions()
{
    if (m_updating || !m_document->projectMovie())
        return;
    DriftOptions options = m_document->projectMovie()->driftOptions;
    options.reference = static_cast<DriftReference>(m_reference->currentData().toInt());
    options.downweightChanges = m_downweight->isChecked();
    if (options != m_document->projectMovie()->driftOptions)
        m_document->undoStack()->push(new ChangeDriftOptions(m_document, options));
}

void DriftPanel::setRegion(const QRectF& region)
{
    if (!m_document->projectMovie())
        return;
    DriftOptions options = m_document->projectMovie()->driftOptions;
    if (region.isEmpty()) {
        options.regionPx.reset();
    } else {
        const ProjectMovie& pm = *m_document->projectMovie();
        const int x = std::clamp(static_cast<int>(std::lround(region.left())), 0, pm.width - 1);
        const int y = std::clamp(static_cast<int>(std::lround(region.top())), 0, pm.height - 1);
        const int w = std::clamp(static_cast<int>(std::lround(region.width())), 1, pm.width - x);
        const int h = std::clamp(static_cast<int>(std::lround(region.height())), 1, pm.height - y);
        options.regionPx = std::array<int, 4>{x, y, w, h};
    }
    if (options != m_document->projectMovie()->driftOptions)
        m_document->undoStack()->push(new ChangeDriftOptions(m_document, options));
}

bool DriftPanel::run()
{
    if (!m_document->hasMovie())
        return false;
    std::shared_ptr<const Movie> movie = m_document->movie(); // snapshot: immutable, shared
    const DriftOptions options = m_document->projectMovie()->driftOptions;
    const int movieId = m_document->projectMovie()->id;
    Document* document = m_document;
    return m_jobs->run<DriftResult>(
        tr("Measuring drift"),
        [movie, options](Progress& progress) { return estimateDrift(*movie, options, progress); },
        [document, options, movieId](DriftResult result) {
            // The provenance keys of the CLI (one core builder).
            ProjectDrift drift{std::move(result), driftProvenance(options, movieId)};
            document->undoStack()->push(new SetDrift(document, std::move(drift)));
        });
}

void DriftPanel::refreshPlot()
{
    // The exported drift figure (insitu_plot), in nm and s when calibrated.
    const auto& drift = m_document->drift();
    plot::fillDriftPlot(*m_plot, drift ? drift->result : DriftResult{}, m_document->calibration());
    if (drift && drift->result.frameCount() > 0) {
        const auto& dx = drift->result.dxPx;
        const auto& dy = drift->result.dyPx;
        const auto [minX, maxX] = std::minmax_element(dx.begin(), dx.end());
        const auto [minY, maxY] = std::minmax_element(dy.begin(), dy.end());
        m_summary->setText(tr("Drift over the movie: dx %1…%2 px, dy %3…%4 px")
                               .arg(*minX, 0, 'f', 2)
                               .arg(*maxX, 0, 'f', 2)
                               .arg(*minY, 0, 'f', 2)
                               .arg(*maxY, 0, 'f', 2));
    } else {
        m_summary->setText(tr("No drift measured yet."));
        m_plot->xAxis->setRange(0, 1); // no axes of a previous movie stay
        m_plot->yAxis->setRange(0, 1);
        m_plot->legend->setVisible(false);
    }
    m_plot->replot();
    if (!drift)
        m_corrected->setChecked(false);
}

} // namespace insitu::app
