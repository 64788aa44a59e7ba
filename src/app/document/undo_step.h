#pragma once
// UndoStep: everything pushed while it lives is one undo step (one user action, one step).

#include <QString>
#include <QUndoStack>

namespace insitu::app {

/// Groups the commands pushed during its lifetime into one undo step (a QUndoStack macro), e.g.
/// re-tracking with a pin and the kinetics refit that follows it.
class UndoStep
{
public:
    UndoStep(QUndoStack* stack, const QString& text) : m_stack(stack) { m_stack->beginMacro(text); }
    ~UndoStep() { m_stack->endMacro(); }
    UndoStep(const UndoStep&) = delete;
    UndoStep& operator=(const UndoStep&) = delete;

private:
    QUndoStack* m_stack;
};

} // namespace insitu::app
