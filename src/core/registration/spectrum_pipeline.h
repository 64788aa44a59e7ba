#pragma once
// SpectrumPipeline: reads, crops, bins and transforms frames on a worker thread, in order.

#include "insitu/io/movie.h"
#include "insitu/registration/phase_correlation.h"

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace insitu::detail {

/// Where the registered image of a frame comes from.
struct RegistrationGeometry
{
    cv::Rect regionPx; ///< read from each frame (frame coordinates), a multiple of binning
    int binning = 1;
    [[nodiscard]] int gridWidth() const { return regionPx.width / binning; }
    [[nodiscard]] int gridHeight() const { return regionPx.height / binning; }
};

/// The registered image of frame `index`: region (moved by offsetPx, clamped to the frame),
/// binned; a view of the frame in its native type when not binned (uint32 as CV_32F).
[[nodiscard]] cv::Mat registrationImage(const Movie& movie, int index,
                                        const RegistrationGeometry& geometry, cv::Point offsetPx);

/// Produces the spectra of a list of frames on worker threads (two by default: reading and the
/// forward FFT dominate drift estimation), a few frames ahead of the consumer, handed out in
/// list order; with 0 workers next() computes each spectrum itself. The destructor stops and
/// joins the workers.
class SpectrumPipeline
{
public:
    struct Item
    {
        int frame = -1;
        cv::Mat spectrum;
        cv::Point offsetPx; ///< region offset actually used for this frame
    };

    SpectrumPipeline(const Movie& movie, const RegistrationGeometry& geometry,
                     const PhaseCorrelator& correlator, std::vector<int> frames,
                     std::vector<cv::Point> offsetsPx = {}, int workers = 2);
    ~SpectrumPipeline();
    SpectrumPipeline(const SpectrumPipeline&) = delete;
    SpectrumPipeline& operator=(const SpectrumPipeline&) = delete;

    /// The next frame's spectrum, in list order; rethrows the worker's exception.
    [[nodiscard]] Item next();
    /// Hands a spent spectrum back so its memory is reused (ignored while it is shared).
    void recycle(cv::Mat&& spectrum);

private:
    void run();

    const Movie& m_movie;
    RegistrationGeometry m_geometry;
    const PhaseCorrelator& m_correlator;
    std::vector<int> m_frames;
    std::vector<cv::Point> m_offsets;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::size_t, Item> m_ready; // by position in m_frames
    std::size_t m_nextToStart = 0;       // position the next worker takes
    std::size_t m_nextToHand = 0;        // position next() returns
    std::vector<cv::Mat> m_free;
    std::exception_ptr m_error;
    bool m_stop = false;
    std::vector<std::thread> m_workers;
};

} // namespace insitu::detail
