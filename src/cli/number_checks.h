#pragma once
// Checks on the numbers of a command line: no NaN or infinity in any option (main() runs the
// check on every parsed option), and validators for ranges that CLI11's own let NaN through.

#include <CLI/CLI.hpp>

namespace insitu::cli {

/// Throws insitu::Error naming the option when any value given to command (or its parsed
/// subcommands) is "nan", "inf" or "infinity" (any case and sign), alone or in a list.
void refuseNonFiniteValues(const CLI::App& command);

/// A finite number within [min, max]; NaN and infinities are refused (CLI::Range lets NaN by).
[[nodiscard]] CLI::Validator finiteRange(double min, double max);

/// A finite number > 0 (as CLI::PositiveNumber, without NaN and infinity).
[[nodiscard]] CLI::Validator positiveFinite();
/// A finite number ≥ 0 (as CLI::NonNegativeNumber, without NaN and infinity).
[[nodiscard]] CLI::Validator nonNegativeFinite();

/// A pixel coordinate: finite and within ±10⁶ px (no movie frame is larger).
[[nodiscard]] CLI::Validator coordinatePx();

} // namespace insitu::cli
