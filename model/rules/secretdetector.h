#pragma once

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
};

} // namespace threatdock::rules
