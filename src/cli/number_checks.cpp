#include "number_checks.h"

#include "output_paths.h"

#include "insitu/error.h"
#include "insitu/json_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace insitu::cli {

namespace {

/// Whether one token (after an optional sign) spells NaN or infinity, as strtod reads them.
bool spellsNonFinite(std::string token)
{
    if (!token.empty() && (token.front() == '+' || token.front() == '-'))
        token.erase(0, 1);
    std::transform(token.begin(), token.end(), token.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return token == "nan" || token.rfind("nan(", 0) == 0 || token == "inf" || token == "infinity";
}

/// The comma-, colon- and equals-separated parts of a value ("a=1,b=nan", "0:3:inf").
std::vector<std::string> parts(const std::string& value)
{
    std::vector<std::string> out;
    std::string part;
    for (const char c : value) {
        if (c == ',' || c == ':' || c == '=') {
            out.push_back(part);
            part.clear();
        } else {
            part += c;
        }
    }
    out.push_back(part);
    return out;
}

} // namespace

void refuseNonFiniteValues(const CLI::App& command)
{
    for (const CLI::Option* option : command.get_options()) {
        // file names (positionals, outputs) may be called "inf"
        if (option->count() == 0 || option->get_type_size() == 0 || option->get_positional() ||
            option->get_group() == kOutputsGroup || option->check_lname("output"))
            continue;
        for (const std::string& value : option->results())
            for (const std::string& part : parts(value))
                if (spellsNonFinite(part))
                    throw Error(option->get_name() + " " + printableText(value) +
                                ": not a finite number");
    }
    for (const CLI::App* sub : command.get_subcommands())
        refuseNonFiniteValues(*sub);
}

CLI::Validator finiteRange(double min, double max)
{
    std::ostringstream description;
    description << "FINITE in [" << min << " - " << max << "]";
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0')
                return "'" + text + "' is not a number";
            if (!std::isfinite(value) || value < min || value > max) {
                std::ostringstream message;
                message << "'" << text << "' is outside [" << min << ", " << max
                        << "] or not a finite number";
                return message.str();
            }
            return {};
        },
        description.str());
}

CLI::Validator positiveFinite()
{
    return finiteRange(std::numeric_limits<double>::min(), std::numeric_limits<double>::max());
}

CLI::Validator nonNegativeFinite()
{
    return finiteRange(0.0, std::numeric_limits<double>::max());
}

CLI::Validator coordinatePx()
{
    return finiteRange(-1e6, 1e6);
}

} // namespace insitu::cli
