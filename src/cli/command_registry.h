#pragma once
// The CLI's subcommand registry: each subcommand file registers itself with one call.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace insitu::cli {

/// Runs a parsed subcommand and returns its exit code (0 ok; errors are thrown).
using Runner = std::function<int()>;
/// Adds a subcommand's options to app and returns the runner that uses them.
using Setup = std::function<Runner(CLI::App& app)>;

struct Command
{
    std::string name;
    std::string description;
    Setup setup;
};

/// Registers a subcommand; call from a namespace-scope initialiser in the subcommand's file.
bool registerCommand(Command command);
/// All registered subcommands, sorted by name.
[[nodiscard]] std::vector<Command> registeredCommands();

} // namespace insitu::cli
