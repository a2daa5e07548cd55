#include "otmwriter.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace threatdock::report {

namespace {

constexpr int percentPerLevel = 25; ///< the 1-4 scales on OTM's 0-100
constexpr int riskReduction = 25;   ///< a mitigation in place lowers likelihood one level of four

QString mitigationId(const QString &text)
{
    return QStringLiteral("mitigation:")
        + QString::fromLatin1(
               QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
}

QString threatState(ThreatState state)
{
    switch (state) {
    case ThreatState::Open:
        return QStringLiteral("exposed");
    case ThreatState::MitigatedByConfiguration:
    case ThreatState::Mitigated:
        return QStringLiteral("mitigated");
    case ThreatState::Accepted:
        return QStringLiteral("accepted");
    case ThreatState::Transferred:
        return QStringLiteral("transferred");
    case ThreatState::NotApplicable:
        return QStringLiteral("not-applicable");
    }
    return QString();
}

QString plannedState(review::MitigationStatus status)
{
    switch (status) {
    case review::MitigationStatus::Implemented:
    case review::MitigationStatus::Verified:
        return QStringLiteral("implemented");
    case review::MitigationStatus::Rejected:
        return QStringLiteral("rejected");
    case review::MitigationStatus::Planned:
    case review::MitigationStatus::InProgress:
        break;
    }
    return QStringLiteral("recommended");
}

QString componentType(const system::Element &e)
{
    if (e.kind == system::ElementKind::ExternalEntity)
        return QStringLiteral("generic-client");
    if (e.kind == system::ElementKind::DataStore)
        return e.role == u"database" ? QStringLiteral("database") : QStringLiteral("filesystem");
    if (e.role == u"web" || e.role == u"api")
        return QStringLiteral("web-service");
    if (e.role == u"database" || e.role == u"cache" || e.role == u"queue")
        return e.role;
    return QStringLiteral("docker-container");
}

int trustRating(const system::TrustBoundary &b)
{
    if (b.kind == u"external-network")
        return 30;
    return b.internal ? 90 : b.kind == u"host" ? 60 : 75;
}

/// Builds the OTM document; the mitigations are collected as threats refer to them.
class OtmBuilder
{
public:
    explicit OtmBuilder(const ReportContext &context)
        : m_context(context)
    { }

    QJsonObject build();

private:
    QJsonArray trustZones() const;
    QJsonArray components();
    QJsonArray dataflows();
    QJsonArray threatRefs(const QString &elementId);
    QJsonArray threatList() const;
    QString mitigation(const QString &text);

    const ReportContext &m_context;
    QJsonArray m_mitigations;
    QSet<QString> m_mitigationIds;
};

QString OtmBuilder::mitigation(const QString &text)
{
    const QString id = mitigationId(text);
    if (!m_mitigationIds.contains(id)) {
        m_mitigationIds.insert(id);
        m_mitigations.append(QJsonObject{{QStringLiteral("id"), id},
                                         {QStringLiteral("name"), text},
                                         {QStringLiteral("riskReduction"), riskReduction}});
    }
    return id;
}

QJsonArray OtmBuilder::trustZones() const
{
    QJsonArray zones;
    zones.append(
        QJsonObject{{QStringLiteral("id"), OtmWriter::outsideZone()},
                    {QStringLiteral("name"), QStringLiteral("Outside the Docker host")},
                    {QStringLiteral("type"), QStringLiteral("internet")},
                    {QStringLiteral("risk"), QJsonObject{{QStringLiteral("trustRating"), 0}}}});
    for (const system::TrustBoundary &b : m_context.analysis().systemModel.boundaries) {
        QJsonObject zone{
            {QStringLiteral("id"), b.id},
            {QStringLiteral("name"), b.name},
            {QStringLiteral("type"), b.kind},
            {QStringLiteral("risk"), QJsonObject{{QStringLiteral("trustRating"), trustRating(b)}}}};
        if (!b.parent.isEmpty())
            zone.insert(QStringLiteral("parent"),
                        QJsonObject{{QStringLiteral("trustZone"), b.parent}});
        zones.append(zone);
    }
    return zones;
}

QJsonArray OtmBuilder::threatRefs(const QString &elementId)
{
    QJsonArray refs;
    for (const threats::Threat *t : m_context.threatsOf(elementId)) {
        QJsonArray mitigations;
        for (const threats::Mitigation &m : t->mitigations)
            mitigations.append(QJsonObject{
                {QStringLiteral("mitigation"), mitigation(m.text)},
                {QStringLiteral("state"),
                 m.inPlace ? QStringLiteral("implemented") : QStringLiteral("required")}});
        if (const review::Decision *d = m_context.decision(t->id))
            for (const review::PlannedMitigation &m : d->mitigations)
                mitigations.append(QJsonObject{{QStringLiteral("mitigation"), mitigation(m.text)},
                                               {QStringLiteral("state"), plannedState(m.status)}});
        refs.append(QJsonObject{{QStringLiteral("threat"), t->id},
                                {QStringLiteral("state"), threatState(m_context.state(*t))},
                                {QStringLiteral("mitigations"), mitigations}});
    }
    return refs;
}

QJsonArray OtmBuilder::components()
{
    QJsonArray list;
    const layout::Diagram &diagram = m_context.input().diagram;
    for (const system::Element &e : m_context.analysis().systemModel.elements) {
        QJsonObject component{
            {QStringLiteral("id"), e.id},
            {QStringLiteral("name"), e.name},
            {QStringLiteral("type"), componentType(e)},
            {QStringLiteral("description"), e.facts.join(QStringLiteral("; "))},
            {QStringLiteral("parent"),
             QJsonObject{{QStringLiteral("trustZone"),
                          e.boundary.isEmpty() ? OtmWriter::outsideZone() : e.boundary}}},
            {QStringLiteral("tags"), QJsonArray{m_context.elementKind(e.id), e.role}},
            {QStringLiteral("threats"), threatRefs(e.id)}};
        if (const layout::DiagramNode *node = diagram.node(e.id))
            component.insert(
                QStringLiteral("representations"),
                QJsonArray{QJsonObject{
                    {QStringLiteral("representation"), QStringLiteral("architecture-diagram")},
                    {QStringLiteral("id"), e.id + QStringLiteral("/shape")},
                    {QStringLiteral("position"),
                     QJsonObject{{QStringLiteral("x"), node->rect.x()},
                                 {QStringLiteral("y"), node->rect.y()}}},
                    {QStringLiteral("size"),
                     QJsonObject{{QStringLiteral("width"), node->rect.width()},
                                 {QStringLiteral("height"), node->rect.height()}}}}});
        list.append(component);
    }
    return list;
}

QJsonArray OtmBuilder::dataflows()
{
    QJsonArray list;
    for (const system::DataFlow &f : m_context.analysis().systemModel.flows)
        list.append(QJsonObject{{QStringLiteral("id"), f.id},
                                {QStringLiteral("name"), m_context.elementName(f.id)},
                                {QStringLiteral("source"), f.from},
                                {QStringLiteral("destination"), f.to},
                                {QStringLiteral("bidirectional"), false},
                                {QStringLiteral("tags"), QJsonArray{f.reason, f.exposure}},
                                {QStringLiteral("threats"), threatRefs(f.id)}});
    return list;
}

QJsonArray OtmBuilder::threatList() const
{
    QJsonArray list;
    for (const threats::Threat &t : m_context.analysis().threats)
        list.append(
            QJsonObject{{QStringLiteral("id"), t.id},
                        {QStringLiteral("name"), t.title},
                        {QStringLiteral("description"), t.description},
                        {QStringLiteral("categories"), QJsonArray{strideName(t.stride)}},
                        {QStringLiteral("risk"),
                         QJsonObject{{QStringLiteral("likelihood"), t.likelihood * percentPerLevel},
                                     {QStringLiteral("impact"), t.impact * percentPerLevel}}},
                        {QStringLiteral("tags"), QJsonArray::fromStringList(t.attack + t.nist)},
                        {QStringLiteral("attributes"),
                         QJsonObject{{QStringLiteral("template"), t.templateId},
                                     {QStringLiteral("severity"), rules::severityName(t.severity)},
                                     {QStringLiteral("element"), t.elementId},
                                     {QStringLiteral("sp800-190"), t.sp800190},
                                     {QStringLiteral("why"), t.why}}}});
    return list;
}

QJsonObject OtmBuilder::build()
{
    const AnalysisReport &a = m_context.analysis();
    const QRectF bounds = m_context.input().diagram.bounds;
    QJsonArray components = this->components();
    QJsonArray dataflows = this->dataflows();
    return QJsonObject{
        {QStringLiteral("otmVersion"), OtmWriter::otmVersion()},
        {QStringLiteral("project"),
         QJsonObject{
             {QStringLiteral("name"), a.project.name},
             {QStringLiteral("id"),
              a.project.name.isEmpty() ? QStringLiteral("project") : a.project.name},
             {QStringLiteral("description"),
              m_context.title() + QStringLiteral(", generated by ThreatDock " THREATDOCK_VERSION)},
             {QStringLiteral("tags"), QJsonArray{QStringLiteral("docker-compose")}}}},
        {QStringLiteral("representations"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Architecture diagram")},
                                {QStringLiteral("id"), QStringLiteral("architecture-diagram")},
                                {QStringLiteral("type"), QStringLiteral("diagram")},
                                {QStringLiteral("size"),
                                 QJsonObject{{QStringLiteral("width"), bounds.width()},
                                             {QStringLiteral("height"), bounds.height()}}}}}},
        {QStringLiteral("trustZones"), trustZones()},
        {QStringLiteral("components"), components},
        {QStringLiteral("dataflows"), dataflows},
        {QStringLiteral("threats"), threatList()},
        {QStringLiteral("mitigations"), m_mitigations}};
}

} // namespace

QJsonObject OtmWriter::toJson(const ReportContext &context)
{
    return OtmBuilder(context).build();
}

QByteArray OtmWriter::write(const ReportContext &context)
{
    return QJsonDocument(toJson(context)).toJson(QJsonDocument::Indented);
}

} // namespace threatdock::report
