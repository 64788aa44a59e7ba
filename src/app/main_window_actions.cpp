// MainWindow, part 2: menus, the tool bar and their shortcuts (each key bound once), Help.

#include "main_window.h"

#include "document/commands/command_ids.h"
#include "document/commands/roi_commands.h"
#include "document/commands/value_commands.h"
#include "document/document.h"
#include "help/help_dialogs.h"
#include "jobs/job_runner.h"
#include "panels/drift_panel.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"
#include "playback/playback_bar.h"
#include "project/project_session.h"
#include "views/frame_view.h"
#include "views/roi_editor.h"

#include "insitu/version.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QToolBar>
#include <QUndoStack>

#include <opencv2/core/version.hpp>

namespace insitu::app {

namespace {
/// The platform's keys for a standard action, without repeats (some platforms list one twice).
QList<QKeySequence> uniqueKeys(QKeySequence::StandardKey key, QList<QKeySequence> extra = {})
{
    QList<QKeySequence> keys;
    for (const QKeySequence& k : extra + QKeySequence::keyBindings(key))
        if (!k.isEmpty() && !keys.contains(k))
            keys << k;
    return keys;
}
} // namespace

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New project"), QKeySequence::New, this, &MainWindow::newProject);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &as…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Fronts table (CSV)…"), this, &MainWindow::exportFrontsCsv);
    exportMenu->addAction(tr("Drift table (CSV)…"), this, &MainWindow::exportDriftCsv);
    exportMenu->addAction(tr("Fit table (CSV)…"), this, &MainWindow::exportFitTableCsv);
    exportMenu->addAction(tr("Kymograph (TIFF)…"), this, &MainWindow::exportKymograph);
    exportMenu->addAction(tr("Kinetics plot (PNG, SVG, PDF)…"), this,
                          [this] { exportPlot(m_kineticsPanel->plot(), tr("kinetics")); });
    exportMenu->addAction(tr("Drift plot (PNG, SVG, PDF)…"), this,
                          [this] { exportPlot(m_driftPanel->plot(), tr("drift")); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(uniqueKeys(QKeySequence::Undo));
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(
        uniqueKeys(QKeySequence::Redo, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)}));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Rename ROI…"), QKeySequence(Qt::Key_F2), this,
                    &MainWindow::renameSelected);
    edit->addAction(tr("Re&colour ROI…"), this, &MainWindow::recolourSelected);
    edit->addAction(tr("&Delete ROI"), QKeySequence::Delete, m_roiEditor,
                    &RoiEditor::deleteSelected);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_zoomFitAction = view->addAction(tr("Zoom to &fit"), QKeySequence(Qt::Key_F), m_frameView,
                                      &FrameView::zoomToFit);
    m_zoomOneAction = view->addAction(tr("Zoom &1:1"), QKeySequence(Qt::Key_1), m_frameView,
                                      &FrameView::zoomOneToOne);
    view->addAction(tr("Zoom &in"), m_frameView, &FrameView::zoomIn)
        ->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    view->addAction(tr("Zoom &out"), QKeySequence(Qt::Key_Minus), m_frameView, &FrameView::zoomOut);
    view->addSeparator();
    m_playAction = view->addAction(tr("&Play / pause"), QKeySequence(Qt::Key_Space), m_playback,
                                   &PlaybackBar::togglePlay);
    view->addAction(tr("&Next frame"), this, [this] { m_playback->step(1); })
        ->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Period)});
    view->addAction(tr("&Previous frame"), this, [this] { m_playback->step(-1); })
        ->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_Comma)});
    view->addAction(tr("First frame"), QKeySequence(Qt::Key_Home), m_playback,
                    &PlaybackBar::firstFrame);
    view->addAction(tr("Last frame"), QKeySequence(Qt::Key_End), m_playback,
                    &PlaybackBar::lastFrame);
    m_correctedAction = view->addAction(tr("View &drift-corrected"));
    m_correctedAction->setCheckable(true);
    m_correctedAction->setShortcut(QKeySequence(Qt::Key_D));
    m_correctedAction->setEnabled(false);
    connect(m_correctedAction, &QAction::toggled, this, &MainWindow::setDriftCorrectedView);
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    analysis->addAction(tr("Measure &drift"), this, [this] { m_driftPanel->run(); });
    analysis->addAction(tr("Track &fronts on the selected ROI"), this,
                        [this] { m_frontsPanel->track(); });
    analysis->addAction(tr("&Refit kinetics"), this, [this] { m_kineticsPanel->refit(); });
    analysis->addAction(tr("&Cancel the running job"), QKeySequence(Qt::SHIFT | Qt::Key_Escape),
                        m_jobs, &JobRunner::cancel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this,
                    [this] { showUserGuide(this); });
    help->addAction(tr("&Keyboard shortcuts"), this, [this] { showShortcutList(this); });
    help->addSeparator();
    help->addAction(tr("&About InSitu Workbench"), this, &MainWindow::showAbout);
}

