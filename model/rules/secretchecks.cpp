// The secrets family: hard-coded secrets in compose environments, build args, env files,
// URLs, Dockerfile ENV/ARG/COPY/RUN and the services' source files. Metadata lives in
// resources/catalog/rules-secrets.yaml; detection in SecretDetector.

#include "checkregistry.h"
#include "secretdetector.h"

#include "compose/dotenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace threatdock::rules {

namespace {

using compose::EnvironmentVariable;
using compose::Origin;
using dockerfile::Instruction;
using dockerfile::Stage;

constexpr qint64 maxSourceFileBytes = 512 * 1024;
constexpr int maxSourceFiles = 5000;

/// Lines of files, read once per check run.
class LineReader
{
public:
    QString line(const QString &file, int line)
    {
        auto it = m_files.find(file);
        if (it == m_files.end()) {
            QFile f(file);
            QStringList lines;
            if (f.open(QIODevice::ReadOnly) && f.size() < 16 * 1024 * 1024)
                lines = QString::fromUtf8(f.readAll()).split(u'\n');
            it = m_files.insert(file, lines);
        }
        return it->value(line - 1);
    }

private:
    QHash<QString, QStringList> m_files;
};

QString baseDir(const AnalysisInput &input)
{
    if (input.hasProject)
        return input.project.workingDir;
    return input.dockerfiles.isEmpty() ? QString()
                                       : QFileInfo(input.dockerfiles.first().path).absolutePath();
}

/// Paths in finding ids are relative to the project, so ids survive a move of the checkout.
QString relative(const AnalysisInput &input, const QString &path)
{
    const QString base = baseDir(input);
    return base.isEmpty() ? path : QDir(base).relativeFilePath(path);
}

bool isComposeFile(const AnalysisInput &input, const QString &file)
{
    return input.project.composeFiles.contains(file) || file.endsWith(QStringLiteral(".yaml"))
        || file.endsWith(QStringLiteral(".yml"));
}

/// The value as written on the origin line (`NAME: value`, `- NAME=value`), or nullopt
/// when the line does not show it.
std::optional<QString> writtenValue(LineReader &lines, const Origin &origin, const QString &name)
{
    if (!origin.isKnown() || origin.line <= 0)
        return std::nullopt;
    const QString text = lines.line(origin.file, origin.line);
    const QRegularExpression re(QStringLiteral("(?<![A-Za-z0-9_])%1[\"']?\\s*[:=]\\s*(.*)$")
                                    .arg(QRegularExpression::escape(name)));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    QString raw = m.captured(1);
    const qsizetype comment = raw.indexOf(QStringLiteral(" #"));
    if (comment >= 0)
        raw.truncate(comment);
    return raw.trimmed();
}

/// Whether a compose variable's value is written literally in the compose file (rather
/// than coming from `${VAR}` interpolation).
bool writtenLiterally(LineReader &lines, const EnvironmentVariable &v)
{
    if (const auto raw = writtenValue(lines, v.origin, v.name))
        return !SecretDetector::hasReference(*raw);
    return v.value && lines.line(v.origin.file, v.origin.line).contains(*v.value);
}

bool isUrlOnly(const QString &value)
{
    return SecretDetector::valuePattern(value) == u"Password in URL";
}

void checkComposeEnvironment(const AnalysisInput &input, FindingSink &sink)
{
    LineReader lines;
    for (const compose::Service &s : input.project.services) {
        for (const EnvironmentVariable &v : s.environment) {
            if (!v.value || !isComposeFile(input, v.origin.file) || isUrlOnly(*v.value)
                || !SecretDetector::isHardcodedSecret(v.name, *v.value)
                || !writtenLiterally(lines, v))
                continue;
            sink.report(s.name, v.origin, QStringLiteral("service:") + s.name,
                        QStringLiteral("env:") + v.name,
                        QStringLiteral("%1 is set to a literal secret value in the compose file")
                            .arg(v.name));
        }
    }
}

void checkPlainSecretEnvironment(const AnalysisInput &input, FindingSink &sink)
{
    LineReader lines;
    for (const compose::Service &s : input.project.services) {
        for (const EnvironmentVariable &v : s.environment) {
            if (!v.value || v.value->isEmpty() || !SecretDetector::isSecretName(v.name)
                || v.value->startsWith(QStringLiteral("/run/secrets/"))
                || v.value->startsWith(QStringLiteral("/var/run/secrets/")))
                continue; // a path to a mounted secret is the remedy, not the problem
            const bool fromCompose = isComposeFile(input, v.origin.file);
            if (fromCompose && SecretDetector::isHardcodedSecret(v.name, *v.value)
                && writtenLiterally(lines, v))
                continue; // CMP-SEC-001's case
            sink.report(s.name, v.origin, QStringLiteral("service:") + s.name,
                        QStringLiteral("env:") + v.name,
                        QStringLiteral("%1 reaches the container as a plain environment variable "
                                       "(%2), visible to docker inspect")
                            .arg(v.name,
                                 fromCompose ? QStringLiteral("interpolated")
                                             : QStringLiteral("from an env file")));
        }
    }
}

/// The services that read an env file through env_file (none for the project .env).
QStringList servicesUsing(const AnalysisInput &input, const QString &file)
{
    QStringList out;
    for (const compose::Service &s : input.project.services)
        for (const EnvironmentVariable &v : s.environment)
            if (v.origin.file == file && !out.contains(s.name))
                out << s.name;
    return out;
}

template<typename Report> void forEachEnvFileVariable(const AnalysisInput &input, Report report)
{
    LineReader lines;
    for (const QString &file : input.envFiles) {
        const compose::DotEnv::Result parsed = compose::DotEnv::readFile(file);
        const QStringList services = servicesUsing(input, file);
        for (qsizetype i = 0; i < parsed.variables.size(); ++i) {
            const auto &[name, value] = parsed.variables.at(i);
            const Origin origin{file, parsed.lines.value(i), 1};
            const auto raw = writtenValue(lines, origin, name);
            if (raw && SecretDetector::hasReference(*raw))
                continue;
            report(file, services.value(0), origin, name, value);
        }
    }
}

void checkEnvFiles(const AnalysisInput &input, FindingSink &sink)
{
    forEachEnvFileVariable(
        input,
        [&](const QString &file, const QString &service, const Origin &origin, const QString &name,
            const QString &value) {
            if (!SecretDetector::isHardcodedSecret(name, value))
                return;
            sink.report(
                service, origin, QStringLiteral("file:") + relative(input, file),
                QStringLiteral("env:") + name,
                QStringLiteral("%1 holds a secret in clear text in %2; keep the file out of "
                               "version control")
                    .arg(name, relative(input, file)));
        });
}

void checkBuildArgs(const AnalysisInput &input, FindingSink &sink)
{
    for (const compose::Service &s : input.project.services) {
        if (!s.build)
            continue;
        for (const EnvironmentVariable &v : s.build->args) {
            if (!v.value || v.value->isEmpty())
                continue;
            if (!SecretDetector::isSecretName(v.name) && !SecretDetector::looksLikeSecret(*v.value))
                continue;
            sink.report(s.name, v.origin, QStringLiteral("service:") + s.name,
                        QStringLiteral("build-arg:") + v.name,
                        QStringLiteral("build argument %1 carries a secret into the image "
                                       "history")
                            .arg(v.name));
        }
    }
}

void checkWeakCredentials(const AnalysisInput &input, FindingSink &sink)
{
    LineReader lines;
    const auto weak = [](const QString &name, const std::optional<QString> &value) {
        return value && SecretDetector::isSecretName(name)
            && SecretDetector::isWeakCredential(*value);
    };
    for (const compose::Service &s : input.project.services) {
        QList<EnvironmentVariable> vars = s.environment;
        if (s.build)
            vars << s.build->args;
        for (const EnvironmentVariable &v : std::as_const(vars)) {
            if (weak(v.name, v.value) && isComposeFile(input, v.origin.file)
                && writtenLiterally(lines, v))
                sink.report(
                    s.name, v.origin, QStringLiteral("service:") + s.name,
                    QStringLiteral("weak:") + v.name,
                    QStringLiteral("%1 is set to a well-known default credential").arg(v.name));
        }
    }
    forEachEnvFileVariable(
        input,
        [&](const QString &file, const QString &service, const Origin &origin, const QString &name,
            const QString &value) {
            if (weak(name, value))
                sink.report(
                    service, origin, QStringLiteral("file:") + relative(input, file),
                    QStringLiteral("weak:") + name,
                    QStringLiteral("%1 is set to a well-known default credential").arg(name));
        });
}

void checkUrlCredentials(const AnalysisInput &input, FindingSink &sink)
{
    for (const compose::Service &s : input.project.services) {
        for (const EnvironmentVariable &v : s.environment) {
            if (!v.value || !isUrlOnly(*v.value))
                continue;
            sink.report(s.name, v.origin, QStringLiteral("service:") + s.name,
                        QStringLiteral("url:") + v.name,
                        QStringLiteral("%1 holds a URL with a password (%2)")
                            .arg(v.name, SecretDetector::redact(*v.value)));
        }
    }
}

/// NAME=value pairs of an ENV or ARG instruction (legacy `ENV NAME value` included);
/// ARGs without a default are left out.
QList<std::pair<QString, QString>> assignedVariables(const Instruction &instruction)
{
    QList<std::pair<QString, QString>> out;
    const QStringList words = instruction.words();
    if (words.isEmpty())
        return out;
    if (instruction.keyword == u"ENV" && !words.first().contains(u'=')) {
        out << std::pair{words.first(), QStringList(words.mid(1)).join(u' ')};
        return out;
    }
    for (const QString &w : words) {
        const qsizetype eq = w.indexOf(u'=');
        if (eq > 0)
            out << std::pair{w.left(eq), w.mid(eq + 1)};
    }
    return out;
}

QString stageScope(const Stage &stage)
{
    return QStringLiteral("stage:") + QString::number(stage.index);
}

QString instructionText(const Instruction &instruction)
{
    return instruction.original.simplified();
}

void checkDockerfileVariables(const AnalysisInput &input, FindingSink &sink)
{
    for (const DockerfileInput &df : input.dockerfiles) {
        const QString scope = QStringLiteral("dockerfile:") + relative(input, df.path);
        QList<std::pair<const Instruction *, QString>> instructions;
        for (const Instruction &i : df.dockerfile.globalArgs)
            instructions << std::pair{&i, QStringLiteral("global")};
        for (const dockerfile::Stage &stage : df.dockerfile.stages)
            for (const Instruction &i : stage.instructions)
                if (i.keyword == u"ENV" || i.keyword == u"ARG")
                    instructions << std::pair{&i, stageScope(stage)};
        for (const auto &[instruction, stage] : std::as_const(instructions)) {
            for (const auto &[name, value] : assignedVariables(*instruction)) {
                if (!SecretDetector::isHardcodedSecret(name, value))
                    continue;
                sink.report(df.services.value(0), Origin{df.path, instruction->line, 1}, scope,
                            stage + u'/' + instruction->keyword.toLower() + u':' + name,
                            QStringLiteral("%1 %2 bakes a secret value into the image")
                                .arg(instruction->keyword, name),
                            instructionText(*instruction));
            }
        }
    }
}

bool isSecretFileName(const QString &fileName)
{
    static const QRegularExpression re(
        QStringLiteral(
            R"(^(id_(rsa|dsa|ecdsa|ed25519)|.*\.(key|p12|pfx|jks|keystore)|.*(private|key).*\.pem|)"
            R"(\.env(\..+)?|.+\.env|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.htpasswd|)"
            R"(credentials(\.json)?|\.dockercfg|secrets?\.(json|ya?ml|env|txt))$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(fileName).hasMatch();
}

/// Whether .dockerignore in the context excludes fileName (top-level patterns only).
bool ignoredByDockerignore(const QString &context, const QString &fileName)
{
    QFile f(QDir(context).filePath(QStringLiteral(".dockerignore")));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    bool ignored = false;
    for (QString line : QString::fromUtf8(f.readAll()).split(u'\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const bool negated = line.startsWith(u'!');
        QString pattern = negated ? line.mid(1) : line;
        while (pattern.startsWith(u'/') || pattern.startsWith(QStringLiteral("**/")))
            pattern.remove(0, pattern.startsWith(u'/') ? 1 : 3);
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
            pattern, QRegularExpression::UnanchoredWildcardConversion));
        if (QRegularExpression(QRegularExpression::anchoredPattern(re.pattern()))
                .match(fileName)
                .hasMatch())
            ignored = !negated;
    }
    return ignored;
}

QString contextOf(const AnalysisInput &input, const DockerfileInput &df)
{
    for (const QString &name : df.services)
        if (const compose::Service *s = input.project.service(name); s && s->build)
            return s->build->context;
    return QFileInfo(df.path).absolutePath();
}

QStringList copySources(const Instruction &instruction)
{
    QStringList words = instruction.execForm ? instruction.execArgs : instruction.words();
    if (words.size() < 2 || instruction.flag(QStringLiteral("from")))
        return {};
    words.removeLast();
    return words;
}

void reportSecretCopy(const AnalysisInput &input, FindingSink &sink, const DockerfileInput &df,
                      const Instruction &i, const QString &file, const QString &why)
{
    sink.report(df.services.value(0), Origin{df.path, i.line, 1},
                QStringLiteral("dockerfile:") + relative(input, df.path),
                QStringLiteral("copy:") + file, why, instructionText(i));
}

void checkDockerfileCopies(const AnalysisInput &input, FindingSink &sink)
{
    for (const DockerfileInput &df : input.dockerfiles) {
        const QString context = contextOf(input, df);
        for (const Instruction *i : df.dockerfile.instructions()) {
            if (i->keyword != u"COPY" && i->keyword != u"ADD")
                continue;
            for (const QString &source : copySources(*i)) {
                const QString name = QFileInfo(source).fileName();
                if (isSecretFileName(name)) {
                    reportSecretCopy(
                        input, sink, df, *i, source,
                        QStringLiteral("%1 copies %2 into the image").arg(i->keyword, source));
                } else if (source == u"." || source == u"./" || source == u"*") {
                    const QStringList entries = QDir(context).entryList(
                        QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
                    for (const QString &e : entries)
                        if (isSecretFileName(e) && !ignoredByDockerignore(context, e))
                            reportSecretCopy(input, sink, df, *i, e,
                                             QStringLiteral("%1 %2 copies the build context, "
                                                            "which holds %3 (not in "
                                                            ".dockerignore)")
                                                 .arg(i->keyword, source, e));
                }
            }
        }
    }
}

QString shortHash(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
}

/// Secrets on a service's command line (`command:`, `entrypoint:`): visible to anyone
/// who can run `docker inspect` or `ps` on the host.
void checkServiceCommands(const AnalysisInput &input, FindingSink &sink)
{
    for (const compose::Service &s : input.project.services) {
        for (const QString &key : {QStringLiteral("command"), QStringLiteral("entrypoint")}) {
            const compose::Node &args = s.node.value(key);
            if (!args.isSequence() || args.items().empty())
                continue;
            QStringList words;
            for (const compose::Node &a : args.items())
                words << a.text();
            const auto matches
                = SecretDetector::scan(words.join(u' '), SecretDetector::TextKind::Shell);
            for (const SecretDetector::Match &m : matches) {
                const QString what = m.name.isEmpty() ? m.kind : m.name;
                sink.report(s.name, s.originOf(key), QStringLiteral("service:") + s.name,
                            key + u':' + what,
                            QStringLiteral("%1 of service %2 passes a credential (%3) on the "
                                           "command line")
                                .arg(key, s.name, m.kind));
            }
        }
    }
}

void checkDockerfileRun(const AnalysisInput &input, FindingSink &sink)
{
    for (const DockerfileInput &df : input.dockerfiles) {
        for (const Instruction *i : df.dockerfile.instructions()) {
            if (i->keyword != u"RUN")
                continue;
            const auto matches = SecretDetector::scan(i->original, SecretDetector::TextKind::Shell);
            for (const SecretDetector::Match &m : matches) {
                const int line = i->line + m.line - 1;
                const QString what = m.name.isEmpty() ? m.kind : m.name;
                sink.report(df.services.value(0), Origin{df.path, line, 1},
                            QStringLiteral("dockerfile:") + relative(input, df.path),
                            QStringLiteral("run:") + shortHash(i->original) + u'/' + what,
                            QStringLiteral("RUN records a credential (%1) in the image history")
                                .arg(m.kind));
            }
        }
    }
}

bool isSkippedDirectory(const QString &relativePath)
{
    static const QSet<QString> skipped{
        QStringLiteral(".git"),          QStringLiteral("node_modules"), QStringLiteral("venv"),
        QStringLiteral(".venv"),         QStringLiteral("__pycache__"),  QStringLiteral(".tox"),
        QStringLiteral("site-packages"), QStringLiteral(".mypy_cache"),  QStringLiteral(".idea")};
    const QStringList parts = relativePath.split(u'/');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i)
        if (skipped.contains(parts.at(i)))
            return true;
    return false;
}

SecretDetector::TextKind kindOfSource(const QString &suffix)
{
    static const QSet<QString> code{
        QStringLiteral("py"), QStringLiteral("js"),   QStringLiteral("ts"), QStringLiteral("go"),
        QStringLiteral("rb"), QStringLiteral("java"), QStringLiteral("php")};
    return code.contains(suffix) ? SecretDetector::TextKind::Code
                                 : SecretDetector::TextKind::Config;
}

/// Source and configuration files under a build context, size-limited.
QStringList sourceFiles(const QString &context)
{
    static const QStringList patterns{
        QStringLiteral("*.py"),  QStringLiteral("*.js"),         QStringLiteral("*.ts"),
        QStringLiteral("*.go"),  QStringLiteral("*.rb"),         QStringLiteral("*.java"),
        QStringLiteral("*.php"), QStringLiteral("*.json"),       QStringLiteral("*.yaml"),
        QStringLiteral("*.yml"), QStringLiteral("*.ini"),        QStringLiteral("*.conf"),
        QStringLiteral("*.cfg"), QStringLiteral("*.properties"), QStringLiteral("*.toml")};
    QStringList out;
    QDirIterator it(context, patterns, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext() && out.size() < maxSourceFiles) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.size() > maxSourceFileBytes || info.isSymLink()
            || isSkippedDirectory(QDir(context).relativeFilePath(path)))
            continue;
        out << path;
    }
    out.sort();
    return out;
}

