#pragma once
// MemoryMovieReader: a movie held in memory, for tests and generated scenes.

#include "insitu/io/movie_reader.h"

#include <vector>

namespace insitu {

/// Serves frames from a vector of images; used by tests and the synthetic-scene generator.
class MemoryMovieReader final : public MovieReader
{
public:
    /// frames must be non-empty, single-channel, all the same size and depth of type.
    MemoryMovieReader(std::vector<cv::Mat> frames, PixelType type, Calibration calibration = {});

    [[nodiscard]] const MovieInfo& info() const override { return m_info; }
    [[nodiscard]] Frame readFrame(int index) override;

private:
    MovieInfo m_info;
    std::vector<cv::Mat> m_frames;
};

} // namespace insitu
