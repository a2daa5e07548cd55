#pragma once
// What the review file holds, read through a second, independent ReviewStore on the same
// file (as another window would), and a helper to show a widget with the keyboard focus.

#include "review/reviewstore.h"

#include <QTest>
#include <QWidget>

namespace threatdock::testing {

/// The decision the review file at path holds for threatId, read by a new connection.
/// Fails the current test when the file cannot be read or does not know the threat.
inline review::Decision storedDecision(const QString &path, const QString &threatId)
{
    auto store = review::ReviewStore::open(path);
    if (!store.ok()) {
        QTest::qFail(qPrintable(store.errorMessage()), __FILE__, __LINE__);
        return {};
    }
    auto decision = store.value->decision(threatId);
    if (!decision.ok())
        QTest::qFail(qPrintable(decision.errorMessage()), __FILE__, __LINE__);
    return decision.value;
}

/// Shows a top-level widget and waits until it is the active window (keys go to it).
inline bool showAndActivate(QWidget &window)
{
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

} // namespace threatdock::testing
