#pragma once
// Output helpers shared by the subcommands: one JSON document on stdout, terminal progress.

#include "insitu/io/movie_reader.h"
#include "insitu/progress.h"
#include "insitu/registration/drift_result.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace insitu::cli {

/// Prints exactly one JSON document (and a newline) on stdout.
void printJson(const nlohmann::json& document);
/// A number or JSON null.
[[nodiscard]] nlohmann::json numberOrNull(const std::optional<double>& value);

/// Prints each of info.notes (conversions, truncation, ...) on stderr as "<file>: note: <text>".
void printNotes(const MovieInfo& info);

/// One stderr note when frames could not be registered (flat, non-finite or featureless) and
/// their shifts were interpolated: "<file>: note: drift: N of M frames …".
void printDriftNotes(const MovieInfo& info, const DriftResult& drift);

/// "0.2267 ± 0.0027": value and standard error rounded to two significant digits of the error.
[[nodiscard]] std::string formatWithUncertainty(double value, double standardError);

/// Whether progress goes to stderr: set from --progress or when stderr is a terminal.
void setProgressWanted(bool forced);

/// Progress bar on stderr (when wanted), otherwise silent. Never cancels.
class TerminalProgress final : public Progress
{
public:
    TerminalProgress();
    ~TerminalProgress() override;
    void start(int totalSteps, std::string_view label) override;
    void advance(int steps = 1) override;
    [[nodiscard]] bool isCanceled() const override { return false; }

private:
    void draw(bool force);
    bool m_enabled;
    std::string m_label;
    int m_total = 0;
    int m_done = 0;
    int m_lastPercent = -1;
};

} // namespace insitu::cli
