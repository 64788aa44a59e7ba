#include <catch2/catch.hpp>

#include "main_window.h"
#include "views/frame_view.h"

#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QTimer>

TEST_CASE("the main window has the five menus", "[app]")
{
    insitu::app::MainWindow window;
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text().remove(QLatin1Char('&'));
    CHECK(titles == QStringList{QStringLiteral("File"), QStringLiteral("Edit"),
                                QStringLiteral("View"), QStringLiteral("Analysis"),
                                QStringLiteral("Help")});
}

TEST_CASE("opening a missing file shows a message and keeps the window usable", "[app]")
{
    insitu::app::MainWindow window;
    QTimer::singleShot(0, [] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QMessageBox*>(w))
                box->accept();
    });
    CHECK_FALSE(window.openPath(QStringLiteral("/no/such/movie.tif")));
    CHECK(window.movie() == nullptr);
}
