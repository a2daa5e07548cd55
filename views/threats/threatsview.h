#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace threatdock::views {

class ReviewDocument;
class ThreatFilterProxy;
class ThreatTableModel;

/// The "Threats" tab: every threat of the analysis in a sortable table (id, title,
/// element, STRIDE, severity, risk, status, owner), a search field and STRIDE, severity
/// and status filters. The STRIDE and severity filters are the document's, shared with
/// the diagram. Status and owner are edited in place (double-click or F2), through the
/// document. Selecting a row makes its threat current everywhere; the table follows the
/// document's current threat and its decisions.
class ThreatsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreatsView)

public:
    explicit ThreatsView(ReviewDocument *document, QWidget *parent = nullptr);

    ThreatTableModel *model() const { return m_model; }
    ThreatFilterProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *strideFilter() const { return m_stride; }
    QComboBox *severityFilter() const { return m_severity; }
    QComboBox *statusFilter() const { return m_status; }
    /// "12 of 57 threats".
    QString countText() const;

private:
    void selectThreat(const QString &threatId);
    void rowActivated(const QModelIndex &current);
    void showDocumentFilters();
    void updateCount();

    QPointer<ReviewDocument> m_document;
    ThreatTableModel *m_model = nullptr;
    ThreatFilterProxy *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_stride = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    bool m_following = false; ///< selecting the document's threat, not the user
};

} // namespace threatdock::views
