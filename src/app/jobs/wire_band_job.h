#pragma once
// WireBandJob: measures the wire under new path ROIs off the GUI thread and gives them the
// core's band width when it ends, in the undo step that created the ROI.

#include "document/band_width.h"

#include <QObject>

#include <deque>
#include <set>

namespace insitu::app {

class Document;
class JobRunner;

/// Runs bandWidthFromWire for path ROIs the user drew (one job at a time, the others queued, on
/// its own JobRunner so it never waits for a tracking run). When a measurement ends and its ROI
/// is unchanged, the ROI's band width becomes the measured one with an ApplyWireBand command,
/// which joins the ROI's AddRoi step when that is still the last step (else it is its own step,
/// "Band width from the wire"). A moved or edited ROI keeps its width.
class WireBandJob : public QObject
{
    Q_OBJECT
public:
    explicit WireBandJob(Document* document, QObject* parent = nullptr);
    ~WireBandJob() override;

    /// Queues the measurement of the wire under the path ROI roiId as it is now. joinsCreation:
    /// a path just drawn (its band joins the AddRoi step); false: the user asked for it later
    /// (its own undo step).
    void request(int roiId, bool joinsCreation = true);
    [[nodiscard]] bool isBusy() const;
    /// True while the wire under roiId is queued or being measured.
    [[nodiscard]] bool isMeasuring(int roiId) const;
    /// Blocks until every queued measurement ended and was applied (tests, scripted starts).
    void waitForFinished();

signals:
    /// A measurement of the ROI roiId ended; applied says whether the ROI took its band.
    void measured(int roiId, const insitu::app::WireBand& band, bool applied);

private:
    void startNext();

    Document* m_document;
    JobRunner* m_runner;
    std::deque<int> m_pending; ///< ROI ids waiting for the runner
    int m_running = 0;         ///< ROI id being measured, 0 for none
    std::set<int> m_ownStep;   ///< ROI ids whose band is its own undo step (asked for later)
};

} // namespace insitu::app
