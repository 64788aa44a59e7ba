#include "panels/contrast_panel.h"

#include "views/frame_view.h"
#include "views/histogram_widget.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QVBoxLayout>

#include <limits>

namespace insitu::app {

ContrastPanel::ContrastPanel(FrameView* view, QWidget* parent)
    : QWidget(parent), m_view(view), m_histogram(new HistogramWidget(this)),
      m_auto(new QCheckBox(tr("Automatic (0.1 %–99.9 %)"), this)), m_low(new QDoubleSpinBox(this)),
      m_high(new QDoubleSpinBox(this))
{
    for (QDoubleSpinBox* box : {m_low, m_high}) {
        box->setRange(-std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
        box->setDecimals(3);
        box->setKeyboardTracking(false);
    }
    m_auto->setChecked(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_histogram);
    auto* form = new QFormLayout;
    form->addRow(m_auto);
    form->addRow(tr("Black"), m_low);
    form->addRow(tr("White"), m_high);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(view, &FrameView::displayRangeChanged, this, &ContrastPanel::showRange);
    connect(m_histogram, &HistogramWidget::rangeEdited, this, [this](double low, double high) {
        m_view->setDisplayRange(low, high);
        m_auto->setChecked(false);
    });
    connect(m_auto, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_updating)
            m_view->setAutoContrast(on);
    });
    connect(m_low, &QDoubleSpinBox::valueChanged, this, &ContrastPanel::applyManual);
    connect(m_high, &QDoubleSpinBox::valueChanged, this, &ContrastPanel::applyManual);
}

void ContrastPanel::showRange(double low, double high)
{
    m_updating = true;
    m_low->setValue(low);
    m_high->setValue(high);
    m_auto->setChecked(m_view->autoContrast());
    m_histogram->setDisplayRange(low, high);
    m_updating = false;
}

void ContrastPanel::applyManual()
{
    if (m_updating)
        return;
    m_view->setDisplayRange(m_low->value(), m_high->value());
    m_auto->setChecked(false);
}

} // namespace insitu::app
