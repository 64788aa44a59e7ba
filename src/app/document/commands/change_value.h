#pragma once
// ChangeValue<Field>: the one undoable "set this document value" command (calibration, options),
// and ReplaceValue<Field>, its never-merging form for named user actions (a run, a hand fix).

#include "document/commands/command_ids.h"

#include <QString>
#include <QUndoCommand>

#include <utility>

namespace insitu::app {

class Document;

/// Sets one value of the Document described by Field, which provides
///   using Value = ...;                        // comparable with ==
///   static Value get(const Document&);
///   static void set(Document&, const Value&);
///   static QString text();                    // the undo step's name
/// Consecutive changes of the same field merge into one undo step (a spin box being typed in or
/// dragged is one step); a merge that returns to the original value removes the step.
template <typename Field> class ChangeValue : public QUndoCommand
{
public:
    using Value = typename Field::Value;

    ChangeValue(Document* document, Value value, QUndoCommand* parent = nullptr)
        : QUndoCommand(Field::text(), parent), m_document(document), m_value(std::move(value)),
          m_original(Field::get(*document))
    {
    }

    void redo() override { swap(); }
    void undo() override { swap(); }

    /// One id per Field, from the one allocator.
    [[nodiscard]] int id() const override { return commandId(); }
    [[nodiscard]] static int commandId()
    {
        static const int id = newCommandId();
        return id;
    }

    bool mergeWith(const QUndoCommand* other) override
    {
        if (static_cast<const ChangeValue*>(other)->m_document != m_document)
            return false;
        // m_value holds the value before this step; the document holds the newest one.
        setObsolete(Field::get(*m_document) == m_original);
        return true;
    }

private:
    void swap()
    {
        Value current = Field::get(*m_document);
        Field::set(*m_document, m_value);
        m_value = std::move(current);
    }

    Document* m_document;
    Value m_value;    // the value to set on the next redo/undo (swapped each time)
    Value m_original; // the value before the first change, to detect a merge back to it
};

/// Sets one value of the Document described by Field (get and set as for ChangeValue; no text)
/// as one user action named text that never merges with the next: a run's result, a hand fix,
/// a spot mask added or removed.
template <typename Field> class ReplaceValue : public QUndoCommand
{
public:
    using Value = typename Field::Value;

    ReplaceValue(Document* document, Value value, const QString& text,
                 QUndoCommand* parent = nullptr)
        : QUndoCommand(text, parent), m_document(document), m_value(std::move(value))
    {
    }

    void redo() override
    {
        Value current = Field::get(*m_document);
        Field::set(*m_document, std::move(m_value));
        m_value = std::move(current);
    }
    void undo() override { redo(); }

private:
    Document* m_document;
    Value m_value; ///< swapped with the document's on each step
};

} // namespace insitu::app
