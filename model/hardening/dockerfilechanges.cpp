// The changes to the Dockerfiles a project builds, one per rule and Dockerfile: USER,
// HEALTHCHECK, a pinned base tag, COPY instead of ADD, --no-install-recommends, apt lists
// removed, pip --no-cache-dir, apk --no-cache, CMD in exec form. Each is a list of
// DockerfileEdits; the Dockerfile itself is written only on request (HardeningWriter).

#include "dockerfilepatcher.h"
#include "hardeningplanner_p.h"

#include <QRegularExpression>
#include <QSet>

namespace threatdock::hardening::detail {

namespace {

using dockerfile::Instruction;
using dockerfile::Stage;
using rules::DockerfileInput;
using rules::Finding;
using Findings = QList<const Finding *>;

/// One Dockerfile being planned: its parse, its lines as read, its findings.
struct Target
{
    PlanContext &ctx;
    const DockerfileInput &input;
    QStringList lines;

    QString relativePath() const { return ctx.result.report.relativePath(input.path); }

    const Instruction *instructionAt(int line) const
    {
        for (const Instruction *i : input.dockerfile.instructions())
            if (i->line == line)
                return i;
        for (const Instruction &i : input.dockerfile.globalArgs)
            if (i.line == line)
                return &i;
        return nullptr;
    }

    const Stage *stageAt(int fromLine) const
    {
        for (const Stage &s : input.dockerfile.stages)
            if (!s.instructions.isEmpty() && s.instructions.first().line == fromLine)
                return &s;
        return nullptr;
    }

    /// The instruction's text with a Replace edit applied, to check that it changes.
    QString edited(const Instruction &ins, const QString &pattern, const QString &replacement) const
    {
        const QString text = lines.mid(ins.line - 1, ins.endLine - ins.line + 1).join(u'\n');
        return DockerfilePatcher::replace(text, pattern, replacement);
    }

    /// A Replace edit of ins, or nullopt when it would change nothing.
    std::optional<DockerfileEdit> replace(const Instruction &ins, const QString &pattern,
                                          const QString &replacement) const
    {
        const QString text = lines.mid(ins.line - 1, ins.endLine - ins.line + 1).join(u'\n');
        if (edited(ins, pattern, replacement) == text)
            return std::nullopt;
        return DockerfileEdit{DockerfileEdit::Kind::Replace, ins.line, ins.endLine, pattern,
                              replacement};
    }

    /// Where USER and HEALTHCHECK go: before the image stage's closing run of CMD,
    /// ENTRYPOINT, EXPOSE, HEALTHCHECK, LABEL, STOPSIGNAL and VOLUME (and the comments
    /// just above it), after any USER; at the stage's end when it has no such run.
    int insertionLine() const
    {
        static const QSet<QString> closing{QStringLiteral("CMD"),    QStringLiteral("ENTRYPOINT"),
                                           QStringLiteral("EXPOSE"), QStringLiteral("HEALTHCHECK"),
                                           QStringLiteral("LABEL"),  QStringLiteral("STOPSIGNAL"),
                                           QStringLiteral("VOLUME")};
        const Stage *image = input.finalStage();
        const QList<Instruction> &ins = image->instructions;
        qsizetype first = ins.size();
        while (first > 1 && closing.contains(ins.at(first - 1).keyword))
            --first;
        if (first == ins.size())
            return ins.last().endLine + 1;
        int line = ins.at(first).line;
        const int floor = ins.at(first - 1).endLine;
        while (line - 1 > floor && lines.value(line - 2).trimmed().startsWith(u'#'))
            --line;
        return line;
    }

