#include "panels/calibration_panel.h"

#include "document/commands/value_commands.h"
#include "document/document.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

namespace insitu::app {

namespace {
QString valueOrUnknown(const std::optional<double>& value, const QString& unit)
{
    return value ? QStringLiteral("%1 %2").arg(*value, 0, 'g', 6).arg(unit)
                 : QObject::tr("unknown");
}
} // namespace

CalibrationPanel::CalibrationPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_fileValues(new QLabel(this)),
      m_nmPerPixel(new QDoubleSpinBox(this)), m_intervalS(new QDoubleSpinBox(this)),
      m_timeZero(new QSpinBox(this))
{
    m_fileValues->setWordWrap(true);
    m_nmPerPixel->setRange(0, 1e6);
    m_nmPerPixel->setDecimals(5);
    m_nmPerPixel->setSpecialValueText(tr("unknown"));
    m_nmPerPixel->setSuffix(tr(" nm/px"));
    m_intervalS->setRange(0, 1e5);
    m_intervalS->setDecimals(5);
    m_intervalS->setSpecialValueText(tr("unknown"));
    m_intervalS->setSuffix(tr(" s"));
    m_timeZero->setRange(0, 0);
    for (auto* box : {m_nmPerPixel, m_intervalS})
        box->setKeyboardTracking(false);
    m_timeZero->setKeyboardTracking(false);
    auto* scaleButton = new QPushButton(tr("Set scale from a drawn line…"), this);
    scaleButton->setToolTip(tr("Draw a line over the scale bar, then type its length"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_fileValues);
    auto* form = new QFormLayout;
    form->addRow(tr("Pixel size"), m_nmPerPixel);
    form->addRow(tr("Frame interval"), m_intervalS);
    form->addRow(tr("Time zero (frame)"), m_timeZero);
    layout->addLayout(form);
    layout->addWidget(scaleButton);
    layout->addStretch(1);

    connect(scaleButton, &QPushButton::clicked, this, &CalibrationPanel::scaleLineRequested);
    connect(m_nmPerPixel, &QDoubleSpinBox::valueChanged, this, &CalibrationPanel::pushOverride);
    connect(m_intervalS, &QDoubleSpinBox::valueChanged, this, &CalibrationPanel::pushOverride);
    connect(m_timeZero, &QSpinBox::valueChanged, this, &CalibrationPanel::pushOverride);
    connect(document, &Document::calibrationChanged, this, &CalibrationPanel::refresh);
    connect(document, &Document::movieChanged, this, &CalibrationPanel::refresh);
    refresh();
}

void CalibrationPanel::refresh()
{
    m_updating = true;
    const ProjectMovie* pm = m_document->projectMovie();
    setEnabled(pm != nullptr);
    if (pm) {
        const Calibration& file = pm->fileCalibration;
        m_fileValues->setText(
            tr("From the file: %1, %2%3")
                .arg(valueOrUnknown(file.nmPerPixel, tr("nm/px")),
                     valueOrUnknown(file.frameIntervalS, tr("s/frame")),
                     file.timestampsS.empty() ? QString() : tr(", per-frame time stamps")));
        const Calibration effective = pm->effectiveCalibration();
        m_nmPerPixel->setValue(effective.nmPerPixel.value_or(0));
        m_intervalS->setValue(effective.frameIntervalS.value_or(0));
        m_timeZero->setRange(0, std::max(pm->frameCount - 1, 0));
        m_timeZero->setValue(effective.timeZeroFrame);
    } else {
        m_fileValues->setText(tr("No movie open."));
    }
    m_updating = false;
}

void CalibrationPanel::pushOverride()
{
    if (m_updating || !m_document->projectMovie())
        return;
    const ProjectMovie& pm = *m_document->projectMovie();
    CalibrationOverride value = pm.calibrationOverride;
    auto differs = [](const std::optional<double>& file, double shown) {
        return shown > 0 && (!file || std::abs(*file - shown) > 1e-12 * std::abs(shown));
    };
    // Keep an override only where the shown value differs from the file's.
    value.nmPerPixel = differs(pm.fileCalibration.nmPerPixel, m_nmPerPixel->value())
                           ? std::optional<double>(m_nmPerPixel->value())
                           : std::nullopt;
    value.frameIntervalS = differs(pm.fileCalibration.frameIntervalS, m_intervalS->value())
                               ? std::optional<double>(m_intervalS->value())
                               : std::nullopt;
    value.timeZeroFrame = m_timeZero->value() != pm.fileCalibration.timeZeroFrame
                              ? std::optional<int>(m_timeZero->value())
                              : std::nullopt;
    if (value != pm.calibrationOverride)
        m_document->undoStack()->push(new ChangeCalibration(m_document, value));
}

void CalibrationPanel::setNmPerPixel(double nmPerPixel)
{
    m_nmPerPixel->setValue(nmPerPixel);
}

void CalibrationPanel::applyScaleLine(double lengthPx)
{
    bool ok = false;
    const double lengthNm = QInputDialog::getDouble(
        this, tr("Set scale"),
        tr("The line is %1 px long. Its length in nm:").arg(lengthPx, 0, 'f', 1), 50.0, 1e-6, 1e9,
        3, &ok);
    if (ok && lengthPx > 0)
        setNmPerPixel(lengthNm / lengthPx);
}

} // namespace insitu::app
