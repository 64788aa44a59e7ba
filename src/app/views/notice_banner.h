#pragma once
// NoticeBanner: a non-modal strip above the frame with what the program decided about the data.

#include <QFrame>
#include <QStringList>

class QLabel;

namespace insitu::app {

/// Shows notes the user must see (dropped channels, non-square pixels, a truncated movie, a
/// relinked or missing movie) without blocking; hidden until there is something to say, closed
/// by its button or replaced by the next movie's notes.
class NoticeBanner : public QFrame
{
    Q_OBJECT
public:
    explicit NoticeBanner(QWidget* parent = nullptr);

    /// Shows notes (hides the banner when empty).
    void showNotes(const QStringList& notes);
    [[nodiscard]] QStringList notes() const { return m_notes; }

private:
    QLabel* m_text;
    QStringList m_notes;
};

} // namespace insitu::app
