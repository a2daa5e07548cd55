#include "composesession.h"

#include "interruptguard.h"
#include "projectloading.h"

namespace threatdock::cli {

namespace {

constexpr int exitError = 1;
constexpr int exitUsage = 2;

} // namespace

std::optional<int> secondsFrom(const QString &text)
{
    bool ok = false;
    const int seconds = text.toInt(&ok);
    if (!ok || seconds < 0 || seconds > 24 * 3600)
        return std::nullopt;
    return seconds;
}

ComposeSession::ComposeSession(const QString &name, const QString &description, int defaultTimeout)
    : m_name(name)
    , m_timeout(QStringLiteral("timeout"),
                QStringLiteral("Stop docker compose after SECONDS (default %1, 0 = never).")
                    .arg(defaultTimeout),
                QStringLiteral("SECONDS"), QString::number(defaultTimeout))
    , m_help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."))
{
    m_parser.setApplicationDescription(description);
    m_projectOptions.addTo(m_parser);
    m_parser.addOptions({m_timeout, m_help});
    m_parser.addPositionalArgument(QStringLiteral("PATH"),
                                   QStringLiteral("Project directory or compose file (default: "
                                                  "the current directory)."),
                                   QStringLiteral("[PATH]"));
}

ComposeSession::~ComposeSession() = default;

int ComposeSession::usage(const QString &message, QTextStream &err) const
{
    err << "threatdock-cli " << m_name << ": " << message << Qt::endl;
    return exitUsage;
}

std::optional<int> ComposeSession::parse(const QStringList &arguments, QTextStream &out,
                                         QTextStream &err)
{
    if (!m_parser.parse(QStringList{QStringLiteral("threatdock-cli ") + m_name} + arguments))
        return usage(m_parser.errorText(), err);
    if (m_parser.isSet(m_help)) {
        out << m_parser.helpText();
        out.flush();
        return 0;
    }
    const auto seconds = secondsFrom(m_parser.value(m_timeout));
    if (!seconds)
        return usage(QStringLiteral("--timeout takes a number of seconds"), err);
    m_timeoutMs = *seconds * 1000;
    if (m_parser.positionalArguments().size() > 1)
        return usage(QStringLiteral("one PATH at most"), err);
    m_load = m_projectOptions.loadOptions(m_parser);
    m_load.lenient = true; // Compose itself judges the project; ThreatDock needs its name
    return std::nullopt;
}

bool ComposeSession::open(QTextStream &err)
{
    m_project = loadProject(m_load, err);
    if (!m_project)
        return false;
    const scans::ComposeTool tool = scans::DockerCompose::locate();
    if (!tool.found()) {
        fail(tool.error, err);
        return false;
    }
    const scans::ComposeProjectRef ref
        = scans::ComposeProjectRef::from(*m_project, m_load.envFiles, m_load.profiles);
    m_driver = std::make_unique<scans::ComposeDriver>(scans::DockerCompose(tool, ref));
    scans::ComposeDriver *driver = m_driver.get();
    QObject::connect(
        driver, &scans::ComposeDriver::progress, driver,
        [&err, name = m_name](const QString &line) { err << name << ": " << line << Qt::endl; });
    QObject::connect(driver, &scans::ComposeDriver::outputLine, driver,
                     [&err](const QString &line) {
                         if (!line.trimmed().isEmpty())
                             err << "  " << line << Qt::endl;
                     });
    m_interrupt = std::make_unique<InterruptGuard>([driver] { driver->cancel(); });
    err << m_name << ": project " << m_project->name << " (" << m_project->workingDir << "), "
        << driver->describeEngine() << Qt::endl;
    return true;
}

int ComposeSession::fail(const QString &reason, QTextStream &err) const
{
    err << "error: " << m_name << ": " << reason;
    if (m_interrupt && m_interrupt->interruptedBy() != 0)
        err << " (interrupted by signal " << m_interrupt->interruptedBy() << ')';
    err << Qt::endl;
    return exitError;
}

} // namespace threatdock::cli
