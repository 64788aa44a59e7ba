#include "main_window.h"

#include "document/document.h"
#include "jobs/frame_prefetcher.h"
#include "jobs/job_runner.h"
#include "jobs/wire_band_job.h"
#include "models/roi_list_model.h"
#include "overlays/frame_overlays.h"
#include "panels/areas_panel.h"
#include "panels/calibration_panel.h"
#include "panels/contrast_panel.h"
#include "panels/drift_panel.h"
#include "panels/fft_panel.h"
#include "panels/fronts_panel.h"
#include "panels/grains_panel.h"
#include "panels/kinetics_panel.h"
#include "panels/particles_panel.h"
#include "panels/timeline_panel.h"
#include "playback/playback_bar.h"
#include "project/project_session.h"
#include "project/session_prompts.h"
#include "share_exports.h"
#include "views/frame_view.h"
#include "views/histogram_widget.h"
#include "views/notice_banner.h"
#include "views/roi_editor.h"

#include "insitu/registration/drift.h"

#include <QAction>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

namespace insitu::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)),
      m_session(new ProjectSession(m_document, this)), m_jobs(new JobRunner(this)),
      m_prefetcher(new FramePrefetcher(this)), m_frameView(new FrameView(this)),
      m_roiEditor(new RoiEditor(m_document, m_frameView, this)),
      m_roiModel(new RoiListModel(m_document, this)),
      m_overlays(new FrameOverlays(m_document, m_frameView, this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    resize(1500, 950);
    m_frameView->setRoiEditor(m_roiEditor);

    createCentralArea();
    createStatusBar();
    createDocks();
    createActions();
    createToolBar();
    connectDocument();
    connectJobs();
    installDialogPrompts(*m_session, this); // tests replace them through session()

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    rebuildRecentMenu();
    updateTitle();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_fittedToScreen && screen()) {
        m_fittedToScreen = true;
        fitToScreen(screen()->availableGeometry());
    }
}

void MainWindow::fitToScreen(const QRect& available)
{
    // the frame (title bar, borders) adds to the window's own size
    const QSize frame = frameGeometry().size() - size();
    const QSize room = (available.size() - frame).expandedTo(minimumSizeHint());
    if (width() > room.width() || height() > room.height())
        resize(size().boundedTo(room));
    QRect placed = frameGeometry();
    placed.moveRight(std::min(placed.right(), available.right()));
    placed.moveBottom(std::min(placed.bottom(), available.bottom()));
    placed.moveLeft(std::max(placed.left(), available.left()));
    placed.moveTop(std::max(placed.top(), available.top()));
    if (placed.topLeft() != frameGeometry().topLeft())
        move(placed.topLeft());
}

MainWindow::~MainWindow()
{
    m_playback->pause();
    m_jobs->cancel();
    m_jobs->waitForFinished();
    m_prefetcher->setMovie(nullptr);
}

std::shared_ptr<Movie> MainWindow::movie() const
{
    return m_document->movie();
}

void MainWindow::createCentralArea()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(2, 2, 2, 2);
    m_notices = new NoticeBanner(central);
    m_playback = new PlaybackBar(central);
    layout->addWidget(m_notices);
    layout->addWidget(m_frameView, 1);
    layout->addWidget(m_playback);
    setCentralWidget(central);

    connect(m_playback, &PlaybackBar::frameRequested, m_prefetcher, &FramePrefetcher::request);
    connect(m_prefetcher, &FramePrefetcher::frameReady, this, &MainWindow::onFrameReady);
    connect(m_playback, &PlaybackBar::playingChanged, this, [this](bool playing) {
        m_prefetcher->setLookAhead(playing ? std::max(8, static_cast<int>(m_playback->fps())) : 8);
        // The histogram follows the frame only when it stands still (it costs a pass per frame).
        if (!playing && !m_frameView->frame().empty())
            m_contrastPanel->histogram()->setFrame(m_frameView->frame());
    });
}

void MainWindow::createStatusBar()
{
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
    connect(m_prefetcher, &FramePrefetcher::readFailed, this,
            [this](int, const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_session, &ProjectSession::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_frameView, &FrameView::pixelHovered, this, [this](double x, double y, double value) {
        QString text = tr("x %1  y %2  value %3").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1).arg(value);
        if (const auto nm = m_document->calibration().nmPerPixel)
            text += tr("  (%1, %2) nm").arg(x * *nm, 0, 'f', 2).arg(y * *nm, 0, 'f', 2);
        m_pixelLabel->setText(text);
    });
}

