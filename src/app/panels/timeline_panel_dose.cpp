// TimelinePanel's clock and dose fields: typed frame-0 clock, exposure, vacuum region from the
// selected rectangle ROI, and the warning where the dose is unknown.

#include "panels/timeline_panel.h"

#include "document/document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <cmath>

namespace insitu::app {

namespace {

constexpr double kUtcOffsetUnsetH = -14.25; ///< the UTC offset box's "not set" value (its minimum)

} // namespace

void TimelinePanel::addClockAndDoseRows(QFormLayout* form)
{
    auto* doseMore = new QHBoxLayout;
    m_exposure = new QDoubleSpinBox(this);
    m_exposure->setRange(0, 1e6);
    m_exposure->setDecimals(4);
    m_exposure->setSuffix(QStringLiteral(" s"));
    m_exposure->setSpecialValueText(tr("from the file"));
    m_exposure->setToolTip(tr("Exposure per frame; 0: the file's, else the frame interval"));
    doseMore->addWidget(new QLabel(tr("Exposure"), this));
    doseMore->addWidget(m_exposure);
    m_vacuumFromRoi = new QCheckBox(tr("Vacuum = selected rectangle ROI"), this);
    m_vacuumFromRoi->setToolTip(
        tr("Camera counts are read in the selected rectangle ROI (else the whole frame)"));
    doseMore->addWidget(m_vacuumFromRoi, 1);
    form->addRow(QString(), doseMore);
    m_doseWarning = new QLabel(this);
    m_doseWarning->setWordWrap(true);
    m_doseWarning->setStyleSheet(QStringLiteral("color: #b35900"));
    form->addRow(QString(), m_doseWarning);

    auto* clockRow = new QHBoxLayout;
    m_movieStart = new QLineEdit(this);
    m_movieStart->setPlaceholderText(tr("frame 0 from the file (or YYYY-MM-DDTHH:MM:SS)"));
    m_movieStart->setToolTip(tr("Local time of frame 0, when the file has none or it is wrong"));
    clockRow->addWidget(m_movieStart, 1);
    m_utcOffset = new QDoubleSpinBox(this);
    m_utcOffset->setRange(kUtcOffsetUnsetH, 14);
    m_utcOffset->setDecimals(2);
    m_utcOffset->setSingleStep(1);
    m_utcOffset->setPrefix(tr("logs at UTC "));
    m_utcOffset->setSuffix(QStringLiteral(" h"));
    m_utcOffset->setSpecialValueText(tr("logs: UTC offset not set"));
    m_utcOffset->setValue(kUtcOffsetUnsetH);
    m_utcOffset->setToolTip(tr("The logs' clocks are UTC + this (with daylight saving); needed "
                               "when the movie's clock is a UTC stamp (Velox, SER, file times)"));
    clockRow->addWidget(m_utcOffset);
    auto* apply = new QPushButton(tr("Set start"), this);
    clockRow->addWidget(apply);
    form->addRow(tr("Movie start"), clockRow);
    connect(apply, &QPushButton::clicked, this, [this] { applyMovieStartField(); });
}

void TimelinePanel::refreshClockAndDose(const ProjectTimeline& s)
{
    const QSignalBlocker blocker(m_doseMode);
    const auto& d = s.dose;
    const int mode = d.typedRateEPerA2S ? 1 : d.countsPerElectron ? 2 : d.beamCurrentA ? 3 : 0;
    m_doseMode->setCurrentIndex(mode);
    m_doseValue->setValue(mode == 1   ? *d.typedRateEPerA2S
                          : mode == 2 ? *d.countsPerElectron
                          : mode == 3 ? *d.beamCurrentA * 1e9
                                      : 0.0);
    m_beamArea->setValue(d.beamAreaUm2.value_or(0.0));
    m_exposure->setValue(d.exposureS.value_or(0.0));
    m_vacuumFromRoi->setChecked(d.vacuumRectPx.has_value());
    m_movieStart->setText(s.movieStart ? QString::fromStdString(s.movieStart->iso()) : QString());
    {
        const QSignalBlocker utcBlocker(m_utcOffset);
        m_utcOffset->setValue(s.logUtcOffsetH.value_or(kUtcOffsetUnsetH));
    }
    m_doseWarning->setText(doseWarningText());
}

std::optional<std::array<int, 4>> TimelinePanel::selectedRectPx() const
{
    const int index = m_document->roiIndex(m_selectedRoiId);
    if (index < 0)
        return std::nullopt;
    const Roi& roi = m_document->roi(index);
    if (roi.shape != RoiShape::Rectangle || roi.points.size() != 2)
        return std::nullopt;
    const PointPx& a = roi.points[0];
    const PointPx& b = roi.points[1];
    const int x = static_cast<int>(std::ceil(std::min(a.x, b.x)));
    const int y = static_cast<int>(std::ceil(std::min(a.y, b.y)));
    const int w = static_cast<int>(std::floor(std::max(a.x, b.x))) + 1 - x;
    const int h = static_cast<int>(std::floor(std::max(a.y, b.y))) + 1 - y;
    if (w <= 0 || h <= 0)
        return std::nullopt;
    return std::array<int, 4>{x, y, w, h};
}

void TimelinePanel::setSelectedRoiId(int roiId)
{
    m_selectedRoiId = roiId;
}

ProjectDoseSettings TimelinePanel::doseFromFields() const
{
    ProjectDoseSettings dose;
    const double v = m_doseValue->value();
    switch (m_doseMode->currentIndex()) {
    case 1:
        dose.typedRateEPerA2S = v;
        break;
    case 2:
        dose.countsPerElectron = v;
        if (m_vacuumFromRoi->isChecked()) // the rectangle selected now, else the one in use
            dose.vacuumRectPx = selectedRectPx() ? selectedRectPx() : settings().dose.vacuumRectPx;
        break;
    case 3:
        dose.beamCurrentA = v * 1e-9;
        dose.beamAreaUm2 = m_beamArea->value();
        break;
    default:
        break;
    }
    if (m_exposure->value() > 0)
        dose.exposureS = m_exposure->value();
    return dose;
}

bool TimelinePanel::applyMovieStartField()
{
    std::optional<LocalDateTime> start;
    const QString startText = m_movieStart->text().trimmed();
    if (!startText.isEmpty()) {
        start = parseIsoLocalDateTime(startText.toStdString());
        if (!start) {
            m_doseWarning->setText(
                tr("Movie start \"%1\": expected local time YYYY-MM-DDTHH:MM:SS[.fff] (no zone)")
                    .arg(startText));
            return false;
        }
    }
    std::optional<double> utcOffsetH;
    if (m_utcOffset->value() > kUtcOffsetUnsetH)
        utcOffsetH = m_utcOffset->value();
    if (utcOffsetH == settings().logUtcOffsetH)
        return setMovieStart(start);
    if (start == settings().movieStart)
        return setLogUtcOffset(utcOffsetH);
    ProjectTimeline s = settings(); // both changed: one undo step
    if (s.logs.empty())
        return setMovieStart(start); // says "load a log first"
    s.movieStart = start;
    s.logUtcOffsetH = utcOffsetH;
    return this->start(s, tr("Set movie clock"));
}

QString TimelinePanel::doseWarningText() const
{
    if (!m_run || !m_run->inputs.dose || m_run->inputs.dose->source != "unknown")
        return {};
    QStringList why;
    for (const auto& w : m_run->inputs.dose->warnings)
        why << QString::fromStdString(w);
    return why.isEmpty() ? tr("Dose unknown: set it above") : why.join(QStringLiteral("\n"));
}

} // namespace insitu::app
