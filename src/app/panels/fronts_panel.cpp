#include "panels/fronts_panel.h"

#include "document/commands/result_commands.h"
#include "document/document.h"
#include "document/undo_step.h"
#include "jobs/job_runner.h"
#include "views/kymograph_view.h"

#include "insitu/front/front_tracker.h"
#include "insitu/front/kymograph.h"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

namespace insitu::app {

namespace {
ImageF32 toImage(const cv::Mat& values)
{
    ImageF32 image;
    image.rows = values.rows;
    image.cols = values.cols;
    image.values.resize(static_cast<std::size_t>(values.rows) * values.cols);
    for (int r = 0; r < values.rows; ++r)
        std::copy_n(values.ptr<float>(r), values.cols,
                    image.values.begin() + static_cast<long>(r) * values.cols);
    return image;
}

Kymograph fromImage(const ImageF32& image, const Calibration& calibration)
{
    Kymograph kymograph;
    kymograph.values = cv::Mat(image.rows, image.cols, CV_32F,
                               const_cast<float*>(image.values.data())).clone();
    kymograph.nmPerPixel = calibration.nmPerPixel;
    kymograph.frameIntervalS = calibration.frameIntervalS;
    return kymograph;
}

std::string optionsJson(const FrontOptions& options, bool driftCorrected)
{
    const char* direction = options.direction == FrontDirection::Forward    ? "forward"
                            : options.direction == FrontDirection::Backward ? "backward"
                                                                            : "auto";
    return nlohmann::json{{"fronts", options.frontCount},
                          {"direction", direction},
                          {"max_step_px_per_frame", options.maxStepPxPerFrame},
                          {"monotonic", options.monotonic},
                          {"drift_corrected", driftCorrected}}
        .dump();
}

std::vector<std::vector<FrontPin>> pinsOf(const FrontResult& result)
{
    std::vector<std::vector<FrontPin>> pins;
    for (const FrontTrack& track : result.fronts)
        pins.push_back(track.pins);
    return pins;
}
} // namespace

FrontsPanel::FrontsPanel(Document* document, JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_document(document), m_jobs(jobs), m_roiLabel(new QLabel(this)),
      m_count(new QSpinBox(this)), m_direction(new QComboBox(this)),
      m_track(new QPushButton(tr("Track fronts"), this)),
      m_clearPins(new QPushButton(tr("Clear pins"), this)), m_view(new KymographView(this))
{
    m_count->setRange(1, 4);
    m_count->setValue(2);
    m_direction->addItem(tr("Automatic"), static_cast<int>(FrontDirection::Auto));
    m_direction->addItem(tr("Away from the start"), static_cast<int>(FrontDirection::Forward));
    m_direction->addItem(tr("Towards the start"), static_cast<int>(FrontDirection::Backward));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_roiLabel);
    auto* form = new QFormLayout;
    form->addRow(tr("Fronts"), m_count);
    form->addRow(tr("Direction"), m_direction);
    layout->addLayout(form);
    layout->addWidget(m_track);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_clearPins);
    auto* hint = new QLabel(tr("Click: jump to that frame. Drag a front point: pin it there."), this);
    hint->setWordWrap(true);
    layout->addWidget(hint);

