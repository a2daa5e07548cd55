// Takes the README's screenshots: the main window on the bundled sample at the sizes
// UX.md names, in light and dark colours. Run on demand (target `screenshots`), under a
// real X server: xvfb-run -a -s "-screen 0 1600x1000x24" threatdock-screenshots OUTDIR

#include "diagram/diagramview.h"
#include "document/reviewdocument.h"
#include "mainwindow/colorscheme.h"
#include "mainwindow/mainwindow.h"
#include "scans/scanconsole.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include <cstdio>

using namespace threatdock::views;

namespace {

bool save(QWidget &window, const QString &path)
{
    QApplication::processEvents();
    QTest::qWait(300);
    const bool ok = window.grab().save(path);
    std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "cannot write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never the user's settings or reviews
    QApplication::setOrganizationName(QStringLiteral("ThreatDock"));
    QApplication::setApplicationName(QStringLiteral("ThreatDock"));
    if (argc != 2) {
        std::fprintf(stderr, "usage: threatdock-screenshots OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    // Reviews of their own (test mode's data folder, emptied), so the shots start
    // undecided.
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    QSettings().clear(); // the default window layout

    bool ok = true;
    for (const auto &[scheme, suffix] :
         {std::pair{ColorScheme::Light, ""}, std::pair{ColorScheme::Dark, "-dark"}}) {
        applyColorScheme(scheme);
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window) || !window.openSample()
            || !window.waitForAnalysis(60000) || !window.lastAnalysisSucceeded()) {
            std::fprintf(stderr, "cannot open the sample\n");
            return 1;
        }
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("workTabs"));
        window.document()->selectElement(QStringLiteral("service:api"));
        window.findChild<DiagramView *>()->fitToView();
        const QString s = QString::fromLatin1(suffix);
        ok = save(window, out + QStringLiteral("/architecture") + s + QStringLiteral(".png")) && ok;
        if (scheme == ColorScheme::Dark)
            continue;
        window.findChild<QAction *>(QStringLiteral("walkthroughAction"))->trigger();
        ok = save(window, out + QStringLiteral("/walkthrough.png")) && ok;
        window.findChild<QAction *>(QStringLiteral("walkthroughAction"))->trigger();
        for (const auto &[name, file] :
             {std::pair{"findingsView", "findings"}, std::pair{"threatsView", "threats"},
              std::pair{"hardeningView", "hardening"}, std::pair{"controlsView", "controls"}}) {
            tabs->setCurrentWidget(window.findChild<QWidget *>(QString::fromLatin1(name)));
            ok = save(window, out + u'/' + QString::fromLatin1(file) + QStringLiteral(".png"))
                && ok;
        }
        // Before and after: the open (vulnerable) sample against its hardened twin.
        const QString hardened
            = QDir(MainWindow::sampleDirectory() + QStringLiteral("/../hardened")).canonicalPath();
        if (hardened.isEmpty() || !window.compareWith(hardened) || !window.waitForAnalysis(60000)
            || !window.findChild<QWidget *>(QStringLiteral("comparisonView"))) {
            std::fprintf(stderr, "cannot compare with the hardened sample\n");
            return 1;
        }
        ok = save(window, out + QStringLiteral("/comparison.png")) && ok;
        // The Scans panel with the real Bandit report of the sample imported (the same
        // report a Run Bandit click makes here, from tests/data).
        auto *scans = window.findChild<threatdock::views::ScanConsole *>();
        scans->importReport(QStringLiteral(THREATDOCK_SOURCE_DIR
                                           "/tests/data/scans/bandit-sample-vulnerable.json"));
        tabs->setCurrentWidget(scans);
        ok = save(window, out + QStringLiteral("/scans.png")) && ok;
        tabs->setCurrentIndex(0);
        window.resize(1280, 720);
        window.setPresentationMode(true);
        window.resize(1280, 720);
        ok = save(window, out + QStringLiteral("/presentation-1280x720.png")) && ok;
        window.setPresentationMode(false);
    }
    return ok ? 0 : 1;
}
