#pragma once
// PromiseProgress: insitu::Progress reported through a QPromise (progress value, text, cancel).

#include "insitu/error.h"
#include "insitu/progress.h"

#include <QPromise>
#include <QString>

#include <atomic>

namespace insitu::app {

/// Forwards a core function's progress to the QFuture watched by the GUI; advance() throws
/// insitu::Canceled once the future was cancelled (the Cancel button).
template <typename T> class PromiseProgress final : public Progress
{
public:
    explicit PromiseProgress(QPromise<T>& promise) : m_promise(promise) {}

    void start(int totalSteps, std::string_view label) override
    {
        m_done = 0;
        m_total = std::max(totalSteps, 1);
        m_label = QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
        m_promise.setProgressRange(0, 1000);
        m_promise.setProgressValueAndText(0, m_label);
        throwIfCanceled();
    }
    void advance(int steps = 1) override
    {
        m_done += steps;
        const int permille = static_cast<int>(1000.0 * std::min(m_done, m_total) / m_total);
        m_promise.setProgressValueAndText(permille, m_label);
        throwIfCanceled();
    }
    [[nodiscard]] bool isCanceled() const override { return m_promise.isCanceled(); }

private:
    void throwIfCanceled() const
    {
        if (m_promise.isCanceled())
            throw Canceled();
    }

    QPromise<T>& m_promise;
    int m_done = 0;
    int m_total = 1;
    QString m_label;
};

} // namespace insitu::app
