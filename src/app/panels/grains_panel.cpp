// GrainsPanel: widgets, the segmentation job, hand fixes as undo steps, the summary and stale mark.

#include "panels/grains_panel.h"

#include "document/commands/analysis_settings_commands.h"
#include "document/commands/crystal_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"

#include "grain_plot.h"
#include "panels/grain_overlay_view.h"
#include "views/label_table_link.h"

#include "insitu/crystal/fft_region_run.h"
#include "insitu/error.h"
#include "insitu/export/crystal_options_json.h"
#include "insitu/project/grains_project.h"

#include <opencv2/imgproc.hpp>

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
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

/// The drift (px) of frame k of document's movie: frame k's image px minus frame-0 px.
QPointF driftOf(const Document& document, int k)
{
    const auto& drift = document.drift();
    if (!drift || k < 0 || k >= drift->result.frameCount())
        return {};
    return {drift->result.dxPx[static_cast<std::size_t>(k)],
            drift->result.dyPx[static_cast<std::size_t>(k)]};
}

} // namespace

GrainsPanel::GrainsPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_region(new QComboBox(this)),
      m_minGrain(new QDoubleSpinBox(this)), m_merge(new QDoubleSpinBox(this)),
      m_run(new QPushButton(tr("Segment grains"), this)), m_stale(new QLabel(this)),
      m_rerun(new QPushButton(tr("Re-run"), this)), m_tool(new QComboBox(this)),
      m_view(new GrainOverlayView(this)), m_table(new QTableWidget(this)),
      m_link(new LabelTableLink(m_table, m_view, this)), m_status(new QLabel(this)),
      m_plot(new QCustomPlot(this)), m_summary(new QLabel(this))
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
    m_tool->addItem(tr("Select (shift adds)"), static_cast<int>(GrainOverlayView::Tool::Select));
    m_tool->addItem(tr("Split: drag a line"), static_cast<int>(GrainOverlayView::Tool::Split));
    m_tool->addItem(tr("Boundary: draw"), static_cast<int>(GrainOverlayView::Tool::Boundary));
    m_tool->setObjectName(QStringLiteral("grainsTool"));
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels(
        {tr("Grain"), tr("ECD"), tr("Area"), tr("Aspect"), tr("Edge")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(90);
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral(
        "QLabel { background: #f0e442; color: black; padding: 4px; border-radius: 3px; }"));
    m_status->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plot->setMinimumHeight(140);
    m_minGrain->setObjectName(QStringLiteral("grainsMinGrain"));
    m_merge->setObjectName(QStringLiteral("grainsMergeThreshold"));

    auto* form = new QFormLayout;
    form->addRow(tr("Region"), m_region);
    form->addRow(tr("Min grain"), m_minGrain);
    form->addRow(tr("Merge threshold"), m_merge);
    auto* staleRow = new QHBoxLayout;
    staleRow->addWidget(m_stale, 1);
    staleRow->addWidget(m_rerun);
    auto* mergeButton = new QPushButton(tr("Merge selected"), this);
    auto* deleteButton = new QPushButton(tr("Delete selected"), this);
    auto* fixRow = new QHBoxLayout;
    fixRow->addWidget(m_tool, 1);
    fixRow->addWidget(mergeButton);
    fixRow->addWidget(deleteButton);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addWidget(m_run);
    topLayout->addLayout(staleRow);
    topLayout->addWidget(m_status);
    topLayout->addLayout(fixRow);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_view);
    splitter->addWidget(m_table);
    splitter->addWidget(m_plot);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_summary);

    // The options live in the Document: a widget edit is one ChangeGrainSettings step.
    for (QDoubleSpinBox* box : {m_minGrain, m_merge})
        connect(box, &QDoubleSpinBox::valueChanged, this, &GrainsPanel::pushSettings);
    connect(document, &Document::grainSettingsChanged, this, [this] {
        showSettings();
        refresh();
    });
    connect(m_run, &QPushButton::clicked, this, &GrainsPanel::run);
    connect(m_rerun, &QPushButton::clicked, this, &GrainsPanel::run);
    connect(deleteButton, &QPushButton::clicked, this, &GrainsPanel::deleteSelected);
    connect(mergeButton, &QPushButton::clicked, this, &GrainsPanel::mergeSelected);
    connect(m_tool, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setTool(static_cast<GrainOverlayView::Tool>(m_tool->currentData().toInt()));
    });
    connect(m_view, &GrainOverlayView::editRequested, this,
            [this](const GrainEdit& e) { edit(e); });
    connect(m_view, &GrainOverlayView::selectionShown, this, &GrainsPanel::selectionShown);
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
        const std::size_t before = stored->grains.size();
        const std::size_t after = edited.grains.size();
        switch (edit.kind) {
        case GrainEdit::Kind::Merge:
            pushEdited(std::move(edited), tr("Merge grains"));
            break;
        case GrainEdit::Kind::Delete:
            pushEdited(std::move(edited), tr("Delete grain"));
            break;
        case GrainEdit::Kind::Split:
            pushEdited(std::move(edited), tr("Split grain"));
            break;
        case GrainEdit::Kind::Boundary:
            pushEdited(std::move(edited), tr("Draw grain boundary"));
            break;
        }
        m_status->setText(tr("%1 grains (was %2)").arg(after).arg(before));
        return true;
    } catch (const Error& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        return false;
    }
}

