// MainWindow, part 3: the file dialogs and questions in front of the ProjectSession (open, save,
// relink prompts, recovery), ROI rename/recolour, exports and drag-and-drop.

#include "main_window.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "exports.h"
#include "jobs/job_runner.h"
#include "panels/fronts_panel.h"
#include "plot_export.h"
#include "project/project_session.h"
#include "project/session_prompts.h"
#include "share_exports.h"
#include "views/roi_editor.h"

#include "insitu/error.h"

#include <QCloseEvent>
#include <QColorDialog>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

namespace insitu::app {

QString MainWindow::recoveryPath()
{
    return ProjectSession::recoveryPath();
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
    const QString name =
        m_document->fileName().isEmpty()
            ? (m_document->hasMovie() ? QString::fromStdString(m_document->project().name)
                                      : tr("Untitled"))
            : QFileInfo(m_document->fileName()).fileName();
    setWindowTitle(tr("%1%2 — InSitu Workbench")
                       .arg(name, m_document->isClean() ? QString() : QStringLiteral(" *")));
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
        tr("Movies and projects (*.tif *.tiff *.dm3 *.dm4 *.ser *.emd *.h5 *.mrc *.avi *.mp4);;"
           "Projects (*.h5);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

bool MainWindow::openPath(const QString& path)
{
    m_jobs->cancel();
    m_jobs->waitForFinished();
    try {
        const OpenReport report = m_session->open(path);
        showOpenReport(report);
    } catch (const insitu::Error& e) {
        showError(tr("Cannot open"), QString::fromStdString(e.what()));
        return false;
    } catch (const std::exception& e) {
        showError(tr("Cannot open"), tr("%1: %2").arg(path, QString::fromUtf8(e.what())));
        return false;
    }
    rememberFolder(path);
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
        suggestion = lastFolder() + QLatin1Char('/') +
                     QString::fromStdString(m_document->project().name) + QStringLiteral(".h5");
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
    try {
        m_session->save(path);
    } catch (const insitu::Error& e) {
        showError(tr("Cannot save"), QString::fromStdString(e.what()));
        return false;
    }
    rememberFolder(path);
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

void MainWindow::offerRecovery()
{
    if (!ProjectSession::hasRecovery())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Restore unsaved work?"),
        tr("InSitu Workbench did not close normally. Restore the work autosaved at %1?")
            .arg(QFileInfo(recoveryPath()).lastModified().toString(Qt::ISODate)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        ProjectSession::discardRecovery();
        return;
    }
    try {
        showOpenReport(m_session->restoreRecovery());
    } catch (const insitu::Error& e) {
        ProjectSession::discardRecovery();
        showError(tr("Cannot restore"), QString::fromStdString(e.what()));
    }
    updateTitle();
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
    ProjectSession::discardRecovery();
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
    if (!urls.isEmpty() && urls.front().isLocalFile() &&
        isImageJRoiFile(urls.front().toLocalFile()) && m_document->movie()) {
        importRois(urls.front().toLocalFile());
        return;
    }
    if (!urls.isEmpty() && urls.front().isLocalFile() && maybeSave())
        openPath(urls.front().toLocalFile());
}

void MainWindow::importRoisDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import ImageJ ROIs"), lastFolder(),
                                     tr("ImageJ ROIs (*.roi *.zip);;All files (*)"));
    if (!path.isEmpty())
        importRois(path);
}

void MainWindow::importRois(const QString& path)
{
    try {
        const QStringList notes = importImageJRois(m_document, path);
        rememberFolder(path);
        if (!notes.isEmpty())
            QMessageBox::information(this, tr("ImageJ ROIs imported"),
                                     notes.join(QLatin1Char('\n')));
    } catch (const insitu::Error& e) {
        showError(tr("Import failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::renameSelected()
{
    const int index = m_document->roiIndex(m_roiEditor->selectedRoiId());
    if (index < 0)
        return;
    Roi roi = m_document->roi(index);
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename ROI"), tr("Name"), QLineEdit::Normal,
                              QString::fromStdString(roi.name), &ok)
            .trimmed();
    if (!ok || name.isEmpty() || name.toStdString() == roi.name)
        return;
    roi.name = name.toStdString();
    m_document->undoStack()->push(
        new ChangeRoi(m_document, index, roi, tr("Rename ROI to %1").arg(name)));
}

void MainWindow::recolourSelected()
{
    const int index = m_document->roiIndex(m_roiEditor->selectedRoiId());
    if (index < 0)
        return;
    Roi roi = m_document->roi(index);
    const QColor colour =
        QColorDialog::getColor(QColor(roi.rgb[0], roi.rgb[1], roi.rgb[2]), this, tr("ROI colour"));
    if (!colour.isValid())
        return;
    roi.rgb = {static_cast<std::uint8_t>(colour.red()), static_cast<std::uint8_t>(colour.green()),
               static_cast<std::uint8_t>(colour.blue())};
    if (roi != m_document->roi(index))
        m_document->undoStack()->push(new ChangeRoi(m_document, index, roi, tr("Recolour ROI")));
}

void MainWindow::exportTo(const QString& caption, const QString& fileName, const QString& filter,
                          const std::function<void(const QString& path)>& write)
{
    const QString path = QFileDialog::getSaveFileName(
        this, caption, lastFolder() + QLatin1Char('/') + fileName, filter);
    if (path.isEmpty())
        return;
    try {
        write(path);
        rememberFolder(path);
    } catch (const insitu::Error& e) {
        showError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

} // namespace insitu::app
