#include "catalogreader.h"

#include "catalogids.h"
#include "catalogoverlay.h"
#include "compose/yamlreader.h"

#include <QFileInfo>
#include <QSet>

#include <exception>

namespace threatdock::catalog {

using compose::Diagnostic;
using compose::Node;

namespace {

class ReadError final : public std::exception
{
public:
    ReadError(const Origin &origin, const QString &message)
        : diagnostic{Diagnostic::Severity::Error, origin, message}
    { }
    const char *what() const noexcept override { return "catalog error"; }
    Diagnostic diagnostic;
};

/// Typed access to one entry (a mapping) of a catalog file.
class Entry
{
public:
    Entry(const Node &node, const QString &what, const QStringList &allowedKeys)
        : m_node(node)
        , m_what(what)
    {
        if (!node.isMapping())
            throw ReadError(node.origin(),
                            what + QStringLiteral(" must be a mapping, not a ") + node.kindName());
        for (const compose::MapEntry &e : node.entries()) {
            if (!allowedKeys.contains(e.key))
                throw ReadError(e.keyOrigin,
                                QStringLiteral("unknown key \"") + e.key + QStringLiteral("\" in ")
                                    + what + QStringLiteral(" (expected one of: ")
                                    + allowedKeys.join(QStringLiteral(", ")) + u')');
        }
    }

    const Origin &origin() const { return m_node.origin(); }

    QString text(const QString &key, bool required = true) const
    {
        const Node *value = m_node.find(key);
        if (!value || value->isNull()) {
            if (required)
                throw ReadError(origin(),
                                m_what + QStringLiteral(" has no \"") + key + QStringLiteral("\""));
            return QString();
        }
        if (!value->isScalar())
            throw ReadError(value->origin(),
                            m_what + QStringLiteral(": \"") + key
                                + QStringLiteral("\" must be a scalar, not a ")
                                + value->kindName());
        const QString text = value->text().trimmed();
        if (required && text.isEmpty())
            throw ReadError(value->origin(),
                            m_what + QStringLiteral(": \"") + key + QStringLiteral("\" is empty"));
        return text;
    }

    /// A list of scalars; a single scalar counts as a list of one.
    QStringList list(const QString &key) const
    {
        const Node *value = m_node.find(key);
        if (!value || value->isNull())
            return {};
        if (value->isScalar())
            return {value->text().trimmed()};
        if (!value->isSequence())
            throw ReadError(value->origin(),
                            m_what + QStringLiteral(": \"") + key
                                + QStringLiteral("\" must be a list"));
        QStringList result;
        for (const Node &item : value->items()) {
            if (!item.isScalar())
                throw ReadError(item.origin(),
                                m_what + QStringLiteral(": items of \"") + key
                                    + QStringLiteral("\" must be scalars"));
            result.append(item.text().trimmed());
        }
        return result;
    }

    bool flag(const QString &key, bool fallback) const
    {
        const Node *value = m_node.find(key);
        if (!value || value->isNull())
            return fallback;
        if (const std::optional<bool> b = value->toBool())
            return *b;
        throw ReadError(value->origin(),
                        m_what + QStringLiteral(": \"") + key
                            + QStringLiteral("\" must be true or false"));
    }

    /// Canonicalises every id of a list with the given function; an invalid id is an error.
    QStringList ids(const QString &key, QString (*canonical)(const QString &),
                    const QString &kind) const
    {
        QStringList result;
        for (const QString &raw : list(key))
            result.append(id(raw, canonical, kind));
        return result;
    }

