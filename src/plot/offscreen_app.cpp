#include "offscreen_app.h"

#include <QApplication>
#include <QDir>

#include <sys/stat.h>
#include <unistd.h>

namespace insitu::plot {

namespace {
// QApplication keeps references to argc and argv for its lifetime.
int g_argc = 1;
char g_name[] = "insitu";
char* g_argv[] = {g_name, nullptr};
} // namespace

OffscreenApp::OffscreenApp()
{
    if (QCoreApplication::instance())
        return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // Headless sessions often lack it; Qt would print a warning on stderr and use this path.
        const QByteArray runtime =
            QDir::tempPath().toUtf8() + "/runtime-" + QByteArray::number(getuid());
        if (::mkdir(runtime.constData(), 0700) == 0 || QDir(QString::fromUtf8(runtime)).exists())
            qputenv("XDG_RUNTIME_DIR", runtime);
    }
    m_app = std::make_unique<QApplication>(g_argc, g_argv);
}

OffscreenApp::~OffscreenApp() = default;

} // namespace insitu::plot
