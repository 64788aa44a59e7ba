#include "help/help_dialogs.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be used outside any namespace; the resource lives in a static library.
static void initHelpResource()
{
    Q_INIT_RESOURCE(help);
}

namespace insitu::app {

namespace {
void collect(const QMenu* menu, const QString& path, QList<ShortcutEntry>& entries)
{
    for (QAction* action : menu->actions()) {
        const QString name = path + QStringLiteral(" ▸ ") + action->text().remove(QLatin1Char('&'));
        if (action->menu())
            collect(action->menu(), name, entries);
        else if (!action->shortcuts().isEmpty())
            entries.push_back({name, action->shortcuts()});
    }
}

QDialog* makeDialog(QWidget* parent, const QString& title, QWidget* content)
{
    auto* dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(content);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    return dialog;
}
} // namespace

QList<ShortcutEntry> menuShortcuts(const QWidget* window)
{
    QList<ShortcutEntry> entries;
    const auto* mainWindow = qobject_cast<const QMainWindow*>(window);
    if (!mainWindow)
        return entries;
    for (QAction* action : mainWindow->menuBar()->actions())
        if (action->menu())
            collect(action->menu(), action->text().remove(QLatin1Char('&')), entries);
    return entries;
}

QString userGuideMarkdown()
{
    initHelpResource();
    QFile file(QStringLiteral(":/help/user-guide.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void showUserGuide(QWidget* parent)
{
    auto* browser = new QTextBrowser;
    browser->setObjectName(QStringLiteral("userGuide"));
    browser->setOpenExternalLinks(true);
    browser->setMarkdown(userGuideMarkdown());
    QDialog* dialog = makeDialog(parent, QObject::tr("InSitu Workbench — user guide"), browser);
    dialog->resize(760, 820);
    dialog->show();
}

void showShortcutList(QWidget* window)
{
    const QList<ShortcutEntry> entries = menuShortcuts(window);
    auto* table = new QTableWidget(static_cast<int>(entries.size()), 2);
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setHorizontalHeaderLabels({QObject::tr("Command"), QObject::tr("Keys")});
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < entries.size(); ++row) {
        QStringList keys;
        for (const QKeySequence& key : entries[row].keys)
            keys << key.toString(QKeySequence::NativeText);
        table->setItem(row, 0, new QTableWidgetItem(entries[row].command));
        table->setItem(row, 1, new QTableWidgetItem(keys.join(QStringLiteral("  or  "))));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    QDialog* dialog = makeDialog(window, QObject::tr("Keyboard shortcuts"), table);
    dialog->resize(560, 640);
    dialog->show();
}

} // namespace insitu::app
