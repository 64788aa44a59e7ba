#pragma once
// Undoable changes of the current movie's calibration override and drift settings.

#include "insitu/project/project.h"

#include <QUndoCommand>

namespace insitu::app {

class Document;

/// Sets the calibration override (pixel size, frame interval, time zero); repeated edits merge.
class ChangeCalibration : public QUndoCommand
{
public:
    ChangeCalibration(Document* document, CalibrationOverride value, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* m_document;
    CalibrationOverride m_value;
    CalibrationOverride m_original;
};

/// Sets the drift options (reference, region, ...); repeated edits merge.
class ChangeDriftOptions : public QUndoCommand
{
public:
    ChangeDriftOptions(Document* document, DriftOptions value, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* m_document;
    DriftOptions m_value;
    DriftOptions m_original;
};

} // namespace insitu::app
