#pragma once
// Runs a slow call (a network exchange with a PACS) on Qt's thread pool and hands its result, or its
// error's message, to the GUI thread. The work must not touch widgets. When `owner` is gone before
// the work ends, the result is dropped (the call itself ends by its own timeout).
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent>

#include <exception>
#include <optional>
#include <utility>

namespace boneage::ui {

template <typename T>
struct CallOutcome {
    std::optional<T> value;
    QString error;   // the exception's message when there is no value
};

template <typename T, typename Work, typename Done>
void runInBackground(QObject* owner, Work work, Done done)
{
    auto* watcher = new QFutureWatcher<CallOutcome<T>>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner, [watcher, done] {
        const CallOutcome<T> outcome = watcher->result();
        watcher->deleteLater();
        done(outcome);
    });
    watcher->setFuture(QtConcurrent::run([work = std::move(work)]() -> CallOutcome<T> {
        try {
            return {work(), {}};
        } catch (const std::exception& e) {
            return {std::nullopt, QString::fromStdString(e.what())};
        } catch (...) {
            return {std::nullopt, QStringLiteral("unexpected error")};
        }
    }));
}

} // namespace boneage::ui
