#include "pdfnavigation.h"

// PointerHolder is not used: tell qpdf, so its headers do not warn about the transition.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <exception>
#include <vector>

namespace threatdock::report {

namespace {

using Handle = QPDFObjectHandle;

/// [page /XYZ 0 top null]: the page, scrolled to the anchor, zoom unchanged.
Handle destinationArray(std::vector<QPDFPageObjectHelper> &pages, const PdfDestination &d)
{
    QPDFPageObjectHelper &page
        = pages.at(size_t(std::clamp<int>(d.page, 0, int(pages.size()) - 1)));
    const Handle::Rectangle box = page.getMediaBox().getArrayAsRectangle();
    // A little above the anchor so that its line is fully in view.
    const double top = std::min(box.ury, box.ury - d.top + 6);
    Handle array = Handle::newArray();
    array.appendItem(page.getObjectHandle());
    array.appendItem(Handle::newName("/XYZ"));
    array.appendItem(Handle::newInteger(0));
    array.appendItem(Handle::newReal(top, 2));
    array.appendItem(Handle::newNull());
    return array;
}

void resolveLinks(std::vector<QPDFPageObjectHelper> &pages,
                  const QHash<QString, PdfDestination> &destinations, PdfNavigation::Result &result)
{
    for (QPDFPageObjectHelper &page : pages) {
        Handle annots = page.getObjectHandle().getKey("/Annots");
        if (!annots.isArray())
            continue;
        for (int i = 0; i < annots.getArrayNItems(); ++i) {
            Handle annot = annots.getArrayItem(i);
            if (!annot.isDictionary() || !annot.getKey("/Subtype").isNameAndEquals("/Link"))
                continue;
            Handle action = annot.getKey("/A");
            if (!action.isDictionary() || !action.getKey("/S").isNameAndEquals("/URI")
                || !action.getKey("/URI").isString())
                continue;
            const QString uri = QString::fromStdString(action.getKey("/URI").getUTF8Value());
            if (!uri.startsWith(u'#'))
                continue;
            const QString anchor = uri.mid(1);
            const auto it = destinations.constFind(anchor);
            if (it == destinations.cend()) {
                result.unresolved << anchor;
                continue;
            }
            Handle goTo = Handle::newDictionary();
            goTo.replaceKey("/S", Handle::newName("/GoTo"));
            goTo.replaceKey("/D", destinationArray(pages, *it));
            annot.replaceKey("/A", goTo);
            ++result.linksResolved;
        }
    }
}

/// The outline items of entries[first, end) at one level, linked as siblings under parent;
/// returns the first and last item.
std::pair<Handle, Handle> outlineLevel(QPDF &pdf, std::vector<QPDFPageObjectHelper> &pages,
                                       const QHash<QString, PdfDestination> &destinations,
                                       const QList<PdfOutlineEntry> &entries, qsizetype &index,
                                       int level, Handle parent, int &count)
{
    Handle first = Handle::newNull();
    Handle previous = Handle::newNull();
    while (index < entries.size() && entries.at(index).level >= level) {
        const PdfOutlineEntry &entry = entries.at(index++);
        Handle item = pdf.makeIndirectObject(Handle::newDictionary());
        item.replaceKey("/Title", Handle::newUnicodeString(entry.title.toStdString()));
        item.replaceKey("/Parent", parent);
        if (const auto it = destinations.constFind(entry.anchor); it != destinations.cend())
            item.replaceKey("/Dest", destinationArray(pages, *it));
        if (!previous.isNull()) {
            previous.replaceKey("/Next", item);
            item.replaceKey("/Prev", previous);
        } else {
            first = item;
        }
        previous = item;
        ++count;
        int children = 0;
        const auto [childFirst, childLast] = outlineLevel(pdf, pages, destinations, entries, index,
                                                          entry.level + 1, item, children);
        if (children > 0) {
            item.replaceKey("/First", childFirst);
            item.replaceKey("/Last", childLast);
            item.replaceKey("/Count", Handle::newInteger(-children)); // closed
        }
    }
    return {first, previous};
}

void addOutline(QPDF &pdf, std::vector<QPDFPageObjectHelper> &pages,
                const QHash<QString, PdfDestination> &destinations,
                const QList<PdfOutlineEntry> &entries)
{
    if (entries.isEmpty())
        return;
    Handle outlines = pdf.makeIndirectObject(Handle::newDictionary());
    outlines.replaceKey("/Type", Handle::newName("/Outlines"));
    qsizetype index = 0;
    int count = 0;
    const int top
        = std::min_element(entries.cbegin(), entries.cend(), [](const auto &a, const auto &b) {
              return a.level < b.level;
          })->level;
    const auto [first, last]
        = outlineLevel(pdf, pages, destinations, entries, index, top, outlines, count);
    outlines.replaceKey("/First", first);
    outlines.replaceKey("/Last", last);
    int visible = 0;
    for (Handle item = first; item.isDictionary(); item = item.getKey("/Next"))
        ++visible;
    outlines.replaceKey("/Count", Handle::newInteger(visible));
    Handle root = pdf.getRoot();
    root.replaceKey("/Outlines", outlines);
    root.replaceKey("/PageMode", Handle::newName("/UseOutlines"));
}

} // namespace

std::optional<PdfNavigation::Result>
PdfNavigation::apply(const QByteArray &input, const QHash<QString, PdfDestination> &destinations,
                     const QList<PdfOutlineEntry> &outline, QString *error)
{
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("report.pdf", input.constData(), size_t(input.size()));
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
        if (pages.empty())
            throw std::runtime_error("the PDF has no pages");
        Result result;
        resolveLinks(pages, destinations, result);
        addOutline(pdf, pages, destinations, outline);
        QPDFWriter writer(pdf);
        writer.setOutputMemory();
        writer.setObjectStreamMode(qpdf_o_generate);
        writer.write();
        const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
        result.pdf = QByteArray(reinterpret_cast<const char *>(buffer->getBuffer()),
                                qsizetype(buffer->getSize()));
        result.unresolved.removeDuplicates();
        return result;
    } catch (const std::exception &e) {
        if (error)
            *error = QStringLiteral("PDF navigation (qpdf): ") + QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

QString PdfNavigation::libraryVersion()
{
    return QString::fromStdString(QPDF::QPDFVersion());
}

} // namespace threatdock::report
