#include "insitu/io/movie_reader.h"

#include "insitu/error.h"
#include "insitu/io/dm_reader.h"
#include "insitu/io/emd_reader.h"
#include "insitu/io/image_sequence_reader.h"
#include "insitu/io/mrc_reader.h"
#include "insitu/io/ser_reader.h"
#include "insitu/io/tiff_reader.h"
#include "insitu/io/video_reader.h"

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

} // namespace

std::unique_ptr<MovieReader> openMovieReader(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(path.string() + ": no such file or folder");
    const bool isFolder = std::filesystem::is_directory(path, ec);
    const Head head = isFolder ? Head{} : readHead(path);
    if (!isFolder && head.empty())
        throw Error(path.string() + ": the file is empty");

    if (!isFolder)
        for (const auto& format : formats())
            if (format.matchesMagic && format.matchesMagic(head))
                return format.open(path);
    const std::string ext = isFolder ? std::string("/") : lowerExtension(path);
    for (const auto& format : formats())
        if (std::find(format.extensions.begin(), format.extensions.end(), ext) !=
            format.extensions.end())
            return format.open(path);
    throw Error(path.string() + ": not a movie format InSitu Workbench can read");
}

} // namespace insitu
