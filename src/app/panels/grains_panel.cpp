// GrainsPanel: widgets, the segmentation job, hand fixes as undo steps, the summary and stale mark.

#include "panels/grains_panel.h"

#include "document/commands/analysis_settings_commands.h"
#include "document/commands/crystal_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"

#include "grain_plot.h"

#include "insitu/crystal/fft_region_run.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/grains_project.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace insitu::app {

namespace {

QString fractionText(const AreaFraction& f)
{
    return QStringLiteral("%1 % (%2–%3)")
        .arg(100 * f.value, 0, 'f', 1)
        .arg(100 * f.low, 0, 'f', 1)
        .arg(100 * f.high, 0, 'f', 1);
}

/// A length in px as nm when calibrated.
QString lengthText(double px, std::optional<double> nmPerPixel)
{
    return nmPerPixel ? QStringLiteral("%1 nm").arg(px * *nmPerPixel, 0, 'g', 4)
                      : QStringLiteral("%1 px").arg(px, 0, 'g', 4);
}

} // namespace

GrainsPanel::GrainsPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_region(new QComboBox(this)),
      m_minGrain(new QDoubleSpinBox(this)), m_merge(new QDoubleSpinBox(this)),
      m_run(new QPushButton(tr("Segment grains"), this)), m_stale(new QLabel(this)),
      m_rerun(new QPushButton(tr("Re-run"), this)), m_grainId(new QSpinBox(this)),
      m_otherId(new QSpinBox(this)), m_status(new QLabel(this)), m_plot(new QCustomPlot(this)),
      m_summary(new QLabel(this))
{
    const GrainOptions defaults;
    m_minGrain->setRange(0.1, 10000);
    m_minGrain->setValue(defaults.minGrainNm);
    m_minGrain->setSuffix(QStringLiteral(" nm"));
    m_minGrain->setToolTip(tr("Smallest grain kept (ECD; at least 5 px)"));
    m_merge->setRange(0, 10);
    m_merge->setSingleStep(0.1);
    m_merge->setValue(defaults.mergeThreshold);
    m_merge->setToolTip(tr("Merge grains across boundaries weaker than this × the automatic "
                           "boundary threshold (0 = no merging)"));
    for (QSpinBox* id : {m_grainId, m_otherId})
        id->setRange(1, 1 << 30);
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral(
        "QLabel { background: #f0e442; color: black; padding: 4px; border-radius: 3px; }"));
    m_status->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plot->setMinimumHeight(180);
    m_minGrain->setObjectName(QStringLiteral("grainsMinGrain"));
    m_merge->setObjectName(QStringLiteral("grainsMergeThreshold"));

    auto* form = new QFormLayout;
    form->addRow(tr("Region"), m_region);
    form->addRow(tr("Min grain"), m_minGrain);
    form->addRow(tr("Merge threshold"), m_merge);
    auto* staleRow = new QHBoxLayout;
    staleRow->addWidget(m_stale, 1);
    staleRow->addWidget(m_rerun);
    auto* mergeButton = new QPushButton(tr("Merge into"), this);
    auto* deleteButton = new QPushButton(tr("Delete"), this);
    auto* fixRow = new QHBoxLayout;
    fixRow->addWidget(new QLabel(tr("Grain"), this));
    fixRow->addWidget(m_grainId);
    fixRow->addWidget(deleteButton);
    fixRow->addWidget(mergeButton);
    fixRow->addWidget(m_otherId);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_run);
    layout->addLayout(staleRow);
    layout->addWidget(m_status);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_summary);
    layout->addLayout(fixRow);

    // The options live in the Document: a widget edit is one ChangeGrainSettings step.
    for (QDoubleSpinBox* box : {m_minGrain, m_merge})
        connect(box, &QDoubleSpinBox::valueChanged, this, &GrainsPanel::pushSettings);
    connect(document, &Document::grainSettingsChanged, this, [this] {
        showSettings();
        refresh();
    });
    connect(m_run, &QPushButton::clicked, this, &GrainsPanel::run);
    connect(m_rerun, &QPushButton::clicked, this, &GrainsPanel::run);
    connect(deleteButton, &QPushButton::clicked, this, [this] {
        edit({GrainEdit::Kind::Delete, m_grainId->value(), 0});
    });
    connect(mergeButton, &QPushButton::clicked, this, [this] {
        edit({GrainEdit::Kind::Merge, m_otherId->value(), m_grainId->value()});
    });
    connect(document, &Document::grainsChanged, this, &GrainsPanel::refresh);
    connect(document, &Document::calibrationChanged, this, &GrainsPanel::refresh);
    connect(document, &Document::movieChanged, this, [this] {
        refreshRegions();
        refresh();
    });
    connect(document, &Document::roiInserted, this, &GrainsPanel::refreshRegions);
    connect(document, &Document::roiRemoved, this, &GrainsPanel::refreshRegions);
    connect(document, &Document::roiChanged, this, &GrainsPanel::refreshRegions);
    refreshRegions();
    showSettings();
    refresh();
}

