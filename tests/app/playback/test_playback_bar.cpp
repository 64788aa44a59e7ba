// PlaybackBar: stepping stays inside the movie; playback waits for each frame (never skips).

#include <catch2/catch.hpp>

#include "playback/playback_bar.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <vector>

using insitu::app::PlaybackBar;

TEST_CASE("stepping is clamped to the movie and every change is requested once", "[app]")
{
    PlaybackBar bar;
    std::vector<int> requested;
    QObject::connect(&bar, &PlaybackBar::frameRequested,
                     [&](int frame) { requested.push_back(frame); });
    bar.setFrameCount(5);
    CHECK(bar.currentFrame() == 0);
    bar.step(1);
    bar.step(1);
    bar.step(-1);
    bar.lastFrame();
    bar.step(3); // already at the end: nothing
    bar.firstFrame();
    bar.step(-1); // already at the start: nothing
    CHECK(requested == std::vector<int>{1, 2, 1, 4, 0});
    bar.setFrameCount(0);
    bar.step(1);
    CHECK(requested.size() == 5);
}

TEST_CASE("playback asks for the next frame only once the last one is on screen", "[app]")
{
    PlaybackBar bar;
    bar.setFrameCount(6);
    bar.setFps(200);
    std::vector<int> requested;
    QObject::connect(&bar, &PlaybackBar::frameRequested,
                     [&](int frame) { requested.push_back(frame); });
    bar.play();
    REQUIRE(bar.isPlaying());
    // A reader that never delivers: playback stays on the first frame it asked for.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 100)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    CHECK(requested == std::vector<int>{1});
    // Each frame shown lets the next one be asked for, in order, to the end; then it stops.
    clock.restart();
    while (bar.isPlaying() && clock.elapsed() < 5000) {
        bar.frameShown(bar.currentFrame());
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    CHECK_FALSE(bar.isPlaying());
    CHECK(requested == std::vector<int>{1, 2, 3, 4, 5});
}
