#pragma once
// Where a thread's wall time goes besides computing: the time it waited for the shared locks
// (HDF5, the FFTW planner, a movie's reader), read frames and wrote projects, and the kernel's
// account of its time on a CPU and in the run queue (/proc/thread-self/schedstat). Counted per
// thread and always on (one clock read per contended lock, per frame read and per save), so a
// batch can say why its jobs did not overlap; bench_batch reports it.

#include <mutex>

namespace insitu {

/// What a thread waited for.
enum class WaitKind { Hdf5Lock, FftwPlanner, MovieLock, FrameRead, ProjectSave };

/// The calling thread's totals (s) since it started.
struct ThreadWaits
{
    double hdf5LockS = 0;    ///< blocked on the process-wide HDF5 lock
    double fftwPlannerS = 0; ///< blocked on the FFTW planner's lock
    double movieLockS = 0;   ///< blocked on a movie's reader/cache lock
    double frameReadS = 0;   ///< reading frames from files (I/O and decoding)
    double projectSaveS = 0; ///< writing project files (HDF5 and fsync)
};

[[nodiscard]] ThreadWaits threadWaits();
void addThreadWait(WaitKind kind, double seconds);

/// The kernel's account of the calling thread (0 and known = false where schedstat is absent).
struct SchedulerTimes
{
    double onCpuS = 0;    ///< running on a CPU
    double runQueueS = 0; ///< runnable, waiting for a CPU (other load, steal excluded)
    bool known = false;
};

[[nodiscard]] SchedulerTimes threadSchedulerTimes();

/// Seconds on a monotonic clock (for the differences the waits are made of).
[[nodiscard]] double waitClockS();

/// Locks mutex, adding the time spent blocked (if any) to the calling thread's `kind` total.
template <class Mutex>
[[nodiscard]] std::unique_lock<Mutex> lockCounted(Mutex& mutex, WaitKind kind)
{
    std::unique_lock<Mutex> lock(mutex, std::try_to_lock);
    if (!lock.owns_lock()) {
        const double start = waitClockS();
        lock.lock();
        addThreadWait(kind, waitClockS() - start);
    }
    return lock;
}

/// Adds the time of its lifetime to the calling thread's `kind` total.
class CountedWait
{
public:
    explicit CountedWait(WaitKind kind) : m_kind(kind), m_startS(waitClockS()) {}
    ~CountedWait() { addThreadWait(m_kind, waitClockS() - m_startS); }
    CountedWait(const CountedWait&) = delete;
    CountedWait& operator=(const CountedWait&) = delete;

private:
    WaitKind m_kind;
    double m_startS;
};

} // namespace insitu