void GrainsPanel::showSettings()
{
    const GrainOptions& o = m_document->grainSettings().options.grains;
    const bool was = m_updating;
    m_updating = true;
    m_minGrain->setValue(o.minGrainNm);
    m_merge->setValue(o.mergeThreshold);
    m_updating = was;
}

void GrainsPanel::pushSettings()
{
    if (m_updating || !m_document->projectMovie())
        return;
    GrainAnalysisSettings settings = m_document->grainSettings();
    GrainOptions& o = settings.options.grains;
    // a box shows its value rounded to its decimals: only a box the user changed writes
    const auto set = [](double& value, const QDoubleSpinBox* box) {
        const double scale = std::pow(10.0, box->decimals());
        if (box->value() != std::round(value * scale) / scale)
            value = box->value();
    };
    set(o.minGrainNm, m_minGrain);
    set(o.mergeThreshold, m_merge);
    if (!(settings == m_document->grainSettings()))
        m_document->undoStack()->push(new ChangeGrainSettings(m_document, settings));
}

void GrainsPanel::setCurrentFrame(int frame)
{
    m_frame = frame;
}

GrainAnalysisOptions GrainsPanel::options() const
{
    // The Document's settings: the core defaults (as `insitu grains` uses them) until edited.
    return m_document->grainSettings().options;
}

bool GrainsPanel::run()
{
    if (!m_document->hasMovie() || m_jobs->isBusy())
        return false;
    const auto movie = m_document->movie();
    const int frame = std::clamp(m_frame, 0, movie->frameCount() - 1);
    cv::Rect rect(0, 0, movie->width(), movie->height());
    if (const int index = m_document->roiIndex(m_region->currentData().toInt()); index >= 0) {
        rect &= fftRegionOfRoi(m_document->roi(index)).rectPx; // the pixels inside the box
        if (rect.width < 16 || rect.height < 16) {
            m_status->setText(tr("The region must lie in the frame and be ≥ 16 px a side"));
            return false;
        }
    }
    const std::optional<double> nmPerPixel = m_document->calibration().nmPerPixel;
    const GrainAnalysisOptions o = options();
    return m_jobs->run<ProjectGrains>(
        tr("Grains"),
        [movie, frame, rect, nmPerPixel, o](Progress&) {
            const cv::Mat full = movie->frame(frame).mat();
            if (full.channels() != 1)
                throw Error("grains: expected a single-channel image");
            GrainAnalysis analysis = analyseGrains(full(rect), nmPerPixel, o, cv::Mat());
            for (Grain& g : analysis.segmentation.grains) { // centroids in frame px
                g.xPx += rect.x;
                g.yPx += rect.y;
            }
            return toProjectGrains(analysis, frame, rect, grainOptionsJson(o).dump());
        },
        [this](ProjectGrains grains) {
            m_document->undoStack()->push(
                new SetGrains(m_document, std::move(grains), tr("Segment grains")));
        });
}

