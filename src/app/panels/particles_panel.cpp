#include "panels/particles_panel.h"

#include "document/commands/analysis_settings_commands.h"
#include "document/commands/particles_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "panels/particle_overlay_view.h"
#include "panels/particle_summary.h"
#include "views/label_table_link.h"

#include "particle_plot.h"
#include "plot_export.h"

#include "insitu/export/particles_export.h"
#include "insitu/particles/particle_edits.h"
#include "insitu/particles/particle_frame.h"
#include "insitu/project/particles_project_build.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {

bool isArea(const Roi& roi)
{
    return roi.shape == RoiShape::Rectangle || roi.shape == RoiShape::Ellipse ||
           roi.shape == RoiShape::Polygon;
}

} // namespace

ParticlesPanel::ParticlesPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_polarity(new QComboBox(this)),
      m_threshold(new QComboBox(this)), m_minDiameter(new QDoubleSpinBox(this)),
      m_maxDiameter(new QDoubleSpinBox(this)), m_neck(new QDoubleSpinBox(this)),
      m_includeEdge(new QCheckBox(tr("Count particles cut by an edge"), this)),
      m_average(new QSpinBox(this)), m_regions(new QListWidget(this)),
      m_live(new QCheckBox(tr("Live preview"), this)),
      m_apply(new QPushButton(tr("Apply to project"), this)), m_status(new QLabel(this)),
      m_stale(new QLabel(this)), m_rerun(new QPushButton(tr("Re-run"), this)),
      m_tool(new QComboBox(this)), m_view(new ParticleOverlayView(this)),
      m_table(new QTableWidget(this)), m_plot(new QCustomPlot(this)), m_summary(new QLabel(this)),
      m_debounce(new QTimer(this)), m_link(new LabelTableLink(m_table, m_view, this))
{
    for (auto p : {ParticlePolarity::Auto, ParticlePolarity::Dark, ParticlePolarity::Bright})
        m_polarity->addItem(particlePolarityName(p), static_cast<int>(p));
    for (auto t : {ParticleThreshold::Global, ParticleThreshold::Local, ParticleThreshold::Blob})
        m_threshold->addItem(particleThresholdName(t), static_cast<int>(t));
    // names for tests and accessibility
    m_polarity->setObjectName(QStringLiteral("particlePolarity"));
    m_threshold->setObjectName(QStringLiteral("particleThreshold"));
    m_minDiameter->setObjectName(QStringLiteral("particleMinDiameter"));
    m_neck->setObjectName(QStringLiteral("particleNeckRatio"));
    m_average->setObjectName(QStringLiteral("particleFramesAveraged"));
    m_minDiameter->setRange(0.01, 10000);
    m_maxDiameter->setRange(0.01, 100000);
    m_minDiameter->setDecimals(2);
    m_neck->setRange(0.05, 1.0);
    m_neck->setSingleStep(0.05);
    m_neck->setToolTip(tr("Split touching particles where the neck is below this fraction of the "
                          "smaller radius"));
    m_average->setRange(1, 1000);
    m_average->setToolTip(tr("Frames averaged from the current one (drift-corrected when the "
                             "drift is measured)"));
    m_live->setChecked(true);
    m_regions->setMaximumHeight(70);
    m_regions->setToolTip(tr("Area ROIs to measure in (none checked: the whole frame); the first "
                             "two checked are compared"));
    m_tool->addItem(tr("Select"), static_cast<int>(ParticleOverlayView::Tool::Select));
    m_tool->addItem(tr("Delete (click)"), static_cast<int>(ParticleOverlayView::Tool::Delete));
    m_tool->addItem(tr("Merge (click two)"), static_cast<int>(ParticleOverlayView::Tool::Merge));
    m_tool->addItem(tr("Split (drag a line)"), static_cast<int>(ParticleOverlayView::Tool::Split));
    m_tool->addItem(tr("Add (click a seed)"), static_cast<int>(ParticleOverlayView::Tool::Add));
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral(
        "QLabel { background: #f0e442; color: black; padding: 4px; border-radius: 3px; }"));
    m_status->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);

    auto* form = new QFormLayout;
    form->addRow(tr("Particles"), m_polarity);
    form->addRow(tr("Threshold"), m_threshold);
    form->addRow(tr("Min diameter"), m_minDiameter);
    form->addRow(tr("Max diameter"), m_maxDiameter);
    form->addRow(tr("Split neck ratio"), m_neck);
    form->addRow(tr("Frames averaged"), m_average);
    form->addRow(tr("Regions"), m_regions);
    form->addRow(QString(), m_includeEdge);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_live);
    runRow->addWidget(m_apply, 1);
    auto* staleRow = new QHBoxLayout;
    staleRow->addWidget(m_stale, 1);
    staleRow->addWidget(m_rerun);
    auto* toolRow = new QHBoxLayout;
    toolRow->addWidget(new QLabel(tr("Tool"), this));
    toolRow->addWidget(m_tool, 1);
    auto* exportCsvButton = new QPushButton(tr("Export CSV…"), this);
    auto* exportPlotButton = new QPushButton(tr("Export plot…"), this);
    auto* exportRow = new QHBoxLayout;
    exportRow->addWidget(exportCsvButton);
    exportRow->addWidget(exportPlotButton);

    m_table->setColumnCount(7);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_plot->setMinimumHeight(160);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addLayout(runRow);
    topLayout->addWidget(m_status);
    topLayout->addLayout(staleRow);
    topLayout->addLayout(toolRow);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_view);
    splitter->addWidget(m_table);
    splitter->addWidget(m_plot);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_summary);
    layout->addLayout(exportRow);

    // The options live in the Document: a widget edit is one ChangeParticleSettings step.
    for (QDoubleSpinBox* box : {m_minDiameter, m_maxDiameter, m_neck})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParticlesPanel::pushSettings);
    for (QComboBox* box : {m_polarity, m_threshold})
        connect(box, &QComboBox::currentIndexChanged, this, &ParticlesPanel::pushSettings);
    connect(m_average, &QSpinBox::valueChanged, this, &ParticlesPanel::pushSettings);
    connect(m_includeEdge, &QCheckBox::toggled, this, &ParticlesPanel::pushSettings);
    connect(document, &Document::particleSettingsChanged, this, [this] {
        showSettings();
        refresh();
        // an edit or its undo previews; a project being opened shows its stored result
        if (m_document->particleSettings() != m_previewedSettings) {
            m_previewedSettings = m_document->particleSettings();
            settingsChanged();
        }
    });
    connect(m_regions, &QListWidget::itemChanged, this, &ParticlesPanel::settingsChanged);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        if (!preview()) // another job runs: try again shortly
            m_debounce->start();
    });
    connect(m_apply, &QPushButton::clicked, this, &ParticlesPanel::apply);
    connect(m_rerun, &QPushButton::clicked, this, &ParticlesPanel::apply);
    connect(m_tool, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setTool(static_cast<ParticleOverlayView::Tool>(m_tool->currentData().toInt()));
    });
    connect(m_view, &ParticleOverlayView::editRequested, this,
            [this](const ParticleEdit& e) { edit(e); });
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export particles"), QString(),
                                                          tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(exportPlotButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export histogram"), QString(),
                                                          tr("Figures (*.png *.svg *.pdf)"));
        if (!path.isEmpty())
            exportPlot(path);
    });
    connect(document, &Document::particlesChanged, this, [this] {
        m_preview.reset();
        refresh();
    });
    connect(document, &Document::movieChanged, this, [this] {
        m_preview.reset();
        m_previewedSettings = m_document->particleSettings();
        refreshRegions();
        refresh();
    });
    connect(document, &Document::calibrationChanged, this, [this] {
        showSettings(); // the diameter boxes switch between nm and px
        refresh();
    });
    connect(document, &Document::driftChanged, this, [this] { refresh(); }); // stale marks
    connect(document, &Document::roiInserted, this, [this] { refreshRegions(); });
    connect(document, &Document::roiRemoved, this, [this] { refreshRegions(); });
    connect(document, &Document::roiChanged, this, [this] {
        refreshRegions();
        refresh();
    });
    m_view->setTool(ParticleOverlayView::Tool::Select);
    showSettings();
    refresh();
}

