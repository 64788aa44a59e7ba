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

    std::map<int, int> pinAt;  // frame -> column
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
    // back[t][x*nd + di]: kFromBefore, or the previous step index offset (0, 1, 2 = d−1, d, d+1)
    std::vector<std::int8_t> back(states * static_cast<std::size_t>(frames), kFromBefore);
    // afterFrom[t]: -1 when "after" at t came from "after" at t−1, else the present state index
    std::vector<std::int64_t> afterFrom(static_cast<std::size_t>(frames), -1);
    double before = 0;            // value of "absent, not yet started" up to t−1
    double after = kNegInf;       // value of "absent, already ended" up to t−1

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
            for (std::size_t i = 0; i < states; ++i)
                if (prev[i] > newAfter) {
                    newAfter = prev[i];
                    from = static_cast<std::int64_t>(i);
                }
            afterFrom[static_cast<std::size_t>(t)] = from;
        }
        const bool canStart = t <= firstPin;  // starting at t requires no earlier pin
        for (int x = 0; x < cols; ++x) {
            const double gain = (pinned && x != pin->second) ? kNegInf : s[x] - threshold;
            for (int di = 0; di < nd; ++di) {
                const int d = dMin + di;
                const std::size_t idx = static_cast<std::size_t>(x) * nd + di;
                if (gain == kNegInf) {
                    cur[idx] = kNegInf;
                    continue;
                }
                double best = kNegInf;
                std::int8_t from = kFromBefore;
                if (canStart)
                    best = t == 0 ? 0.0 : before;
                const int xp = x - d;
                if (t > 0 && xp >= 0 && xp < cols) {
                    for (int o = 0; o < 3; ++o) {
                        const int dp = d + o - 1;
                        if (dp < dMin || dp > dMax)
                            continue;
                        const double v = prev[static_cast<std::size_t>(xp) * nd + (dp - dMin)] -
                                         lambda * std::abs(o - 1);
                        if (v > best) {
                            best = v;
                            from = static_cast<std::int8_t>(o);
                        }
                    }
                }
                cur[idx] = best + gain;
                backRow[idx] = from;
            }
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
        const int x = static_cast<int>(state / nd);
        const int d = dMin + static_cast<int>(state % nd);
        path.frames.push_back(t);
        path.positions.push_back(x);
        const std::int8_t from = back[states * static_cast<std::size_t>(t) + state];
        if (from == kFromBefore || t == 0)
            break;
        const int dp = d + from - 1;
        state = static_cast<std::size_t>(x - d) * nd + (dp - dMin);
    }
    std::reverse(path.frames.begin(), path.frames.end());
    std::reverse(path.positions.begin(), path.positions.end());
    return path;
}

} // namespace insitu