    connect(m_track, &QPushButton::clicked, this, &FrontsPanel::track);
    connect(m_clearPins, &QPushButton::clicked, this, [this] {
        const ProjectFronts* fronts = m_document->fronts(m_roiId);
        if (!fronts)
            return;
        ProjectFronts cleared = *fronts;
        for (FrontTrack& t : cleared.result.fronts)
            t.pins.clear();
        m_document->undoStack()->push(new SetFronts(m_document, m_roiId, cleared, tr("Clear pins")));
        track();
    });
    connect(m_view, &KymographView::frameClicked, this, &FrontsPanel::frameRequested);
    connect(m_view, &KymographView::pinRequested, this, &FrontsPanel::pin);
    connect(document, &Document::frontsChanged, this, [this](int roiId) {
        if (roiId == m_roiId)
            refresh();
    });
    connect(document, &Document::roiChanged, this, [this] { refresh(); });
    connect(document, &Document::roiRemoved, this, [this] {
        if (m_document->roiIndex(m_roiId) < 0)
            setRoiId(0);
    });
    connect(document, &Document::movieChanged, this, [this] { setRoiId(0); });
    connect(jobs, &JobRunner::started, this, [this] { m_track->setEnabled(false); });
    connect(jobs, &JobRunner::finished, this, [this] { refresh(); });
    refresh();
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

void FrontsPanel::refresh()
{
    const int index = m_document->roiIndex(m_roiId);
    const bool isPath = index >= 0 && (m_document->roi(index).shape == RoiShape::Line
                                       || m_document->roi(index).shape == RoiShape::Polyline);
    m_roiLabel->setText(isPath ? tr("Path: %1").arg(QString::fromStdString(m_document->roi(index).name))
                               : tr("Select a line or polyline ROI."));
    m_track->setEnabled(isPath && !m_jobs->isBusy());
    const ProjectFronts* fronts = isPath ? m_document->fronts(m_roiId) : nullptr;
    m_clearPins->setEnabled(fronts != nullptr && !m_jobs->isBusy());
    if (fronts)
        m_view->setData(fronts->kymograph, fronts->result);
    else
        m_view->setData(std::nullopt, FrontResult{});
}

bool FrontsPanel::track()
{
    const int index = m_document->roiIndex(m_roiId);
    if (index < 0 || !m_document->hasMovie())
        return false;
    std::shared_ptr<const Movie> movie = m_document->movie();
    const Roi roi = m_document->roi(index);
    std::optional<DriftResult> drift;
    if (m_document->drift())
        drift = m_document->drift()->result;
    FrontOptions options;
    options.frontCount = m_count->value();
    options.direction = static_cast<FrontDirection>(m_direction->currentData().toInt());
    std::vector<std::vector<FrontPin>> pins;
    if (const ProjectFronts* previous = m_document->fronts(m_roiId))
        pins = pinsOf(previous->result);
    Document* document = m_document;
    const int roiId = m_roiId;
    return m_jobs->run<ProjectFronts>(
        tr("Tracking fronts"),
        [movie, roi, drift, options, pins](Progress& progress) {
            const Kymograph kymograph =
                buildKymograph(*movie, roi, drift ? &*drift : nullptr, progress);
            ProjectFronts fronts;
            fronts.result = trackFronts(kymograph, options, pins, progress);
            fronts.result.roiId = roi.id;
            fronts.kymograph = toImage(kymograph.values);
            std::vector<std::string> inputs{"movie:1", "roi:" + std::to_string(roi.id)};
            if (drift)
                inputs.emplace_back("drift:movie:1");
            fronts.provenance = makeProvenance(optionsJson(options, drift.has_value()), inputs);
            return fronts;
        },
        [this, document, roiId](ProjectFronts fronts) {
            // The result and the refit that follows it (tracked) are one undo step.
            const UndoStep step(document->undoStack(), tr("Track fronts"));
            document->undoStack()->push(new SetFronts(document, roiId, std::move(fronts),
                                                      tr("Track fronts")));
            emit tracked(roiId);
        });
}

bool FrontsPanel::pin(int frontIndex, int frame, double positionPx)
{
    const ProjectFronts* current = m_document->fronts(m_roiId);
    if (!current || !current->kymograph)
        return false;
    ProjectFronts base = *current;
    std::vector<std::vector<FrontPin>> pins = pinsOf(base.result);
    if (frontIndex >= static_cast<int>(pins.size()))
        pins.resize(static_cast<std::size_t>(frontIndex) + 1);
    auto& frontPins = pins[static_cast<std::size_t>(frontIndex)];
    std::erase_if(frontPins, [frame](const FrontPin& p) { return p.frame == frame; });
    frontPins.push_back({frame, positionPx});
    const Kymograph kymograph = fromImage(*base.kymograph, m_document->calibration());
    const FrontOptions options = base.result.options;
    Document* document = m_document;
    const int roiId = m_roiId;
    return m_jobs->run<ProjectFronts>(
        tr("Re-tracking with the pin"),
        [base, kymograph, options, pins](Progress& progress) {
            ProjectFronts fronts = base;
            fronts.result = trackFronts(kymograph, options, pins, progress);
            fronts.result.roiId = base.result.roiId;
            return fronts;
        },
        [this, document, roiId](ProjectFronts fronts) {
            // The result and the refit that follows it (tracked) are one undo step.
            const UndoStep step(document->undoStack(), tr("Pin front"));
            document->undoStack()->push(new SetFronts(document, roiId, std::move(fronts),
                                                      tr("Pin front")));
            emit tracked(roiId);
        });
}

} // namespace insitu::app
