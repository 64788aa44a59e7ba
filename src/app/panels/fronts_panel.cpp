#include "panels/fronts_panel.h"

#include "document/band_width.h"
#include "document/commands/result_commands.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"
#include "jobs/wire_band_job.h"
#include "views/kymograph_view.h"

#include "insitu/export/provenance.h"
#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"
#include "insitu/front/search_band.h"
#include "insitu/project/front_project.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

namespace insitu::app {

namespace {
Kymograph fromImage(const ImageF32& image, double stepPx, const Calibration& calibration)
{
    Kymograph kymograph;
    kymograph.values =
        cv::Mat(image.rows, image.cols, CV_32F, const_cast<float*>(image.values.data())).clone();
    kymograph.stepPx = stepPx;
    kymograph.nmPerPixel = calibration.nmPerPixel;
    kymograph.frameIntervalS = calibration.frameIntervalS;
    return kymograph;
}

std::vector<std::vector<FrontPin>> pinsOf(const FrontResult& result)
{
    std::vector<std::vector<FrontPin>> pins;
    for (const FrontTrack& track : result.fronts)
        pins.push_back(track.pins);
    return pins;
}

bool isPath(const Roi& roi)
{
    return roi.shape == RoiShape::Line || roi.shape == RoiShape::Polyline;
}
} // namespace

FrontsPanel::FrontsPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_roiLabel(new QLabel(this)),
      m_count(new QSpinBox(this)), m_direction(new QComboBox(this)),
      m_track(new QPushButton(tr("Track fronts"), this)),
      m_wireBand(new QPushButton(tr("Band from the wire"), this)), m_wireNote(new QLabel(this)),
      m_stale(new QLabel(this)), m_rerun(new QPushButton(tr("Re-track"), this)),
      m_clearPins(new QPushButton(tr("Clear pins"), this)), m_view(new KymographView(this))
{
    m_count->setRange(1, 8);
    m_direction->addItem(tr("Automatic"), static_cast<int>(FrontDirection::Auto));
    m_direction->addItem(tr("Away from the start"), static_cast<int>(FrontDirection::Forward));
    m_direction->addItem(tr("Towards the start"), static_cast<int>(FrontDirection::Backward));
    m_stale->setWordWrap(true);
    m_stale->setStyleSheet(QStringLiteral(
        "QLabel { background: #f0e442; color: black; padding: 4px; border-radius: 3px; }"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_roiLabel);
    auto* form = new QFormLayout;
    form->addRow(tr("Fronts"), m_count);
    form->addRow(tr("Direction"), m_direction);
    layout->addLayout(form);
    auto* trackRow = new QHBoxLayout;
    trackRow->addWidget(m_track, 1);
    trackRow->addWidget(m_wireBand);
    layout->addLayout(trackRow);
    m_wireBand->setToolTip(tr("Set the ROI's band width to the core's default from the wire under "
                              "it (what `insitu front` uses without --width)"));
    m_wireNote->setWordWrap(true);
    m_wireNote->setVisible(false);
    layout->addWidget(m_wireNote);
    auto* staleRow = new QHBoxLayout;
    staleRow->addWidget(m_stale, 1);
    staleRow->addWidget(m_rerun);
    layout->addLayout(staleRow);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_clearPins);
    auto* hint =
        new QLabel(tr("Click: jump to that frame. Drag a front point: pin it there."), this);
    hint->setWordWrap(true);
    layout->addWidget(hint);

    // The settings live in the Document (undoable, saved with the project).
    connect(m_count, &QSpinBox::valueChanged, this, &FrontsPanel::pushSettings);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &FrontsPanel::pushSettings);
    connect(document, &Document::frontSettingsChanged, this, &FrontsPanel::showSettings);
    connect(m_track, &QPushButton::clicked, this, &FrontsPanel::track);
    connect(m_wireBand, &QPushButton::clicked, this, &FrontsPanel::bandFromWire);
    connect(m_rerun, &QPushButton::clicked, this, &FrontsPanel::track);
    connect(m_clearPins, &QPushButton::clicked, this, &FrontsPanel::clearPins);
    connect(m_view, &KymographView::frameClicked, this, &FrontsPanel::frameRequested);
    connect(m_view, &KymographView::pinRequested, this, &FrontsPanel::pin);
    connect(document, &Document::frontsChanged, this, [this](int roiId) {
        if (roiId == m_roiId)
            refresh();
    });
    // Inputs of the fronts: a change flags them stale.
    connect(document, &Document::roiChanged, this, [this] { refresh(); });
    connect(document, &Document::driftChanged, this, [this] { refresh(); });
    connect(document, &Document::calibrationChanged, this, [this] { refresh(); });
    connect(document, &Document::roiRemoved, this, [this] {
        if (m_document->roiIndex(m_roiId) < 0)
            setRoiId(0);
    });
    // A project opens with its results on screen.
    connect(document, &Document::movieChanged, this, [this] {
        showSettings();
        setRoiId(m_document->firstRoiWithFronts());
    });
    connect(jobs, &JobRunner::started, this, [this] { refresh(); });
    connect(jobs, &JobRunner::finished, this, [this] { refresh(); });
    showSettings();
    refresh();
}

