#pragma once
// MainWindow: the workbench window — lays out the frame view, playback bar, panels and menus and
// wires them to the Document; the work itself lives in the parts it holds.

#include "insitu/io/movie.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QListView;
class QMenu;
class QProgressBar;
class QPushButton;
class QLabel;

namespace insitu::app {

class CalibrationPanel;
class ContrastPanel;
class Document;
class DriftPanel;
class FrameOverlays;
class FramePrefetcher;
class FrameView;
class AreasPanel;
class FrontsPanel;
class JobRunner;
class KineticsPanel;
class TimelinePanel;
class NoticeBanner;
class PlaybackBar;
class ProjectSession;
class RoiEditor;
class RoiListModel;
struct OpenReport;

/// The workbench window: owns the Document and its ProjectSession, and connects views, panels,
/// playback and overlays to them.
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
    [[nodiscard]] ProjectSession* session() const { return m_session; }
    [[nodiscard]] FrameView* frameView() const { return m_frameView; }
    [[nodiscard]] RoiEditor* roiEditor() const { return m_roiEditor; }
    [[nodiscard]] JobRunner* jobs() const { return m_jobs; }
    [[nodiscard]] FramePrefetcher* prefetcher() const { return m_prefetcher; }
    [[nodiscard]] PlaybackBar* playback() const { return m_playback; }
    [[nodiscard]] NoticeBanner* noticeBanner() const { return m_notices; }
    [[nodiscard]] DriftPanel* driftPanel() const { return m_driftPanel; }
    [[nodiscard]] FrontsPanel* frontsPanel() const { return m_frontsPanel; }
    [[nodiscard]] AreasPanel* areasPanel() const { return m_areasPanel; }
    [[nodiscard]] KineticsPanel* kineticsPanel() const { return m_kineticsPanel; }
    [[nodiscard]] TimelinePanel* timelinePanel() const { return m_timelinePanel; }
    [[nodiscard]] int currentFrame() const;
    /// Shows frame index (through the prefetcher).
    void setCurrentFrame(int index);
    /// Shows or hides the drift-corrected frames (the View menu's toggle and the drift panel's).
    void setDriftCorrectedView(bool corrected);
    /// Path of the autosave recovery file.
    [[nodiscard]] static QString recoveryPath();
    /// Shrinks and moves the window so that its frame lies inside available (a screen's
    /// available geometry), as far as its minimum size allows; done on the first show.
    void fitToScreen(const QRect& available);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // main_window.cpp: layout and wiring
    void createCentralArea();
    void createStatusBar();
    void createDocks();
    void connectDocument();
    void connectJobs();
    void onMovieChanged();
    void onFrameReady(int index, const Frame& frame);
    void updateTransform();
    void updateTitle();
    void selectRoi(int roiId);
    void showOpenReport(const OpenReport& report);
    void showError(const QString& title, const QString& message);
    // main_window_actions.cpp: menus, tool bar, shortcuts, help
    void createActions();
    void createToolBar();
    void rebuildRecentMenu();
    void showAbout();
    // main_window_project.cpp: file dialogs, ROI dialogs, exports, drag and drop
    void newProject();
    void openDialog();
    bool save();
    bool saveAs();
    bool maybeSave();
    void recolourSelected();
    void renameSelected();
    void importRoisDialog();
    void importRois(const QString& path);
    /// Asks for a file (in the last folder, named fileName) and writes it; errors are shown.
    void exportTo(const QString& caption, const QString& fileName, const QString& filter,
                  const std::function<void(const QString& path)>& write);
    [[nodiscard]] QString lastFolder() const;
    void rememberFolder(const QString& path);

    Document* m_document;
    ProjectSession* m_session;
    JobRunner* m_jobs;
    FramePrefetcher* m_prefetcher;
    FrameView* m_frameView;
    RoiEditor* m_roiEditor;
    RoiListModel* m_roiModel;
    FrameOverlays* m_overlays;
    PlaybackBar* m_playback = nullptr;
    NoticeBanner* m_notices = nullptr;
    QListView* m_roiList = nullptr;
    ContrastPanel* m_contrastPanel = nullptr;
    CalibrationPanel* m_calibrationPanel = nullptr;
    DriftPanel* m_driftPanel = nullptr;
    FrontsPanel* m_frontsPanel = nullptr;
    AreasPanel* m_areasPanel = nullptr;
    KineticsPanel* m_kineticsPanel = nullptr;
    TimelinePanel* m_timelinePanel = nullptr;
    QLabel* m_pixelLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QMenu* m_recentMenu = nullptr;
    QActionGroup* m_toolGroup = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_correctedAction = nullptr;
    bool m_grainsInFront = false;  ///< the Grains dock shows (grains are picked on the frame)
    bool m_fittedToScreen = false; ///< fitToScreen done on the first show
    QAction* m_zoomFitAction = nullptr;
    QAction* m_zoomOneAction = nullptr;
};

} // namespace insitu::app
