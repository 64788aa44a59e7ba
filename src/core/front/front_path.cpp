#include "insitu/front/front_path.h"

#include "insitu/error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

namespace insitu {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr std::int8_t kFromBefore = -1;

} // namespace

FrontPath findFrontPath(const cv::Mat& score, const FrontPathOptions& options,
                        const std::vector<FrontPin>& pinsInColumns)
{
    if (score.empty() || score.type() != CV_32F)
        throw Error("front path: the score map must be a non-empty float32 image");
    const int frames = score.rows;
    const int cols = score.cols;
    const int maxStep = std::max(0, options.maxStepPx);
    const int dMin = options.direction > 0 ? 0 : -maxStep;
    const int dMax = options.direction < 0 ? 0 : maxStep;
    const int nd = dMax - dMin + 1;
    const double lambda = options.stepChangePenalty;
    const double threshold = options.presenceThreshold;

    std::map<int, int> pinAt; // frame -> column
    for (const auto& pin : pinsInColumns) {
        if (pin.frame < 0 || pin.frame >= frames)
            throw Error("front path: pin at frame " + std::to_string(pin.frame) +
                        " is outside the movie");
        pinAt[pin.frame] = std::clamp(static_cast<int>(std::lround(pin.positionPx)), 0, cols - 1);
    }
    const int firstPin = pinAt.empty() ? frames : pinAt.begin()->first;
    const int lastPin = pinAt.empty() ? -1 : pinAt.rbegin()->first;

    const auto states = static_cast<std::size_t>(cols) * static_cast<std::size_t>(nd);
    std::vector<double> prev(states, kNegInf);
    std::vector<double> cur(states, kNegInf);
    // back[t][di*cols + x]: kFromBefore, or the previous step index offset (0, 1, 2 = d−1, d, d+1)
    std::vector<std::int8_t> back(states * static_cast<std::size_t>(frames), kFromBefore);
    // afterFrom[t]: -1 when "after" at t came from "after" at t−1, else the present state index
    std::vector<std::int64_t> afterFrom(static_cast<std::size_t>(frames), -1);
    double before = 0;      // value of "absent, not yet started" up to t−1
    double after = kNegInf; // value of "absent, already ended" up to t−1

    for (int t = 0; t < frames; ++t) {
        const float* s = score.ptr<float>(t);
        const auto pin = pinAt.find(t);
        const bool pinned = pin != pinAt.end();
        std::int8_t* backRow = back.data() + states * static_cast<std::size_t>(t);
        // after at t: from after at t−1 or from a present state at t−1 (allowed after lastPin)
        double newAfter = kNegInf;
        if (t > 0 && t > lastPin) {
            newAfter = after;
            std::int64_t from = -1;
            // maximum first with four independent chains (no argmax unless it beats "after")
            double m[4] = {kNegInf, kNegInf, kNegInf, kNegInf};
            std::size_t i = 0;
            for (; i + 4 <= states; i += 4)
                for (int k = 0; k < 4; ++k)
                    m[k] = std::max(m[k], prev[i + static_cast<std::size_t>(k)]);
            for (; i < states; ++i)
                m[0] = std::max(m[0], prev[i]);
            if (std::max(std::max(m[0], m[1]), std::max(m[2], m[3])) > newAfter)
                for (std::size_t j = 0; j < states; ++j)
                    if (prev[j] > newAfter) {
                        newAfter = prev[j];
                        from = static_cast<std::int64_t>(j);
                    }
            afterFrom[static_cast<std::size_t>(t)] = from;
        }
        const bool canStart = t <= firstPin; // starting at t requires no earlier pin
        const double startValue = canStart ? (t == 0 ? 0.0 : before) : kNegInf;
        const int pinCol = pinned ? pin->second : -1;
        // states are laid out step-major (di·cols + x) so each step's row is one sweep over x
        for (int di = 0; di < nd; ++di) {
            const int d = dMin + di;
            double* c = cur.data() + static_cast<std::size_t>(di) * cols;
            std::int8_t* b = backRow + static_cast<std::size_t>(di) * cols;
            const double* pLess =
                di > 0 ? prev.data() + static_cast<std::size_t>(di - 1) * cols : nullptr;
            const double* pSame = prev.data() + static_cast<std::size_t>(di) * cols;
            const double* pMore =
                di + 1 < nd ? prev.data() + static_cast<std::size_t>(di + 1) * cols : nullptr;
            // columns whose predecessor x − d lies on the kymograph
            const int xLo = t > 0 ? std::max(0, d) : cols;
            const int xHi = t > 0 ? std::min(cols - 1, cols - 1 + d) : -1;
            for (int x = 0; x < cols; ++x) {
                double best = startValue;
                std::int8_t from = kFromBefore;
                if (x >= xLo && x <= xHi) {
                    const int xp = x - d;
                    if (pLess && pLess[xp] - lambda > best) {
                        best = pLess[xp] - lambda;
                        from = 0;
                    }
                    if (pSame[xp] > best) {
                        best = pSame[xp];
                        from = 1;
                    }
                    if (pMore && pMore[xp] - lambda > best) {
                        best = pMore[xp] - lambda;
                        from = 2;
                    }
                }
                c[x] = best + (s[x] - threshold);
                b[x] = from;
            }
            if (pinned)
                for (int x = 0; x < cols; ++x)
                    if (x != pinCol)
                        c[x] = kNegInf;
        }
        if (t > 0 && t > lastPin)
            after = newAfter;
        // "before" stays 0 while no pin has passed; afterwards it is impossible
        if (t >= firstPin)
            before = kNegInf;
        std::swap(prev, cur);
    }

    // best end: "before" to the end (no front), "after", or present in the last frame
    double best = pinAt.empty() ? 0.0 : kNegInf;
    enum class End { None, After, Present } end = End::None;
    std::size_t endState = 0;
    if (after > best) {
        best = after;
        end = End::After;
    }
    for (std::size_t i = 0; i < states; ++i)
        if (prev[i] > best) {
            best = prev[i];
            end = End::Present;
            endState = i;
        }
    FrontPath path;
    if (end == End::None || best == kNegInf)
        return path;
    path.score = best;
    int t = frames - 1;
    if (end == End::After) {
        // walk "after" back to the frame it was entered from a present state
        while (t > 0 && afterFrom[static_cast<std::size_t>(t)] < 0)
            --t;
        endState = static_cast<std::size_t>(afterFrom[static_cast<std::size_t>(t)]);
        --t;
    }
    std::size_t state = endState;
    for (;; --t) {
        const int x = static_cast<int>(state % static_cast<std::size_t>(cols));
        const int di = static_cast<int>(state / static_cast<std::size_t>(cols));
        const int d = dMin + di;
        path.frames.push_back(t);
        path.positions.push_back(x);
        const std::int8_t from = back[states * static_cast<std::size_t>(t) + state];
        if (from == kFromBefore || t == 0)
            break;
        const int dp = d + from - 1;
        state = static_cast<std::size_t>(dp - dMin) * static_cast<std::size_t>(cols) +
                static_cast<std::size_t>(x - d);
    }
    std::reverse(path.frames.begin(), path.frames.end());
    std::reverse(path.positions.begin(), path.positions.end());
    return path;
}

} // namespace insitu
