// What a service is (its role in the data-flow diagram) and what a host path is.
#include "systemderivation_p.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace threatdock::system::derivation {

namespace {

/// Lower-case words of an image reference, a service name or a path, trailing digits
/// dropped ("pgadmin4" → "pgadmin", "web1" → "web"). The tag and digest are not words.
QStringList words(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    static const QRegularExpression trailingDigits(QStringLiteral("[0-9]+$"));
    QStringList out;
    for (QString w : text.toLower().split(separators, Qt::SkipEmptyParts)) {
        w.remove(trailingDigits);
        if (!w.isEmpty())
            out << w;
    }
    return out;
}

/// The repository part of an image reference: no registry port, tag or digest.
QString imageRepository(const QString &image)
{
    QString repo = image.section(u'@', 0, 0);
    const qsizetype slash = repo.lastIndexOf(u'/');
    const qsizetype colon = repo.lastIndexOf(u':');
    if (colon > slash)
        repo.truncate(colon);
    return repo;
}

struct RoleWords
{
    QString role;
    QSet<QString> words;
};

/// Known products and conventional names, in the order they are tried: a proxy in front
/// of a web app is a proxy, a database image named "web" is still a database.
const QList<RoleWords> &productRoles()
{
    static const QList<RoleWords> roles{
        {QStringLiteral("proxy"),
         {QStringLiteral("nginx"), QStringLiteral("traefik"), QStringLiteral("haproxy"),
          QStringLiteral("envoy"), QStringLiteral("caddy"), QStringLiteral("proxy"),
          QStringLiteral("gateway"), QStringLiteral("cloudflared"), QStringLiteral("varnish"),
          QStringLiteral("squid")}},
        {QStringLiteral("database"),
         {QStringLiteral("postgres"),    QStringLiteral("postgresql"),
          QStringLiteral("postgis"),     QStringLiteral("mysql"),
          QStringLiteral("mariadb"),     QStringLiteral("mongo"),
          QStringLiteral("mongodb"),     QStringLiteral("mssql"),
          QStringLiteral("sql"),         QStringLiteral("oracle"),
          QStringLiteral("cassandra"),   QStringLiteral("couchdb"),
          QStringLiteral("influxdb"),    QStringLiteral("neo"),
          QStringLiteral("clickhouse"),  QStringLiteral("elasticsearch"),
          QStringLiteral("opensearch"),  QStringLiteral("cockroach"),
          QStringLiteral("timescaledb"), QStringLiteral("db"),
          QStringLiteral("database")}},
        {QStringLiteral("cache"),
         {QStringLiteral("redis"), QStringLiteral("redismod"), QStringLiteral("memcached"),
          QStringLiteral("valkey"), QStringLiteral("keydb"), QStringLiteral("cache")}},
        {QStringLiteral("queue"),
         {QStringLiteral("rabbitmq"), QStringLiteral("kafka"), QStringLiteral("nats"),
          QStringLiteral("activemq"), QStringLiteral("zookeeper"), QStringLiteral("mosquitto"),
          QStringLiteral("redpanda"), QStringLiteral("pulsar"), QStringLiteral("emqx"),
          QStringLiteral("queue"), QStringLiteral("mq")}},
        {QStringLiteral("worker"),
         {QStringLiteral("worker"), QStringLiteral("celery"), QStringLiteral("sidekiq"),
          QStringLiteral("etl"), QStringLiteral("cron"), QStringLiteral("scheduler"),
          QStringLiteral("consumer")}},
        {QStringLiteral("web"),
         {QStringLiteral("httpd"),      QStringLiteral("apache"),    QStringLiteral("web"),
          QStringLiteral("www"),        QStringLiteral("frontend"),  QStringLiteral("ui"),
          QStringLiteral("react"),      QStringLiteral("angular"),   QStringLiteral("vue"),
          QStringLiteral("vuejs"),      QStringLiteral("nextjs"),    QStringLiteral("nuxt"),
          QStringLiteral("svelte"),     QStringLiteral("wordpress"), QStringLiteral("nextcloud"),
          QStringLiteral("drupal"),     QStringLiteral("joomla"),    QStringLiteral("ghost"),
          QStringLiteral("grafana"),    QStringLiteral("kibana"),    QStringLiteral("gitea"),
          QStringLiteral("gitlab"),     QStringLiteral("jenkins"),   QStringLiteral("pgadmin"),
          QStringLiteral("phpmyadmin"), QStringLiteral("adminer"),   QStringLiteral("portainer")}},
        {QStringLiteral("api"),
         {QStringLiteral("api"), QStringLiteral("backend"), QStringLiteral("rest"),
          QStringLiteral("graphql")}},
    };
    return roles;
}

/// Base images of a language runtime or a distribution say nothing about the role.
bool isGenericImage(const QStringList &imageWords)
{
    static const QSet<QString> generic{
        QStringLiteral("node"),    QStringLiteral("python"),  QStringLiteral("golang"),
        QStringLiteral("openjdk"), QStringLiteral("eclipse"), QStringLiteral("temurin"),
        QStringLiteral("ruby"),    QStringLiteral("php"),     QStringLiteral("alpine"),
        QStringLiteral("debian"),  QStringLiteral("ubuntu"),  QStringLiteral("busybox"),
        QStringLiteral("dotnet"),  QStringLiteral("rust")};
    for (const QString &w : imageWords)
        if (generic.contains(w))
            return true;
    return false;
}

QString roleOfWords(const QStringList &ws)
{
    for (const RoleWords &r : productRoles())
        for (const QString &w : ws)
            if (r.words.contains(w))
                return r.role;
    return {};
}

bool isHttpPort(int port)
{
    static const QSet<int> wellKnown{80,   443,  3000, 4000, 4200, 5000, 5001, 8000,
                                     8008, 8080, 8081, 8443, 8888, 9000, 9080};
    return wellKnown.contains(port);
}

bool isUnder(const QString &path, const QString &dir)
{
    return path == dir || path.startsWith(dir + u'/');
}

} // namespace

