#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace threatdock::rules {

/// Recognises secrets and keeps them out of every output. Key names (PASSWORD, TOKEN,
/// API_KEY, SECRET...) and value patterns (private keys, AWS keys, URLs with
/// credentials, high-entropy tokens) follow KICS's passwords-and-secrets rules. A value
/// that is only a `${...}` reference is not a secret; the file that holds it is.
class SecretDetector final
{
public:
    /// A variable or key name that conventionally holds a secret.
    static bool isSecretName(const QString &name);
    /// A value that looks like a secret whatever its name (a key, a token, a password
    /// in a URL). Empty values and pure `${VAR}` references are not.
    static bool looksLikeSecret(const QString &value);
    /// Whether assigning value to name is a hard-coded secret.
    static bool isHardcodedSecret(const QString &name, const QString &value);

    /// Replaces secret values in text with ****: `NAME=value` and `NAME: value` for secret
    /// names, credentials in URLs (`postgres://user:****@db`), and recognised token
    /// patterns. Text without secrets comes back unchanged.
    static QString redact(const QString &text);
    /// The mask written in place of a secret.
    static QString mask() { return QStringLiteral("****"); }

    /// How to read assignments in a text being scanned.
    enum class TextKind {
        Config, ///< .env, YAML, INI, properties: `NAME=value` / `NAME: value` are literals
        Code,   ///< source code: only quoted literals (`password = "x"`) are hard-coded
        Shell   ///< RUN lines: as Config, plus `--password x`, `curl -u user:pass`, `-pPASS`
    };
    /// One secret found in a text.
    struct Match
    {
        int line = 0; ///< 1-based
        QString kind; ///< the KICS rule name it follows ("Generic Password", "AWS Access Key")
        QString name; ///< the variable or key name, "" when the value alone gave it away
    };
    /// Finds hard-coded secrets in a text line by line (a private key block counts once,
    /// at its BEGIN line). Values that are `${VAR}` / `$VAR` references are skipped.
    static QList<Match> scan(const QString &text, TextKind kind = TextKind::Config);
    /// The name of the KICS value pattern value matches ("AWS Access Key", "Password in
    /// URL"...), or "" when none does.
    static QString valuePattern(const QString &value);
    /// Whether value holds a `${VAR}` or `$VAR` reference (so it is not written literally).
    static bool hasReference(const QString &value);
    /// A well-known default or weak credential ("admin", "changeme", "postgres"...).
    static bool isWeakCredential(const QString &value);
};

} // namespace threatdock::rules