bool GrainsPanel::edit(const GrainEdit& edit)
{
    const auto& stored = m_document->grains();
    if (!stored)
        return false;
    try {
        ProjectGrains edited = editedGrains(*stored, edit);
        m_document->undoStack()->push(new SetGrains(
            m_document, std::move(edited),
            edit.kind == GrainEdit::Kind::Merge ? tr("Merge grains") : tr("Delete grain")));
        return true;
    } catch (const Error& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        return false;
    }
}

QString GrainsPanel::staleText() const
{
    const auto& stored = m_document->grains();
    if (!stored)
        return {};
    QStringList reasons;
    const std::optional<double> now = m_document->calibration().nmPerPixel;
    auto text = [](std::optional<double> nm) {
        return nm ? QStringLiteral("%1 nm/px").arg(*nm, 0, 'g', 5) : QObject::tr("uncalibrated");
    };
    if (stored->nmPerPixel != now)
        reasons << tr("The grains were segmented at %1; the movie is now at %2")
                       .arg(text(stored->nmPerPixel), text(now));
    const auto json = nlohmann::json::parse(stored->parametersJson, nullptr, false);
    bool same = false;
    try {
        same = json.is_object() && sameGrainOptions(grainOptionsFromJson(json), options());
    } catch (const Error&) {
        // unreadable options: not the panel's
    }
    if (!same)
        reasons << tr("The grains were segmented with other options than the panel's");
    return reasons.join(QLatin1Char('\n'));
}

void GrainsPanel::refresh()
{
    const auto& stored = m_document->grains();
    const QString stale = staleText();
    m_stale->setText(stale);
    m_stale->setVisible(!stale.isEmpty());
    m_rerun->setVisible(!stale.isEmpty());
    m_plot->clearPlottables();
    m_plot->clearItems();
    if (!stored) {
        m_summary->setText(tr("No grains result."));
        m_plot->replot();
        return;
    }
    plot::fillGrainHistogram(*m_plot, stored->grains, stored->nmPerPixel);
    m_plot->replot();
    const auto nm = stored->nmPerPixel;
    QString e112 = tr("no complete test line");
    if (stored->meanInterceptPx) {
        e112 = lengthText(*stored->meanInterceptPx, nm);
        if (nm)
            e112 += tr(", G = %1")
                        .arg(e112GFromIntercept(*stored->meanInterceptPx * *nm * 1e-6), 0, 'f', 2);
    }
    m_summary->setText(
        tr("%1 grains on frame %2. ECD median %3, mean %4, mode %5 (grains off the edge).\n"
           "ASTM E112 mean lineal intercept: pattern %6; line grid %7.\n"
           "Crystalline %8, amorphous %9, pore %10 of the analysed area.")
            .arg(stored->grains.size())
            .arg(stored->frame)
            .arg(lengthText(stored->ecdMedianPx, nm), lengthText(stored->ecdMeanPx, nm),
                 lengthText(stored->ecdModePx, nm), e112,
                 stored->lineGridMeanInterceptPx ? lengthText(*stored->lineGridMeanInterceptPx, nm)
                                                 : tr("none"),
                 fractionText(stored->crystalline), fractionText(stored->amorphous),
                 fractionText(stored->pore)));
}

void GrainsPanel::refreshRegions()
{
    const int current = m_region->currentData().toInt();
    const QSignalBlocker blocker(m_region);
    m_region->clear();
    m_region->addItem(tr("Whole frame"), 0);
    for (int i = 0; i < m_document->roiCount(); ++i)
        if (const Roi& roi = m_document->roi(i);
            roi.shape == RoiShape::Rectangle && roi.points.size() == 2)
            m_region->addItem(roi.name.empty() ? tr("ROI %1").arg(roi.id)
                                               : QString::fromStdString(roi.name),
                              roi.id);
    const int index = m_region->findData(current);
    m_region->setCurrentIndex(index < 0 ? 0 : index);
}

} // namespace insitu::app
