#pragma once
// MainWindow: the workbench window — frame view, playback, ROI tools, analysis panels, menus.

#include "insitu/io/movie.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QCustomPlot;
class QActionGroup;
class QDoubleSpinBox;
class QLabel;
class QListView;
class QMenu;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace insitu::app {

class CalibrationPanel;
class ContrastPanel;
class Document;
class DriftPanel;
class FramePrefetcher;
class FrameView;
class FrontsPanel;
class JobRunner;
class KineticsPanel;
class RoiEditor;
class RoiListModel;

/// The workbench window: owns the Document and wires views and panels to it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a movie or (".h5") a project; shows a message box on failure. Returns success.
    bool openPath(const QString& path);
    /// Saves the project to path; shows a message box on failure. Returns success.
    bool saveTo(const QString& path);
    /// Offers to restore the autosaved recovery file if one exists (called at start-up).
    void offerRecovery();

    [[nodiscard]] std::shared_ptr<Movie> movie() const;
    [[nodiscard]] Document* document() const { return m_document; }
    [[nodiscard]] FrameView* frameView() const { return m_frameView; }
    [[nodiscard]] RoiEditor* roiEditor() const { return m_roiEditor; }
    [[nodiscard]] JobRunner* jobs() const { return m_jobs; }
    [[nodiscard]] FramePrefetcher* prefetcher() const { return m_prefetcher; }
    [[nodiscard]] DriftPanel* driftPanel() const { return m_driftPanel; }
    [[nodiscard]] FrontsPanel* frontsPanel() const { return m_frontsPanel; }
    [[nodiscard]] KineticsPanel* kineticsPanel() const { return m_kineticsPanel; }
    [[nodiscard]] int currentFrame() const;
    /// Shows frame index (through the prefetcher).
    void setCurrentFrame(int index);
    /// Path of the autosave recovery file.
    [[nodiscard]] static QString recoveryPath();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createDocks();
    void createToolBar();
    void onMovieChanged();
    void onFrameReady(int index, const Frame& frame);
    void updateOverlays();
    void updateTitle();
    void updateTransform();
    void selectRoi(int roiId);
    void togglePlay();
    void playTick();
    void newProject();
    void openDialog();
    bool save();
    bool saveAs();
    bool maybeSave();
    void autosave();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void recolourSelected();
    void renameSelected();
    void exportFrontsCsv();
    void exportDriftCsv();
    void exportFitTableCsv();
    void exportKymograph();
    void exportPlot(QCustomPlot* plot, const QString& what);
    void showAbout();
    void showError(const QString& title, const QString& message);
    [[nodiscard]] QString lastFolder() const;
    void rememberFolder(const QString& path);

    Document* m_document;
    JobRunner* m_jobs;
    FramePrefetcher* m_prefetcher;
    FrameView* m_frameView;
    RoiEditor* m_roiEditor;
    RoiListModel* m_roiModel;
    QListView* m_roiList = nullptr;
    ContrastPanel* m_contrastPanel = nullptr;
    CalibrationPanel* m_calibrationPanel = nullptr;
    DriftPanel* m_driftPanel = nullptr;
    FrontsPanel* m_frontsPanel = nullptr;
    KineticsPanel* m_kineticsPanel = nullptr;
    QSlider* m_slider = nullptr;
    QSpinBox* m_frameSpin = nullptr;
    QLabel* m_frameLabel = nullptr;
    QToolButton* m_playButton = nullptr;
    QDoubleSpinBox* m_fps = nullptr;
    QTimer* m_playTimer = nullptr;
    bool m_waitingForFrame = false;
    QLabel* m_pixelLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QActionGroup* m_toolGroup = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_correctedAction = nullptr;
    QTimer* m_autosaveTimer = nullptr;
    int m_shownFrame = -1;
};

} // namespace insitu::app
