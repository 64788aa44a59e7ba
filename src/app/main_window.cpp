#include "main_window.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/frame_prefetcher.h"
#include "jobs/job_runner.h"
#include "models/roi_list_model.h"
#include "panels/calibration_panel.h"
#include "panels/contrast_panel.h"
#include "panels/drift_panel.h"
#include "panels/fronts_panel.h"
#include "panels/kinetics_panel.h"
#include "views/frame_view.h"
#include "views/histogram_widget.h"
#include "views/roi_editor.h"

#include "insitu/registration/drift.h"
#include "insitu/roi/path.h"
#include "insitu/version.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace insitu::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)), m_jobs(new JobRunner(this)),
      m_prefetcher(new FramePrefetcher(this)), m_frameView(new FrameView(this)),
      m_roiEditor(new RoiEditor(m_document, m_frameView, this)),
      m_roiModel(new RoiListModel(m_document, this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    resize(1500, 950);
    m_frameView->setRoiEditor(m_roiEditor);

    // Central area: the frame and the playback row.
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_frameView, 1);
    auto* playRow = new QHBoxLayout;
    m_playButton = new QToolButton(central);
    m_slider = new QSlider(Qt::Horizontal, central);
    m_frameSpin = new QSpinBox(central);
    m_frameLabel = new QLabel(tr("no movie"), central);
    m_fps = new QDoubleSpinBox(central);
    m_fps->setRange(0.1, 200);
    m_fps->setValue(10);
    m_fps->setSuffix(tr(" fps"));
    m_fps->setToolTip(tr("Playback rate (set from the movie's frame interval when known)"));
    playRow->addWidget(m_playButton);
    playRow->addWidget(m_slider, 1);
    playRow->addWidget(m_frameSpin);
    playRow->addWidget(m_frameLabel);
    playRow->addWidget(m_fps);
    layout->addLayout(playRow);
    setCentralWidget(central);
    m_slider->setEnabled(false);
    m_frameSpin->setEnabled(false);
    m_playTimer = new QTimer(this);

    m_pixelLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setVisible(false);
    statusBar()->addPermanentWidget(m_pixelLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);

    createDocks();
    createActions();
    createToolBar();

    connect(m_slider, &QSlider::valueChanged, this, &MainWindow::setCurrentFrame);
    connect(m_frameSpin, &QSpinBox::valueChanged, m_slider, &QSlider::setValue);
    connect(m_prefetcher, &FramePrefetcher::frameReady, this, &MainWindow::onFrameReady);
    connect(m_prefetcher, &FramePrefetcher::readFailed, this,
            [this](int, const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_playTimer, &QTimer::timeout, this, &MainWindow::playTick);
    connect(m_fps, &QDoubleSpinBox::valueChanged, this,
            [this](double fps) { m_playTimer->setInterval(static_cast<int>(1000.0 / fps)); });
    connect(m_frameView, &FrameView::pixelHovered, this, [this](double x, double y, double value) {
        QString text = tr("x %1  y %2  value %3").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1).arg(value);
        if (const auto nm = m_document->calibration().nmPerPixel)
            text += tr("  (%1, %2) nm").arg(x * *nm, 0, 'f', 2).arg(y * *nm, 0, 'f', 2);
        m_pixelLabel->setText(text);
    });

    connect(m_document, &Document::movieChanged, this, &MainWindow::onMovieChanged);
    connect(m_document, &Document::calibrationChanged, this, [this] {
        m_frameView->setNmPerPixel(m_document->calibration().nmPerPixel);
        updateOverlays();
    });
    connect(m_document, &Document::driftChanged, this, &MainWindow::updateTransform);
    connect(m_document, &Document::frontsChanged, this, [this] { updateOverlays(); });
    connect(m_document, &Document::roiChanged, this, [this] { updateOverlays(); });
    connect(m_document, &Document::roiRemoved, this, [this] { m_frameView->update(); });
    connect(m_document, &Document::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::fileNameChanged, this, &MainWindow::updateTitle);
    connect(m_roiEditor, &RoiEditor::selectionChanged, this, &MainWindow::selectRoi);

    connect(m_jobs, &JobRunner::started, this, [this](const QString& label) {
        m_progress->setValue(0);
        m_progress->setFormat(label + QStringLiteral(" %p%"));
        m_progress->setVisible(true);
        m_cancel->setVisible(true);
        statusBar()->showMessage(label + QStringLiteral("…"));
    });
    connect(m_jobs, &JobRunner::progressChanged, this, [this](int permille, const QString& label) {
        m_progress->setValue(permille);
        if (!label.isEmpty())
            m_progress->setFormat(label + QStringLiteral(" %p%"));
    });
    connect(m_jobs, &JobRunner::finished, this, [this] {
        m_progress->setVisible(false);
        m_cancel->setVisible(false);
    });
    connect(m_jobs, &JobRunner::succeeded, this, [this] { statusBar()->showMessage(tr("Done"), 4000); });
    connect(m_jobs, &JobRunner::canceled, this, [this] { statusBar()->showMessage(tr("Canceled"), 4000); });
    connect(m_jobs, &JobRunner::failed, this,
            [this](const QString& message) { showError(tr("The analysis failed"), message); });
    connect(m_cancel, &QPushButton::clicked, m_jobs, &JobRunner::cancel);

    m_autosaveTimer = new QTimer(this);
    m_autosaveTimer->setInterval(60 * 1000);
    connect(m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer->start();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    rebuildRecentMenu();
    updateTitle();
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow()
{
    m_playTimer->stop();
    m_jobs->cancel();
    m_jobs->waitForFinished();
    m_prefetcher->setMovie(nullptr);
}

std::shared_ptr<Movie> MainWindow::movie() const
{
    return m_document->movie();
}

void MainWindow::createDocks()
{
    auto addDock = [this](const QString& title, const QString& name, QWidget* widget,
                          Qt::DockWidgetArea area) {
        auto* dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(widget);
        addDockWidget(area, dock);
        return dock;
    };
    // ROI list with delete / recolour.
    auto* roiWidget = new QWidget(this);
    auto* roiLayout = new QVBoxLayout(roiWidget);
    m_roiList = new QListView(roiWidget);
    m_roiList->setModel(m_roiModel);
    m_roiList->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    roiLayout->addWidget(m_roiList);
    auto* roiButtons = new QHBoxLayout;
    auto* recolour = new QPushButton(tr("Colour…"), roiWidget);
    auto* remove = new QPushButton(tr("Delete"), roiWidget);
    roiButtons->addWidget(recolour);
    roiButtons->addWidget(remove);
    roiLayout->addLayout(roiButtons);
    connect(recolour, &QPushButton::clicked, this, &MainWindow::recolourSelected);
    connect(remove, &QPushButton::clicked, m_roiEditor, &RoiEditor::deleteSelected);
    connect(m_roiList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                m_roiEditor->setSelectedRoiId(current.isValid()
                                                  ? current.data(RoiListModel::RoiIdRole).toInt()
                                                  : 0);
            });

    m_contrastPanel = new ContrastPanel(m_frameView, this);
    m_calibrationPanel = new CalibrationPanel(m_document, this);
    m_driftPanel = new DriftPanel(m_document, m_jobs, this);
    m_frontsPanel = new FrontsPanel(m_document, m_jobs, this);
    m_kineticsPanel = new KineticsPanel(m_document, this);

    auto* roiDock = addDock(tr("ROIs"), QStringLiteral("roiDock"), roiWidget, Qt::LeftDockWidgetArea);
    auto* contrastDock = addDock(tr("Contrast"), QStringLiteral("contrastDock"), m_contrastPanel,
                                 Qt::LeftDockWidgetArea);
    auto* calibrationDock = addDock(tr("Calibration"), QStringLiteral("calibrationDock"),
                                    m_calibrationPanel, Qt::LeftDockWidgetArea);
    auto* driftDock = addDock(tr("Drift"), QStringLiteral("driftDock"), m_driftPanel,
                              Qt::LeftDockWidgetArea);
    addDock(tr("Fronts (kymograph)"), QStringLiteral("frontsDock"), m_frontsPanel,
            Qt::RightDockWidgetArea);
    addDock(tr("Kinetics"), QStringLiteral("kineticsDock"), m_kineticsPanel, Qt::BottomDockWidgetArea);
    tabifyDockWidget(calibrationDock, driftDock);
    tabifyDockWidget(roiDock, contrastDock);
    roiDock->raise();
    calibrationDock->raise();

    connect(m_calibrationPanel, &CalibrationPanel::scaleLineRequested, this,
            [this] { m_roiEditor->setTool(RoiEditor::Tool::ScaleLine); });
    connect(m_roiEditor, &RoiEditor::scaleLineDrawn, this, [this](double lengthPx) {
        m_roiEditor->setTool(RoiEditor::Tool::Select);
        m_calibrationPanel->applyScaleLine(lengthPx);
    });
    connect(m_driftPanel, &DriftPanel::regionDrawRequested, this,
            [this] { m_roiEditor->setTool(RoiEditor::Tool::Region); });
    connect(m_roiEditor, &RoiEditor::regionDrawn, this, [this](QRectF region) {
        m_roiEditor->setTool(RoiEditor::Tool::Select);
        m_driftPanel->setRegion(region);
    });
    connect(m_driftPanel, &DriftPanel::showCorrectedChanged, this, [this](bool on) {
        if (m_correctedAction)
            m_correctedAction->setChecked(on);
        updateTransform();
    });
    connect(m_frontsPanel, &FrontsPanel::frameRequested, this,
            [this](int frame) { m_slider->setValue(frame); });
    connect(m_frontsPanel, &FrontsPanel::tracked, this, [this](int) { m_kineticsPanel->refit(); });
    connect(m_kineticsPanel, &KineticsPanel::retrackRequested, this, [this](int roiId) {
        m_frontsPanel->setRoiId(roiId);
        m_frontsPanel->track();
    });
}

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
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Rename ROI…"), QKeySequence(Qt::Key_F2), this, &MainWindow::renameSelected);
    edit->addAction(tr("Re&colour ROI…"), this, &MainWindow::recolourSelected);
    edit->addAction(tr("&Delete ROI"), QKeySequence::Delete, m_roiEditor, &RoiEditor::deleteSelected);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Zoom to &fit"), QKeySequence(Qt::Key_F), m_frameView, &FrameView::zoomToFit);
    m_viewMenu->addAction(tr("Zoom &1:1"), QKeySequence(Qt::Key_1), m_frameView, &FrameView::zoomOneToOne);
    m_viewMenu->addSeparator();
    m_playAction = m_viewMenu->addAction(tr("&Play / pause"), QKeySequence(Qt::Key_Space), this,
                                         &MainWindow::togglePlay);
    m_viewMenu->addAction(tr("&Next frame"), QKeySequence(Qt::Key_Right), this,
                          [this] { m_slider->setValue(m_slider->value() + 1); });
    m_viewMenu->addAction(tr("&Previous frame"), QKeySequence(Qt::Key_Left), this,
                          [this] { m_slider->setValue(m_slider->value() - 1); });
    m_viewMenu->addAction(tr("First frame"), QKeySequence(Qt::Key_Home), this,
                          [this] { m_slider->setValue(0); });
    m_viewMenu->addAction(tr("Last frame"), QKeySequence(Qt::Key_End), this,
                          [this] { m_slider->setValue(m_slider->maximum()); });
    m_correctedAction = m_viewMenu->addAction(tr("View &drift-corrected"));
    m_correctedAction->setCheckable(true);
    m_correctedAction->setShortcut(QKeySequence(Qt::Key_D));
    connect(m_correctedAction, &QAction::toggled, this, [this](bool on) {
        if (auto* box = m_driftPanel->findChild<QCheckBox*>())
            box->setChecked(on);
        updateTransform();
    });
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        m_viewMenu->addAction(dock->toggleViewAction());
    m_playButton->setDefaultAction(m_playAction);
    m_playButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_playAction->setText(tr("Play"));

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    analysis->addAction(tr("Measure &drift"), this, [this] { m_driftPanel->run(); });
    analysis->addAction(tr("Track &fronts on the selected ROI"), this, [this] { m_frontsPanel->track(); });
    analysis->addAction(tr("&Refit kinetics"), this, [this] { m_kineticsPanel->refit(); });
    analysis->addAction(tr("&Cancel the running job"), QKeySequence(Qt::Key_Escape | Qt::SHIFT), m_jobs,
                        &JobRunner::cancel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About InSitu Workbench"), this, &MainWindow::showAbout);
}

void MainWindow::createToolBar()
{
    QToolBar* tools = addToolBar(tr("Tools"));
    tools->setObjectName(QStringLiteral("toolsToolBar"));
    m_toolGroup = new QActionGroup(this);
    const std::vector<std::pair<QString, RoiEditor::Tool>> entries{
        {tr("Select"), RoiEditor::Tool::Select},      {tr("Line"), RoiEditor::Tool::Line},
        {tr("Polyline"), RoiEditor::Tool::Polyline},  {tr("Rectangle"), RoiEditor::Tool::Rectangle},
        {tr("Ellipse"), RoiEditor::Tool::Ellipse},    {tr("Polygon"), RoiEditor::Tool::Polygon}};
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
    tools->addSeparator();
    tools->addWidget(new QLabel(tr(" Width "), tools));
    auto* width = new QDoubleSpinBox(tools);
    width->setRange(1, 200);
    width->setValue(m_roiEditor->defaultWidthPx());
    width->setSuffix(tr(" px"));
    width->setToolTip(tr("Band width of new lines and polylines (and of the selected one)"));
    tools->addWidget(width);
    // The box shows the selected path ROI's width (without editing it).
    connect(m_roiEditor, &RoiEditor::selectionChanged, width, [this, width](int roiId) {
        const int index = m_document->roiIndex(roiId);
        if (index < 0 || (m_document->roi(index).shape != RoiShape::Line
                          && m_document->roi(index).shape != RoiShape::Polyline))
            return;
        const QSignalBlocker blocker(width);
        width->setValue(m_document->roi(index).widthPx);
        m_roiEditor->setDefaultWidthPx(m_document->roi(index).widthPx);
    });
    connect(width, &QDoubleSpinBox::valueChanged, this, [this](double px) {
        m_roiEditor->setDefaultWidthPx(px);
        const int index = m_document->roiIndex(m_roiEditor->selectedRoiId());
        if (index >= 0 && m_document->roi(index).widthPx != px
            && (m_document->roi(index).shape == RoiShape::Line || m_document->roi(index).shape == RoiShape::Polyline)) {
            Roi roi = m_document->roi(index);
            roi.widthPx = px;
            m_document->undoStack()->push(new ChangeRoi(m_document, index, roi, tr("Change width"), 99));
        }
    });
    tools->addSeparator();
    tools->addAction(tr("Fit"), m_frameView, &FrameView::zoomToFit);
    tools->addAction(tr("1:1"), m_frameView, &FrameView::zoomOneToOne);
    tools->addAction(m_correctedAction);
}

void MainWindow::onMovieChanged()
{
    m_playTimer->stop();
    m_playAction->setText(tr("Play"));
    auto movie = m_document->movie();
    m_prefetcher->setMovie(movie);
    updateTransform();
    const int frames = movie ? movie->frameCount() : 0;
    m_slider->blockSignals(true);
    m_frameSpin->blockSignals(true);
    m_slider->setRange(0, std::max(frames - 1, 0));
    m_frameSpin->setRange(0, std::max(frames - 1, 0));
    m_slider->setValue(0);
    m_frameSpin->setValue(0);
    m_slider->blockSignals(false);
    m_frameSpin->blockSignals(false);
    m_slider->setEnabled(frames > 1);
    m_frameSpin->setEnabled(frames > 1);
    m_shownFrame = -1;
    m_frameView->setNmPerPixel(m_document->calibration().nmPerPixel);
    if (const auto interval = m_document->calibration().frameIntervalS; interval && *interval > 0)
        m_fps->setValue(std::clamp(1.0 / *interval, 0.1, 200.0));
    if (movie) {
        setCurrentFrame(0);
        statusBar()->showMessage(tr("%1: %2 frames, %3 × %4 px, %5")
                                     .arg(QString::fromStdString(movie->info().format))
                                     .arg(movie->frameCount())
                                     .arg(movie->width())
                                     .arg(movie->height())
                                     .arg(QLatin1String(numpyName(movie->info().pixelType).data())));
    } else {
        m_frameView->setFrame(Frame());
        m_frameLabel->setText(tr("no movie"));
    }
    updateTitle();
}

int MainWindow::currentFrame() const
{
    return m_slider->value();
}

void MainWindow::setCurrentFrame(int index)
{
    if (!m_document->hasMovie())
        return;
    if (m_slider->value() != index) {
        m_slider->setValue(index);  // re-enters through valueChanged
        return;
    }
    m_frameSpin->blockSignals(true);
    m_frameSpin->setValue(index);
    m_frameSpin->blockSignals(false);
    m_waitingForFrame = true;
    m_prefetcher->request(index);
}

void MainWindow::onFrameReady(int index, const Frame& frame)
{
    m_waitingForFrame = false;
    m_shownFrame = index;
    m_frameView->setFrame(frame);
    if (!m_playTimer->isActive())
        m_contrastPanel->histogram()->setFrame(frame);
    const auto timeS = m_document->calibration().timeOfFrameS(index);
    const int last = m_document->movie() ? m_document->movie()->frameCount() - 1 : 0;
    m_frameLabel->setText(tr("/ %1").arg(last));
    m_frameView->setTimeText(timeS ? tr("frame %1   t = %2 s").arg(index).arg(*timeS, 0, 'f', 2)
                                   : tr("frame %1").arg(index));
    m_frontsPanel->setCurrentFrame(index);
    updateOverlays();
}

void MainWindow::updateTransform()
{
    const bool corrected = m_driftPanel->showCorrected();
    if (corrected) {
        const DriftResult drift = m_document->drift()->result;
        m_prefetcher->setTransform([drift](const Frame& frame, int index) {
            if (index >= drift.frameCount())
                return frame;
            const auto k = static_cast<std::size_t>(index);
            return Frame(shiftImage(frame.mat(), drift.dxPx[k], drift.dyPx[k], ShiftInterpolation::Bilinear),
                         PixelType::Float32);
        });
    } else {
        m_prefetcher->setTransform({});
    }
    updateOverlays();
}

void MainWindow::updateOverlays()
{
    const int frame = m_shownFrame;
    // ROIs live in frame-0 coordinates; on the raw frame the specimen is displaced by the drift.
    double dx = 0, dy = 0;
    if (frame >= 0 && !m_driftPanel->showCorrected() && m_document->drift()
        && frame < m_document->drift()->result.frameCount()) {
        dx = m_document->drift()->result.dxPx[static_cast<std::size_t>(frame)];
        dy = m_document->drift()->result.dyPx[static_cast<std::size_t>(frame)];
    }
    m_frameView->setOverlayOffset(dx, dy);
    std::vector<QPointF> markers;
    const int roiId = m_frontsPanel->roiId();
    const int index = m_document->roiIndex(roiId);
    if (const ProjectFronts* fronts = m_document->fronts(roiId); fronts && index >= 0) {
        const Roi& roi = m_document->roi(index);
        for (const FrontTrack& track : fronts->result.fronts)
            for (std::size_t i = 0; i < track.frames.size(); ++i)
                if (track.frames[i] == frame) {
                    const PointPx p = pointAtArcLength(roi, track.positionsPx[i]);
                    markers.emplace_back(p.x, p.y);
                }
    }
    m_frameView->setFrontMarkers(std::move(markers));
}

void MainWindow::selectRoi(int roiId)
{
    const int index = m_document->roiIndex(roiId);
    const QModelIndex modelIndex = index >= 0 ? m_roiModel->index(index) : QModelIndex();
    if (m_roiList->currentIndex() != modelIndex)
        m_roiList->setCurrentIndex(modelIndex);
    if (index >= 0 && (m_document->roi(index).shape == RoiShape::Line
                       || m_document->roi(index).shape == RoiShape::Polyline)) {
        m_frontsPanel->setRoiId(roiId);
        m_kineticsPanel->setRoiId(roiId);
    }
    updateOverlays();
}

void MainWindow::togglePlay()
{
    if (m_playTimer->isActive()) {
        m_playTimer->stop();
        m_playAction->setText(tr("Play"));
        m_prefetcher->setLookAhead(8);
        if (!m_frameView->frame().empty())
            m_contrastPanel->histogram()->setFrame(m_frameView->frame());
        return;
    }
    if (!m_document->hasMovie())
        return;
    if (m_slider->value() == m_slider->maximum())
        m_slider->setValue(0);
    m_prefetcher->setLookAhead(std::max(8, static_cast<int>(m_fps->value())));
    m_playTimer->setInterval(static_cast<int>(1000.0 / m_fps->value()));
    m_playTimer->start();
    m_playAction->setText(tr("Pause"));
}

void MainWindow::playTick()
{
    // Never skip frames: the next one is asked for only once the last one is on screen.
    if (m_waitingForFrame)
        return;
    if (m_slider->value() >= m_slider->maximum()) {
        togglePlay();
        return;
    }
    m_slider->setValue(m_slider->value() + 1);
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

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 10000);
    QMessageBox::warning(this, title, message);
}

} // namespace insitu::app
