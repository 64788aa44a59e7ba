// MovieExportDialog: frame range, step, rate and MP4 preset of an annotated movie export.

#include "movie_export_dialog.h"

#include "insitu/render/mp4_writer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

#include <algorithm>

namespace insitu::app {

MovieExportDialog::MovieExportDialog(int frameCount, const QStringList& sidePanels, QWidget* parent)
    : QDialog(parent), m_first(new QSpinBox(this)), m_last(new QSpinBox(this)),
      m_step(new QSpinBox(this)), m_fps(new QDoubleSpinBox(this)), m_preset(new QComboBox(this)),
      m_sidePanel(new QComboBox(this))
{
    setWindowTitle(tr("Export movie"));
    const RenderOptions defaults;
    const int last = std::max(0, frameCount - 1);
    m_first->setRange(0, last);
    m_first->setValue(defaults.firstFrame);
    m_last->setRange(0, last);
    m_last->setValue(last);
    m_step->setRange(1, std::max(1, frameCount));
    m_step->setValue(defaults.stride);
    m_step->setToolTip(tr("Every n-th frame"));
    m_fps->setRange(0.01, 1000);
    m_fps->setDecimals(2);
    m_fps->setValue(defaults.fps);
    m_fps->setSuffix(tr(" frames/s"));
    for (const std::string& name : x264PresetNames())
        m_preset->addItem(QString::fromStdString(name));
    m_preset->setCurrentText(QString::fromStdString(defaults.x264Preset));
    m_preset->setToolTip(tr("MP4 only: faster presets make larger files of the same quality"));
    m_sidePanel->addItem(tr("none"), QString());
    for (const QString& name : sidePanels)
        m_sidePanel->addItem(name, name);
    m_sidePanel->setToolTip(tr("A plot beside the frame with a cursor at its time "
                               "(insitu render --plot)"));
    // first ≤ last
    connect(m_first, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_last->value() < v)
            m_last->setValue(v);
    });
    connect(m_last, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_first->value() > v)
            m_first->setValue(v);
    });

    auto* form = new QFormLayout(this);
    form->addRow(tr("First frame"), m_first);
    form->addRow(tr("Last frame"), m_last);
    form->addRow(tr("Step"), m_step);
    form->addRow(tr("Frame rate"), m_fps);
    form->addRow(tr("MP4 encoder preset"), m_preset);
    form->addRow(tr("Side panel"), m_sidePanel);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void MovieExportDialog::apply(RenderOptions& options) const
{
    options.firstFrame = m_first->value();
    options.lastFrame = m_last->value();
    options.stride = m_step->value();
    options.fps = m_fps->value();
    options.x264Preset = m_preset->currentText().toStdString();
}

QString MovieExportDialog::sidePanel() const
{
    return m_sidePanel->currentData().toString();
}

} // namespace insitu::app
