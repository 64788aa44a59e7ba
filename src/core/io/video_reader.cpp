// VideoReader: sequential decoding is the fast path; far jumps seek and verify the position.

#include "insitu/io/video_reader.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/videoio/registry.hpp>

#include <cmath>
#include <cstring>

namespace insitu {

namespace {

/// Forward decoding is cheaper than a seek for jumps up to this many frames.
constexpr int kMaxForwardSkip = 48;

} // namespace

bool isVideoMagic(const std::vector<unsigned char>& head)
{
    if (head.size() >= 12 && std::memcmp(head.data(), "RIFF", 4) == 0 &&
        std::memcmp(head.data() + 8, "AVI ", 4) == 0)
        return true;
    if (head.size() >= 8 && std::memcmp(head.data() + 4, "ftyp", 4) == 0)
        return true;
    return head.size() >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF &&
           head[3] == 0xA3;
}

struct VideoReader::Impl
{
    std::string name;
    cv::VideoCapture capture;
    int next = 0; // index of the frame the next read() returns

    [[noreturn]] void fail(const std::string& what) const { throw Error(name + ": " + what); }

    void open()
    {
        capture.release();
        // FFmpeg only when present: the other backends (GStreamer, image sequences) guess noisily.
        const int api =
            cv::videoio_registry::hasBackend(cv::CAP_FFMPEG) ? cv::CAP_FFMPEG : cv::CAP_ANY;
        if (!capture.open(name, api))
            fail("cannot decode this video (unsupported codec or damaged file)");
        next = 0;
    }

    /// Positions the decoder so that the next read() returns frame index.
    void seekTo(int index)
    {
        if (index == next)
            return;
        if (index > next && index - next <= kMaxForwardSkip) {
            while (next < index) {
                if (!capture.grab())
                    fail("cannot decode frame " + std::to_string(next));
                ++next;
            }
            return;
        }
        // Seeking lands on a keyframe and decodes forward in OpenCV's FFmpeg backend; verify it,
        // and decode from the start when the container does not report an exact position.
        if (capture.set(cv::CAP_PROP_POS_FRAMES, index) &&
            std::lround(capture.get(cv::CAP_PROP_POS_FRAMES)) == index) {
            next = index;
            return;
        }
        open();
        while (next < index) {
            if (!capture.grab())
                fail("cannot decode frame " + std::to_string(next));
            ++next;
        }
    }
};

VideoReader::VideoReader(const std::filesystem::path& path) : m_impl(std::make_unique<Impl>())
{
    Impl& d = *m_impl;
    d.name = path.string();
    m_info.path = path;
    d.open();
    cv::Mat first;
    if (!d.capture.read(first) || first.empty())
        d.fail("the video holds no decodable frame");
    d.next = 1;
    m_info.format =
        "Video (" + path.extension().string().substr(path.extension().empty() ? 0 : 1) + ")";
    m_info.width = first.cols;
    m_info.height = first.rows;
    m_info.pixelType = PixelType::UInt8;
    const double count = d.capture.get(cv::CAP_PROP_FRAME_COUNT);
    m_info.frameCount = count >= 1 && count < 1e8 ? static_cast<int>(std::lround(count)) : 0;
    if (m_info.frameCount == 0) {
        // No count in the container: decode through once to count the frames.
        int n = 1;
        while (d.capture.grab())
            ++n;
        m_info.frameCount = n;
        d.open();
        m_info.notes.push_back("frame count found by decoding the whole video");
    }
    const double fps = d.capture.get(cv::CAP_PROP_FPS);
    if (std::isfinite(fps) && fps > 0 && fps < 1e5)
        m_info.calibration.frameIntervalS = 1.0 / fps;
    if (first.channels() > 1)
        m_info.notes.push_back("colour video converted to 8-bit grey");
    m_info.notes.push_back("no spatial calibration in video files: set the pixel size");
    m_info.metadata["video"] = {
        {"fps", fps},
        {"codec_fourcc", static_cast<int>(d.capture.get(cv::CAP_PROP_FOURCC))},
        {"backend", d.capture.getBackendName()}};
}

VideoReader::~VideoReader() = default;

Frame VideoReader::readFrame(int index)
{
    Impl& d = *m_impl;
    if (index < 0 || index >= m_info.frameCount)
        d.fail("frame " + std::to_string(index) + " out of range (0.." +
               std::to_string(m_info.frameCount - 1) + ")");
    d.seekTo(index);
    cv::Mat decoded;
    if (!d.capture.read(decoded) || decoded.empty())
        d.fail("cannot decode frame " + std::to_string(index) + " (the container announced " +
               std::to_string(m_info.frameCount) + " frames)");
    ++d.next;
    if (decoded.cols != m_info.width || decoded.rows != m_info.height)
        d.fail("frame " + std::to_string(index) + " changes the video size");
    cv::Mat grey;
    if (decoded.channels() == 3)
        cv::cvtColor(decoded, grey, cv::COLOR_BGR2GRAY);
    else if (decoded.channels() == 4)
        cv::cvtColor(decoded, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = decoded;
    if (grey.depth() != CV_8U)
        grey.convertTo(grey, CV_8U);
    return Frame(grey, PixelType::UInt8);
}

} // namespace insitu
