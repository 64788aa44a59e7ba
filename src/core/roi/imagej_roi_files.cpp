// .roi files and RoiSet.zip sets (minizip) on disk, and the UTF-16 names inside them.

#include "imagej_roi_layout.h"

#include "insitu/error.h"
#include "insitu/roi/imagej_roi.h"

#include <unzip.h>
#include <zip.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace insitu {

namespace imagej_layout {

std::string utf8FromUtf16(const std::u16string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char32_t c = text[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < text.size()) {
            c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        }
        if (c < 0x80)
            out.push_back(static_cast<char>(c));
        else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

std::u16string utf16FromUtf8(const std::string& text)
{
    std::u16string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        char32_t c = b;
        int extra = 0;
        if (b >= 0xF0)
            c = b & 0x07, extra = 3;
        else if (b >= 0xE0)
            c = b & 0x0F, extra = 2;
        else if (b >= 0xC0)
            c = b & 0x1F, extra = 1;
        ++i;
        for (int k = 0; k < extra && i < text.size(); ++k, ++i)
            c = (c << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
        if (c >= 0x10000) {
            c -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
        } else
            out.push_back(static_cast<char16_t>(c));
    }
    return out;
}

} // namespace imagej_layout

namespace {

constexpr std::uint64_t kMaxRoiEntryBytes = 16ull << 20;

std::vector<unsigned char> readBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open the ROI file");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<ImageJRoi> readZip(const std::filesystem::path& path)
{
    unzFile zip = unzOpen64(path.string().c_str());
    if (zip == nullptr)
        throw Error(path.string() + ": not a readable zip archive");
    std::vector<ImageJRoi> rois;
    try {
        for (int status = unzGoToFirstFile(zip); status == UNZ_OK; status = unzGoToNextFile(zip)) {
            unz_file_info64 info{};
            char entryName[1024] = {};
            unzGetCurrentFileInfo64(zip, &info, entryName, sizeof entryName, nullptr, 0, nullptr,
                                    0);
            const std::filesystem::path entry(entryName);
            if (entry.extension() != ".roi")
                continue;
            // A .roi of 65535 sub-pixel points is under 1 MiB: a larger declared size is damage
            // (checked before allocating), as is more than deflate's 1032:1 ratio.
            if (info.uncompressed_size > kMaxRoiEntryBytes ||
                info.uncompressed_size > 1032 * info.compressed_size + 1024)
                throw Error(path.string() + ": zip entry " + entryName + " declares " +
                            std::to_string(info.uncompressed_size) +
                            " bytes, more than a ROI can hold (damaged archive?)");
            std::vector<unsigned char> bytes(static_cast<std::size_t>(info.uncompressed_size));
            if (unzOpenCurrentFile(zip) != UNZ_OK)
                throw Error(path.string() + ": cannot read zip entry " + entryName);
            const int got =
                unzReadCurrentFile(zip, bytes.data(), static_cast<unsigned>(bytes.size()));
            unzCloseCurrentFile(zip);
            if (got != static_cast<int>(bytes.size()))
                throw Error(path.string() + ": zip entry " + entryName + " is damaged");
            ImageJRoi roi = decodeImageJRoi(bytes, path.string() + ":" + entryName);
            if (roi.name.empty())
                roi.name = entry.stem().string();
            rois.push_back(std::move(roi));
        }
    } catch (...) {
        unzClose(zip);
        throw;
    }
    unzClose(zip);
    if (rois.empty())
        throw Error(path.string() + ": the zip archive holds no .roi entries");
    return rois;
}

std::string entryName(const ImageJRoi& roi, std::size_t index, std::set<std::string>& used)
{
    std::string base;
    for (const char c : roi.name)
        base.push_back(c == '/' || c == '\\' || c == ':' ? '_' : c);
    if (base.empty())
        base = "roi-" + std::to_string(index + 1);
    std::string name = base;
    for (int k = 1; used.contains(name); ++k)
        name = base + "-" + std::to_string(k);
    used.insert(name);
    return name + ".roi";
}

} // namespace

std::vector<ImageJRoi> readImageJRois(const std::filesystem::path& path)
{
    const auto bytes = readBytes(path);
    if (bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K')
        return readZip(path);
    ImageJRoi roi = decodeImageJRoi(bytes, path.string());
    if (roi.name.empty())
        roi.name = path.stem().string();
    return {roi};
}

void writeImageJRoi(const ImageJRoi& roi, const std::filesystem::path& path)
{
    const auto bytes = encodeImageJRoi(roi);
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw Error(path.string() + ": cannot write the ROI file");
}

void writeImageJRoiSet(const std::vector<ImageJRoi>& rois, const std::filesystem::path& path)
{
    if (rois.empty())
        throw Error(path.string() + ": no ROIs to write");
    std::vector<std::vector<unsigned char>> encoded;
    for (const auto& roi : rois)
        encoded.push_back(encodeImageJRoi(roi));
    zipFile zip = zipOpen64(path.string().c_str(), APPEND_STATUS_CREATE);
    if (zip == nullptr)
        throw Error(path.string() + ": cannot create the zip archive");
    std::set<std::string> used;
    bool ok = true;
    for (std::size_t i = 0; i < rois.size() && ok; ++i) {
        const std::string name = entryName(rois[i], i, used);
        zip_fileinfo info{};
        ok = zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                   Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) == ZIP_OK &&
             zipWriteInFileInZip(zip, encoded[i].data(),
                                 static_cast<unsigned>(encoded[i].size())) == ZIP_OK &&
             zipCloseFileInZip(zip) == ZIP_OK;
    }
    if (zipClose(zip, nullptr) != ZIP_OK || !ok)
        throw Error(path.string() + ": writing the zip archive failed");
}

} // namespace insitu
