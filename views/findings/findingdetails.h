#pragma once

#include <QTextBrowser>

namespace threatdock::rules {
struct Finding;
struct Rule;
} // namespace threatdock::rules

namespace threatdock::views {

/// The details pane under the findings table: the current finding's title, severity,
/// rule, location (a link that opens the source), why it fired, its evidence, its STRIDE
/// category, ATT&CK techniques and NIST controls, and its rule's fix and references.
/// Every text comes from the report, where it is redacted; all of it is HTML-escaped.
class FindingDetails final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingDetails)

public:
    explicit FindingDetails(QWidget *parent = nullptr);

    /// Shows a finding; rule may be null (a scanner's finding has no rule of ours).
    /// location is the finding's file:line as the table shows it.
    void showFinding(const rules::Finding &finding, const rules::Rule *rule,
                     const QString &location);
    /// Shows the hint for when no finding is current.
    void showNothing();

Q_SIGNALS:
    /// The location link was clicked.
    void sourceRequested();

private:
    void followLink(const QUrl &url);
};

} // namespace threatdock::views
