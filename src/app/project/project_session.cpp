#include "project/project_session.h"

#include "document/document.h"
#include "project/open_project_lock.h"

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>

namespace insitu::app {

namespace {
constexpr int kMaxRecent = 8;
constexpr int kAutosaveIntervalMs = 60 * 1000;

QString qs(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

QStringList notesOf(const Document& document)
{
    QStringList notes;
    if (const auto movie = document.movie())
        for (const std::string& note : movie->info().notes)
            notes << QString::fromStdString(note);
    return notes;
}

/// Folders where a moved movie is looked for without asking where: the project's folder and
/// the folders next to it (a movie moved to a sibling folder is found and offered).
std::vector<std::filesystem::path> nearbyFolders(const QString& projectPath)
{
    const QDir projectDir = QFileInfo(projectPath).absoluteDir();
    std::vector<std::filesystem::path> folders{projectDir.absolutePath().toStdString()};
    QDir parent = projectDir;
    if (parent.cdUp() && !parent.isRoot())
        for (const QFileInfo& sibling :
             parent.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            if (sibling.absoluteFilePath() != projectDir.absolutePath())
                folders.emplace_back(sibling.absoluteFilePath().toStdString());
    return folders;
}
} // namespace

ProjectSession::ProjectSession(Document* document, QObject* parent)
    : QObject(parent), m_document(document), m_autosaveTimer(new QTimer(this))
{
    connect(m_autosaveTimer, &QTimer::timeout, this, &ProjectSession::autosave);
    setAutosaveIntervalMs(kAutosaveIntervalMs);
    // The lock follows the document's file: a new project or a movie opened alone drops it.
    connect(m_document, &Document::fileNameChanged, this, [this](const QString& fileName) {
        if (m_lock && (fileName.isEmpty() || !m_lock->holds(fileName)))
            m_lock.reset();
    });
}

bool ProjectSession::isProjectFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix();
    return suffix.compare(QLatin1String("h5"), Qt::CaseInsensitive) == 0 ||
           suffix.compare(QLatin1String("insitu"), Qt::CaseInsensitive) == 0;
}

QString ProjectSession::locate(const QString& projectPath, const ProjectMovie& movie) const
{
    const QString saved = qs(movie.path);
    if (std::filesystem::exists(movie.path))
        return saved;
    if (const auto found = locateMovie(movie, nearbyFolders(projectPath))) {
        const QString candidate = qs(*found);
        if (m_candidatePrompt && m_candidatePrompt(saved, candidate))
            return candidate;
    }
    QString reason;
    while (m_folderPrompt) {
        const QString folder = m_folderPrompt(saved, reason);
        if (folder.isEmpty())
            break;
        if (const auto found = locateMovie(movie, {folder.toStdString()}))
            return qs(*found);
        reason = tr("No file named %1 with the saved movie's content is in %2.")
                     .arg(qs(movie.path.filename()), folder);
    }
    return {};
}

ProjectSession::~ProjectSession() = default;

std::unique_ptr<OpenProjectLock> ProjectSession::lockFor(const QString& path)
{
    if (m_lock && m_lock->holds(path))
        return std::move(m_lock);
    return std::make_unique<OpenProjectLock>(path); // throws insitu::Error when held elsewhere
}

OpenReport ProjectSession::open(const QString& path)
{
    OpenReport report;
    if (!isProjectFile(path)) {
        m_document->openMovieFile(path); // throws insitu::Error
        report.notes = notesOf(*m_document);
        addRecent(path);
        return report;
    }
    // The recovery file is this program's own; every other project is locked while open.
    std::unique_ptr<OpenProjectLock> lock = path == recoveryPath() ? nullptr : lockFor(path);
    Project project;
    try {
        project = loadProject(path.toStdString()); // throws insitu::Error
    } catch (...) {
        if (lock && !m_lock && lock->holds(m_document->fileName()))
            m_lock = std::move(lock); // reopening our own file failed: keep holding it
        throw;
    }
    std::shared_ptr<Movie> movie;
    bool relinked = false;
    if (!project.movies.empty()) {
        ProjectMovie& pm = project.movies.front();
        const QString found = locate(path, pm);
        if (found.isEmpty()) {
            report.movieError =
                tr("%1: the movie is not there and was not found elsewhere").arg(qs(pm.path));
        } else {
            if (found != qs(pm.path)) {
                report.relinkedFrom = qs(pm.path);
                pm.path = found.toStdString();
                relinked = true;
            }
            try {
                movie = openMovie(pm.path);
            } catch (const insitu::Error& e) {
                report.movieError = QString::fromStdString(e.what());
            }
        }
    }
    m_document->loadProjectValue(std::move(project), movie, path);
    m_lock = std::move(lock);
    if (relinked)
        m_document->markModified(); // the new place is saved with the next save
    report.notes = notesOf(*m_document);
    addRecent(path);
    return report;
}

void ProjectSession::save(const QString& path)
{
    Project project = m_document->projectToSave();
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
    std::unique_ptr<OpenProjectLock> lock = lockFor(path); // before anything is written
    try {
        saveProject(project, path.toStdString()); // throws insitu::Error
    } catch (...) {
        if (lock->holds(m_document->fileName()))
            m_lock = std::move(lock);
        throw;
    }
    m_lock = std::move(lock);
    m_document->setFileName(path);
    m_document->setClean();
    discardRecovery();
    addRecent(path);
}

void ProjectSession::setAutosaveIntervalMs(int intervalMs)
{
    m_autosaveTimer->stop();
    if (intervalMs > 0)
        m_autosaveTimer->start(intervalMs);
}

void ProjectSession::autosave()
{
    if (m_document->isClean() || m_document->project().movies.empty())
        return;
    try {
        saveProject(m_document->projectToSave(), recoveryPath().toStdString());
        QSettings().setValue(QStringLiteral("recovery/fileName"), m_document->fileName());
    } catch (const insitu::Error& e) {
        emit statusMessage(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())));
    }
}

QString ProjectSession::recoveryPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/recovery.h5");
}

bool ProjectSession::hasRecovery()
{
    return QFileInfo::exists(recoveryPath());
}

OpenReport ProjectSession::restoreRecovery()
{
    const QString path = recoveryPath();
    OpenReport report = open(path);
    // Unsaved and under its old name (or none): the user chooses where it goes.
    m_document->setFileName(QSettings().value(QStringLiteral("recovery/fileName")).toString());
    m_document->markModified();
    discardRecovery();
    return report;
}

void ProjectSession::discardRecovery()
{
    QFile::remove(recoveryPath());
}

QStringList ProjectSession::recentFiles()
{
    return QSettings().value(QStringLiteral("paths/recent")).toStringList();
}

void ProjectSession::addRecent(const QString& path)
{
    if (path == recoveryPath())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentFiles();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(QStringLiteral("paths/recent"), recent);
    emit recentFilesChanged();
}

} // namespace insitu::app
