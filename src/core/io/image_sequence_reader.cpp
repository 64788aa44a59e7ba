// ImageSequenceReader: one file per frame, listed once, decoded on demand.

#include "insitu/io/image_sequence_reader.h"

#include "insitu/ec/file_clock.h"
#include "insitu/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

namespace insitu {

namespace {

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool isFrameExtension(const std::string& ext)
{
    static const char* const known[] = {".tif",  ".tiff", ".png", ".jpg",
                                        ".jpeg", ".bmp",  ".dm3", ".dm4"};
    return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return ext == k; });
}

/// Files decoded by our movie readers rather than by OpenCV imgcodecs.
bool usesMovieReader(const std::string& ext)
{
    return ext == ".tif" || ext == ".tiff" || ext == ".dm3" || ext == ".dm4";
}

} // namespace

bool naturalLess(const std::string& a, const std::string& b)
{
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
        const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
        if (da && db) {
            std::size_t ie = i;
            std::size_t je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
                ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
                ++je;
            // Compare digit runs as numbers: strip leading zeros, then by length, then lexically.
            std::size_t is = i;
            std::size_t js = j;
            while (is + 1 < ie && a[is] == '0')
                ++is;
            while (js + 1 < je && b[js] == '0')
                ++js;
            if (ie - is != je - js)
                return ie - is < je - js;
            const int cmp = a.compare(is, ie - is, b, js, je - js);
            if (cmp != 0)
                return cmp < 0;
            if (ie - i != je - j)
                return ie - i < je - j; // fewer leading zeros first
            i = ie;
            j = je;
            continue;
        }
        const auto ca = std::tolower(static_cast<unsigned char>(a[i]));
        const auto cb = std::tolower(static_cast<unsigned char>(b[j]));
        if (ca != cb)
            return ca < cb;
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

std::vector<std::filesystem::path> listFrameFiles(const std::filesystem::path& folder)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    const auto collect = [&](auto iterator) {
        for (const auto& entry : iterator) {
            if (!entry.is_regular_file(ec))
                continue;
            const std::string name = entry.path().filename().string();
            if (name.empty() || name[0] == '.')
                continue;
            if (isFrameExtension(lower(entry.path().extension().string())))
                files.push_back(entry.path());
            if (files.size() > 10'000'000)
                break;
        }
    };
    collect(fs::directory_iterator(folder, ec));
    if (files.empty())
        collect(fs::recursive_directory_iterator(
            folder, fs::directory_options::skip_permission_denied, ec));
    if (files.empty())
        return files;
    // Keep the most common extension only (a stray thumbnail or mask must not become a frame).
    std::map<std::string, std::size_t> counts;
    for (const auto& f : files)
        ++counts[lower(f.extension().string())];
    const auto best =
        std::max_element(counts.begin(), counts.end(), [](const auto& x, const auto& y) {
            return x.second < y.second;
        })->first;
    std::erase_if(files, [&](const fs::path& f) { return lower(f.extension().string()) != best; });
    std::sort(files.begin(), files.end(), [&](const fs::path& x, const fs::path& y) {
        return naturalLess(x.lexically_relative(folder).generic_string(),
                           y.lexically_relative(folder).generic_string());
    });
    return files;
}

ImageSequenceReader::ImageSequenceReader(const std::filesystem::path& folder)
{
    m_info.path = folder;
    std::error_code ec;
    const bool single = !std::filesystem::is_directory(folder, ec);
    m_files = single ? std::vector<std::filesystem::path>{folder} : listFrameFiles(folder);
    if (m_files.empty())
        throw Error(
            folder.string() +
            ": no image files (tif, png, jpg, bmp, dm3, dm4) in this folder or its sub-folders");
    if (m_files.size() > 100'000'000)
        throw Error(folder.string() + ": too many files");
    const std::string ext = lower(m_files.front().extension().string());
    Frame first;
    if (usesMovieReader(ext)) {
        auto reader = openMovieReader(m_files.front());
        m_info.calibration = reader->info().calibration;
        m_info.calibration.timestampsS.clear();
        m_info.calibration.frameIntervalS.reset();
        m_info.metadata["first_file"] = reader->info().metadata;
        if (reader->info().frameCount > 1)
            m_info.notes.push_back("each file holds " + std::to_string(reader->info().frameCount) +
                                   " frames; only the first of each file is used");
        first = reader->readFrame(0);
    } else {
        first = readFile(m_files.front(), &m_info.notes);
    }
    m_info.format = (single ? "Image (" : "Image sequence (") + ext.substr(1) + ")";
    m_info.frameCount = static_cast<int>(m_files.size());
    m_info.width = first.width();
    m_info.height = first.height();
    m_info.pixelType = first.type();
    m_info.metadata["sequence"] = {
        {"files", m_files.size()},
        {"first", single ? m_files.front().filename().string()
                         : m_files.front().lexically_relative(folder).generic_string()},
        {"last", single ? m_files.back().filename().string()
                        : m_files.back().lexically_relative(folder).generic_string()}};
    if (!single)
        readFileClocks();
}

