#include "commandparsing.h"

namespace threatdock::cli {

namespace {

constexpr int exitUsage = 2;

} // namespace

std::optional<int> parseSubcommand(QCommandLineParser &parser, const QString &name,
                                   const QStringList &arguments, const QCommandLineOption &help,
                                   QTextStream &out, QTextStream &err)
{
    if (!parser.parse(QStringList{QStringLiteral("threatdock-cli ") + name} + arguments)) {
        err << "threatdock-cli " << name << ": " << parser.errorText() << Qt::endl;
        return exitUsage;
    }
    if (parser.isSet(help)) {
        out << parser.helpText();
        out.flush();
        return 0;
    }
    return std::nullopt;
}

std::optional<int> checkFormat(const QString &name, const QString &format,
                               const QStringList &accepted, QTextStream &err)
{
    if (accepted.contains(format))
        return std::nullopt;
    err << "threatdock-cli " << name << ": unknown format \"" << format << "\" ("
        << accepted.join(QStringLiteral(", ")) << ')' << Qt::endl;
    return exitUsage;
}

} // namespace threatdock::cli