void FrontsPanel::showSettings()
{
    const FrontOptions tracking = m_document->frontSettings().tracking;
    m_updating = true;
    m_count->setValue(std::clamp(tracking.frontCount, m_count->minimum(), m_count->maximum()));
    m_direction->setCurrentIndex(
        std::max(0, m_direction->findData(static_cast<int>(tracking.direction))));
    m_updating = false;
}

void FrontsPanel::pushSettings()
{
    if (m_updating || !m_document->projectMovie())
        return;
    FrontOptions tracking = m_document->frontSettings().tracking;
    tracking.frontCount = m_count->value();
    tracking.direction = static_cast<FrontDirection>(m_direction->currentData().toInt());
    if (tracking != m_document->frontSettings().tracking)
        m_document->undoStack()->push(new ChangeFrontTracking(m_document, tracking));
}

void FrontsPanel::setRoiId(int roiId)
{
    m_roiId = roiId;
    refresh();
}

void FrontsPanel::setCurrentFrame(int frame)
{
    m_view->setCurrentFrame(frame);
}

FrontOptions FrontsPanel::options() const
{
    // The Document's settings: the core defaults (as `insitu front` uses them) until edited.
    return m_document->frontSettings().tracking;
}

QString FrontsPanel::staleText() const
{
    return m_stale->isHidden() ? QString() : m_stale->text();
}

void FrontsPanel::refresh()
{
    const int index = m_document->roiIndex(m_roiId);
    const bool path = index >= 0 && isPath(m_document->roi(index));
    m_roiLabel->setText(
        path ? tr("Path: %1").arg(QString::fromStdString(m_document->roi(index).name))
             : tr("Select a line or polyline ROI."));
    const bool idle = !m_jobs->isBusy();
    m_track->setEnabled(path && idle && m_document->hasMovie());
    m_wireBand->setEnabled(path && idle && m_document->hasMovie());
    const ProjectFronts* fronts = path ? m_document->fronts(m_roiId) : nullptr;
    m_clearPins->setEnabled(fronts != nullptr && fronts->kymograph.has_value() && idle);
    const QStringList reasons = fronts ? m_document->frontsStaleReasons(m_roiId) : QStringList{};
    m_stale->setText(
        reasons.isEmpty()
            ? QString()
            : tr("Stale: tracked on older inputs — %1.").arg(reasons.join(QStringLiteral("; "))));
    m_stale->setVisible(!reasons.isEmpty());
    m_rerun->setVisible(!reasons.isEmpty());
    m_rerun->setEnabled(idle && m_document->hasMovie());
    if (fronts)
        m_view->setData(fronts->kymograph, fronts->result, m_document->calibration(),
                        fronts->kymographStepPx, !reasons.isEmpty());
    else
        m_view->setData(std::nullopt, FrontResult{}, m_document->calibration());
}

void FrontsPanel::setWireBandJob(WireBandJob* wireBandJob)
{
    m_wireBandJob = wireBandJob;
    if (wireBandJob)
        connect(wireBandJob, &WireBandJob::measured, this,
                [this](int roiId, const WireBand& band, bool) {
                    if (roiId == m_roiId)
                        showWireNote(band);
                });
}

std::optional<WireBand> FrontsPanel::bandFromWire()
{
    const int index = m_document->roiIndex(m_roiId);
    if (index < 0 || !isPath(m_document->roi(index)) || !m_document->hasMovie())
        return std::nullopt;
    if (m_wireBandJob) {
        m_wireNote->setText(tr("Measuring the wire under the path…"));
        m_wireNote->setVisible(true);
        m_wireBandJob->request(m_roiId, false); // its own undo step
        return std::nullopt;
    }
    Roi roi = m_document->roi(index);
    const WireBand wireBand = bandWidthFromWire(*m_document, roi);
    showWireNote(wireBand);
    if (roi.widthPx != wireBand.band.widthPx) {
        roi.widthPx = wireBand.band.widthPx;
        m_document->undoStack()->push(
            new ChangeRoi(m_document, index, roi, tr("Band width from the wire")));
    }
    return wireBand;
}

void FrontsPanel::showWireNote(const WireBand& wireBand)
{
    m_wireNote->setText(wireBand.wire.found
                            ? tr("Wire %1 ± %2 px wide → band %3 px.")
                                  .arg(wireBand.wire.widthPx, 0, 'f', 1)
                                  .arg(wireBand.wire.spreadPx, 0, 'f', 1)
                                  .arg(wireBand.band.widthPx, 0, 'g', 4)
                            : tr("No wire found under the path: the core's fallback band of %1 px.")
                                  .arg(wireBand.band.widthPx, 0, 'g', 4));
    m_wireNote->setVisible(true);
}

FrontFitRequest FrontsPanel::fitRequest() const
{
    const ProjectMovie* pm = m_document->projectMovie();
    return {m_document->frontSettings().fit, m_document->calibration(), pm ? pm->frameCount : 0};
}

