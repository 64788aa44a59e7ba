// extendSlowEnds: a slow front's search path carried on in time while its edge shows.

#include "front_extend.h"

#include "edge_change.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <vector>

namespace insitu::front_detail {

namespace {

constexpr double kSlowColsPerFrame = 1.0;       // ends slower than this are extended
constexpr std::size_t kEndSpeedFrames = 40;     // end speed: line over this many frames next to it
constexpr std::size_t kRunningFrames = 9;       // edge test: mean over this many frames
constexpr std::size_t kDropFrames = 4;          // frames dropped again before a stop
constexpr std::size_t kSpliceWindowFrames = 96; // refineExtended: old frames refined again,
constexpr double kColumnSpanCols =
    2 * (refine_detail::kColumnLastCols -
         refine_detail::kColumnFirstCols); // ... at least over twice the column model's reach
constexpr double kNaNValue = std::numeric_limits<double>::quiet_NaN();
constexpr double kRawSlowColsPerFrame = 0.3; // raw contrast allowed for ends slower than this
constexpr int kRawNearEndFrames = 48;        // ... within this many frames of the movie's ends

/// Least-squares slope (columns per frame) of the positions over [lo, hi).
double slope(const std::vector<int>& frames, const std::vector<double>& positions, std::size_t lo,
             std::size_t hi)
{
    double st = 0, sx = 0, stt = 0, stx = 0;
    const double m = static_cast<double>(hi - lo);
    for (std::size_t i = lo; i < hi; ++i) {
        const double t = frames[i];
        const double x = positions[i];
        st += t;
        sx += x;
        stt += t * t;
        stx += t * x;
    }
    const double det = m * stt - st * st;
    return det > 0 ? (m * stx - st * sx) / det : 0.0;
}

/// Frames and positions of one end's extension, outwards in time (step −1 or +1 frames).
void extendOneEnd(const std::vector<int>& frames, const std::vector<double>& positions,
                  const refine_detail::EdgeChange& change, int contrastSign, double minRunningZ,
                  int step, int frameCount, int cols, std::vector<int>& framesOut,
                  std::vector<double>& positionsOut)
{
    const std::size_t n = frames.size();
    const std::size_t k = std::min(n, kEndSpeedFrames);
    const double speed =
        step > 0 ? slope(frames, positions, n - k, n) : slope(frames, positions, 0, k);
    if (k < 3 || std::abs(speed) >= kSlowColsPerFrame)
        return;
    const int endFrame = step > 0 ? frames.back() : frames.front();
    const double endPosition = step > 0 ? positions.back() : positions.front();
    // where the columns have no level to judge the change against (a track that does not start
    // at the path's start), only a very slow end near the movie's first or last frame is
    // carried on with the raw contrast: there the search's long temporal differences shorten
    const int framesToMovieEnd = step > 0 ? frameCount - 1 - endFrame : endFrame;
    const bool rawFallback =
        std::abs(speed) < kRawSlowColsPerFrame && framesToMovieEnd <= kRawNearEndFrames;
    // the running test starts with the track's own end frames
    std::deque<double> recent;
    double sum = 0;
    for (std::size_t j = 0; j < std::min(n, kRunningFrames - 1); ++j) {
        const std::size_t i = step > 0 ? n - 1 - j : j;
        const double z = contrastSign * change.frameZ(frames[i], positions[i], rawFallback);
        recent.push_front(z); // the front: the frame farthest from the end
        sum += z;
    }
    for (int i = 1;; ++i) {
        const int t = endFrame + step * i;
        const double x = endPosition + speed * step * i;
        if (t < 0 || t >= frameCount || x < 0 || x > cols - 1)
            break;
        const double z = contrastSign * change.frameZ(t, x, rawFallback);
        recent.push_back(z);
        sum += z;
        if (recent.size() > kRunningFrames) {
            sum -= recent.front();
            recent.pop_front();
        }
        framesOut.push_back(t);
        positionsOut.push_back(x);
        if (sum / std::sqrt(static_cast<double>(recent.size())) < minRunningZ) {
            const std::size_t drop = std::min(framesOut.size(), kDropFrames + 1);
            framesOut.resize(framesOut.size() - drop);
            positionsOut.resize(positionsOut.size() - drop);
            break;
        }
    }
}

} // namespace

AddedFrames extendSlowEnds(std::vector<int>& frames, std::vector<double>& positionsCol,
                           const cv::Mat& values, int contrastSign, double minRunningZ)
{
    if (frames.size() < 3)
        return {};
    const int direction = positionsCol.back() >= positionsCol.front() ? 1 : -1;
    const refine_detail::EdgeChange change(values, frames, positionsCol, direction);
    std::vector<int> headFrames, tailFrames;
    std::vector<double> headPositions, tailPositions;
    extendOneEnd(frames, positionsCol, change, contrastSign, minRunningZ, -1, values.rows,
                 values.cols, headFrames, headPositions);
    extendOneEnd(frames, positionsCol, change, contrastSign, minRunningZ, +1, values.rows,
                 values.cols, tailFrames, tailPositions);
    frames.insert(frames.begin(), headFrames.rbegin(), headFrames.rend());
    positionsCol.insert(positionsCol.begin(), headPositions.rbegin(), headPositions.rend());
    frames.insert(frames.end(), tailFrames.begin(), tailFrames.end());
    positionsCol.insert(positionsCol.end(), tailPositions.begin(), tailPositions.end());
    return {headFrames.size(), tailFrames.size()};
}

RefinedFront refineExtended(const cv::Mat& values, const std::vector<int>& frames,
                            const std::vector<int>& positionsCol, const FrontOptions& options,
                            const RefinedFront& before, AddedFrames added)
{
    const std::size_t n = frames.size();
    const std::size_t old = before.positionsCol.size();
    // frames refined again next to each end: the column model's reach (kColumnSpanCols) at the
    // end's speed, at least kSpliceWindowFrames
    const auto windowAt = [&](bool tail) {
        const std::size_t k = std::min(n, kEndSpeedFrames);
        const double travel = tail ? positionsCol[n - 1] - positionsCol[n - k]
                                   : positionsCol[k - 1] - positionsCol[0];
        const double speed =
            std::abs(travel) / static_cast<double>(std::max<std::size_t>(k - 1, 1));
        const double reach = speed > 0 ? kColumnSpanCols / speed : static_cast<double>(n);
        return std::max(kSpliceWindowFrames,
                        static_cast<std::size_t>(std::min(reach, static_cast<double>(n))));
    };
    const std::size_t headWindow = added.head > 0 ? windowAt(false) : 0;
    const std::size_t tailWindow = added.tail > 0 ? windowAt(true) : 0;
    if (old + added.head + added.tail != n ||
        added.head + headWindow + tailWindow + added.tail >= n)
        return refineFront(values, frames, positionsCol, options);
    RefinedFront out = before;
    const auto insertAt = [](std::vector<double>& v, std::size_t at, std::size_t count) {
        v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), count, kNaNValue);
    };
    for (std::vector<double>* v :
         {&out.positionsCol, &out.stdCol, &out.confidence, &out.framePositionsCol, &out.frameStdCol,
          &out.contrastZ, &out.frameContrastZ}) {
        if (v->size() != old)
            v->assign(old, kNaNValue);
        insertAt(*v, 0, added.head);
        insertAt(*v, v->size(), added.tail);
    }
    // one end: refine frames [lo, hi) and copy [copyLo, copyHi) of it into out
    const auto splice = [&](std::size_t lo, std::size_t hi, std::size_t copyLo,
                            std::size_t copyHi) {
        const std::vector<int> f(frames.begin() + static_cast<std::ptrdiff_t>(lo),
                                 frames.begin() + static_cast<std::ptrdiff_t>(hi));
        const std::vector<int> p(positionsCol.begin() + static_cast<std::ptrdiff_t>(lo),
                                 positionsCol.begin() + static_cast<std::ptrdiff_t>(hi));
        const RefinedFront r = refineFront(values, f, p, options);
        const auto copy = [&](std::vector<double>& to, const std::vector<double>& from) {
            for (std::size_t i = copyLo; i < copyHi; ++i)
                to[i] = i - lo < from.size() ? from[i - lo] : kNaNValue;
        };
        copy(out.positionsCol, r.positionsCol);
        copy(out.stdCol, r.stdCol);
        copy(out.confidence, r.confidence);
        copy(out.framePositionsCol, r.framePositionsCol);
        copy(out.frameStdCol, r.frameStdCol);
        copy(out.contrastZ, r.contrastZ);
        copy(out.frameContrastZ, r.frameContrastZ);
    };
    if (added.head > 0)
        splice(0, added.head + headWindow, 0, added.head + headWindow / 2);
    if (added.tail > 0)
        splice(n - added.tail - tailWindow, n, n - added.tail - tailWindow / 2, n);
    return out;
}

} // namespace insitu::front_detail
