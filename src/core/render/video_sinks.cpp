// Output sinks of renderMovie: Mp4Writer (MP4 H.264), OpenCV VideoWriter (AVI PNG), giflib (GIF).

#include "render_parts.h"

#include "insitu/error.h"
#include "insitu/render/mp4_writer.h"

#include <gif_lib.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <array>
#include <cmath>

namespace insitu::render {

namespace {

class VideoWriterSink final : public FrameSink
{
public:
    VideoWriterSink(const std::filesystem::path& path, cv::Size size, double fps,
                    const std::vector<std::string>& fourccs)
        : m_path(path), m_fps(fps)
    {
        for (const auto& fourcc : fourccs) {
            const int code = cv::VideoWriter::fourcc(fourcc[0], fourcc[1], fourcc[2], fourcc[3]);
            if (m_writer.open(path.string(), cv::CAP_FFMPEG, code, fps, size, true)) {
                m_codec = fourcc;
                return;
            }
        }
        throw Error(path.string() + ": no video encoder could be opened (tried " + fourccs.front() +
                    ")");
    }
    void write(const cv::Mat& image) override
    {
        if (image.channels() == 1) {
            cv::cvtColor(image, m_bgr, cv::COLOR_GRAY2BGR);
            m_writer.write(m_bgr);
        } else {
            m_writer.write(image);
        }
    }
    void finish() override
    {
        m_writer.release();
        if (!std::filesystem::exists(m_path) || std::filesystem::file_size(m_path) == 0)
            throw Error(m_path.string() + ": the video encoder wrote nothing");
    }
    [[nodiscard]] std::string codec() const override { return m_codec; }
    [[nodiscard]] double storedFps() const override { return m_fps; }

private:
    std::filesystem::path m_path;
    double m_fps;
    cv::VideoWriter m_writer;
    std::string m_codec;
    cv::Mat m_bgr;
};

class Mp4Sink final : public FrameSink
{
public:
    Mp4Sink(const std::filesystem::path& path, cv::Size size, double fps, const std::string& preset)
        : m_writer(path, size, fps, mp4WriterOptionsForPreset(preset)), m_fps(fps)
    {
    }
    void write(const cv::Mat& image) override { m_writer.write(image); }
    void finish() override { m_writer.finish(); }
    [[nodiscard]] std::string codec() const override { return "avc1"; }
    [[nodiscard]] double storedFps() const override { return m_fps; }

private:
    Mp4Writer m_writer;
    double m_fps;
};

// Fixed GIF palette: 232 grey levels (0..231) and 24 overlay colours (232..255).
constexpr int kGreyLevels = 232;
constexpr std::array<std::array<int, 3>, 24> kColours{{
    {230, 159, 0},   {86, 180, 233}, {0, 158, 115}, {240, 228, 66}, {0, 114, 178}, {213, 94, 0},
    {204, 121, 167}, {255, 0, 0},    {0, 255, 0},   {0, 0, 255},    {255, 255, 0}, {0, 255, 255},
    {255, 0, 255},   {255, 128, 0},  {128, 0, 255}, {0, 128, 255},  {255, 0, 128}, {128, 255, 0},
    {0, 255, 128},   {128, 64, 0},   {128, 0, 0},   {0, 128, 0},    {0, 0, 128},   {128, 128, 255},
}};

class GifSink final : public FrameSink
{
public:
    GifSink(const std::filesystem::path& path, cv::Size size, double fps)
        : m_path(path), m_size(size),
          m_delayCs(std::max(2, static_cast<int>(std::lround(100.0 / fps))))
    {
        int error = 0;
        m_gif = EGifOpenFileName(path.string().c_str(), false, &error);
        if (m_gif == nullptr)
            throw Error(path.string() + ": cannot create the GIF file (" + GifErrorString(error) +
                        ")");
        EGifSetGifVersion(m_gif, true);
        std::array<GifColorType, 256> colours{};
        for (int i = 0; i < kGreyLevels; ++i) {
            const auto v = static_cast<GifByteType>(std::lround(i * 255.0 / (kGreyLevels - 1)));
            colours[static_cast<std::size_t>(i)] = {v, v, v};
        }
        for (std::size_t i = 0; i < kColours.size(); ++i)
            colours[kGreyLevels + i] = {static_cast<GifByteType>(kColours[i][0]),
                                        static_cast<GifByteType>(kColours[i][1]),
                                        static_cast<GifByteType>(kColours[i][2])};
        ColorMapObject* map = GifMakeMapObject(256, colours.data());
        const bool ok = EGifPutScreenDesc(m_gif, size.width, size.height, 8, 0, map) == GIF_OK;
        GifFreeMapObject(map);
        // Loop forever (NETSCAPE2.0 application extension).
        static const GifByteType app[] = "NETSCAPE2.0";
        static const GifByteType loop[] = {1, 0, 0};
        if (!ok || EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
            EGifPutExtensionBlock(m_gif, 11, app) != GIF_OK ||
            EGifPutExtensionBlock(m_gif, 3, loop) != GIF_OK ||
            EGifPutExtensionTrailer(m_gif) != GIF_OK)
            fail();
        for (int v = 0; v < 256; ++v)
            m_greyIndex[static_cast<std::size_t>(v)] =
                static_cast<GifPixelType>(std::lround(v * (kGreyLevels - 1) / 255.0));
        m_line.resize(static_cast<std::size_t>(size.width));
    }
    ~GifSink() override
    {
        if (m_gif != nullptr)
            EGifCloseFile(m_gif, nullptr);
    }
    void write(const cv::Mat& image) override
    {
        GraphicsControlBlock gcb{DISPOSAL_UNSPECIFIED, false, m_delayCs, NO_TRANSPARENT_COLOR};
        GifByteType extension[4];
        EGifGCBToExtension(&gcb, extension);
        if (EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) != GIF_OK ||
            EGifPutImageDesc(m_gif, 0, 0, m_size.width, m_size.height, false, nullptr) != GIF_OK)
            fail();
        for (int r = 0; r < image.rows; ++r) {
            if (image.channels() == 1) {
                const auto* row = image.ptr<std::uint8_t>(r);
                for (int c = 0; c < image.cols; ++c)
                    m_line[static_cast<std::size_t>(c)] = m_greyIndex[row[c]];
            } else {
                const auto* row = image.ptr<cv::Vec3b>(r);
                for (int c = 0; c < image.cols; ++c)
                    m_line[static_cast<std::size_t>(c)] = index(row[c]);
            }
            if (EGifPutLine(m_gif, m_line.data(), image.cols) != GIF_OK)
                fail();
        }
    }
    void finish() override
    {
        int error = 0;
        GifFileType* gif = m_gif;
        m_gif = nullptr;
        if (EGifCloseFile(gif, &error) != GIF_OK)
            throw Error(m_path.string() + ": writing the GIF failed (" + GifErrorString(error) +
                        ")");
    }
    [[nodiscard]] std::string codec() const override { return "gif"; }
    [[nodiscard]] double storedFps() const override { return 100.0 / m_delayCs; }

private:
    [[noreturn]] void fail() const
    {
        throw Error(m_path.string() + ": writing the GIF failed (" + GifErrorString(m_gif->Error) +
                    ")");
    }
    GifPixelType index(const cv::Vec3b& bgr) const
    {
        const int b = bgr[0], g = bgr[1], r = bgr[2];
        if (b == g && g == r)
            return m_greyIndex[static_cast<std::size_t>(r)];
        const int grey = (r + g + b) / 3;
        int best = m_greyIndex[static_cast<std::size_t>(grey)];
        int bestDistance =
            (r - grey) * (r - grey) + (g - grey) * (g - grey) + (b - grey) * (b - grey);
        for (std::size_t i = 0; i < kColours.size(); ++i) {
            const int dr = r - kColours[i][0], dg = g - kColours[i][1], db = b - kColours[i][2];
            const int distance = dr * dr + dg * dg + db * db;
            if (distance < bestDistance)
                bestDistance = distance, best = kGreyLevels + static_cast<int>(i);
        }
        return static_cast<GifPixelType>(best);
    }

    std::filesystem::path m_path;
    cv::Size m_size;
    int m_delayCs;
    GifFileType* m_gif = nullptr;
    std::array<GifPixelType, 256> m_greyIndex{};
    std::vector<GifPixelType> m_line;
};

} // namespace

std::unique_ptr<FrameSink> openSink(RenderFormat format, const std::filesystem::path& path,
                                    cv::Size size, double fps, const std::string& x264Preset)
{
    switch (format) {
    case RenderFormat::Mp4:
        return std::make_unique<Mp4Sink>(path, size, fps, x264Preset);
    case RenderFormat::Avi:
        return std::make_unique<VideoWriterSink>(path, size, fps, std::vector<std::string>{"png "});
    case RenderFormat::Gif:
        return std::make_unique<GifSink>(path, size, fps);
    }
    throw Error(path.string() + ": unknown output format");
}

} // namespace insitu::render
