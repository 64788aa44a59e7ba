#include "output.h"
#include "stderr_capture.h"

#include "insitu/json_text.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace insitu::cli {

namespace {
bool g_progressForced = false;
int g_liveStderr = STDERR_FILENO;
} // namespace

void setLiveStderr(int fd)
{
    g_liveStderr = fd;
}

void writeLiveStderr(std::string_view text)
{
    while (!text.empty()) {
        const auto written = ::write(g_liveStderr, text.data(), text.size());
        if (written <= 0)
            return;
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

void printJson(const nlohmann::json& document)
{
    std::cout << dumpJson(document, 2) << '\n';
    std::cout.flush();
}

nlohmann::json numberOrNull(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

void printNotes(const MovieInfo& info)
{
    for (const auto& note : info.notes)
        std::cerr << printableText(info.path.string()) << ": note: " << printableText(note) << '\n';
}

void printDriftNotes(const MovieInfo& info, const DriftResult& drift)
{
    const auto flagged = std::count(drift.interpolated.begin(), drift.interpolated.end(), true);
    if (flagged == 0)
        return;
    std::cerr << printableText(info.path.string()) << ": note: drift: " << flagged << " of "
              << drift.frameCount()
              << " frames could not be registered (flat, non-finite or featureless); their "
                 "shifts are interpolated (quality and interpolated columns)\n";
}

std::string formatWithUncertainty(double value, double standardError)
{
    char text[96];
    if (!std::isfinite(standardError) || standardError <= 0) {
        std::snprintf(text, sizeof text, "%.6g", value);
        return text;
    }
    // Two significant digits of the uncertainty fix the number of decimals of both numbers.
    const int decimals = std::max(0, 1 - static_cast<int>(std::floor(std::log10(standardError))));
    std::snprintf(text, sizeof text, "%.*f ± %.*f", decimals, value, decimals, standardError);
    return text;
}

void setProgressWanted(bool forced)
{
    g_progressForced = forced;
}

TerminalProgress::TerminalProgress() : m_enabled(g_progressForced || isatty(g_liveStderr) != 0) {}

TerminalProgress::~TerminalProgress()
{
    if (m_enabled && m_total > 0)
        writeLiveStderr("\n");
}

void TerminalProgress::start(int totalSteps, std::string_view label)
{
    if (m_enabled && m_total > 0)
        writeLiveStderr("\n");
    m_label = label;
    m_total = totalSteps;
    m_done = 0;
    m_lastPercent = -1;
    draw(true);
}

void TerminalProgress::advance(int steps)
{
    m_done += steps;
    draw(false);
}

void TerminalProgress::draw(bool force)
{
    if (!m_enabled || m_total <= 0)
        return;
    const int percent = static_cast<int>(100.0 * m_done / m_total);
    if (!force && percent == m_lastPercent)
        return;
    m_lastPercent = percent;
    char line[64];
    std::snprintf(line, sizeof line, ": %3d%% (%d/%d)", percent, m_done, m_total);
    writeLiveStderr("\r" + m_label + line);
}

} // namespace insitu::cli
