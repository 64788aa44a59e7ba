#pragma once
// VideoReader: AVI/MP4/MOV/MKV movies decoded by OpenCV videoio (FFmpeg), as 8-bit grey frames.

#include "insitu/io/movie_reader.h"

#include <memory>
#include <vector>

namespace insitu {

/// True for RIFF/AVI, ISO-BMFF (MP4/MOV: "ftyp" at byte 4) and Matroska signatures.
[[nodiscard]] bool isVideoMagic(const std::vector<unsigned char>& head);

/// Reads a video file with cv::VideoCapture. Frames are converted to uint8 grey; the frame interval
/// is 1/fps of the container; there is no spatial calibration. Random access seeks, then verifies
/// the decoder position and falls back to decoding forward from the start when seeking is inexact.
class VideoReader final : public MovieReader
{
public:
    /// Opens path; throws insitu::Error naming the file when OpenCV cannot decode it.
    explicit VideoReader(const std::filesystem::path& path);
    ~VideoReader() override;
    VideoReader(const VideoReader&) = delete;
    VideoReader& operator=(const VideoReader&) = delete;

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    MovieInfo m_info;
};

} // namespace insitu
