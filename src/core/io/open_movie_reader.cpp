#include "insitu/io/movie_reader.h"

#include "insitu/error.h"
#include "insitu/io/dm_reader.h"
#include "insitu/io/emd_reader.h"
#include "insitu/io/image_sequence_reader.h"
#include "insitu/io/mrc_reader.h"
#include "insitu/io/ser_reader.h"
#include "insitu/io/tiff_reader.h"
#include "insitu/io/video_reader.h"
#include "insitu/json_text.h"
#include "insitu/memory_budget.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace insitu {

namespace {

/// The first bytes of a file, for magic-number checks.
using Head = std::vector<unsigned char>;

/// One supported format: how to recognise it and how to open it.
struct FormatEntry
{
    const char* name;
    std::function<bool(const Head&)> matchesMagic; // may be empty
    std::vector<std::string> extensions;           // lower case, with dot
    std::function<std::unique_ptr<MovieReader>(const std::filesystem::path&)> open;
};

/// The format table. Each reader lives in its own file and adds one row here.
const std::vector<FormatEntry>& formats()
{
    static const std::vector<FormatEntry> table = {
        {"DM3/DM4", DmReader::matchesMagic, {".dm3", ".dm4"}, openDmReader},
        {"TIA SER/EMI", SerReader::matchesMagic, {".ser", ".emi"}, openSerReader},
        {"MRC", MrcReader::matchesMagic, {".mrc", ".mrcs"}, openMrcReader},
        {"TIFF",
         isTiffMagic,
         {".tif", ".tiff", ".btf", ".tf2", ".tf8"},
         [](const std::filesystem::path& p) { return std::make_unique<TiffReader>(p); }},
        {"EMD (HDF5)", isHdf5Magic, {".emd", ".h5", ".hdf5"}, openEmdReader},
        {"Video",
         isVideoMagic,
         {".avi", ".mp4", ".mov", ".mkv", ".m4v", ".wmv", ".mpg", ".mpeg"},
         [](const std::filesystem::path& p) { return std::make_unique<VideoReader>(p); }},
        {"Image sequence",
         nullptr,
         {"/", ".png", ".jpg", ".jpeg", ".bmp"},
         [](const std::filesystem::path& p) { return std::make_unique<ImageSequenceReader>(p); }},
    };
    return table;
}

Head readHead(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open the file (does it exist and is it readable?)");
    Head head(1024);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

std::string lowerExtension(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

/// Largest ratio of pixel bytes to file bytes any supported compression reaches (deflate's
/// limit is 1032:1; LZW and PackBits stay below it).
constexpr std::uint64_t kMaxCompressionRatio = 1100;

/// Refuses a frame size no file of this size can hold or no memory budget can take: checked
/// once here for every reader, before the first frame is allocated.
std::unique_ptr<MovieReader> checkedDeclaredSize(std::unique_ptr<MovieReader> reader,
                                                 const std::filesystem::path& path,
                                                 const char* formatName)
{
    const MovieInfo& info = reader->info();
    const std::string name = printableText(path.string());
    if (info.width <= 0 || info.height <= 0 || info.frameCount <= 0)
        throw Error(name + ": declares " + std::to_string(info.frameCount) + " frames of " +
                    std::to_string(info.width) + " x " + std::to_string(info.height) +
                    " px (corrupt file?)");
    const std::uint64_t frameBytes = requireBudget(
        {info.width, info.height, static_cast<std::int64_t>(bytesPerPixel(info.pixelType))},
        name + ": one " + std::to_string(info.width) + " x " + std::to_string(info.height) +
            " px frame");
    const std::string format = formatName;
    std::error_code ec;
    const auto fileBytes = std::filesystem::file_size(path, ec);
    if (!ec && format != "Video" && format != "Image sequence" &&
        frameBytes > kMaxCompressionRatio * fileBytes + (1u << 16))
        throw Error(name + ": declares " + std::to_string(info.width) + " x " +
                    std::to_string(info.height) + " px frames, more than a file of " +
                    std::to_string(fileBytes) + " bytes can hold (corrupt file?)");
    return reader;
}

} // namespace

std::unique_ptr<MovieReader> openMovieReader(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(path.string() + ": no such file or folder");
    const bool isFolder = std::filesystem::is_directory(path, ec);
    if (!isFolder && !std::filesystem::is_regular_file(path, ec))
        throw Error(printableText(path.string()) +
                    ": not a regular file (a FIFO, device or socket cannot be a movie)");
    const Head head = isFolder ? Head{} : readHead(path);
    if (!isFolder && head.empty())
        throw Error(path.string() + ": the file is empty");

    if (!isFolder)
        for (const auto& format : formats())
            if (format.matchesMagic && format.matchesMagic(head))
                return checkedDeclaredSize(format.open(path), path, format.name);
    const std::string ext = isFolder ? std::string("/") : lowerExtension(path);
    for (const auto& format : formats())
        if (std::find(format.extensions.begin(), format.extensions.end(), ext) !=
            format.extensions.end())
            return checkedDeclaredSize(format.open(path), path, format.name);
    throw Error(path.string() + ": not a movie format InSitu Workbench can read");
}

} // namespace insitu
