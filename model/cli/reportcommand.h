#pragma once

#include <QStringList>
#include <QTextStream>

namespace threatdock::cli {

/// `threatdock-cli report [PATH] [-f FILE]... [--env-file F]... [--profile P]...
/// [--review FILE] [--compare BASELINE] [--rules FILE] [--format F] [--page-size a4|letter]
/// [--title T] [--participant NAME]... -o FILE`: analyses the project (with the review's
/// latest scan findings when a review is given), plans its hardening, compares it with
/// the baseline (the project before hardening) when given, and writes the report with the
/// review's decisions, owners, notes, history and docker verification run. The format
/// follows the output's extension (.pdf, .html, .md, .csv, .json, .otm) unless --format
/// says pdf, html, markdown, csv, json, navigator (an ATT&CK Navigator layer) or otm (Open
/// Threat Model). Without PATH or -f and with a review, the review's project is analysed.
/// Exit 0, 1 on error (one line naming the file), 2 on usage. PDF needs a QGuiApplication
/// (threatdock-cli creates an offscreen one).
int runReportCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace threatdock::cli
