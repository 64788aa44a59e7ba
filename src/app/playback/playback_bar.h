#pragma once
// PlaybackBar: the row under the frame — play/pause, frame slider and number, playback rate.

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace insitu::app {

/// Chooses which frame is shown: slider, number box, stepping and playback. Playback never skips
/// a frame: the next one is asked for (frameRequested) only once frameShown() reports the last
/// one on screen, so a slow reader plays slower, not with gaps.
class PlaybackBar : public QWidget
{
    Q_OBJECT
public:
    explicit PlaybackBar(QWidget* parent = nullptr);

    /// A new movie: frames 0 .. frameCount − 1 (0: none); stops playback and goes to frame 0.
    void setFrameCount(int frameCount);
    [[nodiscard]] int frameCount() const { return m_frameCount; }
    [[nodiscard]] int currentFrame() const;
    /// Playback rate (frames per second, clamped to 0.1 .. 200).
    void setFps(double fps);
    [[nodiscard]] double fps() const;
    [[nodiscard]] bool isPlaying() const;

    /// Shows frame (clamped to the movie): emits frameRequested when it changes.
    void setCurrentFrame(int frame);
    /// Tells the bar that frame is on screen (lets playback ask for the next one).
    void frameShown(int frame);

    void play();
    void pause();
    void togglePlay();
    /// Moves by frames (negative: back), clamped to the movie.
    void step(int frames);
    void firstFrame();
    void lastFrame();

signals:
    /// The frame to show changed (by the user, stepping or playback).
    void frameRequested(int frame);
    void playingChanged(bool playing);

private:
    void tick();

    QToolButton* m_play;
    QSlider* m_slider;
    QSpinBox* m_frameBox;
    QLabel* m_lastLabel;
    QDoubleSpinBox* m_fps;
    QTimer* m_timer;
    int m_frameCount = 0;
    bool m_waitingForFrame = false;
};

} // namespace insitu::app
