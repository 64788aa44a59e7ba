#include "jobs/job_runner.h"

#include <QCoreApplication>

namespace insitu::app {

JobRunner::~JobRunner()
{
    cancel();
    if (m_wait)
        m_wait();
}

void JobRunner::cancel()
{
    if (m_cancel)
        m_cancel();
}

void JobRunner::waitForFinished()
{
    while (m_busy) {
        if (m_wait)
            m_wait();
        // The finished signal is queued to this thread; deliver it.
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

} // namespace insitu::app
