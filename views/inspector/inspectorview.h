#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace threatdock::views {

class ReviewDocument;

/// The Inspector dock: what the document's selected element is (name, kind, role,
/// service, image, user, ports, networks, volumes, limits, security options, facts),
/// then its threats (severity, STRIDE, title, decision) and the findings about it.
///
/// Clicking a threat makes it the document's current threat; double-clicking a finding
/// activates it. The view follows the selection, new analyses, decisions and the
/// current threat; with nothing selected it says how to select something.
class InspectorView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectorView)

public:
    /// Roles of the list items: the threat's or finding's id.
    static constexpr int IdRole = Qt::UserRole + 1;
    enum ThreatColumn {
        ThreatSeverityColumn,
        ThreatStrideColumn,
        ThreatTitleColumn,
        ThreatStatusColumn
    };
    enum FindingColumn {
        FindingSeverityColumn,
        FindingRuleColumn,
        FindingTitleColumn,
        FindingWhereColumn
    };

    explicit InspectorView(ReviewDocument *document, QWidget *parent = nullptr);
    ~InspectorView() override;

    /// The element shown ("" for the empty state).
    QString elementId() const { return m_elementId; }
    bool isEmptyState() const;
    /// The lines of a property ("image", "user", "ports", a fact...), "" when not shown.
    QString propertyText(const QString &name) const;

    QTreeWidget *propertyTree() const { return m_properties; }
    QTreeWidget *threatList() const { return m_threats; }
    QTreeWidget *findingList() const { return m_findings; }

private:
    QTreeWidget *createList(const QString &objectName, const QStringList &headers);
    void showElement(const QString &elementId);
    void fillProperties();
    void fillThreats();
    void fillFindings();
    void updateDecisions();
    void markCurrentThreat();

    ReviewDocument *m_document;
    QString m_elementId;
    bool m_updating = false;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QTreeWidget *m_properties = nullptr;
    QLabel *m_threatHeading = nullptr;
    QTreeWidget *m_threats = nullptr;
    QLabel *m_findingHeading = nullptr;
    QTreeWidget *m_findings = nullptr;
};

} // namespace threatdock::views
