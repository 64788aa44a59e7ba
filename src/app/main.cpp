// insitu-workbench: starts the GUI; everything else lives in the insitu_gui library.

#include "main_window.h"

#include "insitu/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("InSitu Workbench"));
    QApplication::setOrganizationName(QStringLiteral("InSitu"));
    QApplication::setApplicationVersion(QLatin1String(insitu::kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/insitu.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Analysis workbench for in-situ TEM movies"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Movie or project to open"));
    parser.process(app);

    insitu::app::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openPath(parser.positionalArguments().front());
    else
        QTimer::singleShot(0, &window, &insitu::app::MainWindow::offerRecovery);
    return QApplication::exec();
}
