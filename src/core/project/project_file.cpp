#include "insitu/project/project_file.h"

#include "hdf5_handles.h"
#include "project_layout.h"
#include "project_migrations.h"

#include "insitu/error.h"
#include "insitu/project/project_lock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace insitu {

namespace {

std::function<void(std::string_view)> g_stageHook;

std::string prefixed(const std::filesystem::path& path, const std::string& what)
{
    return path.string() + ": " + what;
}

void fsyncPath(const std::filesystem::path& path, int flags)
{
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

/// Creates an empty, uniquely named temporary beside target and returns its path.
std::filesystem::path makeTemporaryBeside(const std::filesystem::path& target)
{
    std::string pattern =
        (target.parent_path() / (target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw Error(prefixed(target, std::string("cannot create a temporary file in its folder (") +
                                         std::strerror(errno) + ")"));
    // Keep the permissions of the file being replaced; a new project gets rw-r--r--.
    struct stat existing
    {
    };
    const mode_t mode = ::stat(target.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
    ::fchmod(fd, mode);
    ::close(fd);
    return pattern;
}

/// Removes the temporary unless it was renamed into place.
class TemporaryGuard
{
public:
    explicit TemporaryGuard(std::filesystem::path path) : m_path(std::move(path)) {}
    ~TemporaryGuard()
    {
        if (!m_released) {
            std::error_code ignored;
            std::filesystem::remove(m_path, ignored);
        }
    }
    TemporaryGuard(const TemporaryGuard&) = delete;
    TemporaryGuard& operator=(const TemporaryGuard&) = delete;
    void release() { m_released = true; }

private:
    std::filesystem::path m_path;
    bool m_released = false;
};

void stage(std::string_view name)
{
    if (g_stageHook)
        g_stageHook(name);
}

} // namespace

void saveProject(const Project& project, const std::filesystem::path& path)
{
    const std::filesystem::path target =
        path.has_parent_path() ? path : std::filesystem::path(".") / path;
    if (std::error_code ec; !std::filesystem::is_directory(target.parent_path(), ec))
        throw Error(prefixed(path, "cannot save: folder " + target.parent_path().string() +
                                       " does not exist"));
    if (std::error_code ec; std::filesystem::is_directory(target, ec))
        throw Error(prefixed(path, "cannot save: it is a folder"));

    const ProjectWriteLock writeLock(target); // a second writer is refused while we write
    removeStaleTemporaries(target);           // left by saves that were killed
    const std::filesystem::path temporary = makeTemporaryBeside(target);
    TemporaryGuard guard(temporary);
    {
        const hdf5::Lock lock; // the process-wide HDF5 lock, shared with the EMD readers
        h5::ErrorSilencer silencer;
        try {
            h5::Handle file = h5::createFile(temporary);
            layout::writeProject(file.id(), project, stage);
            if (H5Fflush(file.id(), H5F_SCOPE_GLOBAL) < 0)
                throw Error("cannot flush");
            stage("before-close");
            if (!file.reset())
                throw Error("cannot close");
        } catch (const Error& e) {
            throw Error(prefixed(path, std::string("cannot save project: ") + e.what()));
        }
    }
    fsyncPath(temporary, O_RDONLY);
    stage("before-rename");
    std::error_code ec;
    std::filesystem::rename(temporary, target, ec);
    if (ec)
        throw Error(prefixed(path, "cannot save project: rename failed (" + ec.message() + ")"));
    guard.release();
    fsyncPath(target.parent_path(), O_RDONLY | O_DIRECTORY);
}

Project loadProject(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(prefixed(path, "no such file"));
    if (std::filesystem::is_directory(path, ec))
        throw Error(prefixed(path, "is a folder, not a project file"));

    try { // temporaries of killed saves go, unless another program is writing right now
        const ProjectWriteLock writeLock(path);
        removeStaleTemporaries(path);
    } catch (const Error&) {
    }

    const hdf5::Lock lock; // the process-wide HDF5 lock, shared with the EMD readers
    h5::ErrorSilencer silencer;
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw Error(prefixed(path, "not an HDF5 file, so not an InSitu Workbench project"));
    h5::Handle file;
    try {
        file = h5::openFileReadOnly(path);
    } catch (const Error& e) {
        throw Error(prefixed(path, e.what()));
    }
    int version = 0;
    try {
        if (!h5::hasAttribute(file.id(), "format_version"))
            throw Error(prefixed(path, "not an InSitu Workbench project (no root attribute "
                                       "format_version)"));
        const auto stored = h5::readIntAttribute(file.id(), "format_version");
        if (stored < 1)
            throw Error(prefixed(path, "bad project format_version " + std::to_string(stored)));
        if (stored > kProjectFormatVersion)
            throw Error(prefixed(path, "project format_version " + std::to_string(stored) +
                                           " is newer than this program reads (" +
                                           std::to_string(kProjectFormatVersion) +
                                           "); update InSitu Workbench"));
        version = static_cast<int>(stored);
    } catch (const Error& e) {
        const std::string what = e.what();
        if (what.rfind(path.string(), 0) == 0)
            throw;
        throw Error(prefixed(path, "damaged project: " + what));
    }
    try {
        return migrations::readAndMigrate(file.id(), version);
    } catch (const Error& e) {
        throw Error(prefixed(path, std::string("damaged project: ") + e.what()));
    } catch (const std::exception& e) {
        throw Error(prefixed(path, std::string("damaged project: ") + e.what()));
    }
}

namespace detail {
void setSaveStageHookForTesting(std::function<void(std::string_view stage)> hook)
{
    g_stageHook = std::move(hook);
}
} // namespace detail

} // namespace insitu
