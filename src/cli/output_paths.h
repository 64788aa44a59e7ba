#pragma once
// The guard every subcommand's outputs pass before anything is written: no output may be an
// input (compared by file identity, so links and other spellings count) or another output.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace insitu::cli {

/// CLI11 group of the options that name files a command writes; main() checks them (and every
/// "-o/--output") against the command's inputs before the command runs.
inline constexpr const char* kOutputsGroup = "Outputs";

/// One path named on the command line, with the option that named it (for the message).
struct NamedPath
{
    std::string option; // "--project", "FILE", ...
    std::string path;
};

/// Throws insitu::Error (exit 2) when an output is the same file as an input or as another
/// output. Existing files are compared by device and inode; outputs that do not exist yet by
/// their absolute, normalised path.
void checkOutputPaths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs);

/// The inputs (positional options) and outputs (group kOutputsGroup, "-o/--output") given to a
/// parsed (sub)command, then checkOutputPaths on them.
void checkOutputOptions(const CLI::App& command);

} // namespace insitu::cli
