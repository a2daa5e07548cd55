// threatdock-bench-layout OUTPUT [SERVICES [SVG]]: lays out a synthetic project of SERVICES
// services (default 200) five times and writes the timings (median first) to OUTPUT, and
// the diagram to SVG when given (to look at a big layout).

#include "layout/diagramlayout.h"
#include "layout/svgwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace threatdock;

namespace {

/// A wide microservice estate: an edge proxy per group published to the Internet, an
/// admin port bound to localhost, services spread over eight networks (two internal), a
/// database with its data store per group, volumes, and chains of calls between services.
system::SystemModel syntheticModel(int services)
{
    system::SystemModel m;
    m.projectName = QStringLiteral("bench");
    auto boundary
        = [&m](const QString &id, const QString &kind, const QString &parent, bool internal) {
              system::TrustBoundary b;
              b.id = id;
              b.name = id.section(u':', 1);
              b.kind = kind;
              b.parent = parent;
              b.internal = internal;
              m.boundaries.append(b);
          };
    auto element = [&m](const QString &id, system::ElementKind kind, const QString &role,
                        const QString &boundaryId) {
        system::Element e;
        e.id = id;
        e.kind = kind;
        e.name = id.section(u':', 1);
        e.role = role;
        e.boundary = boundaryId;
        m.elements.append(e);
    };
    auto flow = [&m](const QString &from, const QString &to, const QString &label,
                     const QString &exposure) {
        system::DataFlow f;
        f.id = QStringLiteral("flow:") + from + QStringLiteral("->") + to;
        f.from = from;
        f.to = to;
        f.label = label;
        f.exposure = exposure;
        m.flows.append(f);
    };
    constexpr int networks = 8;
    boundary(QStringLiteral("boundary:host"), QStringLiteral("host"), QString(), false);
    for (int n = 0; n < networks; ++n)
        boundary(QStringLiteral("network:net%1").arg(n), QStringLiteral("network"),
                 QStringLiteral("boundary:host"), n % 4 == 3);
    element(QStringLiteral("external:internet"), system::ElementKind::ExternalEntity,
            QStringLiteral("internet"), QString());
    element(QStringLiteral("external:localhost"), system::ElementKind::ExternalEntity,
            QStringLiteral("localhost"), QString());
    for (int i = 0; i < services; ++i) {
        const QString id = QStringLiteral("service:svc-%1").arg(i, 3, 10, QLatin1Char('0'));
        const QString net = QStringLiteral("network:net%1").arg(i % networks);
        const bool isDatabase = i % 10 == 9;
        element(id, system::ElementKind::Process,
                isDatabase ? QStringLiteral("database") : QStringLiteral("api"), net);
        if (i % 25 == 0)
            flow(QStringLiteral("external:internet"), id, QStringLiteral("443→8443/tcp"),
                 QStringLiteral("internet"));
        if (i % 40 == 1)
            flow(QStringLiteral("external:localhost"), id, QStringLiteral("127.0.0.1:9000/tcp"),
                 QStringLiteral("host"));
        if (i % 10 != 0) {
            const int callee = i - 1;
            flow(QStringLiteral("service:svc-%1").arg(callee, 3, 10, QLatin1Char('0')), id,
                 QStringLiteral("http://svc-%1:8080").arg(i), QStringLiteral("internal"));
        }
        if (isDatabase) {
            const QString data = QStringLiteral("datastore:svc-%1").arg(i, 3, 10, QLatin1Char('0'));
            element(data, system::ElementKind::DataStore, QStringLiteral("database"), net);
            flow(id, data, QStringLiteral("rw /var/lib/data"), QStringLiteral("internal"));
        }
        if (i % 20 == 5) {
            const QString volume = QStringLiteral("volume:vol-%1").arg(i);
            element(volume, system::ElementKind::DataStore, QStringLiteral("volume"),
                    QStringLiteral("boundary:host"));
            flow(id, volume, QStringLiteral("rw /data"), QStringLiteral("internal"));
        }
    }
    return m;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: threatdock-bench-layout OUTPUT [SERVICES [SVG]]\n");
        return 2;
    }
    const int services = args.size() > 2 ? args.at(2).toInt() : 200;
    const system::SystemModel model = syntheticModel(services);
    std::vector<qint64> times;
    layout::Diagram diagram;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        diagram = layout::DiagramLayout::compute(model, {}, &error);
        times.push_back(timer.elapsed());
        if (!error.isEmpty()) {
            std::fprintf(stderr, "layout failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    std::vector<qint64> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    QFile out(args.at(1));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(args.at(1)));
        return 1;
    }
    QTextStream stream(&out);
    stream << "layout " << services << " services (" << model.elements.size() << " elements, "
           << model.flows.size() << " flows, " << model.boundaries.size() << " boundaries): median "
           << sorted.at(sorted.size() / 2) << " ms\n";
    stream << "runs (ms):";
    for (const qint64 t : times)
        stream << ' ' << t;
    stream << "\ndiagram " << diagram.bounds.width() << " x " << diagram.bounds.height() << " pt\n";
    return 0;
}
