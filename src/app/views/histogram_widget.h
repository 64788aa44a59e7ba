#pragma once
// HistogramWidget: the current frame's histogram with the display range, draggable.

#include "insitu/frame.h"

#include <QWidget>

#include <vector>

namespace insitu::app {

/// Shows a log-count histogram of a frame over its full value range, with the display range
/// as two vertical lines; dragging near a line moves it (rangeEdited).
class HistogramWidget : public QWidget
{
    Q_OBJECT
public:
    explicit HistogramWidget(QWidget* parent = nullptr);

    void setFrame(const Frame& frame);
    void setDisplayRange(double low, double high);
    [[nodiscard]] QSize sizeHint() const override { return {260, 90}; }

signals:
    void rangeEdited(double low, double high);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    [[nodiscard]] double valueAt(double x) const;
    [[nodiscard]] double xOf(double value) const;

    std::vector<int> m_counts;
    double m_min = 0;
    double m_max = 1;
    double m_low = 0;
    double m_high = 1;
    int m_dragging = 0; // 1 = low line, 2 = high line
};

} // namespace insitu::app
