#pragma once
// ProjectSession: the Document's life on disk — open, save, relink a moved movie, recent files,
// autosave and crash recovery. No widgets: the questions it asks go through injectable prompts.

#include "insitu/project/project.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QTimer;

namespace insitu::app {

class Document;
class OpenProjectLock;

/// What opening a file found that the user must know (shown by the window, never swallowed).
struct OpenReport
{
    QStringList notes;    ///< the reader's MovieInfo::notes (dropped channels, truncation, ...)
    QString movieError;   ///< a project whose movie could not be opened: why (else empty)
    QString relinkedFrom; ///< the movie was found at a new place: its old path (else empty)
};

/// Opens and saves the Document's project, finds a moved movie by asking, keeps the recent
/// files and autosaves to a recovery file. Throws insitu::Error on unreadable files.
class ProjectSession : public QObject
{
    Q_OBJECT
public:
    /// Asked when a project's movie is not where it was saved: the folder to search (recursively)
    /// for a file with its name and content, or "" to open the project without the movie.
    /// moviePath is the saved path; reason says why it asks again ("" the first time).
    using FolderPrompt = std::function<QString(const QString& moviePath, const QString& reason)>;
    /// Asked when a file with the movie's name and content was found elsewhere: use it?
    using CandidatePrompt = std::function<bool(const QString& moviePath, const QString& candidate)>;

    explicit ProjectSession(Document* document, QObject* parent = nullptr);
    ~ProjectSession() override;

    void setFolderPrompt(FolderPrompt prompt) { m_folderPrompt = std::move(prompt); }
    void setCandidatePrompt(CandidatePrompt prompt) { m_candidatePrompt = std::move(prompt); }

    /// Opens a movie, or a project (".h5"/".insitu"), and holds the project's write lock while
    /// it stays open (a second window or program writing it is refused): relinks a moved movie
    /// through the prompts (the new place is stored and the project marked modified). Throws
    /// insitu::Error when the file itself cannot be read; a project whose movie is missing opens
    /// without it.
    OpenReport open(const QString& path);
    /// Saves to path (filling the movie fingerprints first), marks the document clean and holds
    /// path's write lock from then on. Throws insitu::Error (e.g. path is open elsewhere).
    void save(const QString& path);

    /// Writes the recovery file when there are unsaved changes (called by a timer).
    void autosave();
    /// Autosave interval (ms); 0 stops the timer.
    void setAutosaveIntervalMs(int intervalMs);
    [[nodiscard]] static QString recoveryPath();
    [[nodiscard]] static bool hasRecovery();
    /// Opens the recovery file as an unsaved document under the name it had, then deletes it.
    OpenReport restoreRecovery();
    static void discardRecovery();

    /// Recently opened or saved files, newest first.
    [[nodiscard]] static QStringList recentFiles();
    void addRecent(const QString& path);

    /// True for the file names of projects (".h5", ".insitu").
    [[nodiscard]] static bool isProjectFile(const QString& path);

signals:
    void recentFilesChanged();
    /// A message for the status bar (e.g. an autosave failure).
    void statusMessage(const QString& message);

private:
    /// The movie file for a project's movie: its saved path, or one found with the prompts;
    /// "" when the user gives up.
    [[nodiscard]] QString locate(const QString& projectPath, const ProjectMovie& movie) const;

    /// The lock of path: the one held when it is the same file, else a new one (throws).
    [[nodiscard]] std::unique_ptr<OpenProjectLock> lockFor(const QString& path);

    Document* m_document;
    std::unique_ptr<OpenProjectLock> m_lock; ///< of the project file the document is (or none)
    QTimer* m_autosaveTimer;
    FolderPrompt m_folderPrompt;
    CandidatePrompt m_candidatePrompt;
};

} // namespace insitu::app