void ParticlesPanel::showSettings()
{
    const ParticleAnalysisSettings settings = m_document->particleSettings();
    const ParticleOptions& o = settings.options;
    const bool calibrated = m_document->calibration().nmPerPixel.has_value();
    const QString unit = QStringLiteral(" ") + (calibrated ? tr("nm") : tr("px"));
    const bool was = m_updating;
    m_updating = true;
    m_polarity->setCurrentIndex(m_polarity->findData(static_cast<int>(o.polarity)));
    m_threshold->setCurrentIndex(m_threshold->findData(static_cast<int>(o.threshold)));
    m_minDiameter->setSuffix(unit);
    m_maxDiameter->setSuffix(unit);
    m_minDiameter->setValue(calibrated ? o.minDiameterNm : o.minDiameterPx);
    m_maxDiameter->setValue(calibrated ? o.maxDiameterNm : o.maxDiameterPx);
    m_neck->setValue(o.maxNeckRatio);
    m_includeEdge->setChecked(o.includeEdge);
    m_average->setValue(settings.framesAveraged);
    m_updating = was;
}

void ParticlesPanel::pushSettings()
{
    if (m_updating || !m_document->projectMovie())
        return;
    ParticleAnalysisSettings settings = m_document->particleSettings();
    ParticleOptions& o = settings.options;
    // a box shows its value rounded to its decimals: only a box the user changed writes
    const auto set = [](double& value, const QDoubleSpinBox* box) {
        const double scale = std::pow(10.0, box->decimals());
        if (box->value() != std::round(value * scale) / scale)
            value = box->value();
    };
    o.polarity = static_cast<ParticlePolarity>(m_polarity->currentData().toInt());
    o.threshold = static_cast<ParticleThreshold>(m_threshold->currentData().toInt());
    // the diameter boxes are in nm when the pixel size is known, else px
    const bool calibrated = m_document->calibration().nmPerPixel.has_value();
    set(calibrated ? o.minDiameterNm : o.minDiameterPx, m_minDiameter);
    set(calibrated ? o.maxDiameterNm : o.maxDiameterPx, m_maxDiameter);
    set(o.maxNeckRatio, m_neck);
    o.includeEdge = m_includeEdge->isChecked();
    settings.framesAveraged = m_average->value();
    if (settings != m_document->particleSettings())
        m_document->undoStack()->push(new ChangeParticleSettings(m_document, settings));
}

