#include "threatcard.h"

#include "inspector/threatlabels.h"
#include "threatcardtext.h"
#include "threats/threattext.h"

#include "layout/diagramstyle.h"
#include "threats/riskscale.h"
#include "threats/threat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace threatdock::views {

namespace {

QLabel *label(QWidget *parent, const QString &name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

} // namespace

ThreatCard::ThreatCard(QWidget *parent)
    : QWidget(parent)
    , m_strideTag(label(this, QStringLiteral("strideTag")))
    , m_strideName(label(this, QStringLiteral("strideName")))
    , m_severity(label(this, QStringLiteral("severity")))
    , m_risk(label(this, QStringLiteral("risk")))
    , m_title(label(this, QStringLiteral("threatTitle")))
    , m_subtitle(label(this, QStringLiteral("threatSubtitle")))
    , m_body(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("threatCard"));
    setFocusPolicy(Qt::StrongFocus);
    m_strideTag->setAlignment(Qt::AlignCenter);
    m_strideTag->setStyleSheet(QStringLiteral(
        "QLabel { border: 2px solid palette(text); border-radius: 4px; padding: 0px 6px; }"));
    m_title->setWordWrap(true);
    m_risk->setWordWrap(true);
    m_strideName->setWordWrap(true); // beside the severity badge in a narrow pane
    m_subtitle->setWordWrap(true);
    m_body->setObjectName(QStringLiteral("threatBody"));
    m_body->setOpenExternalLinks(true);
    // Links and selection by mouse only: the card's keys belong to the walkthrough.
    m_body->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::TextSelectableByMouse);
    m_body->setFocusPolicy(Qt::NoFocus);
    m_body->setFrameShape(QFrame::NoFrame);

    auto *header = new QHBoxLayout;
    header->addWidget(m_strideTag);
    header->addWidget(m_strideName);
    header->addStretch(1);
    header->addWidget(m_severity);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_title);
    layout->addWidget(m_risk);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_body, 1);
    applyFonts();
}

void ThreatCard::showThreat(const ThreatCardText &text, const threats::Threat &threat)
{
    m_strideTag->setText(threat.stride);
    m_strideName->setText(threatlabels::strideName(threat.stride));
    const QColor colour = layout::DiagramStyle::severityColor(threat.severity);
    m_severity->setText(
        QStringLiteral("%1  %2").arg(QString(layout::DiagramStyle::severityLetter(threat.severity)),
                                     threattext::severityLabel(threat.severity)));
    m_severity->setStyleSheet(QStringLiteral("QLabel { background-color: %1; color: white; "
                                             "border-radius: 4px; padding: 2px 10px; }")
                                  .arg(colour.name()));
    m_risk->setText(tr("likelihood %1 (%2) × impact %3 (%4) = risk %5 of 16")
                        .arg(threats::RiskScale::likelihoodName(threat.likelihood))
                        .arg(threat.likelihood)
                        .arg(threats::RiskScale::impactName(threat.impact))
                        .arg(threat.impact)
                        .arg(threat.risk()));
    m_title->setText(threat.title);
    m_subtitle->setText(threat.mitigatedByConfiguration()
                            ? tr("%1 · mitigated by configuration").arg(threat.id)
                            : threat.id);
    m_body->setHtml(text.body(threat));
    m_body->verticalScrollBar()->setValue(0);
}

QString ThreatCard::plainText() const
{
    return QStringList{m_strideTag->text(),  m_strideName->text(), m_severity->text(),
                       m_risk->text(),       m_title->text(),      m_subtitle->text(),
                       m_body->toPlainText()}
        .join(u'\n');
}

void ThreatCard::applyFonts()
{
    // Large over a normal font; at presentation sizes (18 pt and up) a smaller step is
    // enough and leaves the body room on a projector.
    QFont title = font();
    title.setPointSizeF(font().pointSizeF() * (font().pointSizeF() >= 18.0 ? 1.25 : 1.6));
    title.setBold(true);
    m_title->setFont(title);
    QFont bold = font();
    bold.setBold(true);
    m_strideTag->setFont(bold);
    m_strideName->setFont(bold);
    m_severity->setFont(bold);
}

void ThreatCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

void ThreatCard::keyPressEvent(QKeyEvent *event)
{
    QScrollBar *bar = m_body->verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        break;
    case Qt::Key_PageUp:
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        break;
    case Qt::Key_Home:
        bar->triggerAction(QAbstractSlider::SliderToMinimum);
        break;
    case Qt::Key_End:
        bar->triggerAction(QAbstractSlider::SliderToMaximum);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace threatdock::views
