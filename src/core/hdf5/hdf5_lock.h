#pragma once
// The one process-wide lock around every HDF5 call (Debian's libhdf5 is built without thread
// safety): the EMD readers and the project file both take it. Private to insitu_core.

#include <mutex>

namespace insitu::hdf5 {

/// The process-wide HDF5 mutex. Recursive, so a helper that locks may call another that does.
[[nodiscard]] std::recursive_mutex& mutex();

/// Holds mutex() for its lifetime: `const hdf5::Lock lock;` before any HDF5 call.
class Lock
{
public:
    Lock() : m_guard(mutex()) {}
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

private:
    std::lock_guard<std::recursive_mutex> m_guard;
};

} // namespace insitu::hdf5
