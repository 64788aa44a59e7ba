#include "output_paths.h"

#include "insitu/error.h"
#include "insitu/json_text.h"

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <utility>

namespace insitu::cli {

namespace {

/// How a path is compared: device and inode when it exists, else its normalised absolute path.
struct FileIdentity
{
    std::optional<std::pair<dev_t, ino_t>> inode;
    std::string absolutePath;

    bool operator==(const FileIdentity& other) const
    {
        if (inode && other.inode)
            return *inode == *other.inode;
        return !inode && !other.inode && absolutePath == other.absolutePath;
    }
};

FileIdentity identityOf(const std::string& path)
{
    FileIdentity identity;
    struct stat status
    {
    };
    if (::stat(path.c_str(), &status) == 0)
        identity.inode = std::pair{status.st_dev, status.st_ino};
    std::error_code error;
    identity.absolutePath = std::filesystem::weakly_canonical(path, error).string();
    if (error)
        identity.absolutePath = std::filesystem::absolute(path).lexically_normal().string();
    return identity;
}

std::string describe(const NamedPath& p)
{
    return p.option + " " + printableText(p.path);
}

} // namespace

void checkOutputPaths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs)
{
    std::vector<FileIdentity> inputIds;
    for (const auto& input : inputs)
        inputIds.push_back(identityOf(input.path));
    std::vector<FileIdentity> outputIds;
    for (const auto& output : outputs) {
        const FileIdentity id = identityOf(output.path);
        for (std::size_t i = 0; i < inputs.size(); ++i)
            if (id == inputIds[i])
                throw Error(describe(output) + ": is the input " + describe(inputs[i]) +
                            "; refusing to write over it (choose another output name)");
        for (std::size_t i = 0; i < outputIds.size(); ++i)
            if (id == outputIds[i])
                throw Error(describe(output) + ": is also the output " + describe(outputs[i]) +
                            "; every output needs its own file");
        outputIds.push_back(id);
    }
}

void checkOutputOptions(const CLI::App& command)
{
    std::vector<NamedPath> inputs;
    std::vector<NamedPath> outputs;
    for (const CLI::Option* option : command.get_options()) {
        if (option->count() == 0 || option->get_type_size() == 0)
            continue;
        const bool isOutput = option->get_group() == kOutputsGroup || option->check_lname("output");
        if (!isOutput && !option->get_positional())
            continue;
        for (const std::string& value : option->results()) {
            if (value.empty())
                continue;
            const NamedPath named{
                option->get_positional() ? option->get_name(true) : option->get_name(), value};
            (isOutput ? outputs : inputs).push_back(named);
        }
    }
    checkOutputPaths(inputs, outputs);
    for (const CLI::App* sub : command.get_subcommands())
        checkOutputOptions(*sub);
}

} // namespace insitu::cli
