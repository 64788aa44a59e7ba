// The window on a 1600 × 1000 screen (issue #13): its minimum size (docks included, with a movie
// and results shown) fits the screen, and on showing it is shrunk and moved into the screen.

#include <catch2/catch.hpp>

#include "main_window.h"

#include "support/test_paths.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>

using namespace insitu;

namespace {

void settle()
{
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
}

} // namespace

TEST_CASE("the window fits a 1600 × 1000 screen", "[app][screen]")
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const QRect screen(0, 0, 1600, 1000);
    app::MainWindow window;
    window.show();
    settle();
    // every dock is open, as on first start
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>())
        CHECK_FALSE(dock->isHidden());
    CHECK(window.minimumSizeHint().width() <= screen.width());
    CHECK(window.minimumSizeHint().height() <= screen.height());

    SECTION("as it opens")
    {
        window.fitToScreen(screen);
        settle();
        CHECK(screen.contains(window.frameGeometry()));
    }
    SECTION("made larger than the screen and placed off it")
    {
        window.resize(2400, 1500);
        window.move(300, 200);
        settle();
        window.fitToScreen(screen);
        settle();
        INFO("frame " << window.frameGeometry().width() << " × " << window.frameGeometry().height()
                      << " at " << window.frameGeometry().x() << ", "
                      << window.frameGeometry().y());
        CHECK(screen.contains(window.frameGeometry()));
        CHECK(window.height() >= 0.8 * screen.height()); // shrunk to the screen, not beyond
    }
    SECTION("with a movie open")
    {
        const auto sample = test::sourceDir() / "data/samples/nanowire-front.tif";
        REQUIRE(window.openPath(QString::fromStdString(sample.string())));
        settle();
        CHECK(window.minimumSizeHint().height() <= screen.height());
        window.fitToScreen(screen);
        settle();
        CHECK(screen.contains(window.frameGeometry()));
    }
}
