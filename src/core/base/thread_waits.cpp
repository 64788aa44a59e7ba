// The calling thread's wait totals (thread_local) and its line of /proc/thread-self/schedstat.

#include "insitu/thread_waits.h"

#include <chrono>
#include <fstream>

namespace insitu {

namespace {

thread_local ThreadWaits t_waits;

} // namespace

ThreadWaits threadWaits()
{
    return t_waits;
}

void addThreadWait(WaitKind kind, double seconds)
{
    switch (kind) {
    case WaitKind::Hdf5Lock:
        t_waits.hdf5LockS += seconds;
        return;
    case WaitKind::FftwPlanner:
        t_waits.fftwPlannerS += seconds;
        return;
    case WaitKind::MovieLock:
        t_waits.movieLockS += seconds;
        return;
    case WaitKind::FrameRead:
        t_waits.frameReadS += seconds;
        return;
    case WaitKind::ProjectSave:
        t_waits.projectSaveS += seconds;
        return;
    }
}

SchedulerTimes threadSchedulerTimes()
{
    // "<ns on a CPU> <ns waiting in the run queue> <timeslices>" (Linux, CONFIG_SCHED_INFO)
    std::ifstream in("/proc/thread-self/schedstat");
    double onCpuNs = 0;
    double runQueueNs = 0;
    SchedulerTimes times;
    if (in >> onCpuNs >> runQueueNs) {
        times.onCpuS = onCpuNs * 1e-9;
        times.runQueueS = runQueueNs * 1e-9;
        times.known = true;
    }
    return times;
}

double waitClockS()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace insitu
