#include "project/session_prompts.h"

#include "project/project_session.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace insitu::app {

void installDialogPrompts(ProjectSession& session, QWidget* window)
{
    session.setCandidatePrompt([window](const QString& moviePath, const QString& candidate) {
        return QMessageBox::question(
                   window, QObject::tr("Movie moved"),
                   QObject::tr(
                       "The project's movie is not at\n%1\n\nA file with the same name and "
                       "content was found at\n%2\n\nUse it? (The new place is saved with the "
                       "project.)")
                       .arg(moviePath, candidate),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
    });
    session.setFolderPrompt([window](const QString& moviePath, const QString& reason) {
        const QString question =
            (reason.isEmpty() ? QString() : reason + QStringLiteral("\n\n")) +
            QObject::tr(
                "The project's movie is not at\n%1\n\nChoose the folder that holds it now "
                "(searched with its sub-folders), or cancel to open the project without it.")
                .arg(moviePath);
        if (QMessageBox::question(window, QObject::tr("Find the movie"), question,
                                  QMessageBox::Open | QMessageBox::Cancel,
                                  QMessageBox::Open) != QMessageBox::Open)
            return QString();
        return QFileDialog::getExistingDirectory(
            window, QObject::tr("Folder holding %1").arg(QFileInfo(moviePath).fileName()),
            QSettings().value(QStringLiteral("paths/lastFolder"), QDir::homePath()).toString());
    });
}

} // namespace insitu::app