void ParticlesPanel::setCurrentFrame(int frame)
{
    if (frame == m_frame)
        return;
    m_frame = frame;
    if (m_live->isChecked() && isVisible())
        m_debounce->start();
}

ParticleOptions ParticlesPanel::options() const
{
    // The Document's settings: the core defaults (as `insitu particles` uses them) until edited.
    return m_document->particleSettings().options;
}

std::vector<Roi> ParticlesPanel::regions() const
{
    std::vector<Roi> out;
    for (int i = 0; i < m_regions->count(); ++i) {
        const QListWidgetItem* item = m_regions->item(i);
        const int index = m_document->roiIndex(item->data(Qt::UserRole).toInt());
        if (item->checkState() == Qt::Checked && index >= 0)
            out.push_back(m_document->roi(index));
    }
    return out;
}

void ParticlesPanel::refreshRegions()
{
    const bool was = m_updating;
    m_updating = true;
    std::vector<int> checked;
    for (int i = 0; i < m_regions->count(); ++i)
        if (m_regions->item(i)->checkState() == Qt::Checked)
            checked.push_back(m_regions->item(i)->data(Qt::UserRole).toInt());
    if (m_regions->count() == 0 && m_document->particles()) // on open: the stored regions
        for (const Roi& roi : m_document->particles()->regions)
            checked.push_back(roi.id);
    m_regions->clear();
    for (int i = 0; i < m_document->roiCount(); ++i) {
        const Roi& roi = m_document->roi(i);
        if (!isArea(roi))
            continue;
        auto* item = new QListWidgetItem(QString::fromStdString(roi.name), m_regions);
        item->setData(Qt::UserRole, roi.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(std::find(checked.begin(), checked.end(), roi.id) != checked.end()
                                ? Qt::Checked
                                : Qt::Unchecked);
    }
    m_updating = was;
}

void ParticlesPanel::settingsChanged()
{
    if (m_updating)
        return;
    if (m_live->isChecked())
        m_debounce->start();
}

std::pair<int, int> ParticlesPanel::frameRange() const
{
    const int count = m_document->movie() ? m_document->movie()->frameCount() : 1;
    const int first = std::clamp(m_frame, 0, std::max(0, count - 1));
    const int averaged = std::max(1, m_document->particleSettings().framesAveraged);
    return {first, std::min(count - 1, first + averaged - 1)};
}

cv::Mat ParticlesPanel::imageOf(int first, int last) const
{
    const auto& drift = m_document->drift();
    return particleFrame(*m_document->movie(), first, last,
                         drift && last > first ? &drift->result : nullptr);
}

bool ParticlesPanel::preview()
{
    if (!m_document->movie() || m_jobs->isBusy())
        return false;
    const auto frames = frameRange();
    const cv::Mat image = imageOf(frames.first, frames.second);
    const auto nmPerPixel = m_document->calibration().nmPerPixel;
    const auto regionList = regions();
    ParticleOptions quick = options();
    quick.bootstrapSamples = 0; // the preview is for the outlines; Apply computes the intervals
    m_status->setText(tr("Previewing…"));
    return m_jobs->run<ParticleSegmentation>(
        tr("Particles preview"),
        [image, nmPerPixel, regionList, quick](Progress&) {
            return segmentParticles(image, nmPerPixel, regionList, quick);
        },
        [this, image, frames](ParticleSegmentation seg) {
            m_preview = std::move(seg);
            showSegmentation(image, *m_preview,
                             tr("Preview of frames %1–%2 (not in the project: Apply to keep it)")
                                 .arg(frames.first)
                                 .arg(frames.second));
        });
}

bool ParticlesPanel::apply()
{
    if (!m_document->movie() || m_jobs->isBusy())
        return false;
    m_debounce->stop();
    const auto frames = frameRange();
    const cv::Mat image = imageOf(frames.first, frames.second);
    const auto nmPerPixel = m_document->calibration().nmPerPixel;
    const auto regionList = regions();
    const ParticleOptions o = options();
    // hand edits survive a re-run with the same parameters and frames
    std::vector<ParticleEdit> edits;
    const auto& stored = m_document->particles();
    if (stored && stored->result.options == o && stored->firstFrame == frames.first &&
        stored->lastFrame == frames.second)
        edits = stored->edits;
    const ProjectMovie* pm = m_document->projectMovie();
    std::vector<std::string> inputs{"movie:" + std::to_string(pm ? pm->id : 0)};
    for (const Roi& roi : regionList)
        inputs.push_back("roi:" + std::to_string(roi.id));
    if (m_document->drift() && frames.second > frames.first)
        inputs.push_back("drift:" + inputs.front());
    return m_jobs->run<ProjectParticles>(
        tr("Particles"),
        [image, nmPerPixel, regionList, o, edits, frames, inputs](Progress&) {
            ParticleSegmentation seg = segmentParticles(image, nmPerPixel, regionList, o);
            applyParticleEdits(seg, image, regionList, edits);
            ProjectParticles p =
                toProjectParticles(seg, frames.first, frames.second, regionList, edits);
            p.provenance = makeProvenance(particlesParametersJson(p), inputs);
            return p;
        },
        [this](ProjectParticles p) {
            m_document->undoStack()->push(
                new SetParticles(m_document, std::move(p), tr("Segment particles")));
        });
}

bool ParticlesPanel::edit(const ParticleEdit& e)
{
    const auto& stored = m_document->particles();
    if (!stored || !m_document->movie()) {
        m_status->setText(tr("Apply a segmentation to the project before editing it"));
        return false;
    }
    const cv::Mat image = imageOf(stored->firstFrame, stored->lastFrame);
    ParticleSegmentation seg = particleSegmentation(*stored);
    if (!applyParticleEdit(seg, image, stored->regions, e)) {
        m_status->setText(tr("Nothing to %1 there").arg(particleEditKindName(e.kind)));
        return false;
    }
    std::vector<ParticleEdit> edits = stored->edits;
    edits.push_back(e);
    ProjectParticles p = toProjectParticles(seg, stored->firstFrame, stored->lastFrame,
                                            stored->regions, std::move(edits));
    p.provenance = makeProvenance(particlesParametersJson(p), stored->provenance.inputIds);
    static const char* texts[] = {QT_TR_NOOP("Delete particle"), QT_TR_NOOP("Merge particles"),
                                  QT_TR_NOOP("Split particle"), QT_TR_NOOP("Add particle")};
    m_document->undoStack()->push(
        new SetParticles(m_document, std::move(p), tr(texts[static_cast<int>(e.kind)])));
    return true;
}

QString ParticlesPanel::staleText() const
{
    const auto& stored = m_document->particles();
    if (!stored)
        return {};
    std::vector<Roi> rois;
    for (int i = 0; i < m_document->roiCount(); ++i)
        rois.push_back(m_document->roi(i));
    QStringList reasons = particleStaleReasons(*stored, m_document->calibration().nmPerPixel, rois);
    const ParticleAnalysisSettings settings = m_document->particleSettings();
    const int count = m_document->movie() ? m_document->movie()->frameCount() : 0;
    const int averaged = stored->lastFrame - stored->firstFrame + 1;
    if (stored->result.options != settings.options ||
        averaged > settings.framesAveraged || // fewer frames: cut only by the movie's end
        (averaged < settings.framesAveraged && stored->lastFrame + 1 < count))
        reasons << tr("the settings changed");
    // frames averaged with the drift: a drift measured after them (or removed) moved them
    const auto& inputs = stored->provenance.inputIds;
    if (std::any_of(inputs.begin(), inputs.end(),
                    [](const std::string& id) { return id.rfind("drift:", 0) == 0; })) {
        const auto& drift = m_document->drift();
        if (!drift)
            reasons << tr("the drift was removed");
        else if (drift->provenance.createdUtc > stored->provenance.createdUtc)
            reasons << tr("the drift was measured again");
    }
    return reasons.isEmpty() ? QString()
                             : tr("Stale: %1 since these particles were measured.")
                                   .arg(reasons.join(QStringLiteral(", ")));
}

const ParticleResult* ParticlesPanel::shownResult() const
{
    if (m_preview)
        return &m_preview->result;
    const auto& stored = m_document->particles();
    return stored ? &stored->result : nullptr;
}

void ParticlesPanel::exportCsv(const QString& path) const
{
    if (const ParticleResult* r = shownResult())
        saveParticlesCsv(path.toStdString(), *r);
}

void ParticlesPanel::exportPlot(const QString& path) const
{
    if (const ParticleResult* r = shownResult()) {
        auto figure = plot::makeParticleHistogram(*r);
        plot::savePlot(*figure, path);
    }
}

void ParticlesPanel::refresh()
{
    const QString stale = staleText();
    m_stale->setText(stale);
    m_stale->setVisible(!stale.isEmpty());
    m_rerun->setVisible(!stale.isEmpty());
    if (m_preview)
        return;
    const auto& stored = m_document->particles();
    if (stored && m_document->movie()) {
        showStored(*stored);
        return;
    }
    m_view->clear();
    m_table->setRowCount(0);
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->replot();
    m_summary->clear();
    m_status->setText(m_document->movie() ? tr("No particles measured yet") : QString());
}

void ParticlesPanel::showStored(const ProjectParticles& stored)
{
    // the widgets show the Document's settings (showSettings), not the result's
    QString status =
        tr("In the project: frames %1–%2").arg(stored.firstFrame).arg(stored.lastFrame);
    if (!stored.edits.empty())
        status += tr(", %n hand edit(s)", nullptr, static_cast<int>(stored.edits.size()));
    try {
        showSegmentation(imageOf(stored.firstFrame, stored.lastFrame), particleSegmentation(stored),
                         status);
    } catch (const std::exception& e) {
        m_status->setText(status + tr(" (frame unreadable: %1)").arg(QString::fromUtf8(e.what())));
    }
}

void ParticlesPanel::showSegmentation(const cv::Mat& frame, const ParticleSegmentation& seg,
                                      const QString& status)
{
    const ParticleResult& r = seg.result;
    m_status->setText(status);
    m_view->setContent(frame, seg.labels, r.particles);
    m_link->refill([&] { fillParticleTable(*m_table, r); });
    plot::fillParticleHistogram(*m_plot, r);
    m_summary->setText(particleSummaryText(r));
}

} // namespace insitu::app