    QString id(const QString &raw, QString (*canonical)(const QString &), const QString &kind) const
    {
        const QString id = canonical(raw);
        if (id.isEmpty())
            throw ReadError(origin(),
                            m_what + QStringLiteral(": \"") + raw
                                + QStringLiteral("\" is not a valid ") + kind
                                + QStringLiteral(" id"));
        return id;
    }

private:
    const Node &m_node;
    QString m_what;
};

/// The entries of a top-level list (`techniques:`), each a mapping.
const std::vector<Node> &entries(const Node &doc, const QString &key, bool required = true)
{
    static const std::vector<Node> none;
    const Node *list = doc.find(key);
    if (!list || list->isNull()) {
        if (required)
            throw ReadError(doc.origin(),
                            QStringLiteral("no \"") + key + QStringLiteral("\" list in this file"));
        return none;
    }
    if (!list->isSequence())
        throw ReadError(list->origin(), u'"' + key + QStringLiteral("\" must be a list"));
    return list->items();
}

/// Refuses a second entry with the same id, naming where the first one is.
class UniqueIds
{
public:
    explicit UniqueIds(const QString &kind)
        : m_kind(kind)
    { }
    void add(const QString &id, const Origin &origin)
    {
        const auto it = m_seen.constFind(id);
        if (it != m_seen.cend())
            throw ReadError(origin,
                            QStringLiteral("duplicate ") + m_kind + u' ' + id
                                + QStringLiteral(" (first at ") + it->toString() + u')');
        m_seen.insert(id, origin);
    }

private:
    QString m_kind;
    QHash<QString, Origin> m_seen;
};

QString headerText(const Node &doc, const QString &section, const QString &key)
{
    const Node header = doc.value(section);
    return header.isMapping() ? header.value(key).text().trimmed() : QString();
}

QString banditId(const QString &s)
{
    return CatalogIds::banditTest(s);
}

QString cisId(const QString &s)
{
    return CatalogIds::cisItem(s);
}

QString sectionId(const QString &s)
{
    return CatalogIds::sp800190Section(s);
}

} // namespace

class CatalogFiles
{
public:
    static void readAttack(const Node &doc, Catalog &c)
    {
        c.m_attackVersion = headerText(doc, QStringLiteral("attack"), QStringLiteral("version"));
        UniqueIds tacticIds(QStringLiteral("tactic"));
        for (const Node &n : entries(doc, QStringLiteral("tactics"))) {
            const Entry e(
                n, QStringLiteral("tactic"),
                {QStringLiteral("id"), QStringLiteral("shortname"), QStringLiteral("name")});
            Tactic t{e.text(QStringLiteral("id")).toUpper(), e.text(QStringLiteral("shortname")),
                     e.text(QStringLiteral("name")), e.origin()};
            tacticIds.add(t.id, t.origin);
            c.m_tactics.push_back(t);
        }
        UniqueIds mitigationIds(QStringLiteral("mitigation"));
        for (const Node &n : entries(doc, QStringLiteral("mitigations"))) {
            const Entry e(n, QStringLiteral("mitigation"),
                          {QStringLiteral("id"), QStringLiteral("name")});
            Mitigation m{e.id(e.text(QStringLiteral("id")), &CatalogIds::mitigation,
                              QStringLiteral("mitigation")),
                         e.text(QStringLiteral("name")), e.origin()};
            mitigationIds.add(m.id, m.origin);
            c.m_mitigations.push_back(m);
        }
        UniqueIds techniqueIds(QStringLiteral("technique"));
        for (const Node &n : entries(doc, QStringLiteral("techniques"))) {
            const Entry e(n, QStringLiteral("technique"),
                          {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("parent"),
                           QStringLiteral("tactics"), QStringLiteral("mitigations"),
                           QStringLiteral("url"), QStringLiteral("containers"),
                           QStringLiteral("revoked")});
            Technique t;
            t.id = e.id(e.text(QStringLiteral("id")), &CatalogIds::technique,
                        QStringLiteral("ATT&CK technique"));
            t.name = e.text(QStringLiteral("name"));
            const QString parent = e.text(QStringLiteral("parent"), false);
            if (!parent.isEmpty())
                t.parent = e.id(parent, &CatalogIds::technique, QStringLiteral("ATT&CK technique"));
            t.tactics = e.list(QStringLiteral("tactics"));
            t.mitigations = e.ids(QStringLiteral("mitigations"), &CatalogIds::mitigation,
                                  QStringLiteral("mitigation"));
            t.url = e.text(QStringLiteral("url"), false);
            t.containers = e.flag(QStringLiteral("containers"), true);
            t.revoked = e.flag(QStringLiteral("revoked"), false);
            t.origin = e.origin();
            techniqueIds.add(t.id, t.origin);
            c.m_techniques.push_back(t);
        }
    }

