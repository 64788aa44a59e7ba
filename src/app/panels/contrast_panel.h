#pragma once
// ContrastPanel: automatic or manual display range of the frame view, with a histogram.

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;

namespace insitu::app {

class FrameView;
class HistogramWidget;

/// Thin GUI over FrameView's display range: auto percentiles, min/max boxes, histogram drag.
class ContrastPanel : public QWidget
{
    Q_OBJECT
public:
    ContrastPanel(FrameView* view, QWidget* parent = nullptr);
    [[nodiscard]] HistogramWidget* histogram() const { return m_histogram; }

private:
    void showRange(double low, double high);
    void applyManual();

    FrameView* m_view;
    HistogramWidget* m_histogram;
    QCheckBox* m_auto;
    QDoubleSpinBox* m_low;
    QDoubleSpinBox* m_high;
    bool m_updating = false;
};

} // namespace insitu::app
