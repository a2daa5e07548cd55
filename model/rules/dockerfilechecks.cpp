#include "dockerfilechecks_p.h"

#include "compose/origin.h"
#include "secretdetector.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace threatdock::rules {

void registerDockerfileChecks(CheckRegistry &registry)
{
    dockerfilechecks::registerUserChecks(registry);
    dockerfilechecks::registerSupplyChainChecks(registry);
    dockerfilechecks::registerPackageChecks(registry);
    dockerfilechecks::registerPackageVersionChecks(registry);
    dockerfilechecks::registerLintChecks(registry);
}

namespace dockerfilechecks {

namespace {

/// The stage a `--from=` / `from=` value names, by alias or index.
const Stage *referencedStage(const dockerfile::Dockerfile &df, const QString &ref)
{
    return ref.isEmpty() ? nullptr : df.stage(ref.toLower());
}

/// `--mount=type=cache,target=/x,from=builder` → its key=value parts.
QHash<QString, QString> mountOptions(const QString &flag)
{
    QHash<QString, QString> out;
    const QString value = flag.section(u'=', 1);
    for (const QString &part : value.split(u',')) {
        const qsizetype eq = part.indexOf(u'=');
        out.insert(part.left(eq).trimmed().toLower(), eq < 0 ? QString() : part.mid(eq + 1));
    }
    return out;
}

QString shortHash(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.simplified().toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(8));
}

} // namespace

Context::Context(const DockerfileInput &input, FindingSink &sink)
    : m_input(input)
    , m_sink(sink)
{
    const dockerfile::Dockerfile &df = input.dockerfile;
    QSet<int> copiedFrom;
    for (const Stage &s : df.stages) {
        for (const Instruction &ins : s.instructions) {
            QString ref = ins.flag(QStringLiteral("from")).value_or(QString());
            for (const QString &f : ins.flags)
                if (f.startsWith(QStringLiteral("--mount=")))
                    ref = mountOptions(f).value(QStringLiteral("from"), ref);
            if (const Stage *target = referencedStage(df, ref); target && target != &s)
                copiedFrom.insert(target->index);
        }
    }
    QSet<int> imageChain;
    for (const Stage *s = imageStage(); s && !imageChain.contains(s->index); s = df.parentStage(*s))
        imageChain.insert(s->index);
    for (int index : std::as_const(copiedFrom))
        if (!imageChain.contains(index))
            m_builders.insert(index);
}

const Stage &Context::stageOf(const Instruction &ins) const
{
    for (const Stage &s : file().stages)
        if (!s.instructions.isEmpty() && &ins >= &s.instructions.first()
            && &ins <= &s.instructions.last())
            return s;
    return file().stages.first();
}

QString Context::stageLabel(const Stage &stage)
{
    return QStringLiteral("stage:")
        + (stage.name.isEmpty() ? QString::number(stage.index) : stage.name);
}

const ShellScript &Context::script(const Instruction &ins) const
{
    auto it = m_scripts.constFind(&ins);
    if (it != m_scripts.constEnd())
        return *it;
    ShellScript s;
    if (ins.execForm) {
        s = ShellScript::fromArgv(ins.execArgs);
    } else {
        QString text = ins.arguments;
        if (ins.keyword == u"HEALTHCHECK")
            text.remove(QRegularExpression(QStringLiteral("^\\s*CMD\\s+"),
                                           QRegularExpression::CaseInsensitiveOption));
        if (!ins.heredocs.isEmpty()) {
            static const QRegularExpression marker(
                QStringLiteral("<<-?\\s*[\"']?[A-Za-z_][A-Za-z0-9_]*[\"']?"));
            text.remove(marker);
            const QString first = text.trimmed().section(u' ', 0, 0);
            if (first.isEmpty() || ShellScript::isShell(first.mid(first.lastIndexOf(u'/') + 1)))
                text += u'\n' + ins.heredocs.first().content;
        }
        s = ShellScript::parse(text);
    }
    return *m_scripts.insert(&ins, s);
}

bool Context::hasCacheMount(const Instruction &ins, const QStringList &prefixes)
{
    for (const QString &f : ins.flags) {
        if (!f.startsWith(QStringLiteral("--mount=")))
            continue;
        const auto opts = mountOptions(f);
        if (opts.value(QStringLiteral("type")) != u"cache")
            continue;
        QString target = opts.value(QStringLiteral("target"));
        if (target.isEmpty())
            target = opts.value(QStringLiteral("dst"), opts.value(QStringLiteral("destination")));
        for (const QString &p : prefixes)
            if (target.startsWith(p) || p.startsWith(target + u'/'))
                return true;
    }
    return false;
}

void Context::report(const Instruction &at, const QString &why, const QString &detail,
                     const QString &evidence)
{
    const Stage &stage = stageOf(at);
    const QString key = QString::number(at.line) + u'|' + detail;
    QString subject = m_subjects.value(key);
    if (subject.isEmpty()) {
        const QString base = stageLabel(stage) + u'/' + at.keyword.toLower() + u':'
            + shortHash(SecretDetector::redact(at.original))
            + (detail.isEmpty() ? QString() : u'/' + detail);
        subject = base;
        for (int n = 2; m_usedSubjects.contains(subject); ++n)
            subject = base + u'#' + QString::number(n);
        m_usedSubjects.insert(subject);
        m_subjects.insert(key, subject);
    }
    QString text = evidence;
    if (text.isEmpty()) {
        text = at.original.simplified();
        if (text.size() > 200)
            text = text.left(197) + QStringLiteral("...");
    }
    m_sink.report(m_input.services.value(0), compose::Origin{m_input.path, at.line, 0},
                  QStringLiteral("dockerfile:") + m_input.path, subject, why, text);
}

Check perDockerfile(DockerfileCheck fn)
{
    return [fn](const AnalysisInput &input, FindingSink &sink) {
        for (const DockerfileInput &df : input.dockerfiles) {
            if (df.dockerfile.stages.isEmpty())
                continue;
            Context ctx(df, sink);
            fn(ctx);
        }
    };
}

} // namespace dockerfilechecks
} // namespace threatdock::rules
