#include "insitu/project/project_lock.h"

#include "insitu/error.h"
#include "insitu/json_text.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace insitu {

namespace {

/// Lock files this process holds: descriptor and count of ProjectWriteLocks sharing it.
/// POSIX record locks belong to the process and vanish when any descriptor of the file is
/// closed, so each lock file is opened once here and closed with its last holder.
struct HeldLock
{
    int fd = -1;
    int holders = 0;
};

std::mutex& heldMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::map<std::string, HeldLock>& held()
{
    static std::map<std::string, HeldLock> locks; // guarded by heldMutex()
    return locks;
}

std::string keyOf(const std::filesystem::path& lockPath)
{
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(lockPath, ec);
    return ec ? std::filesystem::absolute(lockPath).lexically_normal().string()
              : canonical.string();
}

} // namespace

std::filesystem::path projectLockPath(const std::filesystem::path& project)
{
    return project.parent_path() / (project.filename().string() + ".lock");
}

ProjectWriteLock::ProjectWriteLock(const std::filesystem::path& project)
    : m_lockPath(projectLockPath(project))
{
    const std::string name = printableText(project.string());
    std::lock_guard guard(heldMutex());
    HeldLock& lock = held()[keyOf(m_lockPath)];
    if (lock.holders > 0) {
        ++lock.holders;
        return;
    }
    const int fd = ::open(m_lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        held().erase(keyOf(m_lockPath));
        throw Error(name + ": cannot create the lock file " + printableText(m_lockPath.string()) +
                    " (" + std::strerror(errno) + ")");
    }
    struct flock request
    {
    };
    request.l_type = F_WRLCK;
    request.l_whence = SEEK_SET;
    if (::fcntl(fd, F_SETLK, &request) != 0) {
        struct flock holder
        {
        };
        holder.l_type = F_WRLCK;
        holder.l_whence = SEEK_SET;
        const bool known = ::fcntl(fd, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK;
        ::close(fd);
        held().erase(keyOf(m_lockPath));
        throw Error(name + ": is being written by another program" +
                    (known ? " (process " + std::to_string(holder.l_pid) + ")" : std::string()) +
                    "; close it there first (lock " + printableText(m_lockPath.string()) + ")");
    }
    lock.fd = fd;
    lock.holders = 1;
}

ProjectWriteLock::~ProjectWriteLock()
{
    std::lock_guard guard(heldMutex());
    auto it = held().find(keyOf(m_lockPath));
    if (it == held().end() || --it->second.holders > 0)
        return;
    ::close(it->second.fd); // releases the record lock; the lock file stays (no unlink race)
    held().erase(it);
}

std::vector<std::filesystem::path> removeStaleTemporaries(const std::filesystem::path& project)
{
    std::vector<std::filesystem::path> removed;
    const std::string prefix = project.filename().string() + ".tmp-";
    const auto folder = project.has_parent_path() ? project.parent_path() : ".";
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(folder, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::string file = it->path().filename().string();
        // exactly the mkstemp pattern "<name>.tmp-XXXXXX" of saveProject, regular files only
        if (file.size() != prefix.size() + 6 || file.rfind(prefix, 0) != 0 ||
            !it->is_regular_file(ec))
            continue;
        if (std::filesystem::remove(it->path(), ec))
            removed.push_back(it->path());
    }
    return removed;
}

} // namespace insitu
