// MainWindow, part 2: menus, the tool bar and their shortcuts (each key bound once), Help.

#include "main_window.h"

#include "batch/batch_dialog.h"
#include "document/document.h"
#include "exports.h"
#include "figure_export_dialog.h"
#include "help/help_dialogs.h"
#include "jobs/job_runner.h"
#include "movie_export_dialog.h"
#include "panels/drift_panel.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"
#include "playback/playback_bar.h"
#include "project/project_session.h"
#include "share_exports.h"
#include "views/band_width_box.h"
#include "views/frame_view.h"
#include "views/roi_editor.h"

#include "plot_export.h"

#include "insitu/version.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
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
    const QString csv = tr("CSV tables (*.csv)");
    const QString plots = tr("PNG images (*.png);;SVG drawings (*.svg);;PDF documents (*.pdf)");
    exportMenu->addAction(tr("Fronts table (CSV)…"), this, [this, csv] {
        exportTo(tr("Export fronts"), QStringLiteral("fronts.csv"), csv,
                 [this](const QString& path) {
                     exportFrontsCsv(*m_document, m_frontsPanel->roiId(), path);
                 });
    });
    exportMenu->addAction(tr("Drift table (CSV)…"), this, [this, csv] {
        exportTo(tr("Export drift"), QStringLiteral("drift.csv"), csv,
                 [this](const QString& path) { exportDriftCsv(*m_document, path); });
    });
    exportMenu->addAction(tr("Fit table (CSV)…"), this, [this, csv] {
        exportTo(tr("Export fit table"), QStringLiteral("fit_parameters.csv"), csv,
                 [this](const QString& path) {
                     exportFitTableCsv(*m_document, m_frontsPanel->roiId(), path);
                 });
    });
    exportMenu->addAction(tr("Kymograph (TIFF)…"), this, [this] {
        exportTo(tr("Export kymograph"), QStringLiteral("kymograph.tif"), tr("TIFF images (*.tif)"),
                 [this](const QString& path) {
                     exportKymographTiff(*m_document, m_frontsPanel->roiId(), path);
                 });
    });
    exportMenu->addAction(tr("Kinetics plot (PNG, SVG, PDF)…"), this, [this, plots] {
        exportTo(tr("Export kinetics plot"), QStringLiteral("kinetics.png"), plots,
                 [this](const QString& path) { plot::savePlot(*m_kineticsPanel->plot(), path); });
    });
    exportMenu->addAction(tr("Drift plot (PNG, SVG, PDF)…"), this, [this, plots] {
        exportTo(tr("Export drift plot"), QStringLiteral("drift.png"), plots,
                 [this](const QString& path) { plot::savePlot(*m_driftPanel->plot(), path); });
    });
    file->addAction(tr("&Batch…"), this, [this] {
        BatchDialog dialog(m_document->project(), this); // the project is the template
        dialog.exec();
    });
    exportMenu->addAction(tr("ImageJ ROIs (RoiSet.zip)…"), this, [this] {
        exportTo(tr("Export ImageJ ROIs"), QStringLiteral("RoiSet.zip"),
                 tr("ImageJ ROI sets (*.zip);;ImageJ ROI (*.roi)"),
                 [this](const QString& path) { exportImageJRois(*m_document, path); });
    });
    exportMenu->addAction(tr("Annotated movie (MP4, AVI, GIF)…"), this, [this] {
        if (!m_document->movie())
            return;
        MovieExportDialog dialog(m_document->movie()->frameCount(),
                                 availableSidePanels(*m_document), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        exportTo(tr("Export movie"), QStringLiteral("movie.mp4"),
                 tr("MP4 H.264 (*.mp4);;AVI for Fiji (*.avi);;GIF (*.gif)"),
                 [this, &dialog](const QString& path) {
                     RenderOptions options = windowRenderOptions(
                         *m_document, m_correctedAction->isChecked(), m_frameView->displayRange());
                     dialog.apply(options);
                     const QString panel = dialog.sidePanel();
                     startMovieExport(*m_document, *m_jobs, path, options,
                                      panel.isEmpty() ? SidePanelProvider{}
                                                      : windowSidePanel(*m_document, panel));
                 });
    });
    exportMenu->addAction(tr("Figure (PDF, SVG, PNG)…"), this, [this] {
        if (!m_document->movie())
            return;
        FigureExportDialog dialog(m_document->movie()->frameCount(), currentFrame(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        exportTo(tr("Export figure"), QStringLiteral("figure.pdf"),
                 tr("PDF documents (*.pdf);;SVG drawings (*.svg);;PNG images (*.png)"),
                 [this, &dialog](const QString& path) {
                     exportWindowFigure(*m_document, path, dialog.frames(),
                                        m_correctedAction->isChecked(), m_frameView->displayRange(),
                                        dialog.widthMm(), dialog.dpi());
                 });
    });
    file->addAction(tr("&Import ImageJ ROIs…"), this, [this] { importRoisDialog(); });
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
    tools->addWidget(new BandWidthBox(m_document, m_roiEditor, tools));

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
