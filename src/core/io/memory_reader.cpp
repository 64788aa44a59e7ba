#include "insitu/io/memory_reader.h"

#include "insitu/error.h"

#include <string>

namespace insitu {

MemoryMovieReader::MemoryMovieReader(std::vector<cv::Mat> frames, PixelType type,
                                     Calibration calibration)
    : m_frames(std::move(frames))
{
    if (m_frames.empty())
        throw Error("memory movie: no frames");
    m_info.format = "memory";
    m_info.path = "<memory>";
    m_info.frameCount = static_cast<int>(m_frames.size());
    m_info.width = m_frames.front().cols;
    m_info.height = m_frames.front().rows;
    m_info.pixelType = type;
    m_info.calibration = std::move(calibration);
    for (const auto& f : m_frames)
        if (f.size() != m_frames.front().size() || f.channels() != 1 || f.depth() != cvDepth(type))
            throw Error("memory movie: frames differ in size or type");
}

Frame MemoryMovieReader::readFrame(int index)
{
    if (index < 0 || index >= m_info.frameCount)
        throw Error("memory movie: frame " + std::to_string(index) + " out of range");
    return Frame(m_frames[static_cast<std::size_t>(index)], m_info.pixelType);
}

} // namespace insitu
