#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli diagram PATH [-f FILE]... [--profile P]... [--env-file F]...
/// [--format svg|png|dot] -o FILE`: loads the project (lenient, as analyze does), derives
/// its system model, lays it out and writes the architecture diagram. The format defaults
/// to the output file's extension, else svg; `dot` writes the Graphviz source that is laid
/// out. PNG needs a QGuiApplication (threatdock-cli creates an offscreen one). Exit 0,
/// 1 on error (one line naming file:line), 2 on usage.
int runDiagramCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