void ImageSequenceReader::readFileClocks()
{
    // Frame times from the date and time in every file name, when all names carry one.
    std::vector<LocalDateTime> clocks;
    for (const auto& file : m_files) {
        const auto clock = clockInFileName(file.stem().string());
        if (!clock)
            break;
        clocks.push_back(*clock);
    }
    auto& sequence = m_info.metadata["sequence"];
    if (clocks.size() == m_files.size()) {
        sequence["frame0_clock"] = clocks.front().iso();
        std::vector<double> timesS;
        for (const auto& c : clocks)
            timesS.push_back(c.secondsSince(clocks.front()));
        const bool increasing = std::adjacent_find(timesS.begin(), timesS.end(),
                                                   std::greater_equal<>()) == timesS.end();
        if (increasing && timesS.size() > 1) {
            m_info.calibration.timestampsS = std::move(timesS);
            m_info.calibration.frameIntervalS =
                m_info.calibration.timestampsS.back() / static_cast<double>(m_files.size() - 1);
            m_info.notes.push_back("frame times read from the file names");
            return;
        }
        m_info.notes.push_back("the clocks in the file names do not increase from frame to frame "
                               "(too coarse?): set the frame interval");
        return;
    }
    // The first file's modification time (UTC) is the last resort for the movie's clock only:
    // copies rewrite it, so it never sets frame intervals.
    if (const auto modified = fileModifiedUnixS(m_files.front()))
        sequence["first_file_modified_unix_s"] = *modified;
    m_info.notes.push_back("image sequence: no frame timing in the files; set the frame interval");
}

Frame ImageSequenceReader::readFile(const std::filesystem::path& file,
                                    std::vector<std::string>* notes) const
{
    const std::string ext = lower(file.extension().string());
    if (usesMovieReader(ext))
        return openMovieReader(file)->readFrame(0);
    const cv::Mat image = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
    if (image.empty())
        throw Error(file.string() + ": cannot decode this image file");
    cv::Mat grey;
    if (image.channels() == 3)
        cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
    else if (image.channels() == 4)
        cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = image;
    if (image.channels() > 1 && notes)
        notes->push_back("RGB converted to grey");
    switch (grey.depth()) {
    case CV_8U:
        return Frame(grey, PixelType::UInt8);
    case CV_16U:
        return Frame(grey, PixelType::UInt16);
    case CV_32F:
        return Frame(grey, PixelType::Float32);
    default: {
        cv::Mat converted;
        grey.convertTo(converted, CV_32F);
        return Frame(converted, PixelType::Float32);
    }
    }
}

Frame ImageSequenceReader::readFrame(int index)
{
    if (index < 0 || index >= m_info.frameCount)
        throw Error(m_info.path.string() + ": frame " + std::to_string(index) + " out of range");
    const auto& file = m_files[static_cast<std::size_t>(index)];
    Frame frame = readFile(file, nullptr);
    if (frame.width() != m_info.width || frame.height() != m_info.height ||
        frame.type() != m_info.pixelType)
        throw Error(file.string() + ": frame " + std::to_string(index) + " is " +
                    std::to_string(frame.width()) + " x " + std::to_string(frame.height()) + " " +
                    std::string(numpyName(frame.type())) + ", unlike the first file (" +
                    std::to_string(m_info.width) + " x " + std::to_string(m_info.height) + " " +
                    std::string(numpyName(m_info.pixelType)) + ")");
    return frame;
}

} // namespace insitu
