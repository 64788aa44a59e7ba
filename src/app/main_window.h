#pragma once
// MainWindow: the workbench's top-level window: menus, frame view, frame slider, status bar.

#include "insitu/io/movie.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QSlider;

namespace insitu::app {

class FrameView;

/// The workbench window; opens movies and shows them frame by frame.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    /// Opens path as the current movie; shows a message box on failure. Returns success.
    bool openPath(const QString& path);
    [[nodiscard]] std::shared_ptr<Movie> movie() const { return m_movie; }
    [[nodiscard]] FrameView* frameView() const { return m_frameView; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void showFrame(int index);
    void openDialog();
    void showAbout();

    std::shared_ptr<Movie> m_movie;
    FrameView* m_frameView = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_frameLabel = nullptr;
    QLabel* m_pixelLabel = nullptr;
};

} // namespace insitu::app
