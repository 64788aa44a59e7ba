#pragma once
// CalibrationPanel: pixel size, frame interval and time zero of the current movie (undoable).

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace insitu::app {

class Document;

/// Shows the file's calibration and edits the user override through ChangeCalibration;
/// "Set scale from line" asks the frame view for a line over the scale bar.
class CalibrationPanel : public QWidget
{
    Q_OBJECT
public:
    CalibrationPanel(Document* document, QWidget* parent = nullptr);

    /// A line of lengthPx was drawn over a scale bar: asks for its length and sets nm/px.
    void applyScaleLine(double lengthPx);
    /// Sets the pixel size (undoable); 0 = back to the file's value.
    void setNmPerPixel(double nmPerPixel);

signals:
    /// The user wants to draw a scale line on the frame.
    void scaleLineRequested();

private:
    void refresh();
    void pushOverride();

    Document* m_document;
    QLabel* m_fileValues;
    QDoubleSpinBox* m_nmPerPixel;
    QDoubleSpinBox* m_intervalS;
    QSpinBox* m_timeZero;
    bool m_updating = false;
};

} // namespace insitu::app
