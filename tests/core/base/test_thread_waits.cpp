// The per-thread wait counters (insitu/thread_waits.h): a contended lock counts the time it was
// blocked on the thread that waited, an uncontended one counts nothing, and the kernel's
// on-CPU time of the thread grows with its own work only.
#include "insitu/thread_waits.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

using namespace insitu;

TEST_CASE("lockCounted counts the blocked time of the waiting thread only", "[thread-waits]")
{
    std::mutex mutex;
    const ThreadWaits before = threadWaits();
    {
        const auto free = lockCounted(mutex, WaitKind::MovieLock);
        CHECK(free.owns_lock());
    }
    CHECK(threadWaits().movieLockS == before.movieLockS); // not contended: nothing counted

    std::promise<void> locked;
    double holderWaitS = -1;
    std::thread holder([&] {
        const std::lock_guard hold(mutex);
        locked.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(60));
        holderWaitS = threadWaits().movieLockS;
    });
    locked.get_future().wait(); // the holder has the mutex and keeps it ≥ 60 ms
    {
        const auto waited = lockCounted(mutex, WaitKind::MovieLock);
        CHECK(waited.owns_lock());
    }
    holder.join();
    const ThreadWaits after = threadWaits();
    CHECK(after.movieLockS - before.movieLockS >= 0.03);
    CHECK(after.hdf5LockS == before.hdf5LockS); // counted under its own kind
    CHECK(holderWaitS == 0);                    // a new thread starts from zero
}

TEST_CASE("CountedWait adds its lifetime; the scheduler's account is the thread's own",
          "[thread-waits]")
{
    const double before = threadWaits().projectSaveS;
    {
        const CountedWait saving(WaitKind::ProjectSave);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(threadWaits().projectSaveS - before >= 0.015);

    const SchedulerTimes start = threadSchedulerTimes();
    if (!start.known) {
        WARN("skipped: no /proc/thread-self/schedstat on this system");
        return;
    }
    volatile double sum = 0;
    const double untilS = waitClockS() + 0.05;
    while (waitClockS() < untilS)
        sum = sum + 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50)); // asleep: not on a CPU
    const SchedulerTimes end = threadSchedulerTimes();
    const double onCpuS = end.onCpuS - start.onCpuS;
    const double queuedS = end.runQueueS - start.runQueueS;
    CHECK(onCpuS > 0);
    CHECK(onCpuS + queuedS > 0.04); // the busy 50 ms, on a CPU or waiting for one
    CHECK(onCpuS < 0.05 + 0.04);    // not the sleep (slack for a stale tick at each end)
}