    HardeningChange change(const QString &action, const QString &title, const QString &description,
                           const QList<DockerfileEdit> &edits, const Findings &fixes) const
    {
        HardeningChange c;
        c.id = QStringLiteral("dockerfile:%1/%2").arg(relativePath(), action);
        c.service = input.services.value(0);
        c.target = ChangeTarget::Dockerfile;
        c.kind = action;
        c.title = title;
        c.description = description;
        c.dockerfile = input.path;
        c.edits = edits;
        claim(ctx, c, fixes);
        return c;
    }
};

/// Adds an edit unless one of the same instruction is there (two findings, one line).
void addOnce(QList<DockerfileEdit> &edits, const DockerfileEdit &edit)
{
    if (std::none_of(edits.cbegin(), edits.cend(),
                     [&](const DockerfileEdit &e) { return e.line == edit.line; }))
        edits << edit;
}

QString jsonString(const QString &s)
{
    QString out = s;
    out.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + out + u'"';
}

QString execForm(const QStringList &words)
{
    QStringList quoted;
    for (const QString &w : words)
        quoted << jsonString(w);
    return u'[' + quoted.join(QStringLiteral(", ")) + u']';
}

/// The uid:gid for USER: the base image's unprivileged user, else the default.
QString plannedUser(const Target &t)
{
    const ImageProfile *base = t.ctx.baseProfile(t.input);
    const QString user = base ? base->userFor(t.ctx.baseImage(t.input)) : QString();
    return user.isEmpty() ? t.ctx.catalog.defaultUser() : user;
}

std::optional<HardeningChange> addUser(Target &t)
{
    const Findings fixes = t.ctx.findingsIn(t.input.path, QStringLiteral("DKF-USR-001"));
    if (fixes.isEmpty() || !t.input.finalStage())
        return std::nullopt;
    const QString user = plannedUser(t);
    t.ctx.plannedDockerfileUsers.insert(t.input.path, user);
    return t.change(QStringLiteral("add-user"), QStringLiteral("USER %1").arg(user),
                    QStringLiteral("Runs the image as %1 (numeric, so a runtime can check it is "
                                   "not root) instead of root. The files COPY adds stay owned "
                                   "by root: the process can read but not rewrite its own code; "
                                   "paths it writes at run time must be writable by that uid.")
                        .arg(user),
                    {{DockerfileEdit::Kind::InsertBefore, t.insertionLine(), 0, QString(),
                      QStringLiteral("USER ") + user}},
                    fixes);
}

/// The HEALTHCHECK instruction for a probe (a compose-style test list).
QString healthcheckInstruction(const PlanContext &ctx, const QStringList &test)
{
    QString flags;
    for (const auto &[key, value] : ctx.catalog.healthcheckTiming())
        flags += QStringLiteral(" --%1=%2").arg(QString(key).replace(u'_', u'-'), value);
    // `$$` is Compose's escape for `$`; a Dockerfile takes the `$` as it is.
    const QString command = test.first() == u"CMD-SHELL"
        ? QString(test.value(1)).replace(QStringLiteral("$$"), QStringLiteral("$"))
        : execForm(test.mid(1));
    return QStringLiteral("HEALTHCHECK%1 \\\n    CMD %2").arg(flags, command);
}

std::optional<HardeningChange> addHealthcheck(Target &t)
{
    const Findings fixes = t.ctx.findingsIn(t.input.path, QStringLiteral("DKF-HLT-001"));
    const compose::Service *service = t.ctx.result.project.service(t.input.services.value(0));
    if (fixes.isEmpty() || !service || !t.input.finalStage())
        return std::nullopt;
    const HealthProbe probe = t.ctx.probeFor(*service);
    if (probe.test.size() < 2)
        return std::nullopt;
    const QString text = healthcheckInstruction(t.ctx, probe.test);
    QList<DockerfileEdit> edits;
    const Instruction *at = t.instructionAt(fixes.first()->line);
    if (at && at->keyword == u"HEALTHCHECK") { // HEALTHCHECK NONE
        edits << DockerfileEdit{DockerfileEdit::Kind::Replace, at->line, at->endLine,
                                QStringLiteral("^[\\s\\S]*$"), DockerfilePatcher::literal(text)};
    } else {
        edits << DockerfileEdit{DockerfileEdit::Kind::InsertBefore, t.insertionLine(), 0, QString(),
                                text};
    }
    return t.change(QStringLiteral("add-healthcheck"),
                    QStringLiteral("HEALTHCHECK %1").arg(probe.summary()),
                    QStringLiteral("Lets the engine tell a hung service from a healthy one. "
                                   "The probe only checks that the service answers on its "
                                   "port; point it at a health endpoint if there is one."),
                    edits, fixes);
}

/// The base reference with the catalog's tag instead of none or latest.
QString pinned(const QString &reference, const QString &tag)
{
    QString name = reference.section(u'@', 0, 0);
    if (name.lastIndexOf(u':') > name.lastIndexOf(u'/'))
        name.truncate(name.lastIndexOf(u':'));
    return name + u':' + tag;
}

std::optional<HardeningChange> pinBaseImage(Target &t)
{
    static const QRegularExpression argRef(QStringLiteral("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?$"));
    QList<DockerfileEdit> edits;
    Findings fixes;
    QStringList pins;
    QStringList overriddenBy;
    for (const Finding *f : t.ctx.findingsIn(t.input.path, QStringLiteral("DKF-SUP-007"))) {
        const Stage *stage = t.stageAt(f->line);
        const ImageProfile *p = stage ? t.ctx.catalog.image(stage->resolvedBaseImage) : nullptr;
        if (!p || p->tag.isEmpty())
            continue;
        const QString to = pinned(stage->resolvedBaseImage, p->tag);
        std::optional<DockerfileEdit> edit;
        if (const auto m = argRef.match(stage->baseImage); m.hasMatch()) {
            const QString var = m.captured(1);
            for (const Instruction &arg : t.input.dockerfile.globalArgs)
                if (arg.arguments.trimmed().startsWith(var + u'='))
                    edit = t.replace(
                        arg, QStringLiteral("^(ARG\\s+%1\\s*=\\s*)\"?[^\\s\"]*\"?").arg(var),
                        QStringLiteral("\\1") + DockerfilePatcher::literal(to));
            for (const QString &svc : t.input.services)
                if (const compose::Service *s = t.ctx.result.project.service(svc); s && s->build)
                    for (const compose::EnvironmentVariable &a : s->build->args)
                        if (a.name == var && !overriddenBy.contains(svc))
                            overriddenBy << svc;
        } else if (stage->baseImage == stage->resolvedBaseImage) {
            edit = t.replace(stage->instructions.first(),
                             QStringLiteral("^(FROM\\s+(?:--\\S+\\s+)*)%1(?=\\s|$)")
                                 .arg(QRegularExpression::escape(stage->baseImage)),
                             QStringLiteral("\\1") + DockerfilePatcher::literal(to));
        }
        if (!edit)
            continue;
        fixes << f;
        addOnce(edits, *edit);
        if (!pins.contains(to))
            pins << to;
    }
    if (fixes.isEmpty())
        return std::nullopt;
    QString description = QStringLiteral("Builds FROM a pinned version instead of whatever "
                                         ":latest is on the day of the build. Check the "
                                         "release notes; pin the digest too once reviewed.");
    if (!overriddenBy.isEmpty())
        description += QStringLiteral(" The compose file passes the base image as a build "
                                      "argument of %1, which overrides this default: pin it "
                                      "there too.")
                           .arg(overriddenBy.join(QStringLiteral(", ")));
    return t.change(QStringLiteral("pin-base-image"),
                    QStringLiteral("FROM %1").arg(pins.join(QStringLiteral(", "))), description,
                    edits, fixes);
}

/// A change made of one Replace edit on each instruction a rule reports.
std::optional<HardeningChange> perInstruction(Target &t, const QString &ruleId,
                                              const QString &action, const QString &title,
                                              const QString &description, const QString &pattern,
                                              const QString &replacement,
                                              bool (*applies)(const Instruction &) = nullptr)
{
    QList<DockerfileEdit> edits;
    Findings fixes;
    for (const Finding *f : t.ctx.findingsIn(t.input.path, ruleId)) {
        const Instruction *ins = t.instructionAt(f->line);
        if (!ins || (applies && !applies(*ins)))
            continue;
        const std::optional<DockerfileEdit> edit = t.replace(*ins, pattern, replacement);
        if (!edit)
            continue;
        fixes << f;
        addOnce(edits, *edit);
    }
    if (fixes.isEmpty())
        return std::nullopt;
    return t.change(action, title, description, edits, fixes);
}

/// A RUN whose script a flag can be added to (shell form or heredoc).
bool shellRun(const Instruction &ins)
{
    return ins.keyword == u"RUN" && !ins.execForm;
}

/// A RUN whose text ends with its last command (no heredoc after it).
bool plainShellRun(const Instruction &ins)
{
    return shellRun(ins) && ins.heredocs.isEmpty();
}

/// A shell-form CMD (or ENTRYPOINT) that means the same in exec form: plain words only.
std::optional<HardeningChange> useExecForm(Target &t)
{
    static const QRegularExpression special(QStringLiteral("[$`|&;<>*?(){}\\[\\]\\\\'\"~#=\\n]"));
    QList<DockerfileEdit> edits;
    Findings fixes;
    for (const Finding *f : t.ctx.findingsIn(t.input.path, QStringLiteral("DKF-BLD-003"))) {
        const Instruction *ins = t.instructionAt(f->line);
        if (!ins || ins->execForm || special.match(ins->arguments).hasMatch())
            continue;
        if (ins->keyword == u"ENTRYPOINT") {
            const Stage *image = t.input.finalStage();
            if (!image || t.input.dockerfile.effective(*image, QStringLiteral("CMD")))
                continue; // exec form would start passing CMD to it as arguments
        } else if (ins->keyword != u"CMD") {
            continue;
        }
        const QStringList words
            = ins->arguments.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        if (auto edit
            = t.replace(*ins, QStringLiteral("^[\\s\\S]*$"),
                        DockerfilePatcher::literal(ins->keyword + u' ' + execForm(words)))) {
            edits << *edit;
            fixes << f;
        }
    }
    if (fixes.isEmpty())
        return std::nullopt;
    return t.change(QStringLiteral("use-json-cmd"), QStringLiteral("CMD in exec form"),
                    QStringLiteral("Starts the program as PID 1 instead of under /bin/sh -c, "
                                   "so it receives SIGTERM and the container stops cleanly."),
                    edits, fixes);
}

QList<HardeningChange> changesFor(Target &t)
{
    QList<HardeningChange> out;
    const auto add = [&out](std::optional<HardeningChange> c) {
        if (c)
            out << std::move(*c);
    };
    const QString rest = QStringLiteral("\\1\\2");
    add(pinBaseImage(t));
    add(perInstruction(t, QStringLiteral("DKF-SUP-002"), QStringLiteral("use-copy"),
                       QStringLiteral("COPY instead of ADD"),
                       QStringLiteral("COPY copies local files and nothing else; ADD also "
                                      "fetches URLs and unpacks archives."),
                       QStringLiteral("^ADD\\b"), QStringLiteral("COPY"),
                       [](const Instruction &i) { return i.keyword == u"ADD"; }));
    add(perInstruction(t, QStringLiteral("DKF-MIN-001"), QStringLiteral("apt-no-recommends"),
                       QStringLiteral("apt-get install --no-install-recommends"),
                       QStringLiteral("Installs only the packages asked for, not the ones they "
                                      "recommend: a smaller image with less to patch."),
                       QStringLiteral("\\b(apt-get|apt)((?:\\s+-\\S+)*\\s+)install\\b"
                                      "(?![^&;|\\n]*--no-install-recommends)"),
                       rest + QStringLiteral("install --no-install-recommends"), shellRun));
    add(perInstruction(t, QStringLiteral("DKF-MIN-002"), QStringLiteral("apt-clean-lists"),
                       QStringLiteral("rm -rf /var/lib/apt/lists/* after apt-get install"),
                       QStringLiteral("Removes the package lists in the same RUN, so they do "
                                      "not stay in the layer."),
                       QStringLiteral("(\\S)\\s*$"),
                       QStringLiteral("\\1")
                           + DockerfilePatcher::literal(u' ' + QString(t.input.dockerfile.escape)
                                                        + QStringLiteral("\n    && rm -rf "
                                                                         "/var/lib/apt/lists/*")),
                       plainShellRun));
    add(perInstruction(t, QStringLiteral("DKF-PKG-004"), QStringLiteral("pip-no-cache"),
                       QStringLiteral("pip install --no-cache-dir"),
                       QStringLiteral("Keeps pip's download cache out of the layer."),
                       QStringLiteral("\\b(pip[0-9.]*)((?:\\s+-\\S+)*\\s+)install\\b"
                                      "(?![^&;|\\n]*--no-cache-dir)"),
                       rest + QStringLiteral("install --no-cache-dir"), shellRun));
    add(perInstruction(t, QStringLiteral("DKF-PKG-001"), QStringLiteral("apk-no-cache"),
                       QStringLiteral("apk add --no-cache"),
                       QStringLiteral("Keeps the apk index out of the layer."),
                       QStringLiteral("\\b(apk)((?:\\s+-\\S+)*\\s+)add\\b(?![^&;|\\n]*--no-cache)"),
                       rest + QStringLiteral("add --no-cache"), shellRun));
    add(useExecForm(t));
    add(addUser(t));
    add(addHealthcheck(t));
    return out;
}

} // namespace

QList<HardeningChange> dockerfileChanges(PlanContext &ctx)
{
    QList<HardeningChange> out;
    for (const DockerfileInput &d : ctx.input.dockerfiles) {
        if (d.path.isEmpty() || d.services.isEmpty())
            continue; // build.dockerfile_inline: no file to change
        const SourceFile source = ctx.readSource(d.path);
        if (!source.content)
            continue;
        QString text = QString::fromUtf8(*source.content);
        text.remove(u'\r');
        Target t{ctx, d, text.split(u'\n')};
        const QList<HardeningChange> changes = changesFor(t);
        out << changes;
    }
    return out;
}

} // namespace threatdock::hardening::detail
