#include "composeloader.h"

#include "composemerger.h"
#include "composenormalizer.h"
#include "dotenv.h"
#include "extendsresolver.h"
#include "interpolation.h"
#include "yamlreader.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>

namespace threatdock::compose {

namespace {

const QStringList kComposeFileNames{
    QStringLiteral("compose.yaml"),
    QStringLiteral("compose.yml"),
    QStringLiteral("docker-compose.yaml"),
    QStringLiteral("docker-compose.yml"),
};

QString absolute(const QString &path, const QString &base)
{
    if (path.isEmpty())
        return QDir::cleanPath(base);
    QString p = path;
    if (p == u"~" || p.startsWith(QStringLiteral("~/")))
        p = QDir::homePath() + p.mid(1);
    return QDir::cleanPath(QDir(base).absoluteFilePath(p));
}

/// Reads the project environment: env files (each may expand the previous ones and the
/// process environment), with the process environment winning over every file.
Environment readProjectEnvironment(const QStringList &envFiles, const Environment &processEnv,
                                   const Environment &defaults = {})
{
    Environment fromFiles = defaults;
    for (const QString &file : envFiles) {
        const VariableLookup lookup = [&](const QString &name) -> std::optional<QString> {
            if (auto it = processEnv.constFind(name); it != processEnv.constEnd())
                return *it;
            if (auto it = fromFiles.constFind(name); it != fromFiles.constEnd())
                return *it;
            return std::nullopt;
        };
        DotEnv::Result r = DotEnv::readFile(file, lookup);
        if (!r.ok())
            throw ComposeError(r.error->origin, r.error->message);
        for (const auto &[key, value] : r.variables)
            fromFiles.insert(key, value);
    }
    Environment env = fromFiles;
    for (auto it = processEnv.constBegin(); it != processEnv.constEnd(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

/// Loads, interpolates and merges compose files into one raw document, with extends and
/// include applied. One instance per (sub)project; include recurses with a new one.
class RawProjectLoader
{
public:
    RawProjectLoader(const QString &workingDir, const Environment &environment,
                     Diagnostics &warnings, QStringList includeChain)
        : m_workingDir(workingDir)
        , m_environment(environment)
        , m_warnings(warnings)
        , m_includeChain(std::move(includeChain))
    { }

    Node load(const QStringList &files)
    {
        Node merged = Node::mapping();
        bool first = true;
        for (const QString &file : files) {
            for (Node doc : readInterpolated(file)) {
                ExtendsResolver([this](const QString &f) {
                    return readInterpolated(f).value(0);
                }).apply(doc, file);
                applyIncludes(doc, file);
                merged = first ? doc : ComposeMerger::merge(merged, doc);
                first = false;
            }
        }
        ComposeMerger::stripMergeTags(merged);
        ComposeMerger::enforceUnicity(merged);
        return merged;
    }

private:
    QList<Node> readInterpolated(const QString &file)
    {
        YamlReader::Result r = YamlReader::readFile(file);
        if (!r.ok())
            throw ComposeError(r.error->origin, r.error->message);
        QList<Node> docs;
        for (Node &doc : r.documents) {
            if (doc.isNull())
                continue;
            if (!doc.isMapping())
                throw ComposeError(doc.origin(),
                                   QStringLiteral("a compose file must be a "
                                                  "mapping, not a %1")
                                       .arg(doc.kindName()));
            if (const MapEntry *v = doc.entry(QStringLiteral("version"))) {
                m_warnings << Diagnostic{Diagnostic::Severity::Warning, v->keyOrigin,
                                         QStringLiteral("the attribute `version` is obsolete, "
                                                        "it will be ignored")};
                doc.remove(QStringLiteral("version"));
            }
            if (auto err = Interpolator::interpolate(doc, lookupIn(m_environment)))
                throw ComposeError(err->origin, err->message);
            docs << doc;
        }
        if (docs.isEmpty())
            throw ComposeError(Origin{file, 1, 1}, QStringLiteral("empty compose file"));
        return docs;
    }

    void applyIncludes(Node &doc, const QString &file)
    {
        const MapEntry *includeEntry = doc.entry(QStringLiteral("include"));
        if (!includeEntry)
            return;
        const Node include = includeEntry->value;
        doc.remove(QStringLiteral("include"));
        if (include.isNull())
            return;
        if (!include.isSequence())
            throw ComposeError(
                include.origin(),
                QStringLiteral("include must be a list, not a %1").arg(include.kindName()));
        const QString fileDir = QFileInfo(file).absolutePath();
        for (const Node &item : include.items()) {
            QStringList paths;
            QString projectDir;
            QStringList envFiles;
            auto strings = [](const Node &n, const QString &what) {
                QStringList out;
                if (n.isScalar()) {
                    out << n.text();
                } else if (n.isSequence()) {
                    for (const Node &s : n.items()) {
                        if (!s.isScalar())
                            throw ComposeError(s.origin(),
                                               what
                                                   + QStringLiteral(" must be "
                                                                    "strings"));
                        out << s.text();
                    }
                } else if (!n.isNull()) {
                    throw ComposeError(n.origin(),
                                       what
                                           + QStringLiteral(" must be a string or "
                                                            "a list of strings"));
                }
                return out;
            };
            if (item.isScalar()) {
                paths << item.text();
            } else if (item.isMapping()) {
                paths = strings(item.value(QStringLiteral("path")), QStringLiteral("include.path"));
                if (paths.isEmpty())
                    throw ComposeError(item.origin(), QStringLiteral("include entry needs a path"));
                const Node pd = item.value(QStringLiteral("project_directory"));
                if (pd.isScalar())
                    projectDir = absolute(pd.text(), fileDir);
                envFiles = strings(item.value(QStringLiteral("env_file")),
                                   QStringLiteral("include.env_file"));
            } else {
                throw ComposeError(item.origin(),
                                   QStringLiteral("include entries must be a path "
                                                  "or a mapping with path"));
            }
            for (QString &p : paths) {
                p = absolute(p, fileDir);
                if (!QFileInfo(p).isFile())
                    throw ComposeError(item.origin(),
                                       QStringLiteral("included file %1 not found").arg(p));
            }
            if (projectDir.isEmpty())
                projectDir = QFileInfo(paths.first()).absolutePath();
            for (QString &e : envFiles) {
                e = absolute(e, fileDir);
                if (!QFileInfo(e).isFile())
                    throw ComposeError(item.origin(),
                                       QStringLiteral("env file %1 not found").arg(e));
            }
            if (envFiles.isEmpty() && QFileInfo(projectDir + QStringLiteral("/.env")).isFile())
                envFiles << projectDir + QStringLiteral("/.env");
            for (const QString &p : paths) {
                if (m_includeChain.contains(p)) {
                    QStringList cycle = m_includeChain.mid(m_includeChain.indexOf(p));
                    cycle << p;
                    throw ComposeError(item.origin(),
                                       QStringLiteral("include cycle: %1")
                                           .arg(cycle.join(QStringLiteral(" -> "))));
                }
            }
            // The including project's environment overrides the included .env defaults.
            const Environment env = readProjectEnvironment(envFiles, m_environment);
            RawProjectLoader sub(projectDir, env, m_warnings, m_includeChain + paths);
            Node included = sub.load(paths);
            resolveIncludedPaths(included, projectDir);
            mergeIncluded(doc, included, item.origin());
        }
    }

    static void resolveIncludedPaths(Node &doc, const QString &projectDir)
    {
        if (Node *services = doc.find(QStringLiteral("services"));
            services && services->isMapping())
            for (MapEntry &e : services->entries())
                if (e.value.isMapping())
                    ComposeNormalizer::resolveServicePaths(e.value, projectDir);
        for (const QString &section : {QStringLiteral("secrets"), QStringLiteral("configs")}) {
            Node *s = doc.find(section);
            if (!s || !s->isMapping())
                continue;
            for (MapEntry &e : s->entries()) {
                if (Node *f = e.value.find(QStringLiteral("file")); f && f->isScalar())
                    f->setText(absolute(f->text(), projectDir));
            }
        }
    }

    /// Copies the included resources into doc; a name defined on both sides differently
    /// is an error, as in Compose.
    static void mergeIncluded(Node &doc, const Node &included, const Origin &where)
    {
        for (const QString &section :
             {QStringLiteral("services"), QStringLiteral("networks"), QStringLiteral("volumes"),
              QStringLiteral("secrets"), QStringLiteral("configs")}) {
            const Node *from = included.find(section);
            if (!from || !from->isMapping())
                continue;
            Node *to = doc.find(section);
            if (!to || to->isNull()) {
                doc.insert(section, Node::mapping(from->origin()));
                to = doc.find(section);
            }
            for (const MapEntry &e : from->entries()) {
                if (to->contains(e.key)) {
                    if (section == u"services")
                        throw ComposeError(where,
                                           QStringLiteral("included file defines service "
                                                          "\"%1\" that conflicts with one "
                                                          "in this project")
                                               .arg(e.key));
                    continue;
                }
                to->entries().push_back(e);
            }
        }
    }

    QString m_workingDir;
    Environment m_environment;
    Diagnostics &m_warnings;
    QStringList m_includeChain;
};

QStringList splitList(const QString &value, QChar separator)
{
    QStringList out;
    for (const QString &part : value.split(separator, Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

/// Removes services whose profiles are all inactive; returns their names.
QStringList applyProfiles(Node &doc, const QStringList &active)
{
    QStringList disabled;
    Node *services = doc.find(QStringLiteral("services"));
    if (!services || !services->isMapping())
        return disabled;
    std::vector<MapEntry> kept;
    for (MapEntry &e : services->entries()) {
        const Node profiles = e.value.value(QStringLiteral("profiles"));
        bool enabled = !profiles.isSequence() || profiles.items().empty();
        if (profiles.isSequence()) {
            for (const Node &p : profiles.items()) {
                if (active.contains(p.text()) || active.contains(QStringLiteral("*")))
                    enabled = true;
            }
        }
        if (enabled)
            kept.push_back(e);
        else
            disabled << e.key;
    }
    services->entries() = std::move(kept);
    return disabled;
}

void checkDependencies(const Node &model, const QStringList &disabled, bool lenient,
                       Diagnostics &warnings)
{
    const Node services = model.value(QStringLiteral("services"));
    for (const MapEntry &s : services.entries()) {
        for (const MapEntry &d : s.value.value(QStringLiteral("depends_on")).entries()) {
            if (services.contains(d.key))
                continue;
            const bool required = d.value.value(QStringLiteral("required")).toBool().value_or(true);
            if (disabled.contains(d.key)) {
                const QString msg = QStringLiteral("service \"%1\" depends on \"%2\", which is "
                                                   "disabled by its profiles")
                                        .arg(s.key, d.key);
                if (required && !lenient)
                    throw ComposeError(d.keyOrigin, msg);
                warnings << Diagnostic{Diagnostic::Severity::Warning, d.keyOrigin, msg};
                continue;
            }
            const QString msg = QStringLiteral("service \"%1\" depends on undefined service "
                                               "\"%2\"")
                                    .arg(s.key, d.key);
            if (required && !lenient)
                throw ComposeError(d.keyOrigin, msg);
            warnings << Diagnostic{Diagnostic::Severity::Warning, d.keyOrigin, msg};
        }
    }
}

} // namespace

QStringList ComposeLoader::discoverFiles(const QString &directory)
{
    const QDir dir(directory);
    for (const QString &name : kComposeFileNames) {
        if (!QFileInfo(dir.filePath(name)).isFile())
            continue;
        QStringList files{dir.absoluteFilePath(name)};
        const QString stem = name.left(name.lastIndexOf(u'.'));
        const QString ext = name.mid(name.lastIndexOf(u'.'));
        for (const QString &overrideExt :
             {ext, ext == u".yaml" ? QStringLiteral(".yml") : QStringLiteral(".yaml")}) {
            const QString o = dir.filePath(stem + QStringLiteral(".override") + overrideExt);
            if (QFileInfo(o).isFile()) {
                files << QDir::cleanPath(dir.absoluteFilePath(o));
                break;
            }
        }
        return files;
    }
    return {};
}

QString ComposeLoader::normalizeProjectName(const QString &name)
{
    QString out;
    for (const QChar c : name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-')
            out += c;
    }
    while (!out.isEmpty() && (out.front() == u'_' || out.front() == u'-'))
        out.remove(0, 1);
    return out;
}

ComposeLoader::Result ComposeLoader::load(const Options &options)
{
    Result result;
    try {
        const Environment processEnv = options.processEnvironment.value_or(
            fromProcessEnvironment(QProcessEnvironment::systemEnvironment()));
        const QString cwd = QDir::currentPath();

        // Which files, and where the project lives.
        QStringList files;
        QString workingDir;
        for (const QString &f : options.files)
            files << absolute(f, cwd);
        const QString path = options.path.isEmpty() ? cwd : absolute(options.path, cwd);
        if (files.isEmpty() && QFileInfo(path).isFile())
            files << path;
        if (!options.projectDirectory.isEmpty())
            workingDir = absolute(options.projectDirectory, cwd);
        else if (!files.isEmpty())
            workingDir = QFileInfo(files.first()).absolutePath();
        else
            workingDir = path;
        if (!QFileInfo(workingDir).isDir())
            throw ComposeError({}, QStringLiteral("%1: no such directory").arg(workingDir));

        // The project environment: --env-file, or .env in the project directory.
        QStringList envFiles;
        for (const QString &e : options.envFiles) {
            const QString abs = absolute(e, cwd);
            if (!QFileInfo(abs).isFile())
                throw ComposeError({}, QStringLiteral("%1: env file not found").arg(abs));
            envFiles << abs;
        }
        if (options.envFiles.isEmpty() && QFileInfo(workingDir + QStringLiteral("/.env")).isFile())
            envFiles << workingDir + QStringLiteral("/.env");
        const Environment env = readProjectEnvironment(envFiles, processEnv);

        if (files.isEmpty() && env.contains(QStringLiteral("COMPOSE_FILE"))) {
            const QString sep
                = env.value(QStringLiteral("COMPOSE_PATH_SEPARATOR"), QStringLiteral(":"));
            for (const QString &f : splitList(env.value(QStringLiteral("COMPOSE_FILE")),
                                              sep.isEmpty() ? u':' : sep.front()))
                files << absolute(f, workingDir);
        }
        if (files.isEmpty())
            files = discoverFiles(workingDir);
        if (files.isEmpty())
            throw ComposeError({},
                               QStringLiteral("%1: no compose file found (looked for %2)")
                                   .arg(workingDir, kComposeFileNames.join(QStringLiteral(", "))));
        for (const QString &f : files) {
            if (!QFileInfo(f).isFile())
                throw ComposeError({}, QStringLiteral("%1: no such file").arg(f));
        }

        RawProjectLoader loader(workingDir, env, result.warnings, files);
        Node raw = loader.load(files);

        // Project name: --project-name, COMPOSE_PROJECT_NAME, name:, the directory.
        QString name = options.projectName;
        Origin nameOrigin;
        if (name.isEmpty())
            name = env.value(QStringLiteral("COMPOSE_PROJECT_NAME"));
        if (name.isEmpty() && raw.value(QStringLiteral("name")).isScalar()) {
            name = raw.value(QStringLiteral("name")).text();
            nameOrigin = raw.value(QStringLiteral("name")).origin();
        }
        if (!name.isEmpty()) {
            static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
            if (!valid.match(name).hasMatch())
                throw ComposeError(nameOrigin,
                                   QStringLiteral("invalid project name \"%1\": must contain only "
                                                  "lowercase letters, digits, dashes and "
                                                  "underscores, and start with a letter or digit")
                                       .arg(name));
        } else {
            name = normalizeProjectName(QFileInfo(workingDir).fileName());
        }
        raw.insert(QStringLiteral("name"), Node::scalar(name, nameOrigin, true));

        QStringList profiles = options.profiles;
        if (profiles.isEmpty())
            profiles = splitList(env.value(QStringLiteral("COMPOSE_PROFILES")), u',');
        const QStringList disabled = applyProfiles(raw, profiles);

        const Node model = ComposeNormalizer::normalize(raw, {workingDir, env, options.lenient},
                                                        result.warnings);
        checkDependencies(model, disabled, options.lenient, result.warnings);

        ComposeProject project;
        project.name = name;
        project.workingDir = workingDir;
        project.composeFiles = files;
        project.envFiles = envFiles;
        project.activeProfiles = profiles;
        project.environment = env;
        project.inactiveServices = disabled;
        project.model = model;
        project.services = servicesFromModel(model);
        result.project = std::move(project);
    } catch (const ComposeError &e) {
        result.error = e.diagnostic();
    }
    return result;
}

} // namespace threatdock::compose
