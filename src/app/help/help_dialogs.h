#pragma once
// Help ▸ User guide (the guide built into the program) and Help ▸ Keyboard shortcuts (the list
// generated from the window's actions).

#include <QKeySequence>
#include <QList>
#include <QString>

class QWidget;

namespace insitu::app {

/// One keyboard shortcut of the window: what it does (menu path) and its keys.
struct ShortcutEntry
{
    QString command; ///< e.g. "View ▸ Zoom in"
    QList<QKeySequence> keys;
};

/// Every action of window's menu bar that has a shortcut, in menu order (menus recursed).
[[nodiscard]] QList<ShortcutEntry> menuShortcuts(const QWidget* window);

/// The user guide (docs/user-guide.md, built into the program) as Markdown text.
[[nodiscard]] QString userGuideMarkdown();

/// Shows the user guide in a non-modal window.
void showUserGuide(QWidget* parent);
/// Shows the list of keyboard shortcuts generated from window's menus.
void showShortcutList(QWidget* window);

} // namespace insitu::app
