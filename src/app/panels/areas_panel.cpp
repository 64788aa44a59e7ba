#include "panels/areas_panel.h"

#include "document/areas_inputs.h"
#include "document/commands/analysis_settings_commands.h"
#include "document/commands/area_commands.h"
#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "document/undo_step.h"
#include "jobs/job_runner.h"

#include "area_plot.h"
#include "plot_export.h"

#include "insitu/area/area_tracker.h"
#include "insitu/error.h"
#include "insitu/export/area_csv.h"
#include "insitu/export/csv_export.h"
#include "insitu/export/options_json.h"
#include "insitu/front/front_fit.h"
#include "insitu/project/area_project_build.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace insitu::app {

namespace {
bool isArea(const Roi& roi)
{
    return roi.shape == RoiShape::Polygon || roi.shape == RoiShape::Ellipse;
}

QString intervalText(double value, double low, double high)
{
    return QStringLiteral("%1 [%2, %3]")
        .arg(value, 0, 'g', 3)
        .arg(low, 0, 'g', 3)
        .arg(high, 0, 'g', 3);
}

constexpr int kEditVertices = 24; ///< vertices of an outline turned into an ROI to edit
} // namespace

AreasPanel::AreasPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_seeds(new QListWidget(this)),
      m_seedFrame(new QSpinBox(this)), m_model(new QComboBox(this)),
      m_core(new QCheckBox(tr("Core/shell boundary too"), this)),
      m_track(new QPushButton(tr("Track outlines"), this)), m_stale(new QLabel(this)),
      m_rerun(new QPushButton(tr("Re-run"), this)), m_plot(new QCustomPlot(this)),
      m_table(new QTableWidget(this)),
      m_editOutline(new QPushButton(tr("Edit outline here"), this)),
      m_setKeyframe(new QPushButton(tr("Set keyframe here"), this)),
      m_exportCsv(new QPushButton(tr("Export CSV…"), this)),
      m_exportPlot(new QPushButton(tr("Export plot…"), this))
{
    for (const char* model : {"auto", "linear", "parabolic", "exponential", "avrami"})
        m_model->addItem(QString::fromLatin1(model));
    m_model->setObjectName(QStringLiteral("areaModel")); // for tests and accessibility
    m_core->setObjectName(QStringLiteral("areaCore"));
    m_seeds->setMaximumHeight(64);
    m_seeds->setToolTip(tr("Ticked polygon and ellipse ROIs are the particles, drawn around "
                           "each particle as it shows on the seed frame"));
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral(
        "QLabel { background: #f0e442; color: black; padding: 4px; border-radius: 3px; }"));
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels({tr("Particle"), tr("A₀"), tr("Final A/A₀"), tr("Fit"),
                                        tr("Initial rate (95 % CI)"), tr("Steps (frame)")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide(); // the Particle column numbers the rows
    m_plot->setMinimumHeight(180);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Particles (seed ROIs):"), this));
    layout->addWidget(m_seeds);
    auto* form = new QFormLayout;
    auto* seedRow = new QHBoxLayout;
    auto* here = new QPushButton(tr("This frame"), this);
    seedRow->addWidget(m_seedFrame, 1);
    seedRow->addWidget(here);
    form->addRow(tr("Seeds drawn on frame"), seedRow);
    form->addRow(tr("Model"), m_model);
    form->addRow(QString(), m_core);
    layout->addLayout(form);
    layout->addWidget(m_track);
    auto* staleRow = new QHBoxLayout;
    staleRow->addWidget(m_stale, 1);
    staleRow->addWidget(m_rerun);
    layout->addLayout(staleRow);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_plot);
    splitter->addWidget(m_table);
    layout->addWidget(splitter, 1);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_editOutline);
    keyRow->addWidget(m_setKeyframe);
    layout->addLayout(keyRow);
    auto* exportRow = new QHBoxLayout;
    exportRow->addWidget(m_exportCsv);
    exportRow->addWidget(m_exportPlot);
    layout->addLayout(exportRow);
    m_editOutline->setToolTip(tr("The selected particle's outline on this frame as a polygon "
                                 "ROI: move its vertices, then Set keyframe here"));
    m_setKeyframe->setToolTip(tr("The selected polygon ROI becomes the selected particle's "
                                 "outline on this frame; tracking re-runs from it"));

    connect(here, &QPushButton::clicked, this, [this] { setSeedFrame(m_currentFrame); });
    connect(m_seeds, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (!m_updating) {
            m_checked[item->data(Qt::UserRole).toInt()] = item->checkState() == Qt::Checked;
            refresh();
        }
    });
    connect(m_seedFrame, &QSpinBox::valueChanged, this, [this] { refresh(); });
    // The options live in the Document: a widget edit is one ChangeAreaSettings step.
    connect(m_model, &QComboBox::currentIndexChanged, this, &AreasPanel::pushSettings);
    connect(m_core, &QCheckBox::toggled, this, &AreasPanel::pushSettings);
    connect(document, &Document::areaSettingsChanged, this, [this] {
        showSettings();
        refresh();
    });
    connect(m_track, &QPushButton::clicked, this, &AreasPanel::track);
    connect(m_rerun, &QPushButton::clicked, this, &AreasPanel::track);
    connect(m_editOutline, &QPushButton::clicked, this, [this] {
        if (const int id = editOutlineAsRoi())
            emit roiSelectionRequested(id);
    });
    connect(m_setKeyframe, &QPushButton::clicked, this,
            [this] { setKeyframeFromRoi(m_selectedRoiId); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { chooseFile(true); });
    connect(m_exportPlot, &QPushButton::clicked, this, [this] { chooseFile(false); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const auto& areas = m_document->areas();
        if (!areas || row >= static_cast<int>(areas->result.particles.size()))
            return;
        const auto& events = areas->result.particles[static_cast<std::size_t>(row)].events;
        if (!events.empty())
            emit frameRequested(events.front().frame); // the first step of that particle
    });
    connect(document, &Document::roiInserted, this, &AreasPanel::rebuildSeeds);
    connect(document, &Document::roiRemoved, this, &AreasPanel::rebuildSeeds);
    connect(document, &Document::roiChanged, this, &AreasPanel::rebuildSeeds);
    connect(document, &Document::driftChanged, this, &AreasPanel::refresh);
    connect(document, &Document::calibrationChanged, this, &AreasPanel::refresh);
    connect(document, &Document::areasChanged, this, &AreasPanel::showResult);
    // A project opens with its result on screen, its seeds ticked.
    connect(document, &Document::movieChanged, this, [this] {
        m_checked.clear();
        const int frames = m_document->movie() ? m_document->movie()->frameCount() : 1;
        m_seedFrame->setRange(0, std::max(0, frames - 1));
        showResult();
    });
    connect(jobs, &JobRunner::started, this, &AreasPanel::refresh);
    connect(jobs, &JobRunner::finished, this, &AreasPanel::refresh);
    showSettings();
    rebuildSeeds();
}

