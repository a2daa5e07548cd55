#include "cli/commandline.h"

#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>

namespace {

QtMessageHandler previousHandler = nullptr;

/// Keeps the platform's start-up chatter ("XDG_RUNTIME_DIR not set..." on CI runners and
/// over SSH) off stderr, where the CLI's contract is one line per error; critical and
/// fatal messages still get through.
void dropStartupWarnings(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    if ((type == QtCriticalMsg || type == QtFatalMsg) && previousHandler)
        previousHandler(type, context, msg);
}

} // namespace

int main(int argc, char *argv[])
{
    // Commands that paint (diagram PNG, PDF) need fonts, hence a QGuiApplication; without a
    // display (CI, SSH) it runs on Qt's offscreen platform unless the user chose another.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    previousHandler = qInstallMessageHandler(dropStartupWarnings);
    QGuiApplication app(argc, argv);
    qInstallMessageHandler(previousHandler);
    // The same names as the GUI, so both find the user's catalog overrides and settings
    // in the same place (QStandardPaths::AppDataLocation).
    QCoreApplication::setOrganizationName(QStringLiteral("ThreatDock"));
    QCoreApplication::setApplicationName(QStringLiteral("ThreatDock"));
    QCoreApplication::setApplicationVersion(QStringLiteral(THREATDOCK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return threatdock::cli::runCommandLine(QCoreApplication::arguments().mid(1), out, err);
}