void MainWindow::createDocks()
{
    auto addDock = [this](const QString& title, const QString& name, QWidget* widget,
                          Qt::DockWidgetArea area) {
        auto* dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        // A panel taller than its dock scrolls: the docks' minimum heights do not add up to a
        // window taller than the screen (issue #13), and the plots keep their minimum size.
        auto* scroll = new QScrollArea(dock);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(widget);
        dock->setWidget(scroll);
        addDockWidget(area, dock);
        return dock;
    };
    // ROI list with delete / recolour.
    auto* roiWidget = new QWidget(this);
    auto* roiLayout = new QVBoxLayout(roiWidget);
    m_roiList = new QListView(roiWidget);
    m_roiList->setModel(m_roiModel);
    m_roiList->setEditTriggers(QAbstractItemView::DoubleClicked |
                               QAbstractItemView::EditKeyPressed);
    roiLayout->addWidget(m_roiList);
    auto* roiButtons = new QHBoxLayout;
    auto* recolour = new QPushButton(tr("Colour…"), roiWidget);
    auto* remove = new QPushButton(tr("Delete"), roiWidget);
    roiButtons->addWidget(recolour);
    roiButtons->addWidget(remove);
    auto* importRoiButton = new QPushButton(tr("Import…"), roiWidget); // ImageJ .roi / .zip
    auto* exportRoiButton = new QPushButton(tr("Export…"), roiWidget);
    roiButtons->addWidget(importRoiButton);
    roiButtons->addWidget(exportRoiButton);
    roiLayout->addLayout(roiButtons);
    connect(importRoiButton, &QPushButton::clicked, this, &MainWindow::importRoisDialog);
    connect(exportRoiButton, &QPushButton::clicked, this, [this] {
        exportTo(tr("Export ImageJ ROIs"), QStringLiteral("RoiSet.zip"),
                 tr("ImageJ ROI sets (*.zip);;ImageJ ROI (*.roi)"),
                 [this](const QString& path) { exportImageJRois(*m_document, path); });
    });
    connect(recolour, &QPushButton::clicked, this, &MainWindow::recolourSelected);
    connect(remove, &QPushButton::clicked, m_roiEditor, &RoiEditor::deleteSelected);
    connect(m_roiList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                m_roiEditor->setSelectedRoiId(
                    current.isValid() ? current.data(RoiListModel::RoiIdRole).toInt() : 0);
            });

    m_contrastPanel = new ContrastPanel(m_frameView, this);
    m_calibrationPanel = new CalibrationPanel(m_document, this);
    m_driftPanel = new DriftPanel(m_document, m_jobs, this);
    m_frontsPanel = new FrontsPanel(m_document, m_jobs, this);
    m_frontsPanel->setWireBandJob(m_roiEditor->wireBandJob());
    m_kineticsPanel = new KineticsPanel(m_document, this);

    auto* roiDock =
        addDock(tr("ROIs"), QStringLiteral("roiDock"), roiWidget, Qt::LeftDockWidgetArea);
    auto* contrastDock = addDock(tr("Contrast"), QStringLiteral("contrastDock"), m_contrastPanel,
                                 Qt::LeftDockWidgetArea);
    auto* calibrationDock = addDock(tr("Calibration"), QStringLiteral("calibrationDock"),
                                    m_calibrationPanel, Qt::LeftDockWidgetArea);
    auto* driftDock =
        addDock(tr("Drift"), QStringLiteral("driftDock"), m_driftPanel, Qt::LeftDockWidgetArea);
    auto* frontsDock = addDock(tr("Fronts (kymograph)"), QStringLiteral("frontsDock"),
                               m_frontsPanel, Qt::RightDockWidgetArea);
    // Areas (issue #16): beside the fronts; frames and ROI selection go both ways.
    m_areasPanel = new AreasPanel(m_document, m_jobs, this);
    tabifyDockWidget(frontsDock, addDock(tr("Areas"), QStringLiteral("areasDock"), m_areasPanel,
                                         Qt::RightDockWidgetArea));
    frontsDock->raise();
    connect(m_areasPanel, &AreasPanel::frameRequested, this, &MainWindow::setCurrentFrame);
    connect(m_areasPanel, &AreasPanel::roiSelectionRequested, m_roiEditor,
            &RoiEditor::setSelectedRoiId);
    connect(m_roiEditor, &RoiEditor::selectionChanged, m_areasPanel, &AreasPanel::setSelectedRoiId);
    auto* kineticsDock = addDock(tr("Kinetics"), QStringLiteral("kineticsDock"), m_kineticsPanel,
                                 Qt::BottomDockWidgetArea);
    m_timelinePanel = new TimelinePanel(m_document, m_jobs, this);
    tabifyDockWidget(kineticsDock, addDock(tr("Timeline"), QStringLiteral("timelineDock"),
                                           m_timelinePanel, Qt::BottomDockWidgetArea));
    kineticsDock->raise();
    tabifyDockWidget(calibrationDock, driftDock);
    tabifyDockWidget(roiDock, contrastDock);
    roiDock->raise();
    calibrationDock->raise();
    // particles (issue #17): the Particles panel, tabbed with the fronts
    auto* particlesPanel = new ParticlesPanel(m_document, m_jobs, this);
    tabifyDockWidget(frontsDock, addDock(tr("Particles"), QStringLiteral("particlesDock"),
                                         particlesPanel, Qt::RightDockWidgetArea));
    frontsDock->raise();
    connect(m_playback, &PlaybackBar::frameRequested, particlesPanel,
            &ParticlesPanel::setCurrentFrame);
    connect(particlesPanel, &ParticlesPanel::frameRequested, this, &MainWindow::setCurrentFrame);
    // crystal (issue #18): the FFT panel, tabbed with the fronts; it follows the selected ROI
    auto* fftPanel = new FftPanel(m_document, m_jobs, this);
    tabifyDockWidget(frontsDock, addDock(tr("FFT"), QStringLiteral("fftDock"), fftPanel,
                                         Qt::RightDockWidgetArea));
    frontsDock->raise();
    connect(m_playback, &PlaybackBar::frameRequested, fftPanel, &FftPanel::setCurrentFrame);
    connect(m_roiEditor, &RoiEditor::selectionChanged, fftPanel, &FftPanel::selectRegion);
    auto* grainsPanel = new GrainsPanel(m_document, m_jobs, this);
    auto* grainsDock =
        addDock(tr("Grains"), QStringLiteral("grainsDock"), grainsPanel, Qt::RightDockWidgetArea);
    tabifyDockWidget(frontsDock, grainsDock);
    frontsDock->raise();
    connect(m_playback, &PlaybackBar::frameRequested, grainsPanel, &GrainsPanel::setCurrentFrame);
    // grains are picked on the frame too while the Grains panel shows: a tab behind another is
    // not hidden, only its dock's visibilityChanged tells
    connect(grainsDock, &QDockWidget::visibilityChanged, this,
            [this](bool shown) { m_grainsInFront = shown; });
    connect(m_frameView, &FrameView::clicked, grainsPanel,
            [this, grainsPanel](QPointF frame0Px, Qt::KeyboardModifiers modifiers) {
                if (m_grainsInFront)
                    grainsPanel->pickOnFrame(currentFrame(), frame0Px,
                                             modifiers.testFlag(Qt::ShiftModifier));
            });
    connect(grainsPanel, &GrainsPanel::selectionShown, m_overlays, [this, grainsPanel] {
        m_overlays->setSelectedGrainOutlines(grainsPanel->selectedOutlines());
    });

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
        if (m_correctedAction) {
            const QSignalBlocker blocker(m_correctedAction);
            m_correctedAction->setChecked(on);
        }
        updateTransform();
    });
    connect(m_frontsPanel, &FrontsPanel::frameRequested, this, &MainWindow::setCurrentFrame);
    connect(m_timelinePanel, &TimelinePanel::frameRequested, this, &MainWindow::setCurrentFrame);
    connect(m_roiEditor, &RoiEditor::selectionChanged, m_timelinePanel,
            &TimelinePanel::setSelectedRoiId);
    connect(m_kineticsPanel, &KineticsPanel::retrackRequested, this, [this](int roiId) {
        m_frontsPanel->setRoiId(roiId);
        m_frontsPanel->track();
    });
}

