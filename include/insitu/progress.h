#pragma once
// Progress reporting and cancellation without Qt (CCCoreLib / OVITO TaskProgress pattern).

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

namespace insitu {

/// Receives progress from long core operations; advance() doubles as a cancellation point.
class Progress
{
public:
    virtual ~Progress() = default;
    /// Begins a stage of totalSteps steps described by label (e.g. "Estimating drift").
    virtual void start(int totalSteps, std::string_view label) = 0;
    /// Adds steps to the current stage; throws insitu::Canceled when cancel was requested.
    virtual void advance(int steps = 1) = 0;
    /// True once cancel was requested; long loops without steps may poll it.
    [[nodiscard]] virtual bool isCanceled() const = 0;
    /// Null object: ignores progress and never cancels.
    static Progress& none();
};

/// Progress that counts steps, forwards them to an optional callback and cancels on request.
/// Thread-safe: cancel() may be called from any thread.
class CallbackProgress : public Progress
{
public:
    using Callback = std::function<void(int done, int total, std::string_view label)>;
    explicit CallbackProgress(Callback callback = {}) : m_callback(std::move(callback)) {}

    void start(int totalSteps, std::string_view label) override;
    void advance(int steps = 1) override;
    [[nodiscard]] bool isCanceled() const override { return m_canceled.load(); }
    void cancel() { m_canceled.store(true); }

    [[nodiscard]] int done() const { return m_done.load(); }
    [[nodiscard]] int total() const { return m_total.load(); }

private:
    Callback m_callback;
    std::string m_label;
    std::atomic<int> m_done{0};
    std::atomic<int> m_total{0};
    std::atomic<bool> m_canceled{false};
};

} // namespace insitu