    static void readNist(const Node &doc, Catalog &c)
    {
        c.m_nistVersion = headerText(doc, QStringLiteral("catalog"), QStringLiteral("version"));
        UniqueIds familyIds(QStringLiteral("control family"));
        for (const Node &n : entries(doc, QStringLiteral("families"))) {
            const Entry e(n, QStringLiteral("control family"),
                          {QStringLiteral("id"), QStringLiteral("name")});
            ControlFamily f{e.text(QStringLiteral("id")).toUpper(), e.text(QStringLiteral("name")),
                            e.origin()};
            familyIds.add(f.id, f.origin);
            c.m_families.push_back(f);
        }
        UniqueIds controlIds(QStringLiteral("control"));
        for (const Node &n : entries(doc, QStringLiteral("controls"))) {
            const Entry e(n, QStringLiteral("control"),
                          {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("family"),
                           QStringLiteral("baselines"), QStringLiteral("withdrawn")});
            Control ctl;
            ctl.id = e.id(e.text(QStringLiteral("id")), &CatalogIds::control,
                          QStringLiteral("NIST SP 800-53 control"));
            ctl.title = e.text(QStringLiteral("title"));
            ctl.family = e.text(QStringLiteral("family"), false).toUpper();
            if (ctl.family.isEmpty())
                ctl.family = ctl.id.left(2);
            ctl.baselines = e.list(QStringLiteral("baselines"));
            for (const QString &b : std::as_const(ctl.baselines)) {
                if (b != u"L" && b != u"M" && b != u"H")
                    throw ReadError(e.origin(),
                                    QStringLiteral("control ") + ctl.id
                                        + QStringLiteral(": baseline \"") + b
                                        + QStringLiteral("\" is not L, M or H"));
            }
            ctl.withdrawn = e.flag(QStringLiteral("withdrawn"), false);
            ctl.origin = e.origin();
            controlIds.add(ctl.id, ctl.origin);
            c.m_controls.push_back(ctl);
        }
    }

    static void readMappings(const Node &doc, Catalog &c)
    {
        UniqueIds ids(QStringLiteral("mapping of technique"));
        for (const Node &n : entries(doc, QStringLiteral("mappings"))) {
            const Entry e(n, QStringLiteral("mapping"),
                          {QStringLiteral("technique"), QStringLiteral("controls"),
                           QStringLiteral("source"), QStringLiteral("status")});
            TechniqueMapping m;
            m.technique = e.id(e.text(QStringLiteral("technique")), &CatalogIds::technique,
                               QStringLiteral("ATT&CK technique"));
            m.controls = e.ids(QStringLiteral("controls"), &CatalogIds::control,
                               QStringLiteral("NIST SP 800-53 control"));
            m.source = e.text(QStringLiteral("source"), false);
            m.status = e.text(QStringLiteral("status"), false);
            m.origin = e.origin();
            ids.add(m.technique, m.origin);
            c.m_mappings.push_back(m);
        }
    }

    static void readSp800190(const Node &doc, Catalog &c)
    {
        UniqueIds ids(QStringLiteral("SP 800-190 section"));
        const QStringList keys{QStringLiteral("id"),        QStringLiteral("title"),
                               QStringLiteral("summary"),   QStringLiteral("countermeasure"),
                               QStringLiteral("addresses"), QStringLiteral("attack")};
        for (const auto kind :
             {Sp800190Section::Kind::Risk, Sp800190Section::Kind::Countermeasure}) {
            const bool risk = kind == Sp800190Section::Kind::Risk;
            const QString list = risk ? QStringLiteral("risks") : QStringLiteral("countermeasures");
            for (const Node &n : entries(doc, list)) {
                const Entry e(n, QStringLiteral("SP 800-190 section"), keys);
                Sp800190Section s;
                s.id = e.id(e.text(QStringLiteral("id")), &sectionId,
                            QStringLiteral("SP 800-190 section"));
                s.kind = kind;
                s.title = e.text(QStringLiteral("title"));
                s.summary = e.text(QStringLiteral("summary"), false);
                const QString counterpart = e.text(
                    risk ? QStringLiteral("countermeasure") : QStringLiteral("addresses"), false);
                if (!counterpart.isEmpty())
                    s.counterpart
                        = e.id(counterpart, &sectionId, QStringLiteral("SP 800-190 section"));
                s.techniques = e.ids(QStringLiteral("attack"), &CatalogIds::technique,
                                     QStringLiteral("ATT&CK technique"));
                s.origin = e.origin();
                ids.add(s.id, s.origin);
                c.m_sp800190.push_back(s);
            }
        }
    }

    static void readCis(const Node &doc, Catalog &c)
    {
        UniqueIds ids(QStringLiteral("CIS item"));
        for (const Node &n : entries(doc, QStringLiteral("items"))) {
            const Entry e(
                n, QStringLiteral("CIS item"),
                {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("assessment")});
            CisItem item{e.id(e.text(QStringLiteral("id")), &cisId, QStringLiteral("CIS item")),
                         e.text(QStringLiteral("title")),
                         e.text(QStringLiteral("assessment"), false), e.origin()};
            ids.add(item.id, item.origin);
            c.m_cisItems.push_back(item);
        }
    }

