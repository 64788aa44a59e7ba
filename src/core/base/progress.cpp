#include "insitu/progress.h"

#include "insitu/error.h"

namespace insitu {

namespace {
/// Progress that does nothing: for tests and callers that do not report.
class NullProgress final : public Progress
{
public:
    void start(int, std::string_view) override {}
    void advance(int) override {}
    [[nodiscard]] bool isCanceled() const override { return false; }
};
} // namespace

Progress& Progress::none()
{
    static NullProgress instance;
    return instance;
}

void CallbackProgress::start(int totalSteps, std::string_view label)
{
    m_label = label;
    m_total.store(totalSteps);
    m_done.store(0);
    if (m_callback)
        m_callback(0, totalSteps, m_label);
}

void CallbackProgress::advance(int steps)
{
    if (m_canceled.load())
        throw Canceled();
    const int done = m_done.fetch_add(steps) + steps;
    if (m_callback)
        m_callback(done, m_total.load(), m_label);
}

} // namespace insitu
