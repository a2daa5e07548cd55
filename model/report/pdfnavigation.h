#pragma once

#include "pdftextdocument.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace threatdock::report {

/// One entry of the PDF outline (bookmarks pane).
struct PdfOutlineEntry
{
    QString title;
    int level = 1; ///< 1 = top level; deeper levels nest under the entry before them
    QString anchor;
};

/// Makes a report PDF navigable, with libqpdf: Qt's PDF writer emits every link as a URI
/// action (`/URI (#anchor)`, which viewers do not follow inside the file) and writes no
/// outline. apply() turns each `#anchor` URI link into a GoTo action to the anchor's page
/// and position, adds the outline (entries with children start closed) and has viewers
/// open with it shown.
class PdfNavigation final
{
public:
    struct Result
    {
        QByteArray pdf;
        int linksResolved = 0;
        QStringList unresolved; ///< anchors links point to that have no destination
    };

    /// destinations: page (0-based) and distance from the page's top edge in points.
    /// nullopt when the PDF cannot be read or written; error says why.
    static std::optional<Result> apply(const QByteArray &pdf,
                                       const QHash<QString, PdfDestination> &destinations,
                                       const QList<PdfOutlineEntry> &outline, QString *error);
    /// The version of libqpdf in use.
    static QString libraryVersion();
};

} // namespace threatdock::report