void AreasPanel::showSettings()
{
    const AreaOptions options = m_document->areaSettings();
    const bool was = m_updating;
    m_updating = true;
    m_model->setCurrentText(QString::fromStdString(options.model));
    m_core->setChecked(options.core);
    m_updating = was;
}

void AreasPanel::pushSettings()
{
    if (m_updating || !m_document->projectMovie())
        return;
    AreaOptions options = m_document->areaSettings();
    options.model = m_model->currentText().toStdString();
    options.core = m_core->isChecked();
    if (options != m_document->areaSettings())
        m_document->undoStack()->push(new ChangeAreaSettings(m_document, options));
}

void AreasPanel::showResult()
{
    // The shown result's seed frame is the panel's (undo restores it too); the options are the
    // Document's (showSettings).
    if (const auto& areas = m_document->areas()) {
        m_updating = true;
        m_seedFrame->setValue(seedFrame(areas->result));
        m_updating = false;
    }
    rebuildSeeds();
}

std::vector<int> AreasPanel::seedRoiIds() const
{
    std::vector<int> ids;
    for (int i = 0; i < m_seeds->count(); ++i)
        if (m_seeds->item(i)->checkState() == Qt::Checked)
            ids.push_back(m_seeds->item(i)->data(Qt::UserRole).toInt());
    return ids;
}