QString processRole(const compose::Service &service)
{
    const QStringList imageWords = words(imageRepository(service.image));
    // An image of a known product says what the service is; a build's image name is only
    // a tag, so its service name and build context speak first.
    if (!service.build && !isGenericImage(imageWords))
        if (QString role = roleOfWords(imageWords); !role.isEmpty())
            return role;
    QStringList named = words(service.name);
    if (service.build)
        named << words(QFileInfo(service.build->context).fileName())
              << words(service.build->target);
    if (QString role = roleOfWords(named); !role.isEmpty())
        return role;
    // A runtime image started as a task queue's worker: `command: celery -A app worker`.
    static const QSet<QString> workerCommands{QStringLiteral("celery"), QStringLiteral("sidekiq"),
                                              QStringLiteral("rq"), QStringLiteral("worker")};
    QStringList command;
    for (const QString &key : {QStringLiteral("entrypoint"), QStringLiteral("command")}) {
        const compose::Node &n = service.node.value(key);
        if (n.isScalar())
            command << words(n.text());
        for (const compose::Node &item : n.items())
            if (item.isScalar())
                command << words(item.text());
    }
    for (const QString &w : command)
        if (workerCommands.contains(w))
            return QStringLiteral("worker");
    if (service.build && !isGenericImage(imageWords))
        if (QString role = roleOfWords(imageWords); !role.isEmpty())
            return role;
    if (service.build || isGenericImage(imageWords))
        for (const compose::PortMapping &p : service.ports)
            if (isHttpPort(p.target))
                return QStringLiteral("api");
    return QStringLiteral("service");
}

bool keepsData(const QString &role)
{
    return role == u"database" || role == u"cache" || role == u"queue";
}

HostPath classifyHostPath(const QString &rawPath, const QString &projectDirectory)
{
    const QString path = QDir::cleanPath(rawPath);
    const QString project = QDir::cleanPath(projectDirectory);
    if (!project.isEmpty() && project != u"/" && isUnder(path, project))
        return HostPath::Ordinary;
    static const QRegularExpression socket(
        QStringLiteral("(^|/)(docker|containerd|podman|crio|cri-dockerd|dockershim)\\.sock$"));
    static const QRegularExpression npipe(QStringLiteral("docker_engine$"));
    static const QSet<QString> socketDirs{QStringLiteral("/run"),
                                          QStringLiteral("/var/run"),
                                          QStringLiteral("/run/docker"),
                                          QStringLiteral("/var/run/docker"),
                                          QStringLiteral("/run/containerd"),
                                          QStringLiteral("/var/run/containerd"),
                                          QStringLiteral("/var/lib/docker")};
    if (socket.match(path).hasMatch() || npipe.match(path).hasMatch() || socketDirs.contains(path))
        return HostPath::RuntimeApi;
    static const QStringList systemDirs{
        QStringLiteral("/bin"),  QStringLiteral("/boot"),    QStringLiteral("/etc"),
        QStringLiteral("/lib"),  QStringLiteral("/lib32"),   QStringLiteral("/lib64"),
        QStringLiteral("/proc"), QStringLiteral("/root"),    QStringLiteral("/run"),
        QStringLiteral("/sbin"), QStringLiteral("/sys"),     QStringLiteral("/usr"),
        QStringLiteral("/var"),  QStringLiteral("/dev/shm"), QStringLiteral("/dev/mqueue")};
    if (path == u"/")
        return HostPath::System;
    for (const QString &dir : systemDirs)
        if (isUnder(path, dir))
            return HostPath::System;
    if (isUnder(path, QStringLiteral("/dev")))
        return HostPath::Device;
    // A whole home directory, or a dot directory in one (.ssh, .aws, .docker, .kube...).
    static const QRegularExpression home(QStringLiteral("^/home(/[^/]+(/\\.[^/]+.*)?)?$"));
    return home.match(path).hasMatch() ? HostPath::System : HostPath::Ordinary;
}

QString displayPath(const QString &rawPath, const QString &projectDirectory)
{
    const QString path = QDir::cleanPath(rawPath);
    const QString project = QDir::cleanPath(projectDirectory);
    if (project.isEmpty() || project == u"/" || !QDir::isAbsolutePath(path))
        return path;
    if (path == project)
        return QStringLiteral(".");
    if (path.startsWith(project + u'/'))
        return QStringLiteral("./") + path.mid(project.size() + 1);
    return path;
}

} // namespace threatdock::system::derivation
