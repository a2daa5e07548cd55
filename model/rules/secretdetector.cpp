// Secret detection after KICS's passwords-and-secrets rules
// (../shared/conformance/kics/passwords_and_secrets/regex_rules.json): the value patterns,
// the generic key-name rules and their allow rules (references, booleans, hashes,
// indirections), plus a few modern token formats (GitHub, GitLab, npm, JWT).

#include "secretdetector.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <utility>

namespace threatdock::rules {

namespace {

using Re = QRegularExpression;

struct ValuePattern
{
    QString name;
    QRegularExpression re;
};

const QList<ValuePattern> &valuePatterns()
{
    static const QList<ValuePattern> patterns = [] {
        const std::pair<const char *, const char *> table[] = {
            {"AWS Access Key", R"((?<![A-Z0-9])(A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9]))"},
            {"AWS Context-specific credential", R"((?<![A-Z0-9])ACCA[A-Z0-9]{16}(?![A-Z0-9]))"},
            {"AWS Certificate", R"((?<![A-Z0-9])ASCA[A-Z0-9]{16}(?![A-Z0-9]))"},
            {"Google OAuth", R"([0-9]+-[0-9A-Za-z_]{32}\.apps\.googleusercontent\.com)"},
            {"Slack Webhook",
             R"(https://hooks\.slack\.com/services/T[a-zA-Z0-9_]{8,}/B[a-zA-Z0-9_]{8,}/[a-zA-Z0-9_]{24})"},
            {"MSTeams Webhook",
             R"(https://[a-zA-Z0-9_]{1,24}\.webhook\.office\.com/webhookb?2?/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[a-z0-9]+/[0-9a-f-]{36})"},
            {"Slack Token", R"(xox[pboasr]-[0-9A-Za-z-]{10,})"},
            {"Picatic API Key", R"(sk_live_[0-9a-z]{32})"},
            {"Stripe API Key", R"(sk_live_[0-9a-zA-Z]{24})"},
            {"Stripe Restricted API Key", R"(rk_live_[0-9a-zA-Z]{24})"},
            {"Square Access Token", R"(sq0atp-[0-9A-Za-z\-_]{22})"},
            {"Square OAuth Secret", R"(sq0csp-[0-9A-Za-z\-_]{43})"},
            {"MailChimp API Key", R"((?<![0-9a-f])[0-9a-f]{32}-us[0-9]{1,2}(?![0-9]))"},
            {"Google API Key", R"(AIza[0-9A-Za-z\-_]{35})"},
            {"Amazon MWS Auth Token",
             R"(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"},
            {"Google OAuth Access Token", R"(ya29\.[0-9A-Za-z\-_]{20,})"},
            {"PayPal Braintree Access Token",
             R"(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})"},
            {"Facebook Access Token", R"(EAACEdEose0cBA[0-9A-Za-z]+)"},
            {"Mailgun API Key", R"(key-[0-9a-zA-Z]{32})"},
            {"Twilio API Key", R"((?<![0-9A-Za-z])SK[0-9a-fA-F]{32}(?![0-9A-Za-z]))"},
            {"SendGrid API Key", R"(SG\.[a-zA-Z0-9\-_]{22}\.[a-zA-Z0-9\-_]{43})"},
            {"GitHub Token",
             R"((?<![A-Za-z0-9])(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}))"},
            {"GitLab Token", R"(glpat-[A-Za-z0-9\-_]{20,})"},
            {"npm Token", R"((?<![A-Za-z0-9])npm_[A-Za-z0-9]{36})"},
            {"JSON Web Token", R"(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})"},
            {"Asymmetric private key",
             R"(-----BEGIN ((EC|PGP|DSA|RSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----)"},
            {"Putty User Key File Content", R"(PuTTY-User-Key-File-\d:)"},
        };
        QList<ValuePattern> out;
        for (const auto &[name, re] : table)
            out << ValuePattern{QString::fromLatin1(name), Re(QString::fromLatin1(re))};
        return out;
    }();
    return patterns;
}

/// scheme://user:password@host; group 2 is the password.
const Re &urlCredentials()
{
    static const Re re(
        QStringLiteral(R"([a-zA-Z][a-zA-Z0-9+.\-]{1,15}://([^/\s:@'"]*):([^/\s@'"]+)@[^\s/@'"]+)"));
    return re;
}

const Re &pureReference()
{
    static const Re re(QStringLiteral(R"(^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)+$)"));
    return re;
}

/// NAME = / NAME: / "name": — group 2 the name; the value starts at capturedEnd(0).
const Re &assignmentPattern()
{
    static const Re re(QStringLiteral(
        R"((?<![A-Za-z0-9_$.\-])(["']?)([A-Za-z_][A-Za-z0-9_.\-]*)\1[ \t]*(:=|=(?!=)|:(?![:/]))[ \t]*)"));
    return re;
}

/// Dockerfile's legacy `ENV NAME value` / `ARG NAME value` form.
const Re &legacyEnvPattern()
{
    static const Re re(
        QStringLiteral(R"((?im)^[ \t]*(?:ENV|ARG)[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+(?=[^=\s]))"));
    return re;
}

/// `--password value`, `--token=value`, and in a YAML/JSON list
/// `"--password", "value"` (group 1 the flag name).
const Re &flagPattern()
{
    static const Re re(QStringLiteral(
        R"((?<![A-Za-z0-9_-])--([A-Za-z][A-Za-z0-9-]*)(?:=|[ \t]+|["']?[ \t]*,[ \t]*(?=["']))(?=[^-\s]))"));
    return re;
}

/// `curl -u user:pass`, `--user user:pass` (group 1 the password).
const Re &userFlagPattern()
{
    static const Re re(QStringLiteral(R"((?:^|\s)(?:-u|--user)[ \t]*[^\s:'"]+:([^\s'"@]+))"));
    return re;
}

/// `mysql -pPASS` (group 1 the password).
const Re &mysqlPasswordPattern()
{
    static const Re re(QStringLiteral(R"(\bmysql(?:admin|dump)?\b[^\n]*?\s-p([^\s'"-][^\s'"]*))"));
    return re;
}

QStringList nameTokens(const QString &name)
{
    QString spaced;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (i > 0 && c.isUpper() && name.at(i - 1).isLower())
            spaced += u'_';
        spaced += c.isLetterOrNumber() ? c.toLower() : QChar(u'_');
    }
    return spaced.split(u'_', Qt::SkipEmptyParts);
}

bool isExcludedName(const QStringList &tokens)
{
    static const QSet<QString> lastExcluded{
        QStringLiteral("file"),       QStringLiteral("path"),       QStringLiteral("dir"),
        QStringLiteral("length"),     QStringLiteral("len"),        QStringLiteral("min"),
        QStringLiteral("max"),        QStringLiteral("policy"),     QStringLiteral("expiry"),
        QStringLiteral("expires"),    QStringLiteral("expiration"), QStringLiteral("ttl"),
        QStringLiteral("timeout"),    QStringLiteral("lifetime"),   QStringLiteral("age"),
        QStringLiteral("enabled"),    QStringLiteral("enable"),     QStringLiteral("disabled"),
        QStringLiteral("required"),   QStringLiteral("type"),       QStringLiteral("method"),
        QStringLiteral("mode"),       QStringLiteral("name"),       QStringLiteral("id"),
        QStringLiteral("header"),     QStringLiteral("field"),      QStringLiteral("param"),
        QStringLiteral("endpoint"),   QStringLiteral("uri"),        QStringLiteral("url"),
        QStringLiteral("host"),       QStringLiteral("port"),       QStringLiteral("stdin"),
        QStringLiteral("count"),      QStringLiteral("size"),       QStringLiteral("format"),
        QStringLiteral("location"),   QStringLiteral("provider"),   QStringLiteral("store"),
        QStringLiteral("backend"),    QStringLiteral("prefix"),     QStringLiteral("version"),
        QStringLiteral("algorithm"),  QStringLiteral("hint"),       QStringLiteral("label"),
        QStringLiteral("pattern"),    QStringLiteral("regex"),      QStringLiteral("rotation"),
        QStringLiteral("strength"),   QStringLiteral("complexity"), QStringLiteral("changed"),
        QStringLiteral("validation"), QStringLiteral("command"),    QStringLiteral("cmd")};
    static const QSet<QString> firstExcluded{QStringLiteral("next"),      QStringLiteral("result"),
                                             QStringLiteral("creation"),  QStringLiteral("update"),
                                             QStringLiteral("reset"),     QStringLiteral("change"),
                                             QStringLiteral("allow"),     QStringLiteral("forgot"),
                                             QStringLiteral("lifecycle"), QStringLiteral("id")};
    if (tokens.size() == 1 && tokens.first() == u"pwd") // the shell's working directory
        return true;
    if (tokens.size() == 2 && tokens.first() == u"service" && tokens.last() == u"token")
        return true; // CloudFormation's ServiceToken
    return lastExcluded.contains(tokens.last()) || firstExcluded.contains(tokens.first());
}

bool isSecretToken(const QString &t)
{
    static const QSet<QString> exact{QStringLiteral("pass"),
                                     QStringLiteral("pwd"),
                                     QStringLiteral("pw"),
                                     QStringLiteral("passphrase"),
                                     QStringLiteral("credential"),
                                     QStringLiteral("credentials"),
                                     QStringLiteral("creds"),
                                     QStringLiteral("apikey"),
                                     QStringLiteral("privatekey"),
                                     QStringLiteral("accesskey"),
                                     QStringLiteral("secretkey"),
                                     QStringLiteral("authkey"),
                                     QStringLiteral("encryptionkey"),
                                     QStringLiteral("signingkey"),
                                     QStringLiteral("masterkey"),
                                     QStringLiteral("bearer"),
                                     QStringLiteral("authorization"),
                                     QStringLiteral("connectionstring")};
    return exact.contains(t) || t.contains(u"password") || t.contains(u"passwd")
        || t.contains(u"secret") || t.endsWith(u"token") || t.endsWith(u"tokens");
}

bool isKeyPair(const QString &first, const QString &second)
{
    static const QSet<QString> keyOwners{
        QStringLiteral("api"),     QStringLiteral("private"),   QStringLiteral("access"),
        QStringLiteral("secret"),  QStringLiteral("auth"),      QStringLiteral("encryption"),
        QStringLiteral("signing"), QStringLiteral("master"),    QStringLiteral("session"),
        QStringLiteral("jwt"),     QStringLiteral("client"),    QStringLiteral("account"),
        QStringLiteral("storage"), QStringLiteral("ssh"),       QStringLiteral("hmac"),
        QStringLiteral("license"), QStringLiteral("connection")};
    return (second == u"key" || second == u"string") && keyOwners.contains(first)
        && (second == u"key" || first == u"connection");
}

/// Values that name a secret elsewhere rather than being one (KICS's allow rules).
bool isIndirectValue(const QString &value)
{
    static const Re indirect(QStringLiteral(
        R"(^(var\.|data\.|file\(|\{\{resolve:|arn:|!|/run/secrets/|/var/run/secrets/|<[^>]*>$|\*+$|\*[0-9A-F]{40}$))"));
    static const Re arrayAccess(
        QStringLiteral(R"(^[A-Za-z0-9_.]{4,}\[([0-9]+|['"][A-Za-z0-9_]+['"])\]$)"));
    static const QSet<QString> literals{
        QStringLiteral("true"),      QStringLiteral("false"), QStringLiteral("yes"),
        QStringLiteral("no"),        QStringLiteral("on"),    QStringLiteral("off"),
        QStringLiteral("null"),      QStringLiteral("none"),  QStringLiteral("nil"),
        QStringLiteral("undefined"), QStringLiteral("~")};
    return literals.contains(value.toLower()) || indirect.match(value).hasMatch()
        || arrayAccess.match(value).hasMatch();
}

QString unquoted(const QString &value)
{
    const QString v = value.trimmed();
    if (v.size() >= 2 && (v.front() == u'"' || v.front() == u'\'') && v.back() == v.front())
        return v.mid(1, v.size() - 2);
    return v;
}

struct Span
{
    qsizetype start = 0;
    qsizetype length = 0;
    bool quoted = false;
};

bool endsUnquotedValue(const QString &word)
{
    static const Re assignment(QStringLiteral(R"(^[A-Za-z_][A-Za-z0-9_.\-]*(=|:$))"));
    const QChar c = word.front();
    return c == u'-' || c == u'#' || c == u'&' || c == u'|' || c == u';' || c == u'\\' || c == u'>'
        || c == u'<' || c == u'(' || c == u')' || assignment.match(word).hasMatch();
}

/// The extent of the value starting at pos: a quoted string's contents, or unquoted words
/// up to the end of the line, a comment, a shell operator, a flag or the next assignment.
Span valueSpan(const QString &text, qsizetype pos)
{
    Span span{pos, 0, false};
    if (pos >= text.size())
        return span;
    const QChar quote = text.at(pos);
    if (quote == u'"' || quote == u'\'') {
        qsizetype i = pos + 1;
        while (i < text.size() && text.at(i) != quote && text.at(i) != u'\n')
            i += (text.at(i) == u'\\' && quote == u'"' && i + 1 < text.size()) ? 2 : 1;
        return Span{pos + 1, std::min(i, text.size()) - pos - 1, true};
    }
    qsizetype end = pos;
    qsizetype i = pos;
    while (i < text.size() && text.at(i) != u'\n') {
        qsizetype wordEnd = i;
        while (wordEnd < text.size() && !text.at(wordEnd).isSpace())
            ++wordEnd;
        const QString word = text.mid(i, wordEnd - i);
        if (i > pos && endsUnquotedValue(word))
            break;
        end = wordEnd;
        i = wordEnd;
        while (i < text.size() && (text.at(i) == u' ' || text.at(i) == u'\t'))
            ++i;
    }
    // A trailing `,` or an unbalanced closer belongs to the surrounding syntax.
    while (end > pos) {
        const QChar last = text.at(end - 1);
        const qsizetype closer = QStringView(u"}])").indexOf(last);
        const QStringView value = QStringView(text).mid(pos, end - pos);
        if (last != u','
            && (closer < 0 || value.count(QStringView(u"{[(").at(closer)) >= value.count(last)))
            break;
        --end;
    }
    return Span{pos, end - pos, false};
}

struct Assignment
{
    QString name;
    Span value;
};

QList<Assignment> assignments(const QString &text)
{
    QList<Assignment> out;
    auto it = assignmentPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out << Assignment{m.captured(2), valueSpan(text, m.capturedEnd(0))};
    }
    auto legacy = legacyEnvPattern().globalMatch(text);
    while (legacy.hasNext()) {
        const auto m = legacy.next();
        out << Assignment{m.captured(1), valueSpan(text, m.capturedEnd(0))};
    }
    return out;
}

/// A command-line flag that takes a secret. Flags run words together, so besides the
/// secret names (`--password`, `--api-key`) it takes `--requirepass`, `--masterauth`
/// and other flags ending in "pass"/"auth" or holding "password".
bool isSecretFlag(const QString &flag)
{
    const QString f = flag.toLower();
    return SecretDetector::isSecretName(flag) || f.endsWith(QStringLiteral("pass"))
        || f.endsWith(QStringLiteral("auth")) || f.contains(QStringLiteral("password"));
}

/// Values given on command lines: `--password x`, `curl -u user:x`, `mysql -px`.
QList<Assignment> shellCredentials(const QString &text)
{
    QList<Assignment> out;
    auto flags = flagPattern().globalMatch(text);
    while (flags.hasNext()) {
        const auto m = flags.next();
        // A run-together flag (`--requirepass`) is reported as the password it takes.
        const QString flag = m.captured(1);
        if (isSecretFlag(flag))
            out << Assignment{SecretDetector::isSecretName(flag) ? flag
                                                                 : QStringLiteral("password"),
                              valueSpan(text, m.capturedEnd(0))};
    }
    for (const Re *re : {&userFlagPattern(), &mysqlPasswordPattern()}) {
        auto it = re->globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            out << Assignment{QStringLiteral("password"),
                              Span{m.capturedStart(1), m.capturedLength(1), false}};
        }
    }
    return out;
}

QString kindForName(const QString &name)
{
    const QString compact = nameTokens(name).join(QString());
    if (compact.contains(u"pass") || compact.endsWith(u"pwd") || compact.endsWith(u"pw"))
        return QStringLiteral("Generic Password");
    if (compact.contains(u"apikey"))
        return QStringLiteral("Generic API Key");
    if (compact.contains(u"privatekey"))
        return QStringLiteral("Generic Private Key");
    if (compact.contains(u"accesskey"))
        return QStringLiteral("Generic Access Key");
    if (compact.contains(u"encryptionkey"))
        return QStringLiteral("Encryption Key");
    if (compact.contains(u"token"))
        return QStringLiteral("Generic Token");
    return QStringLiteral("Generic Secret");
}

using Range = std::pair<qsizetype, qsizetype>; // start, end

void addValueRanges(const QString &text, QList<Range> &ranges)
{
    for (const ValuePattern &p : valuePatterns()) {
        if (p.name == u"Asymmetric private key" || p.name == u"Putty User Key File Content")
            continue;
        auto it = p.re.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            ranges << Range{m.capturedStart(0), m.capturedEnd(0)};
        }
    }
    auto urls = urlCredentials().globalMatch(text);
    while (urls.hasNext()) {
        const auto m = urls.next();
        if (!pureReference().match(m.captured(2)).hasMatch())
            ranges << Range{m.capturedStart(2), m.capturedEnd(2)};
    }
}

void addKeyBlockRanges(const QString &text, QList<Range> &ranges)
{
    static const Re begin(QStringLiteral(
        R"(-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----|PuTTY-User-Key-File-\d:[^\n]*)"));
    static const Re end(
        QStringLiteral(R"(-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----|Private-MAC:\s*\S+)"));
    auto it = begin.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const auto e = end.match(text, m.capturedEnd(0));
        const qsizetype stop = e.hasMatch() ? e.capturedStart(0) : text.size();
        if (stop > m.capturedEnd(0))
            ranges << Range{m.capturedEnd(0), stop};
    }
}

void addAssignmentRanges(const QList<Assignment> &list, const QString &text, QList<Range> &ranges)
{
    for (const Assignment &a : list) {
        if (a.value.length == 0 || !SecretDetector::isSecretName(a.name))
            continue;
        const QString value = text.mid(a.value.start, a.value.length);
        if (pureReference().match(value.trimmed()).hasMatch() || value == SecretDetector::mask())
            continue;
        ranges << Range{a.value.start, a.value.start + a.value.length};
    }
}

} // namespace

bool SecretDetector::isSecretName(const QString &name)
{
    const QStringList tokens = nameTokens(name);
    if (tokens.isEmpty() || isExcludedName(tokens))
        return false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (isSecretToken(tokens.at(i)))
            return true;
        if (i + 1 < tokens.size() && isKeyPair(tokens.at(i), tokens.at(i + 1)))
            return true;
    }
    return false;
}

bool SecretDetector::hasReference(const QString &value)
{
    static const Re re(QStringLiteral(R"((?<!\$)\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*))"));
    return re.match(value).hasMatch();
}

QString SecretDetector::valuePattern(const QString &value)
{
    for (const ValuePattern &p : valuePatterns()) {
        if (p.re.match(value).hasMatch())
            return p.name;
    }
    const auto m = urlCredentials().match(value);
    if (m.hasMatch() && !hasReference(m.captured(2)) && m.captured(2) != mask())
        return QStringLiteral("Password in URL");
    return QString();
}

bool SecretDetector::looksLikeSecret(const QString &value)
{
    const QString v = value.trimmed();
    return !v.isEmpty() && !pureReference().match(v).hasMatch() && !valuePattern(v).isEmpty();
}

bool SecretDetector::isWeakCredential(const QString &value)
{
    static const QSet<QString> weak{
        QStringLiteral("password"), QStringLiteral("passw0rd"),      QStringLiteral("p@ssw0rd"),
        QStringLiteral("admin"),    QStringLiteral("administrator"), QStringLiteral("root"),
        QStringLiteral("toor"),     QStringLiteral("changeme"),      QStringLiteral("change_me"),
        QStringLiteral("secret"),   QStringLiteral("default"),       QStringLiteral("guest"),
        QStringLiteral("test"),     QStringLiteral("letmein"),       QStringLiteral("qwerty"),
        QStringLiteral("123456"),   QStringLiteral("12345678"),      QStringLiteral("1234"),
        QStringLiteral("postgres"), QStringLiteral("mysql"),         QStringLiteral("example"),
        QStringLiteral("pass"),     QStringLiteral("demo"),          QStringLiteral("welcome"),
        QStringLiteral("user"),     QStringLiteral("string"),        QStringLiteral("mongo"),
        QStringLiteral("redis"),    QStringLiteral("grafana"),       QStringLiteral("elastic"),
        QStringLiteral("changeit"), QStringLiteral("minioadmin"),    QStringLiteral("rabbitmq"),
        QStringLiteral("guest123")};
    return weak.contains(unquoted(value).toLower());
}

bool SecretDetector::isHardcodedSecret(const QString &name, const QString &value)
{
    const QString v = unquoted(value);
    if (v.isEmpty())
        return false;
    if (looksLikeSecret(v))
        return true;
    if (!isSecretName(name) || hasReference(v) || isIndirectValue(v))
        return false;
    return v.size() >= 4;
}

QString SecretDetector::redact(const QString &text)
{
    QList<Range> ranges;
    addKeyBlockRanges(text, ranges);
    addValueRanges(text, ranges);
    addAssignmentRanges(assignments(text), text, ranges);
    addAssignmentRanges(shellCredentials(text), text, ranges);
    if (ranges.isEmpty())
        return text;
    std::sort(ranges.begin(), ranges.end());
    QList<Range> merged;
    for (const Range &r : std::as_const(ranges)) {
        if (!merged.isEmpty() && r.first <= merged.last().second)
            merged.last().second = std::max(merged.last().second, r.second);
        else
            merged << r;
    }
    QString out = text;
    for (auto it = merged.crbegin(); it != merged.crend(); ++it)
        out.replace(it->first, it->second - it->first, mask());
    return out;
}

QList<SecretDetector::Match> SecretDetector::scan(const QString &text, TextKind kind)
{
    QList<Match> out;
    QSet<QString> seen;
    const auto add = [&](int line, const QString &what, const QString &name) {
        const QString key = QString::number(line) + u'|' + what;
        if (!seen.contains(key)) {
            seen.insert(key);
            out << Match{line, what, name};
        }
    };
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const int lineNo = int(i + 1);
        for (const ValuePattern &p : valuePatterns())
            if (p.re.match(line).hasMatch())
                add(lineNo, p.name, QString());
        const auto url = urlCredentials().match(line);
        if (url.hasMatch() && !hasReference(url.captured(2)) && url.captured(2) != mask())
            add(lineNo, QStringLiteral("Password in URL"), QString());
        QList<Assignment> found = assignments(line);
        if (kind == TextKind::Shell)
            found << shellCredentials(line);
        for (const Assignment &a : std::as_const(found)) {
            if (kind == TextKind::Code && !a.value.quoted)
                continue;
            if (isSecretName(a.name)
                && isHardcodedSecret(a.name, line.mid(a.value.start, a.value.length)))
                add(lineNo, kindForName(a.name), a.name);
        }
    }
    return out;
}

} // namespace threatdock::rules
