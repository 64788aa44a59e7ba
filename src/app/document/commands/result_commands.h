#pragma once
// Undoable results: applying a drift measurement or a front tracking run to the document.

#include "document/result_inputs.h"

#include "insitu/project/project.h"

#include <QUndoCommand>

#include <optional>

namespace insitu::app {

class Document;

/// Replaces the current movie's drift result (nullopt clears it).
class SetDrift : public QUndoCommand
{
public:
    SetDrift(Document* document, std::optional<ProjectDrift> drift, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::optional<ProjectDrift> m_drift;
};

/// Replaces the fronts tracked on one ROI (nullopt clears them) together with the inputs they
/// were computed from (nullopt: keep the recorded ones), so undo restores both. A tracking run
/// (Kind::Track) and the fit pushed right after it (Kind::Fit) are one undo step.
class SetFronts : public QUndoCommand
{
public:
    enum class Kind { Edit, Track, Fit };
    SetFronts(Document* document, int roiId, std::optional<ProjectFronts> fronts,
              const QString& text, std::optional<FrontsInputs> inputs = std::nullopt,
              Kind kind = Kind::Edit, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    [[nodiscard]] int id() const override;
    /// Joins a Fit of the same ROI into the Track just before it (once).
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* m_document;
    int m_roiId;
    std::optional<ProjectFronts> m_fronts;
    std::optional<FrontsInputs> m_inputs;
    Kind m_kind;
    bool m_fitJoined = false;
};

} // namespace insitu::app