    static void readCwe(const Node &doc, Catalog &c)
    {
        UniqueIds ids(QStringLiteral("CWE"));
        for (const Node &n : entries(doc, QStringLiteral("weaknesses"))) {
            const Entry e(n, QStringLiteral("weakness"),
                          {QStringLiteral("id"), QStringLiteral("name")});
            const QString raw = e.text(QStringLiteral("id"));
            Weakness w{CatalogIds::weakness(raw), e.text(QStringLiteral("name")), e.origin()};
            if (w.id == 0)
                throw ReadError(e.origin(), u'"' + raw + QStringLiteral("\" is not a CWE id"));
            ids.add(w.label(), w.origin);
            c.m_weaknesses.push_back(w);
        }
    }

    static void readBandit(const Node &doc, Catalog &c)
    {
        UniqueIds ids(QStringLiteral("Bandit test"));
        for (const Node &n : entries(doc, QStringLiteral("tests"))) {
            const Entry e(n, QStringLiteral("Bandit test"),
                          {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("check"),
                           QStringLiteral("cwe"), QStringLiteral("stride"),
                           QStringLiteral("attack"), QStringLiteral("nist")});
            BanditTest b;
            b.id = e.id(e.text(QStringLiteral("id")), &banditId, QStringLiteral("Bandit test"));
            b.name = e.text(QStringLiteral("name"));
            b.blacklist = e.text(QStringLiteral("check"), false) == u"blacklist";
            for (const QString &raw : e.list(QStringLiteral("cwe"))) {
                const int cwe = CatalogIds::weakness(raw);
                if (cwe == 0)
                    throw ReadError(e.origin(),
                                    QStringLiteral("Bandit test ") + b.id + QStringLiteral(": \"")
                                        + raw + QStringLiteral("\" is not a CWE id"));
                b.cwes.append(cwe);
            }
            for (const QString &letter : e.list(QStringLiteral("stride"))) {
                if (letter.size() != 1 || !QStringLiteral("STRIDE").contains(letter))
                    throw ReadError(e.origin(),
                                    QStringLiteral("Bandit test ") + b.id + QStringLiteral(": \"")
                                        + letter + QStringLiteral("\" is not a STRIDE letter"));
                b.stride += letter;
            }
            b.techniques = e.ids(QStringLiteral("attack"), &CatalogIds::technique,
                                 QStringLiteral("ATT&CK technique"));
            b.controls = e.ids(QStringLiteral("nist"), &CatalogIds::control,
                               QStringLiteral("NIST SP 800-53 control"));
            b.origin = e.origin();
            ids.add(b.id, b.origin);
            c.m_banditTests.push_back(b);
        }
    }
};

namespace {

Node readDocument(const QString &path)
{
    const compose::YamlReader::Result r = compose::YamlReader::readFile(path);
    if (!r.ok())
        throw ReadError(r.error->origin, r.error->message);
    if (r.documents.size() != 1 || !r.documents.front().isMapping())
        throw ReadError(Origin{path, 1, 1},
                        QStringLiteral("a catalog file must hold one YAML mapping"));
    return r.documents.front();
}

} // namespace

Catalog::LoadResult CatalogReader::read(const QString &builtInDir, const QString &overrideDir)
{
    using Reader = void (*)(const Node &, Catalog &);
    static const Reader readers[]
        = {&CatalogFiles::readAttack,   &CatalogFiles::readNist, &CatalogFiles::readMappings,
           &CatalogFiles::readSp800190, &CatalogFiles::readCis,  &CatalogFiles::readCwe,
           &CatalogFiles::readBandit};
    Catalog::LoadResult result;
    Catalog catalog;
    try {
        for (qsizetype i = 0; i < Catalog::fileNames().size(); ++i) {
            const QString &name = Catalog::fileNames()[i];
            Node doc = readDocument(builtInDir + u'/' + name);
            const QString override = overrideDir + u'/' + name;
            if (!overrideDir.isEmpty() && QFileInfo(override).isFile())
                CatalogOverlay::merge(doc, readDocument(override));
            readers[i](doc, catalog);
        }
    } catch (const ReadError &e) {
        result.error = e.diagnostic;
        return result;
    }
    catalog.rebuildIndexes();
    result.catalog = std::move(catalog);
    return result;
}

} // namespace threatdock::catalog
