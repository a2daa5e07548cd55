#pragma once

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace threatdock::threats {
struct Threat;
}

namespace threatdock::views {

class ThreatCardText;

/// One threat as the walkthrough shows it: the STRIDE category spelled out with its
/// letter, the severity as word, letter and colour with likelihood × impact in words,
/// the title, and a scrollable body (why, evidence, ATT&CK, NIST, mitigations).
///
/// The card takes the keyboard focus in the walkthrough (its keys are the view's
/// actions); Page Up/Down, Home and End scroll the body.
class ThreatCard final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreatCard)

public:
    explicit ThreatCard(QWidget *parent = nullptr);

    void showThreat(const ThreatCardText &text, const threats::Threat &threat);

    QLabel *titleLabel() const { return m_title; }
    QLabel *strideLabel() const { return m_strideName; }
    QLabel *severityLabel() const { return m_severity; }
    QLabel *riskLabel() const { return m_risk; }
    QTextBrowser *body() const { return m_body; }
    /// Everything the card shows, as plain text (header and body).
    QString plainText() const;

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void applyFonts();

    QLabel *m_strideTag = nullptr;
    QLabel *m_strideName = nullptr;
    QLabel *m_severity = nullptr;
    QLabel *m_risk = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QTextBrowser *m_body = nullptr;
};

} // namespace threatdock::views
