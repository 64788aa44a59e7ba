#pragma once
// MovieExportDialog: asks which frames File ▸ Export ▸ Annotated movie renders, at what rate, and
// the MP4 encoder preset (the options of `insitu render --frames --fps --preset`).

#include "insitu/render/movie_render.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace insitu::app {

class MovieExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// Starts with every frame of a movie of frameCount frames at RenderOptions' defaults and
    /// no side panel; sidePanels are the ones offered (availableSidePanels()).
    explicit MovieExportDialog(int frameCount, const QStringList& sidePanels = {},
                               QWidget* parent = nullptr);

    /// Puts the choices into options (frames first..last by step, fps, x264 preset).
    void apply(RenderOptions& options) const;

    [[nodiscard]] QSpinBox* firstFrame() const { return m_first; }
    [[nodiscard]] QSpinBox* lastFrame() const { return m_last; }
    [[nodiscard]] QSpinBox* step() const { return m_step; }
    [[nodiscard]] QDoubleSpinBox* fps() const { return m_fps; }
    [[nodiscard]] QComboBox* preset() const { return m_preset; }
    [[nodiscard]] QComboBox* sidePanelBox() const { return m_sidePanel; }
    /// The side panel chosen ("kinetics", "areas", "timeline"), empty for none.
    [[nodiscard]] QString sidePanel() const;

private:
    QSpinBox* m_first;
    QSpinBox* m_last;
    QSpinBox* m_step;
    QDoubleSpinBox* m_fps;
    QComboBox* m_preset;
    QComboBox* m_sidePanel;
};

} // namespace insitu::app
