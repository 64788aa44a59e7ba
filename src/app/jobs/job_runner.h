#pragma once
// JobRunner: runs one core computation at a time off the GUI thread (snapshot → compute → apply).

#include "jobs/promise_progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>

namespace insitu::app {

/// Runs a job (a callable taking insitu::Progress&) on the global thread pool, reports its
/// progress, lets the user cancel it, and hands the result to an apply callback on the GUI
/// thread. insitu::Error becomes failed(message); Canceled ends silently with canceled().
class JobRunner : public QObject
{
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr) : QObject(parent) {}
    ~JobRunner() override;

    [[nodiscard]] bool isBusy() const { return m_busy; }
    /// Requests cancellation of the running job (its next advance() throws Canceled).
    void cancel();
    /// Blocks until the running job ended and its result was applied (tests, shutdown).
    void waitForFinished();

    /// Starts work(progress) → T in a worker thread; apply(T) runs on the GUI thread after it
    /// succeeded. Returns false (and does nothing) when another job is running.
    template <typename T>
    bool run(const QString& label, std::function<T(Progress&)> work, std::function<void(T)> apply)
    {
        if (m_busy)
            return false;
        m_busy = true;
        auto error = std::make_shared<QString>();
        auto* watcher = new QFutureWatcher<T>(this);
        m_cancel = [watcher] { watcher->cancel(); };
        m_wait = [watcher] { watcher->waitForFinished(); };
        connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
                [this, watcher](int permille) {
                    emit progressChanged(permille, watcher->progressText());
                });
        connect(
            watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, error, apply = std::move(apply)] { finish(watcher, *error, apply); });
        emit started(label);
        watcher->setFuture(QtConcurrent::run([work = std::move(work), error](QPromise<T>& promise) {
            PromiseProgress<T> progress(promise);
            try {
                promise.addResult(work(progress));
            } catch (const Canceled&) {
                // user asked to stop: no result, no message
            } catch (const std::exception& e) {
                *error = QString::fromUtf8(e.what());
            }
        }));
        return true;
    }

signals:
    void started(const QString& label);
    /// Progress of the running job in 1/1000, with the core's stage label.
    void progressChanged(int permille, const QString& label);
    void succeeded();
    void failed(const QString& message);
    void canceled();
    /// Emitted after succeeded/failed/canceled.
    void finished();

private:
    template <typename T>
    void finish(QFutureWatcher<T>* watcher, const QString& error,
                const std::function<void(T)>& apply)
    {
        m_busy = false;
        m_cancel = nullptr;
        m_wait = nullptr;
        watcher->deleteLater();
        if (!error.isEmpty()) {
            emit failed(error);
        } else if (watcher->future().resultCount() > 0) {
            try {
                apply(watcher->future().takeResult());
                emit succeeded();
            } catch (const std::exception& e) {
                emit failed(QString::fromUtf8(e.what()));
            }
        } else {
            emit canceled();
        }
        emit finished();
    }

    bool m_busy = false;
    std::function<void()> m_cancel;
    std::function<void()> m_wait;
};

} // namespace insitu::app
