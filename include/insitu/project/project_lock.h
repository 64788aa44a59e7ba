#pragma once
// One writer per project file: an advisory lock on "<project>.lock" beside it, held by
// saveProject while it writes and by a document for as long as it has the project open, and
// removal of the "<project>.tmp-XXXXXX" files an interrupted save left behind.

#include <filesystem>
#include <vector>

namespace insitu {

/// Holds the write lock of one project path (fcntl record lock on "<path>.lock"). Several
/// locks on one path within this process share it; another process is refused.
class ProjectWriteLock
{
public:
    /// Throws insitu::Error "<path>: is being written by another program (process N) …"
    /// when another process holds the lock.
    explicit ProjectWriteLock(const std::filesystem::path& project);
    ~ProjectWriteLock();
    ProjectWriteLock(const ProjectWriteLock&) = delete;
    ProjectWriteLock& operator=(const ProjectWriteLock&) = delete;

private:
    std::filesystem::path m_lockPath;
};

/// "<project>.lock" (the file the lock is taken on; it stays in place).
[[nodiscard]] std::filesystem::path projectLockPath(const std::filesystem::path& project);

/// Removes the temporaries "<project>.tmp-XXXXXX" of interrupted saves; returns those removed.
/// Call only while holding the project's ProjectWriteLock (no save is then under way).
std::vector<std::filesystem::path> removeStaleTemporaries(const std::filesystem::path& project);

} // namespace insitu
