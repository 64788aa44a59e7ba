#pragma once
// The one process-wide lock around every HDF5 call (Debian's libhdf5 is built without thread
// safety): the EMD readers and the project file both take it. Private to insitu_core.

#include "insitu/thread_waits.h"

#include <mutex>

namespace insitu::hdf5 {

/// The process-wide HDF5 mutex. Recursive, so a helper that locks may call another that does.
[[nodiscard]] std::recursive_mutex& mutex();

/// Holds mutex() for its lifetime: `const hdf5::Lock lock;` before any HDF5 call. Time spent
/// blocked counts as the thread's WaitKind::Hdf5Lock.
class Lock
{
public:
    Lock() : m_guard(lockCounted(mutex(), WaitKind::Hdf5Lock)) {}
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

private:
    std::unique_lock<std::recursive_mutex> m_guard;
};

} // namespace insitu::hdf5