void checkSourceFiles(const AnalysisInput &input, FindingSink &sink)
{
    QHash<QString, QStringList> contexts; // context -> services built from it
    for (const DockerfileInput &df : input.dockerfiles)
        contexts[contextOf(input, df)] << df.services;
    QSet<QString> skip(input.envFiles.cbegin(), input.envFiles.cend());
    for (const QString &f : input.project.composeFiles)
        skip.insert(f);
    for (auto it = contexts.cbegin(); it != contexts.cend(); ++it) {
        for (const QString &file : sourceFiles(it.key())) {
            QFile f(file);
            if (skip.contains(file) || !f.open(QIODevice::ReadOnly))
                continue;
            const auto matches = SecretDetector::scan(QString::fromUtf8(f.readAll()),
                                                      kindOfSource(QFileInfo(file).suffix()));
            QHash<QString, int> seen;
            for (const SecretDetector::Match &m : matches) {
                const QString what = m.name.isEmpty() ? m.kind : m.name;
                const int n = ++seen[what];
                sink.report(it.value().value(0), Origin{file, m.line, 1},
                            QStringLiteral("file:") + relative(input, file),
                            n == 1 ? what : what + u'#' + QString::number(n),
                            QStringLiteral("%1 in %2").arg(m.kind, relative(input, file)));
            }
        }
    }
}

} // namespace

void registerSecretChecks(CheckRegistry &registry)
{
    registry.add(QStringLiteral("CMP-SEC-001"), checkComposeEnvironment);
    registry.add(QStringLiteral("CMP-SEC-002"), checkPlainSecretEnvironment);
    registry.add(QStringLiteral("CMP-SEC-003"), checkEnvFiles);
    registry.add(QStringLiteral("CMP-SEC-004"), checkBuildArgs);
    registry.add(QStringLiteral("CMP-SEC-005"), checkWeakCredentials);
    registry.add(QStringLiteral("CMP-SEC-006"), checkServiceCommands);
    registry.add(QStringLiteral("DKF-SEC-001"), checkDockerfileVariables);
    registry.add(QStringLiteral("DKF-SEC-002"), checkDockerfileCopies);
    registry.add(QStringLiteral("DKF-SEC-003"), checkDockerfileRun);
    registry.add(QStringLiteral("SEC-URL-001"), checkUrlCredentials);
    registry.add(QStringLiteral("SEC-SRC-001"), checkSourceFiles);
}

} // namespace threatdock::rules