void MainWindow::connectDocument()
{
    connect(m_document, &Document::movieChanged, this, &MainWindow::onMovieChanged);
    connect(m_document, &Document::calibrationChanged, this,
            [this] { m_frameView->setNmPerPixel(m_document->calibration().nmPerPixel); });
    connect(m_document, &Document::driftChanged, this, &MainWindow::updateTransform);
    connect(m_document, &Document::roiRemoved, this, [this] { m_frameView->update(); });
    connect(m_document, &Document::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::fileNameChanged, this, &MainWindow::updateTitle);
    connect(m_roiEditor, &RoiEditor::selectionChanged, this, &MainWindow::selectRoi);
    connect(m_session, &ProjectSession::recentFilesChanged, this, &MainWindow::rebuildRecentMenu);
}

void MainWindow::connectJobs()
{
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
    connect(m_jobs, &JobRunner::succeeded, this,
            [this] { statusBar()->showMessage(tr("Done"), 4000); });
    connect(m_jobs, &JobRunner::canceled, this,
            [this] { statusBar()->showMessage(tr("Canceled"), 4000); });
    connect(m_jobs, &JobRunner::failed, this,
            [this](const QString& message) { showError(tr("The analysis failed"), message); });
    connect(m_cancel, &QPushButton::clicked, m_jobs, &JobRunner::cancel);
}

