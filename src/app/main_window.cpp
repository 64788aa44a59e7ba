#include "main_window.h"

#include "views/frame_view.h"

#include "insitu/error.h"
#include "insitu/version.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSlider>
#include <QStatusBar>
#include <QVBoxLayout>

namespace insitu::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("InSitu Workbench"));
    setAcceptDrops(true);
    resize(1100, 800);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_frameView = new FrameView(central);
    layout->addWidget(m_frameView, 1);
    auto* sliderRow = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal, central);
    m_slider->setEnabled(false);
    m_frameLabel = new QLabel(tr("no movie"), central);
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_frameLabel);
    layout->addLayout(sliderRow);
    setCentralWidget(central);

    m_pixelLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_pixelLabel);
    connect(m_slider, &QSlider::valueChanged, this, &MainWindow::showFrame);
    connect(m_frameView, &FrameView::pixelHovered, this, [this](double x, double y, double value) {
        QString text = tr("x %1  y %2  value %3").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1).arg(value);
        if (m_movie && m_movie->calibration().nmPerPixel) {
            const double nm = *m_movie->calibration().nmPerPixel;
            text += tr("  (%1, %2) nm").arg(x * nm, 0, 'f', 2).arg(y * nm, 0, 'f', 2);
        }
        m_pixelLabel->setText(text);
    });
    createMenus();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    menuBar()->addMenu(tr("&Edit"));
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom to &fit"), this, [this] { m_frameView->zoomToFit(); });
    menuBar()->addMenu(tr("&Analysis"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About InSitu Workbench"), this, &MainWindow::showAbout);
}

bool MainWindow::openPath(const QString& path)
{
    try {
        auto movie = openMovie(path.toStdString());
        m_movie = std::move(movie);
    } catch (const insitu::Error& e) {
        QMessageBox::warning(this, tr("Cannot open movie"), QString::fromStdString(e.what()));
        return false;
    }
    m_slider->setRange(0, m_movie->frameCount() - 1);
    m_slider->setEnabled(m_movie->frameCount() > 1);
    m_slider->setValue(0);
    showFrame(0);
    setWindowTitle(tr("%1 — InSitu Workbench").arg(QFileInfo(path).fileName()));
    statusBar()->showMessage(tr("%1: %2 frames, %3 × %4 px")
                                 .arg(QString::fromStdString(m_movie->info().format))
                                 .arg(m_movie->frameCount())
                                 .arg(m_movie->width())
                                 .arg(m_movie->height()));
    return true;
}

void MainWindow::showFrame(int index)
{
    if (!m_movie)
        return;
    try {
        m_frameView->setFrame(m_movie->frame(index));
        m_frameLabel->setText(tr("frame %1 / %2").arg(index).arg(m_movie->frameCount() - 1));
    } catch (const insitu::Error& e) {
        statusBar()->showMessage(QString::fromStdString(e.what()));
    }
}

void MainWindow::openDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open movie"));
    if (!path.isEmpty())
        openPath(path);
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

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        openPath(urls.front().toLocalFile());
}

} // namespace insitu::app