void MainWindow::createToolBar()
{
    QToolBar* tools = addToolBar(tr("Tools"));
    tools->setObjectName(QStringLiteral("toolsToolBar"));
    m_toolGroup = new QActionGroup(this);
    const std::vector<std::pair<QString, RoiEditor::Tool>> entries{
        {tr("Select"), RoiEditor::Tool::Select},     {tr("Line"), RoiEditor::Tool::Line},
        {tr("Polyline"), RoiEditor::Tool::Polyline}, {tr("Rectangle"), RoiEditor::Tool::Rectangle},
        {tr("Ellipse"), RoiEditor::Tool::Ellipse},   {tr("Polygon"), RoiEditor::Tool::Polygon}};
    for (const auto& [label, tool] : entries) {
        QAction* action = tools->addAction(label);
        action->setCheckable(true);
        action->setData(static_cast<int>(tool));
        action->setChecked(tool == RoiEditor::Tool::Select);
        m_toolGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, tool] { m_roiEditor->setTool(tool); });
    }
    connect(m_roiEditor, &RoiEditor::toolChanged, this, [this](RoiEditor::Tool tool) {
        for (QAction* action : m_toolGroup->actions())
            action->setChecked(action->data().toInt() == static_cast<int>(tool));
    });

    // Band width: of the selected line/polyline, else of the next one drawn (front settings).
    tools->addSeparator();
    tools->addWidget(new QLabel(tr(" Width "), tools));
    auto* width = new QDoubleSpinBox(tools);
    width->setObjectName(QStringLiteral("bandWidthBox"));
    width->setRange(1, 200);
    width->setSuffix(tr(" px"));
    width->setToolTip(tr("Band width of the selected line or polyline (of new ones when none is "
                         "selected)"));
    tools->addWidget(width);
    auto selectedPath = [this]() -> int {
        const int index = m_document->roiIndex(m_roiEditor->selectedRoiId());
        return index >= 0 && (m_document->roi(index).shape == RoiShape::Line ||
                              m_document->roi(index).shape == RoiShape::Polyline)
                   ? index
                   : -1;
    };
    auto showWidth = [this, width, selectedPath] {
        const int index = selectedPath();
        const QSignalBlocker blocker(width);
        width->setValue(index >= 0 ? m_document->roi(index).widthPx
                                   : m_roiEditor->defaultWidthPx());
    };
    showWidth();
    // One merge key per selection: typing or spinning in the box is one undo step per ROI.
    auto widthKey = std::make_shared<int>(newCommandId());
    connect(width, &QDoubleSpinBox::valueChanged, this, [this, selectedPath, widthKey](double px) {
        const int index = selectedPath();
        if (index < 0) {
            if (m_document->hasMovie() && px != m_roiEditor->defaultWidthPx())
                m_document->undoStack()->push(new ChangeBandWidth(m_document, px));
            return;
        }
        if (m_document->roi(index).widthPx == px)
            return;
        Roi roi = m_document->roi(index);
        roi.widthPx = px;
        m_document->undoStack()->push(new ChangeRoi(
            m_document, index, roi, tr("Change width of %1").arg(QString::fromStdString(roi.name)),
            *widthKey));
    });
    connect(m_roiEditor, &RoiEditor::selectionChanged, width, [widthKey, showWidth] {
        *widthKey = newCommandId();
        showWidth();
    });
    connect(m_document, &Document::roiChanged, width, showWidth);
    connect(m_document, &Document::frontSettingsChanged, width, showWidth);
    connect(m_document, &Document::movieChanged, width, showWidth);

    tools->addSeparator();
    m_zoomFitAction->setIconText(tr("Fit"));
    m_zoomOneAction->setIconText(tr("1:1"));
    tools->addAction(m_zoomFitAction);
    tools->addAction(m_zoomOneAction);
    tools->addAction(m_correctedAction);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = ProjectSession::recentFiles();
    for (const QString& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave())
                                openPath(path);
                        })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About InSitu Workbench"),
        tr("<h3>InSitu Workbench %1</h3>"
           "<p>Analysis of in-situ TEM movies: drift, fronts, kinetics.</p>"
           "<p>License: GPL-3.0-or-later.</p>"
           "<p>Built with Qt %2 (LGPL-3.0), QCustomPlot (GPL-3.0), OpenCV %3 (Apache-2.0), "
           "FFTW 3 (GPL-2.0-or-later), Eigen (MPL-2.0), HDF5 (BSD-style), libtiff (libtiff "
           "license), nlohmann-json (MIT), CLI11 (BSD-3-Clause), muParser (BSD-2-Clause).</p>")
            .arg(QLatin1String(insitu::kVersion), QLatin1String(qVersion()),
                 QLatin1String(CV_VERSION)));
}

} // namespace insitu::app