void MainWindow::onMovieChanged()
{
    auto movie = m_document->movie();
    // Nothing of the previous movie stays: frame, zoom, overlays, notes, corrected view.
    m_prefetcher->setMovie(movie);
    m_frameView->setFrame(Frame());
    m_frameView->fitNextFrame();
    m_frameView->setTimeText(QString());
    m_frameView->setNmPerPixel(m_document->calibration().nmPerPixel);
    // What the reader decided about the data (dropped channels, square pixels, missing frames).
    QStringList notes;
    if (movie)
        for (const std::string& note : movie->info().notes)
            notes << QString::fromStdString(note);
    m_notices->showNotes(notes);
    m_driftPanel->setShowCorrected(false);
    // The panels show the project's results at once (first path ROI with fronts): so does the
    // frame, with that ROI selected.
    if (const int roiId = m_frontsPanel->roiId(); roiId != 0) {
        m_overlays->setFrontsRoiId(roiId);
        m_roiEditor->setSelectedRoiId(roiId);
    }
    updateTransform();
    m_playback->setFrameCount(movie ? movie->frameCount() : 0);
    if (const auto interval = m_document->calibration().frameIntervalS; interval && *interval > 0)
        m_playback->setFps(1.0 / *interval);
    if (movie) {
        m_prefetcher->request(0);
        statusBar()->showMessage(
            tr("%1: %2 frames, %3 × %4 px, %5")
                .arg(QString::fromStdString(movie->info().format))
                .arg(movie->frameCount())
                .arg(movie->width())
                .arg(movie->height())
                .arg(QLatin1String(numpyName(movie->info().pixelType).data())) +
            (notes.isEmpty() ? QString()
                             : QStringLiteral("  ·  ") + notes.join(QStringLiteral("  ·  "))));
    }
    updateTitle();
}

int MainWindow::currentFrame() const
{
    return m_playback->currentFrame();
}

void MainWindow::setCurrentFrame(int index)
{
    if (m_document->hasMovie())
        m_playback->setCurrentFrame(index);
}

void MainWindow::onFrameReady(int index, const Frame& frame)
{
    m_frameView->setFrame(frame);
    m_playback->frameShown(index);
    if (!m_playback->isPlaying())
        m_contrastPanel->histogram()->setFrame(frame);
    const auto timeS = m_document->calibration().timeOfFrameS(index);
    m_timelinePanel->setCurrentFrame(index); // its E, I, Q and dose go beside the time
    const QString ec = m_timelinePanel->frameReadout(index);
    m_frameView->setTimeText((timeS ? tr("frame %1   t = %2 s").arg(index).arg(*timeS, 0, 'f', 2)
                                    : tr("frame %1").arg(index)) +
                             (ec.isEmpty() ? QString() : QStringLiteral("   ") + ec));
    m_frontsPanel->setCurrentFrame(index);
    m_areasPanel->setCurrentFrame(index);
    m_overlays->setShownFrame(index);
}

void MainWindow::setDriftCorrectedView(bool corrected)
{
    m_driftPanel->setShowCorrected(corrected);
    updateTransform();
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
            return Frame(
                shiftImage(frame.mat(), drift.dxPx[k], drift.dyPx[k], ShiftInterpolation::Bilinear),
                PixelType::Float32);
        });
    } else {
        m_prefetcher->setTransform({});
    }
    if (m_correctedAction) {
        const QSignalBlocker blocker(m_correctedAction);
        m_correctedAction->setChecked(corrected);
        m_correctedAction->setEnabled(m_document->drift().has_value());
    }
    m_overlays->setDriftCorrected(corrected);
}

void MainWindow::selectRoi(int roiId)
{
    const int index = m_document->roiIndex(roiId);
    const QModelIndex modelIndex = index >= 0 ? m_roiModel->index(index) : QModelIndex();
    if (m_roiList->currentIndex() != modelIndex)
        m_roiList->setCurrentIndex(modelIndex);
    if (index >= 0 && (m_document->roi(index).shape == RoiShape::Line ||
                       m_document->roi(index).shape == RoiShape::Polyline)) {
        m_frontsPanel->setRoiId(roiId);
        m_kineticsPanel->setRoiId(roiId);
        m_overlays->setFrontsRoiId(roiId);
    }
}

void MainWindow::showOpenReport(const OpenReport& report)
{
    QStringList notes = report.notes;
    if (!report.relinkedFrom.isEmpty() && m_document->projectMovie())
        notes << tr("The movie was not at %1; it was found at %2. The new place is saved with the "
                    "project.")
                     .arg(report.relinkedFrom,
                          QString::fromStdString(m_document->projectMovie()->path.string()));
    if (!report.movieError.isEmpty())
        notes << tr("The project was opened without its movie (its ROIs and results are kept): %1")
                     .arg(report.movieError);
    m_notices->showNotes(notes);
    if (!notes.isEmpty())
        statusBar()->showMessage(notes.join(QStringLiteral("  ·  ")), 15000);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 10000);
    QMessageBox::warning(this, title, message);
}

} // namespace insitu::app
