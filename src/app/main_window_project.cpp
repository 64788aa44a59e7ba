// MainWindow, part 2: project files (new, open, save, recent, autosave/recovery), export, ROI
// rename/recolour and drag-and-drop.

#include "main_window.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "exports.h"
#include "jobs/job_runner.h"
#include "panels/fronts_panel.h"
#include "plot_export.h"
#include "views/roi_editor.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <QCloseEvent>
#include <QColorDialog>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>

namespace insitu::app {

namespace {
constexpr int kMaxRecent = 8;

bool isProjectFile(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("h5"), Qt::CaseInsensitive) == 0
           || QFileInfo(path).suffix().compare(QLatin1String("insitu"), Qt::CaseInsensitive) == 0;
}
} // namespace

QString MainWindow::recoveryPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/recovery.h5");
}

QString MainWindow::lastFolder() const
{
    return QSettings().value(QStringLiteral("paths/lastFolder"), QDir::homePath()).toString();
}

void MainWindow::rememberFolder(const QString& path)
{
    QSettings().setValue(QStringLiteral("paths/lastFolder"), QFileInfo(path).absolutePath());
}

void MainWindow::updateTitle()
{
    QString name = m_document->fileName().isEmpty()
                       ? (m_document->hasMovie() ? QString::fromStdString(m_document->project().name)
                                                 : tr("Untitled"))
                       : QFileInfo(m_document->fileName()).fileName();
    setWindowTitle(tr("%1%2 — InSitu Workbench").arg(name, m_document->isClean() ? QString() : QStringLiteral(" *")));
}

void MainWindow::newProject()
{
    if (!maybeSave())
        return;
    m_jobs->cancel();
    m_jobs->waitForFinished();
    m_document->clear();
}

void MainWindow::openDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a movie or project"), lastFolder(),
        tr("Movies and projects (*.tif *.tiff *.dm3 *.dm4 *.ser *.emd *.h5 *.avi *.mp4);;"
           "Projects (*.h5);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

bool MainWindow::openPath(const QString& path)
{
    m_jobs->cancel();
    m_jobs->waitForFinished();
    try {
        if (isProjectFile(path)) {
            Project project = loadProject(path.toStdString());
            std::shared_ptr<Movie> movie;
            QString missing;
            if (!project.movies.empty()) {
                const ProjectMovie& pm = project.movies.front();
                std::filesystem::path moviePath = pm.path;
                if (!std::filesystem::exists(moviePath)) {
                    // Look next to the project for a moved movie with the same fingerprint.
                    const auto found = locateMovie(pm, {std::filesystem::path(path.toStdString()).parent_path()});
                    if (found)
                        moviePath = *found;
                }
                try {
                    movie = openMovie(moviePath);
                } catch (const insitu::Error& e) {
                    missing = QString::fromStdString(e.what());
                }
            }
            m_document->loadProjectValue(std::move(project), movie, path);
            if (!missing.isEmpty())
                showError(tr("Movie not found"),
                          tr("The project was opened, but its movie could not be read:\n%1").arg(missing));
        } else {
            m_document->openMovieFile(path);
        }
    } catch (const insitu::Error& e) {
        showError(tr("Cannot open"), QString::fromStdString(e.what()));
        return false;
    } catch (const std::exception& e) {
        showError(tr("Cannot open"), tr("%1: %2").arg(path, QString::fromUtf8(e.what())));
        return false;
    }
    rememberFolder(path);
    addRecent(path);
    return true;
}

bool MainWindow::save()
{
    if (m_document->fileName().isEmpty())
        return saveAs();
    return saveTo(m_document->fileName());
}

bool MainWindow::saveAs()
{
    if (!m_document->hasMovie() && m_document->project().movies.empty()) {
        showError(tr("Nothing to save"), tr("Open a movie first."));
        return false;
    }
    QString suggestion = m_document->fileName();
    if (suggestion.isEmpty())
        suggestion = lastFolder() + QLatin1Char('/') + QString::fromStdString(m_document->project().name)
                     + QStringLiteral(".h5");
    QString path = QFileDialog::getSaveFileName(this, tr("Save project"), suggestion,
                                                tr("InSitu projects (*.h5)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".h5");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString& path)
{
    Project project = m_document->project();
    for (ProjectMovie& pm : project.movies) {
        // Fill the fingerprint once so a moved movie can be found again.
        if (pm.fingerprint.empty() && std::filesystem::exists(pm.path)) {
            try {
                pm.fingerprint = computeMovieFingerprint(pm.path);
                pm.fileSizeBytes = movieFileSize(pm.path);
            } catch (const insitu::Error&) {
                // unreadable now: saved without a fingerprint
            }
        }
    }
    try {
        saveProject(project, path.toStdString());
    } catch (const insitu::Error& e) {
        showError(tr("Cannot save"), QString::fromStdString(e.what()));
        return false;
    }
    m_document->setFileName(path);
    m_document->setClean();
    QFile::remove(recoveryPath());
    rememberFolder(path);
    addRecent(path);
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    updateTitle();
    return true;
}

bool MainWindow::maybeSave()
{
    if (m_document->isClean() || (!m_document->hasMovie() && m_document->project().movies.empty()))
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("The project has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::autosave()
{
    if (m_document->isClean() || m_document->project().movies.empty())
        return;
    try {
        saveProject(m_document->project(), recoveryPath().toStdString());
        QSettings().setValue(QStringLiteral("recovery/fileName"), m_document->fileName());
    } catch (const insitu::Error& e) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())), 8000);
    }
}

void MainWindow::offerRecovery()
{
    const QString path = recoveryPath();
    if (!QFileInfo::exists(path))
        return;
    const auto answer = QMessageBox::question(
        this, tr("Restore unsaved work?"),
        tr("InSitu Workbench did not close normally. Restore the work autosaved at %1?")
            .arg(QFileInfo(path).lastModified().toString(Qt::ISODate)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes && openPath(path)) {
        // Keep it unsaved and nameless (or under its old name): the user chooses where it goes.
        m_document->setFileName(QSettings().value(QStringLiteral("recovery/fileName")).toString());
        m_document->undoStack()->resetClean();
        updateTitle();
    }
    QFile::remove(path);
}

void MainWindow::addRecent(const QString& path)
{
    if (path == recoveryPath())
        return;
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("paths/recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("paths/recent"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("paths/recent")).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave())
                openPath(path);
        })->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QFile::remove(recoveryPath());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile() && maybeSave())
        openPath(urls.front().toLocalFile());
}

void MainWindow::renameSelected()
{
    const int index = m_document->roiIndex(m_roiEditor->selectedRoiId());
    if (index < 0)
        return;
    Roi roi = m_document->roi(index);
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename ROI"), tr("Name"), QLineEdit::Normal,
                                               QString::fromStdString(roi.name), &ok).trimmed();
    if (!ok || name.isEmpty() || name.toStdString() == roi.name)
        return;
    roi.name = name.toStdString();
    m_document->undoStack()->push(new ChangeRoi(m_document, index, roi, tr("Rename ROI to %1").arg(name)));
}

