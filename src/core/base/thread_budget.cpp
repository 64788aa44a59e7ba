// The calling thread's thread budget (thread_local: each batch worker sets its own).

#include "insitu/thread_budget.h"

#include <algorithm>

namespace insitu {

namespace {

thread_local int t_budget = 0;

} // namespace

int threadBudget()
{
    return t_budget;
}

ScopedThreadBudget::ScopedThreadBudget(int threads) : m_previous(t_budget)
{
    t_budget = std::max(0, threads);
}

ScopedThreadBudget::~ScopedThreadBudget()
{
    t_budget = m_previous;
}

int budgetedThreads(int defaultThreads)
{
    return t_budget == 0 ? defaultThreads : std::max(1, std::min(defaultThreads, t_budget));
}

} // namespace insitu
