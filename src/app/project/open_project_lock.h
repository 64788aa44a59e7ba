#pragma once
// OpenProjectLock: the write lock a window holds on the project file it has open, so that a
// second window of this program or another program (a CLI, a second workbench) writing the
// same file is refused with a clear message instead of the last writer winning silently.

#include <QString>

#include <memory>
#include <string>

namespace insitu {
class ProjectWriteLock;
}

namespace insitu::app {

class OpenProjectLock
{
public:
    /// Takes the lock of the project at path. Throws insitu::Error "<path>: is open in another
    /// window …" or "<path>: is being written by another program (process N) …". A lock left
    /// by a program that crashed is not held (the system drops it with the process): taken.
    explicit OpenProjectLock(const QString& path);
    ~OpenProjectLock();
    OpenProjectLock(const OpenProjectLock&) = delete;
    OpenProjectLock& operator=(const OpenProjectLock&) = delete;

    /// True when this is the lock of the file at path (compared as absolute, resolved paths).
    [[nodiscard]] bool holds(const QString& path) const;

private:
    std::string m_key; // the resolved path, unique among the locks of this process
    std::unique_ptr<ProjectWriteLock> m_lock;
};

} // namespace insitu::app
