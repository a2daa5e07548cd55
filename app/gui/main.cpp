#include "mainwindow/colorscheme.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ThreatDock"));
    QApplication::setApplicationName(QStringLiteral("ThreatDock"));
    QApplication::setApplicationVersion(QStringLiteral(THREATDOCK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Threat modeling workbench for Docker Compose projects"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QApplication::translate("main",
                                "A compose project directory, compose file or review "
                                "file (.threatdock) to open."),
        QStringLiteral("[path]"));
    parser.process(app);
    if (parser.positionalArguments().size() > 1)
        parser.showHelp(2);

    if (const auto scheme = threatdock::views::savedColorScheme();
        scheme != threatdock::views::ColorScheme::System)
        threatdock::views::applyColorScheme(scheme);

    threatdock::views::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openProject(parser.positionalArguments().constFirst());
    return QApplication::exec();
}
