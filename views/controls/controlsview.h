#pragma once

#include "catalog/catalog.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QModelIndex;
class QTabWidget;
class QTreeView;

namespace threatdock::views {

class CoverageModel;
class OpenOnlyFilter;
class ReviewDocument;

/// The Controls view: which NIST SP 800-53 controls and which ATT&CK techniques of the
/// Containers matrix the threat model addresses, and how far the review has got.
///
/// - NIST tab: families -> the controls the threats cite -> those threats. A control is
///   "covered" when every one of its threats is settled (mitigated, accepted,
///   transferred, not applicable, or mitigated by configuration), "open" otherwise;
///   each family counts its open and covered controls.
/// - ATT&CK tab: tactics of the Containers matrix -> techniques -> the threats citing
///   each; a technique no threat cites is "not considered".
/// - "Open only" keeps the open threats and what holds them. Selecting a threat makes
///   it the document's current threat; decisions update states and counts in place.
class ControlsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlsView)

public:
    ControlsView(ReviewDocument *document, catalog::Catalog catalog, QWidget *parent = nullptr);
    ~ControlsView() override;

    CoverageModel *nistModel() const { return m_nistModel; }
    CoverageModel *attackModel() const { return m_attackModel; }
    OpenOnlyFilter *nistFilter() const { return m_nistFilter; }
    OpenOnlyFilter *attackFilter() const { return m_attackFilter; }
    QTreeView *nistTree() const { return m_nistTree; }
    QTreeView *attackTree() const { return m_attackTree; }
    QTabWidget *tabs() const { return m_tabs; }
    QCheckBox *openOnlyBox() const { return m_openOnly; }
    /// "12 controls: 9 open, 3 covered" and its ATT&CK counterpart.
    QString nistSummary() const;
    QString attackSummary() const;

private:
    QTreeView *createTree(const QString &objectName, OpenOnlyFilter *filter);
    QWidget *createPage(QLabel *summary, QTreeView *tree);
    void rebuild();
    void refreshStates();
    void threatChanged(const QString &threatId);
    void updateSummaries();
    void expandGroups(QTreeView *tree);
    void showThreat(const QModelIndex &proxyIndex);

    ReviewDocument *m_document;
    catalog::Catalog m_catalog;
    CoverageModel *m_nistModel = nullptr;
    CoverageModel *m_attackModel = nullptr;
    OpenOnlyFilter *m_nistFilter = nullptr;
    OpenOnlyFilter *m_attackFilter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_nistTree = nullptr;
    QTreeView *m_attackTree = nullptr;
    QLabel *m_nistSummary = nullptr;
    QLabel *m_attackSummary = nullptr;
    QCheckBox *m_openOnly = nullptr;
    QString m_currentThreat; ///< the one shown in bold, to unmark when it changes
};

} // namespace threatdock::views