void AreasPanel::setSeedChecked(int roiId, bool checked)
{
    m_checked[roiId] = checked;
    rebuildSeeds();
}

void AreasPanel::setSeedFrame(int frame)
{
    m_seedFrame->setValue(frame);
}

void AreasPanel::setCurrentFrame(int frame)
{
    m_currentFrame = frame;
}

AreaOptions AreasPanel::options() const
{
    // The Document's settings: the core defaults (as `insitu area` uses them) until edited.
    return m_document->areaSettings();
}

void AreasPanel::rebuildSeeds()
{
    // Default tick: the seeds of the shown result; with none, every polygon and ellipse ROI.
    const auto& areas = m_document->areas();
    const std::vector<int> used = areas ? app::seedRoiIds(*areas) : std::vector<int>{};
    m_updating = true;
    m_seeds->clear();
    for (int i = 0; i < m_document->roiCount(); ++i) {
        const Roi& roi = m_document->roi(i);
        if (!isArea(roi))
            continue;
        const auto it = m_checked.find(roi.id);
        const bool checked =
            it != m_checked.end()
                ? it->second
                : (!areas || std::find(used.begin(), used.end(), roi.id) != used.end());
        auto* item = new QListWidgetItem(QString::fromStdString(roi.name), m_seeds);
        item->setData(Qt::UserRole, roi.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;
    refresh();
}

QString AreasPanel::staleText() const
{
    return m_stale->isHidden() ? QString() : m_stale->text();
}

int AreasPanel::selectedParticle() const
{
    const int row = m_table->currentRow();
    return row >= 0 ? row : (m_table->rowCount() > 0 ? 0 : -1);
}

void AreasPanel::refresh()
{
    const auto& areas = m_document->areas();
    const bool idle = !m_jobs->isBusy();
    const bool canRun = idle && m_document->hasMovie() && !seedRoiIds().empty();
    m_track->setEnabled(canRun);
    QStringList reasons;
    if (areas && m_document->areasInputs() && m_document->projectMovie())
        reasons = areasStaleReasons(*m_document->areasInputs(),
                                    currentAreasInputs(*m_document->projectMovie(), seedRoiIds(),
                                                       m_seedFrame->value(), options()));
    m_stale->setText(
        reasons.isEmpty()
            ? QString()
            : tr("Stale: tracked on older inputs — %1.").arg(reasons.join(QStringLiteral("; "))));
    m_stale->setVisible(!reasons.isEmpty());
    m_rerun->setVisible(!reasons.isEmpty());
    m_rerun->setEnabled(canRun);
    m_editOutline->setEnabled(areas.has_value() && idle);
    m_setKeyframe->setEnabled(areas.has_value() && idle);
    m_exportCsv->setEnabled(areas.has_value());
    m_exportPlot->setEnabled(areas.has_value());
    const int frames = m_document->movie() ? m_document->movie()->frameCount() : 1;
    plot::fillAreaPlot(*m_plot, areas ? areas->result : AreaResult{}, m_document->calibration(),
                       frames);
    m_plot->replot();
    fillTable();
}

void AreasPanel::fillTable()
{
    const int selected = m_table->currentRow();
    const auto& areas = m_document->areas();
    const std::vector<AreaTrack> none;
    const auto& tracks = areas ? areas->result.particles : none;
    const auto nm = m_document->calibration().nmPerPixel;
    const bool timed = m_document->calibration().timeOfFrameS(0).has_value();
    m_table->setRowCount(static_cast<int>(tracks.size()));
    for (std::size_t p = 0; p < tracks.size(); ++p) {
        const AreaTrack& t = tracks[p];
        const int row = static_cast<int>(p);
        auto set = [&](int column, const QString& text) {
            m_table->setItem(row, column, new QTableWidgetItem(text));
        };
        set(0, QString::number(t.index));
        set(1, nm ? tr("%1 nm²").arg(t.areaZeroPx * *nm * *nm, 0, 'g', 4)
                  : tr("%1 px²").arg(t.areaZeroPx, 0, 'g', 4));
        set(2, t.areaRatio.empty() ? QString() : QString::number(t.areaRatio.back(), 'f', 3));
        set(3, t.fit ? QString::fromStdString(t.fit->model) : tr("no fit"));
        const auto rate = initialRate(t);
        set(4, rate ? intervalText(rate->value, rate->ci95Low, rate->ci95High) +
                          (timed ? tr(" /s") : tr(" /frame"))
                    : tr("no onset found"));
        if (rate)
            m_table->item(row, 4)->setToolTip(
                tr("95 % interval: %1")
                    .arg(QString::fromStdString(fitIntervalMethod(*t.onsetFit))));
        QStringList steps;
        for (const AreaEvent& e : t.events)
            steps << (e.kind == "crack"
                          ? tr("%1 (%2%3)")
                                .arg(e.frame)
                                .arg(e.areaRatioStep >= 0 ? QStringLiteral("+") : QString())
                                .arg(e.areaRatioStep, 0, 'f', 3)
                          : tr("%1 (%2)").arg(e.frame).arg(QString::fromStdString(e.kind)));
        set(5, steps.join(QStringLiteral(", ")));
    }
    if (selected >= 0 && selected < m_table->rowCount())
        m_table->selectRow(selected);
}

PointPx AreasPanel::driftAt(int frame) const
{
    const auto& drift = m_document->drift();
    if (!drift || frame < 0 || frame >= drift->result.frameCount())
        return {0, 0};
    const auto k = static_cast<std::size_t>(frame);
    return {drift->result.dxPx[k], drift->result.dyPx[k]};
}

std::vector<AreaKeyframe> AreasPanel::seedKeyframes() const
{
    // A seed ROI sits on the raw seed frame where the window shows it: frame-0 px + drift.
    const int frame = m_seedFrame->value();
    const PointPx shift = driftAt(frame);
    std::vector<AreaKeyframe> keys;
    int particle = 0;
    for (const int id : seedRoiIds()) {
        std::vector<PointPx> outline = roiOutlinePx(m_document->roi(m_document->roiIndex(id)));
        for (PointPx& p : outline)
            p = {p.x + shift.x, p.y + shift.y};
        keys.push_back({particle++, frame, std::move(outline), true});
    }
    return keys;
}

bool AreasPanel::track()
{
    std::vector<AreaKeyframe> keys = seedKeyframes();
    if (keys.empty())
        return false;
    // Hand keyframes of the shown result stay while the particles are the same seeds.
    if (const auto& areas = m_document->areas(); areas && app::seedRoiIds(*areas) == seedRoiIds())
        for (const AreaKeyframe& key : areas->result.keyframes)
            if (!key.refine)
                keys.push_back(key);
    return run(std::move(keys), tr("Track outlines"), 0);
}

bool AreasPanel::setKeyframe(int particle, int frame, std::vector<PointPx> outlinePx,
                             int removeRoiId)
{
    const auto& areas = m_document->areas();
    if (!areas || particle < 0 || particle >= static_cast<int>(areas->result.particles.size()) ||
        outlinePx.size() < 3)
        return false;
    std::vector<AreaKeyframe> keys = areas->result.keyframes;
    std::erase_if(keys, [&](const AreaKeyframe& k) {
        return k.particle == particle && k.frame == frame && !k.refine;
    });
    keys.push_back({particle, frame, std::move(outlinePx), false});
    return run(std::move(keys), tr("Set keyframe"), removeRoiId);
}

int AreasPanel::editOutlineAsRoi()
{
    const auto& areas = m_document->areas();
    const int particle = selectedParticle();
    if (!areas || particle < 0 || particle >= static_cast<int>(areas->result.particles.size()))
        return 0;
    const AreaTrack& track = areas->result.particles[static_cast<std::size_t>(particle)];
    const auto it = std::find(track.frames.begin(), track.frames.end(), m_currentFrame);
    if (it == track.frames.end())
        return 0;
    const auto& outline = track.outlinesPx[static_cast<std::size_t>(it - track.frames.begin())];
    const PointPx shift = driftAt(m_currentFrame);
    Roi roi;
    roi.id = m_document->takeRoiId();
    roi.name = tr("outline %1 @ frame %2").arg(particle).arg(m_currentFrame).toStdString();
    roi.shape = RoiShape::Polygon;
    const std::size_t step = std::max<std::size_t>(1, outline.size() / kEditVertices);
    for (std::size_t i = 0; i < outline.size(); i += step)
        roi.points.push_back({outline[i].x - shift.x, outline[i].y - shift.y});
    m_checked[roi.id] = false; // an edit, not a new particle
    m_document->undoStack()->push(new AddRoi(m_document, roi));
    return roi.id;
}

bool AreasPanel::setKeyframeFromRoi(int roiId)
{
    const int index = m_document->roiIndex(roiId);
    if (index < 0 || !isArea(m_document->roi(index)))
        return false;
    std::vector<PointPx> outline = roiOutlinePx(m_document->roi(index));
    const PointPx shift = driftAt(m_currentFrame);
    for (PointPx& p : outline)
        p = {p.x + shift.x, p.y + shift.y};
    return setKeyframe(selectedParticle(), m_currentFrame, std::move(outline), roiId);
}

bool AreasPanel::run(std::vector<AreaKeyframe> keyframes, const QString& text, int removeRoiId)
{
    if (!m_document->hasMovie() || !m_document->projectMovie())
        return false;
    std::shared_ptr<const Movie> movie = m_document->movie();
    std::optional<DriftResult> drift;
    if (m_document->drift())
        drift = m_document->drift()->result;
    const AreaOptions options = this->options();
    const std::vector<int> seeds = seedRoiIds();
    const AreasInputs inputs =
        currentAreasInputs(*m_document->projectMovie(), seeds, m_seedFrame->value(), options);
    const Calibration calibration = m_document->calibration();
    const int movieId = m_document->projectMovie()->id;
    Document* document = m_document;
    return m_jobs->run<ProjectAreas>(
        tr("Following outlines"),
        [movie, drift, keyframes, options, calibration, movieId, seeds](Progress& progress) {
            ProjectAreas areas;
            areas.result =
                followOutlines(*movie, drift ? &*drift : nullptr, keyframes, options, progress);
            analyseAreas(areas.result, frameTimesS(calibration, movie->frameCount()));
            const std::string driftName =
                drift ? driftReferenceName(drift->options.reference) : std::string("none");
            areas.provenance = areasProvenance(areas.result, driftName, movieId, seeds);
            return areas;
        },
        [document, inputs, text, removeRoiId](ProjectAreas areas) {
            const UndoStep step(document->undoStack(), text);
            if (const int index = document->roiIndex(removeRoiId); removeRoiId && index >= 0)
                document->undoStack()->push(new RemoveRoi(document, index));
            document->undoStack()->push(new SetAreas(document, std::move(areas), inputs, text));
        });
}

void AreasPanel::exportCsv(const QString& path) const
{
    if (const auto& areas = m_document->areas())
        saveAreasCsv(path.toStdString(), areas->result, m_document->calibration());
}

void AreasPanel::exportPlot(const QString& path) const
{
    const auto& areas = m_document->areas();
    if (!areas || !m_document->movie())
        return;
    auto figure = plot::makeAreaPlot(areas->result, m_document->calibration(),
                                     m_document->movie()->frameCount());
    plot::savePlot(*figure, path);
}

void AreasPanel::chooseFile(bool csv)
{
    const QString path = QFileDialog::getSaveFileName(
        this, csv ? tr("Export areas CSV") : tr("Export the area plot"),
        csv ? QStringLiteral("areas.csv") : QStringLiteral("areas.png"),
        csv ? tr("CSV (*.csv)") : tr("Figures (*.png *.svg *.pdf)"));
    if (path.isEmpty())
        return;
    try {
        csv ? exportCsv(path) : exportPlot(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
    }
}

} // namespace insitu::app
