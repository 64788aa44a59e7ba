#include "jobs/wire_band_job.h"

#include "document/commands/roi_commands.h"
#include "document/document.h"
#include "jobs/job_runner.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <algorithm>

namespace insitu::app {

WireBandJob::WireBandJob(Document* document, QObject* parent)
    : QObject(parent), m_document(document), m_runner(new JobRunner(this))
{
    // A new movie or project: measurements of the old one's ROIs no longer apply.
    connect(document, &Document::movieChanged, this, [this] {
        m_pending.clear();
        m_ownStep.clear();
    });
    connect(m_runner, &JobRunner::finished, this, &WireBandJob::startNext);
}

WireBandJob::~WireBandJob() = default;

void WireBandJob::request(int roiId, bool joinsCreation)
{
    if (!joinsCreation)
        m_ownStep.insert(roiId);
    m_pending.push_back(roiId);
    startNext();
}

bool WireBandJob::isBusy() const
{
    return m_runner->isBusy() || !m_pending.empty();
}

bool WireBandJob::isMeasuring(int roiId) const
{
    return (m_runner->isBusy() && m_running == roiId) ||
           std::find(m_pending.begin(), m_pending.end(), roiId) != m_pending.end();
}

void WireBandJob::waitForFinished()
{
    while (isBusy()) {
        m_runner->waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

void WireBandJob::startNext()
{
    while (!m_runner->isBusy() && !m_pending.empty()) {
        const int roiId = m_pending.front();
        m_pending.pop_front();
        const bool joinsCreation = m_ownStep.erase(roiId) == 0;
        const int index = m_document->roiIndex(roiId);
        if (index < 0 || !m_document->hasMovie())
            continue;
        const WireBandInputs inputs = wireBandInputs(*m_document, m_document->roi(index));
        Document* document = m_document;
        m_running = roiId;
        m_runner->run<WireBand>(
            tr("Measuring the wire"), [inputs](Progress&) { return bandWidthFromWire(inputs); },
            [this, document, inputs, roiId, joinsCreation](WireBand band) {
                const int now = document->roiIndex(roiId);
                const bool unchanged = now >= 0 && document->movie() == inputs.movie &&
                                       document->roi(now) == inputs.pathRoi;
                if (unchanged && band.band.widthPx != inputs.pathRoi.widthPx)
                    document->undoStack()->push(
                        new ApplyWireBand(document, roiId, band.band.widthPx, joinsCreation));
                emit measured(roiId, band, unchanged);
            });
    }
}

} // namespace insitu::app
