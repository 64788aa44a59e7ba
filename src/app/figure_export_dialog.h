#pragma once
// FigureExportDialog: asks which frames a File ▸ Export ▸ Figure shows and the figure's size.

#include <QDialog>

#include <vector>

class QLineEdit;
class QDoubleSpinBox;
class QSpinBox;

namespace insitu::app {

class FigureExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// Starts with the first, the current and the last frame of a movie of frameCount frames.
    FigureExportDialog(int frameCount, int currentFrame, QWidget* parent = nullptr);

    /// The frames typed (0-based, comma-separated); empty when the text is not a valid list.
    [[nodiscard]] std::vector<int> frames() const;
    [[nodiscard]] double widthMm() const;
    [[nodiscard]] int dpi() const;

private:
    int m_frameCount;
    QLineEdit* m_frames;
    QDoubleSpinBox* m_widthMm;
    QSpinBox* m_dpi;
};

} // namespace insitu::app