bool FrontsPanel::track()
{
    if (m_jobs->isBusy())
        return false;
    // A path drawn a moment ago: track on the band from its wire, not on the provisional one.
    if (m_wireBandJob && m_wireBandJob->isMeasuring(m_roiId))
        m_wireBandJob->waitForFinished();
    const int index = m_document->roiIndex(m_roiId);
    if (index < 0 || !m_document->hasMovie())
        return false;
    std::shared_ptr<const Movie> movie = m_document->movie();
    const Roi roi = m_document->roi(index);
    std::optional<DriftResult> drift;
    if (m_document->drift())
        drift = m_document->drift()->result;
    const FrontOptions options = this->options();
    std::vector<std::vector<FrontPin>> pins;
    if (const ProjectFronts* previous = m_document->fronts(m_roiId))
        pins = pinsOf(previous->result);
    // The inputs as they are now: if the ROI moves while the job runs, the result is stale.
    FrontsInputs inputs = m_document->currentFrontsInputs(m_roiId);
    const FrontFitRequest fit = fitRequest();
    inputs.fitCalibration = fit.calibration;
    const int movieId = m_document->projectMovie()->id;
    Document* document = m_document;
    const int roiId = m_roiId;
    return m_jobs->run<ProjectFronts>(
        tr("Tracking fronts"),
        [movie, roi, drift, options, pins, fit, movieId](Progress& progress) {
            const Kymograph kymograph =
                buildKymograph(*movie, roi, drift ? &*drift : nullptr, progress);
            ProjectFronts fronts;
            // a band narrower than the wire's default: the path search runs on that band
            fronts.result = trackFrontsAlongWire(*movie, roi, drift ? &*drift : nullptr, kymograph,
                                                 options, pins, progress);
            fronts.result.roiId = roi.id;
            fronts.kymograph = kymographImage(kymograph);
            fronts.kymographStepPx = kymograph.stepPx;
            // The provenance keys of `insitu front --project` (one core builder).
            fronts.provenance = frontsProvenance(fronts.result, roi, drift.has_value(),
                                                 fit.settings.model, movieId);
            fit.apply(fronts.result);
            return fronts;
        },
        [this, document, roiId, inputs](ProjectFronts fronts) {
            // The tracked fronts with their fits: one command, one undo step.
            document->undoStack()->push(new SetFronts(document, roiId, std::move(fronts),
                                                      tr("Track fronts"), inputs,
                                                      SetFronts::Kind::Track));
            emit tracked(roiId);
        });
}

bool FrontsPanel::pin(int frontIndex, int frame, double positionPx)
{
    const ProjectFronts* current = m_document->fronts(m_roiId);
    if (!current)
        return false;
    std::vector<std::vector<FrontPin>> pins = pinsOf(current->result);
    if (frontIndex >= static_cast<int>(pins.size()))
        pins.resize(static_cast<std::size_t>(frontIndex) + 1);
    auto& frontPins = pins[static_cast<std::size_t>(frontIndex)];
    std::erase_if(frontPins, [frame](const FrontPin& p) { return p.frame == frame; });
    frontPins.push_back({frame, positionPx});
    return retrack(std::move(pins), tr("Pin front"));
}

bool FrontsPanel::clearPins()
{
    const ProjectFronts* current = m_document->fronts(m_roiId);
    if (!current)
        return false;
    return retrack({}, tr("Clear pins"));
}

bool FrontsPanel::retrack(std::vector<std::vector<FrontPin>> pins, const QString& text)
{
    const ProjectFronts* current = m_document->fronts(m_roiId);
    if (!current || !current->kymograph)
        return false;
    const ProjectFronts base = *current;
    const Kymograph kymograph =
        fromImage(*base.kymograph, base.kymographStepPx, m_document->calibration());
    const FrontOptions options = base.result.options;
    const FrontFitRequest fit = fitRequest();
    // Same kymograph, same tracking inputs: a stale result stays stale; the fits are new.
    const FrontsInputs* used = m_document->frontsInputs(m_roiId);
    FrontsInputs inputs = used ? *used : m_document->currentFrontsInputs(m_roiId);
    inputs.fitCalibration = fit.calibration;
    Document* document = m_document;
    const int roiId = m_roiId;
    return m_jobs->run<ProjectFronts>(
        tr("Re-tracking"),
        [base, kymograph, options, pins, fit](Progress& progress) {
            ProjectFronts fronts = base;
            fronts.result = trackFronts(kymograph, options, pins, progress);
            fronts.result.roiId = base.result.roiId;
            fit.apply(fronts.result);
            return fronts;
        },
        // The re-tracked fronts with their fits: one command, one undo step (a pin).
        [this, document, roiId, text, inputs](ProjectFronts fronts) {
            document->undoStack()->push(new SetFronts(document, roiId, std::move(fronts), text,
                                                      inputs, SetFronts::Kind::Track));
            emit tracked(roiId);
        });
}

} // namespace insitu::app
