#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;

namespace threatdock::views {

class FindingDetails;
class FindingsFilterModel;
class FindingsModel;
class ReviewDocument;
class SourceView;

/// The Findings tab: every finding of the analysis in a sortable table with a search field
/// (Ctrl+F), a minimum severity (the document's shared severity filter), a source, and
/// "only the selected element" (on by default: a click on a node of the diagram narrows
/// the table to that element's findings, clearing the selection shows them all); the
/// count shown ("12 of 57 findings"); and the current finding's details below.
///
/// Selecting a row activates its finding in the document, which selects its element
/// everywhere; that selection does not narrow this table (the rows would move under the
/// cursor). A finding activated elsewhere becomes the current row. Double-click or Enter
/// opens the finding's file at its line in a SourceView.
class FindingsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsView)

public:
    explicit FindingsView(ReviewDocument *document, QWidget *parent = nullptr);

    FindingsModel *model() const { return m_model; }
    FindingsFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    /// The count as shown ("12 of 57 findings").
    QString countText() const;
    /// The source window (nullptr until a source was first opened).
    SourceView *sourceView() const { return m_sourceView; }

    /// Makes a finding the current row, clearing the search and source filters if they
    /// hide it. Returns false when the finding is not in the table or stays filtered out.
    bool selectFinding(const QString &findingId);
    /// Opens a finding's file at its line; false when it has no file or the file cannot
    /// be shown (the source window then says why).
    bool openSource(const QString &findingId);

private:
    QWidget *createFilterBar();
    void createTable();
    void fitColumns();
    void analysisChanged();
    void selectionChanged(const QString &elementId);
    void findingActivated(const QString &findingId);
    void currentRowChanged(const QModelIndex &current);
    void elementOnlyToggled(bool on);
    void severityChosen(int index);
    void sourceChosen(int index);
    void syncSeverity();
    void updateSources();
    void updateCount();
    void updateElementLabel();
    void showDetails(const QModelIndex &current);
    QString currentFindingId() const;

    ReviewDocument *m_document;
    FindingsModel *m_model;
    FindingsFilterModel *m_filter;
    QLineEdit *m_search = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_source = nullptr;
    QCheckBox *m_elementOnly = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    FindingDetails *m_details = nullptr;
    SourceView *m_sourceView = nullptr;
    /// Set while this view itself activates a finding in the document.
    bool m_activating = false;
    /// Set while the current row is moved to follow the document.
    bool m_following = false;
};

} // namespace threatdock::views
