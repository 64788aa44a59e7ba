// OpenProjectLock: one window per project file in this process, one program across processes.

#include "project/open_project_lock.h"

#include "insitu/error.h"
#include "insitu/json_text.h"
#include "insitu/project/project_lock.h"

#include <filesystem>
#include <mutex>
#include <set>

namespace insitu::app {

namespace {

std::mutex& openMutex()
{
    static std::mutex mutex;
    return mutex;
}

/// The projects the windows of this process have open (their keys); guarded by openMutex().
std::set<std::string>& openProjects()
{
    static std::set<std::string> keys;
    return keys;
}

std::string keyOf(const QString& path)
{
    const std::filesystem::path file = path.toStdString();
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(file, ec);
    return ec ? std::filesystem::absolute(file).lexically_normal().string() : canonical.string();
}

} // namespace

OpenProjectLock::OpenProjectLock(const QString& path) : m_key(keyOf(path))
{
    std::lock_guard guard(openMutex());
    if (openProjects().count(m_key) != 0)
        throw Error(printableText(path.toStdString()) +
                    ": is open in another window of this program; close it there first");
    // ProjectWriteLocks of one process share the record lock, so the set is what refuses a
    // second window; the record lock refuses every other program.
    m_lock = std::make_unique<ProjectWriteLock>(path.toStdString());
    openProjects().insert(m_key);
}

OpenProjectLock::~OpenProjectLock()
{
    std::lock_guard guard(openMutex());
    openProjects().erase(m_key);
}

bool OpenProjectLock::holds(const QString& path) const
{
    return keyOf(path) == m_key;
}

} // namespace insitu::app