void MainWindow::recolourSelected()
{
    const int index = m_document->roiIndex(m_roiEditor->selectedRoiId());
    if (index < 0)
        return;
    Roi roi = m_document->roi(index);
    const QColor colour = QColorDialog::getColor(QColor(roi.rgb[0], roi.rgb[1], roi.rgb[2]), this,
                                                 tr("ROI colour"));
    if (!colour.isValid())
        return;
    roi.rgb = {static_cast<std::uint8_t>(colour.red()), static_cast<std::uint8_t>(colour.green()),
               static_cast<std::uint8_t>(colour.blue())};
    if (roi != m_document->roi(index))
        m_document->undoStack()->push(new ChangeRoi(m_document, index, roi, tr("Recolour ROI")));
}

void MainWindow::exportFrontsCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export fronts"), lastFolder() + QStringLiteral("/fronts.csv"),
                                                      tr("CSV tables (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        app::exportFrontsCsv(*m_document, m_frontsPanel->roiId(), path);
        rememberFolder(path);
    } catch (const insitu::Error& e) {
        showError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportDriftCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export drift"), lastFolder() + QStringLiteral("/drift.csv"),
                                                      tr("CSV tables (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        app::exportDriftCsv(*m_document, path);
        rememberFolder(path);
    } catch (const insitu::Error& e) {
        showError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportFitTableCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export fit table"),
                                                      lastFolder() + QStringLiteral("/fit_parameters.csv"),
                                                      tr("CSV tables (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        app::exportFitTableCsv(*m_document, m_frontsPanel->roiId(), path);
        rememberFolder(path);
    } catch (const insitu::Error& e) {
        showError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportKymograph()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export kymograph"), lastFolder() + QStringLiteral("/kymograph.tif"),
                                                      tr("TIFF images (*.tif)"));
    if (path.isEmpty())
        return;
    try {
        app::exportKymographTiff(*m_document, m_frontsPanel->roiId(), path);
        rememberFolder(path);
    } catch (const insitu::Error& e) {
        showError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportPlot(QCustomPlot* plot, const QString& what)
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1 plot").arg(what), lastFolder() + QStringLiteral("/%1.png").arg(what),
        tr("PNG images (*.png);;SVG drawings (*.svg);;PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    try {
        plot::savePlot(*plot, path);
        rememberFolder(path);
    } catch (const insitu::Error& e) {
        showError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

} // namespace insitu::app
