#pragma once
// Undoable ROI edits: add, remove, change (geometry, name, colour, width), band from the wire.

#include "document/commands/command_ids.h"
#include "document/result_inputs.h"

#include "insitu/project/project.h"

#include <QUndoCommand>

#include <optional>

namespace insitu::app {

class Document;

/// Adds an ROI at the end of the current movie's list. The band width measured for it right
/// after (ApplyWireBand, pushed while this is the last step) joins this step.
class AddRoi : public QUndoCommand
{
public:
    AddRoi(Document* document, Roi roi, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    [[nodiscard]] int id() const override { return addRoiCommandId(); }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* m_document;
    Roi m_roi;
    int m_index = -1;
};

/// Removes an ROI, together with the fronts tracked on it.
class RemoveRoi : public QUndoCommand
{
public:
    RemoveRoi(Document* document, int index, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    int m_index;
    Roi m_roi;
    std::optional<ProjectFronts> m_fronts;
    std::optional<FrontsInputs> m_frontsInputs; ///< what the removed fronts were computed from
};

/// Replaces an ROI with a new value. With mergeKey non-zero (from newCommandId(), one per drag or
/// edit session), consecutive changes of the same ROI with the same key fold into one step, so a
/// drag is one undo step.
class ChangeRoi : public QUndoCommand
{
public:
    ChangeRoi(Document* document, int index, Roi roi, const QString& text, int mergeKey = 0,
              QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    [[nodiscard]] int id() const override { return changeRoiCommandId(); }
    bool mergeWith(const QUndoCommand* other) override;

private:
    void swap();

    Document* m_document;
    int m_index;
    Roi m_roi;      // the value to set on the next redo/undo (swapped each time)
    Roi m_original; // value before the first edit, to detect no-op merges
    int m_mergeKey;
};

/// Sets the band width of the path ROI roiId to the one measured from the wire under it (the
/// end of a WireBandJob). Pushed right after the ROI's AddRoi, it joins that step.
class ApplyWireBand : public QUndoCommand
{
public:
    /// joinsCreation: merge into the ROI's AddRoi step when that is the last one (a new path);
    /// false for a measurement the user asked for later, always its own step.
    ApplyWireBand(Document* document, int roiId, double widthPx, bool joinsCreation = true,
                  QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    [[nodiscard]] int id() const override { return m_joinsCreation ? addRoiCommandId() : -1; }
    [[nodiscard]] int roiId() const { return m_roiId; }
    [[nodiscard]] const Document* document() const { return m_document; }

private:
    void setWidth(double widthPx);

    Document* m_document;
    int m_roiId;
    double m_widthPx;
    double m_previousPx = 0;
    bool m_joinsCreation;
};

} // namespace insitu::app