bool GrainsPanel::mergeSelected()
{
    const auto& stored = m_document->grains();
    const std::vector<int> ids = m_view->selected();
    if (!stored || ids.size() < 2) {
        m_status->setText(tr("Select two or more grains to merge (shift-click adds)"));
        return false;
    }
    try {
        ProjectGrains edited = *stored;
        for (std::size_t i = 1; i < ids.size(); ++i)
            edited = editedGrains(edited, {GrainEdit::Kind::Merge, ids.front(), ids[i]});
        pushEdited(std::move(edited), tr("Merge %1 grains").arg(ids.size()));
        m_view->setSelected({ids.front()});
        m_link->selectRows(m_view->selected());
        return true;
    } catch (const Error& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        return false;
    }
}

bool GrainsPanel::deleteSelected()
{
    const auto& stored = m_document->grains();
    const std::vector<int> ids = m_view->selected();
    if (!stored || ids.empty()) {
        m_status->setText(tr("Select the grains to delete"));
        return false;
    }
    try {
        ProjectGrains edited = *stored;
        for (const int id : ids)
            edited = editedGrains(edited, {GrainEdit::Kind::Delete, id, 0});
        pushEdited(std::move(edited),
                   ids.size() == 1 ? tr("Delete grain") : tr("Delete %1 grains").arg(ids.size()));
        return true;
    } catch (const Error& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        return false;
    }
}

bool GrainsPanel::pickOnFrame(int shownFrame, QPointF frame0Px, bool add)
{
    const auto& stored = m_document->grains();
    if (!stored || stored->frame != shownFrame || !m_view->hasContent())
        return false;
    const QPointF p = frame0Px + driftOf(*m_document, stored->frame);
    m_view->pickAt(p.x(), p.y(), add); // the view's pick: the table follows
    return true;
}

std::vector<OutlineOverlay> GrainsPanel::selectedOutlines() const
{
    std::vector<OutlineOverlay> outlines;
    const auto& stored = m_document->grains();
    if (!stored || !m_view->hasContent())
        return outlines;
    const cv::Point offset = m_view->contentOffset();
    const QPointF drift = driftOf(*m_document, stored->frame);
    for (const int id : m_view->selected()) {
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(m_view->labels() == id, contours, cv::RETR_EXTERNAL,
                         cv::CHAIN_APPROX_SIMPLE);
        for (const auto& contour : contours) {
            OutlineOverlay outline;
            for (const cv::Point& q : contour)
                outline.polygonPx << QPointF(q.x + offset.x, q.y + offset.y) - drift;
            outline.colour = Qt::white;
            outline.particle = -1;
            outline.keyframe = true; // drawn thicker than the grain outlines
            outlines.push_back(std::move(outline));
        }
    }
    return outlines;
}

void GrainsPanel::pushEdited(ProjectGrains edited, const QString& text)
{
    m_document->undoStack()->push(new SetGrains(m_document, std::move(edited), text));
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
    refreshGrains();
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

void GrainsPanel::refreshGrains()
{
    const auto& stored = m_document->grains();
    const auto movie = m_document->movie();
    if (!stored || !movie || stored->frame < 0 || stored->frame >= movie->frameCount()) {
        m_view->clear();
        m_link->refill([this] { m_table->setRowCount(0); });
        return;
    }
    const cv::Rect rect(stored->roiPx[0], stored->roiPx[1], stored->labelCols, stored->labelRows);
    const cv::Mat full = movie->frame(stored->frame).mat();
    if ((rect & cv::Rect(0, 0, full.cols, full.rows)) != rect || full.channels() != 1) {
        m_view->clear(); // a result of another movie's size: listed, not drawn
    } else {
        const cv::Mat labels(stored->labelRows, stored->labelCols, CV_32S,
                             const_cast<std::int32_t*>(stored->labels.data()));
        m_view->setContent(full(rect), labels, rect.tl());
    }
    const auto nm = stored->nmPerPixel;
    m_link->refill([&] {
        m_table->setRowCount(0);
        m_table->setRowCount(static_cast<int>(stored->grains.size()));
        for (int i = 0; i < m_table->rowCount(); ++i) {
            const Grain& g = stored->grains[static_cast<std::size_t>(i)];
            auto* id = new QTableWidgetItem(QString::number(g.id));
            id->setData(Qt::UserRole, g.id);
            m_table->setItem(i, 0, id);
            m_table->setItem(i, 1, new QTableWidgetItem(lengthText(g.ecdPx, nm)));
            m_table->setItem(
                i, 2,
                new QTableWidgetItem(g.areaNm2 ? QStringLiteral("%1 nm²").arg(*g.areaNm2, 0, 'g', 4)
                                               : QStringLiteral("%1 px²").arg(g.areaPx)));
            m_table->setItem(i, 3, new QTableWidgetItem(QString::number(g.aspectRatio, 'f', 2)));
            m_table->setItem(i, 4, new QTableWidgetItem(g.border ? tr("yes") : QString()));
        }
    });
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
