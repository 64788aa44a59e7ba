// insitu: the headless command-line front end. Exit codes: 0 ok, 2 bad input, 1 internal error.

#include "command_registry.h"
#include "number_checks.h"
#include "output.h"
#include "output_paths.h"
#include "stderr_capture.h"

#include "insitu/error.h"
#include "insitu/hdf5_exit.h"
#include "insitu/json_text.h"
#include "insitu/version.h"

#include <CLI/CLI.hpp>

#include <clocale>
#include <iostream>
#include <map>

int main(int argc, char** argv)
{
    insitu::disableHdf5CleanupAtExit(); // a failed save's close must not crash the exit
    std::setlocale(LC_ALL, "C"); // '.' decimal separator in every output, whatever the locale
    CLI::App app{"InSitu Workbench command line: analyse in-situ TEM movies", "insitu"};
    app.set_version_flag("--version", std::string("insitu ") + insitu::kVersion);
    app.require_subcommand(1);
    // One stderr line per usage error, naming the option (CLI11's own adds a second line).
    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return "insitu: " + std::string(e.what()) + " (see insitu --help)\n";
    });
    bool progress = false;
    app.add_flag("--progress", progress,
                 "Report progress on stderr even when it is not a terminal");

    bool verbose = false;
    const char* verboseHelp = "Also show the file libraries' own messages (libtiff, libpng, HDF5) "
                              "and every note, as they come";
    app.add_flag("--verbose", verbose, verboseHelp);

    std::map<CLI::App*, insitu::cli::Runner> runners;
    for (const auto& command : insitu::cli::registeredCommands()) {
        CLI::App* sub = app.add_subcommand(command.name, command.description);
        sub->add_flag("--progress", progress, "Report progress on stderr");
        sub->add_flag("--verbose", verbose, verboseHelp);
        runners[sub] = command.setup(*sub);
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    insitu::cli::setProgressWanted(progress);

    // A refusal is one stderr line: the notes written before it are held back and dropped.
    insitu::cli::StderrCapture capture(verbose);
    try {
        for (auto& [sub, runner] : runners)
            if (sub->parsed()) {
                insitu::cli::refuseNonFiniteValues(*sub);
                insitu::cli::checkOutputOptions(*sub); // no output may overwrite an input
                const int status = runner();
                capture.commandEnded();
                return status;
            }
        return 2;
    } catch (const insitu::Error& e) {
        capture.commandFailed("insitu: " + insitu::printableText(e.what()));
        return 2;
    } catch (const std::exception& e) {
        capture.commandFailed("insitu: internal error: " + insitu::printableText(e.what()));
        return 1;
    }
}
