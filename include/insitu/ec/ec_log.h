#pragma once
// EcLog: a potentiostat or holder log (time column + channels in SI) and readEcLog().

#include "insitu/ec/local_clock.h"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace insitu {

/// The log formats readEcLog() understands.
enum class EcFormat {
    Auto,       ///< decide from the first bytes and the name
    BioLogic,   ///< EC-Lab text export (.mpt)
    Gamry,      ///< Gamry Framework .DTA
    Protochips, ///< AXON / Fusion CSV (metadata in the Notes column)
    Impulse,    ///< DENSsolutions Impulse "Synchronized data" CSV (+ Metadata log)
    Csv,        ///< generic CSV/TSV with a header row
};

/// "auto", "biologic", "gamry", "protochips", "impulse", "csv".
[[nodiscard]] std::string_view ecFormatName(EcFormat format);
/// The inverse of ecFormatName; throws insitu::Error for an unknown name.
[[nodiscard]] EcFormat ecFormatFromName(std::string_view name);

/// One recorded channel, values converted to SI (A, V, C, s, W, Ohm) where the unit is known.
struct EcChannel
{
    std::string name;       ///< as in the file without its unit, e.g. "Ewe", "<I>", "Im"
    std::string unit;       ///< unit of values after conversion, e.g. "A"; "" when unitless
    std::string sourceUnit; ///< unit written in the file, e.g. "mA"
    std::vector<double> values;

    bool operator==(const EcChannel&) const = default;
};

/// A note with a time, e.g. an Impulse "Live note".
struct EcEvent
{
    double timeS = 0; ///< on the log's own time axis (s)
    std::string label;

    bool operator==(const EcEvent&) const = default;
};

/// A log as read: sample times as recorded (never resampled) and the channels.
struct EcLog
{
    std::filesystem::path path;
    EcFormat format = EcFormat::Csv;
    std::optional<LocalDateTime> startTime; ///< wall clock (local, no zone) of timeS = 0
    std::vector<double> timeS;              ///< per row, from the log's own start (s)
    std::vector<EcChannel> channels;        ///< each with timeS.size() values
    std::vector<EcEvent> events;
    std::vector<std::string> notes; ///< what was assumed or dropped, for the user

    /// The channel with this name (as in EcChannel::name), or nullptr.
    [[nodiscard]] const EcChannel* channel(std::string_view name) const;
    /// The working-electrode potential (unit V): Ewe, <Ewe>, Vf, "Channel A Voltage", ...
    [[nodiscard]] const EcChannel* potential() const;
    /// The cell current (unit A): I, <I>, Im, "Channel A Current", ...
    [[nodiscard]] const EcChannel* current() const;
    /// True when the time steps differ by more than 0.1 % of the median step.
    [[nodiscard]] bool irregularSteps() const;
};

/// How a generic CSV/TSV is read (the vendor formats ignore these).
struct CsvLogOptions
{
    std::string timeColumn;     ///< header name; empty: the first column named "time…" or "t…"
    std::string timeUnit = "s"; ///< unit of the time column when its header has none: s, ms, min, h
};

/// Reads a log. Throws insitu::Error ("<path>: <problem>") for a truncated, foreign or
/// unreadable file.
[[nodiscard]] EcLog readEcLog(const std::filesystem::path& path, EcFormat format = EcFormat::Auto,
                              const CsvLogOptions& csv = {});

/// The format of a file from its first bytes (and name), Csv when nothing vendor-specific matches.
[[nodiscard]] EcFormat detectEcFormat(const std::filesystem::path& path);

} // namespace insitu

namespace insitu {

/// The log as a tidy CSV in SI: time_s, then one "<channel> (<unit>)" column per channel;
/// empty cells where a value is missing.
void writeEcLogCsv(const EcLog& log, std::ostream& out);
/// writeEcLogCsv to a file; throws insitu::Error naming the file.
void saveEcLogCsv(const EcLog& log, const std::filesystem::path& path);

} // namespace insitu
