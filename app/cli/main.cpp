#include "cli/commandline.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("threatdock-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(THREATDOCK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return threatdock::cli::runCommandLine(QCoreApplication::arguments().mid(1), out, err);
}
