#pragma once
// The thread budget: how many threads an analysis started on this thread may keep busy. A
// batch with --jobs N gives each movie's thread cores / N, so that N movies at once do not
// oversubscribe the machine; elsewhere the budget is unlimited (analyses use their default).
// The budget changes only how the work is spread, never a result.

namespace insitu {

/// The budget of the calling thread: 0 = unlimited (each analysis's default), else ≥ 1.
[[nodiscard]] int threadBudget();

/// Sets the calling thread's budget for its lifetime, then restores the previous one.
class ScopedThreadBudget
{
public:
    explicit ScopedThreadBudget(int threads);
    ~ScopedThreadBudget();
    ScopedThreadBudget(const ScopedThreadBudget&) = delete;
    ScopedThreadBudget& operator=(const ScopedThreadBudget&) = delete;

private:
    int m_previous;
};

/// Threads an analysis may use: its default when the budget is unlimited, else at most the
/// budget (and at least 1).
[[nodiscard]] int budgetedThreads(int defaultThreads);

} // namespace insitu
