// Half-contrast refinement of each particle outline against its own local background.

#include "particle_steps.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace insitu::particles {

namespace {

double medianOf(std::vector<float>& values)
{
    auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

struct Box
{
    cv::Rect rect;
    double maxDistance = 0;
};

cv::Rect expanded(const cv::Rect& r, int margin)
{
    return {r.x - margin, r.y - margin, r.width + 2 * margin, r.height + 2 * margin};
}

} // namespace

void refineOutlines(cv::Mat& labels, const cv::Mat& signal, const cv::Mat& distance)
{
    double maxLabel = 0;
    cv::minMaxLoc(labels, nullptr, &maxLabel);
    const int n = static_cast<int>(maxLabel);
    if (n == 0)
        return;
    std::vector<Box> boxes(static_cast<std::size_t>(n) + 1);
    std::vector<cv::Point> lo(boxes.size(), {labels.cols, labels.rows}), hi(boxes.size(), {-1, -1});
    for (int y = 0; y < labels.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const float* d = distance.ptr<float>(y);
        for (int x = 0; x < labels.cols; ++x)
            if (l[x] > 0) {
                const auto k = static_cast<std::size_t>(l[x]);
                lo[k] = {std::min(lo[k].x, x), std::min(lo[k].y, y)};
                hi[k] = {std::max(hi[k].x, x), std::max(hi[k].y, y)};
                boxes[k].maxDistance = std::max(boxes[k].maxDistance, static_cast<double>(d[x]));
            }
    }
    cv::Mat occupied = labels > 0;
    cv::Mat nearParticle;
    cv::dilate(occupied, nearParticle, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));
    const cv::Rect frame(0, 0, labels.cols, labels.rows);
    // each particle's half-contrast level from the detection outlines (in parallel: reads only)
    std::vector<float> levels(boxes.size(), 0.0f);
    std::vector<unsigned char> refine(boxes.size(), 0);
    cv::parallel_for_(cv::Range(1, n + 1), [&](const cv::Range& range) {
        std::vector<float> background, core;
        for (int k = range.start; k < range.end; ++k) {
            const auto ku = static_cast<std::size_t>(k);
            if (hi[ku].x < 0)
                continue;
            const int margin = std::max(6, static_cast<int>(boxes[ku].maxDistance));
            const cv::Rect box =
                expanded(cv::Rect(lo[ku], hi[ku] + cv::Point(1, 1)), margin) & frame;
            background.clear();
            core.clear();
            const auto coreDistance = static_cast<float>(0.5 * boxes[ku].maxDistance);
            for (int y = box.y; y < box.y + box.height; ++y) {
                const unsigned char* near = nearParticle.ptr<unsigned char>(y);
                const int* l = labels.ptr<int>(y);
                const float* d = distance.ptr<float>(y);
                const float* f = signal.ptr<float>(y);
                for (int x = box.x; x < box.x + box.width; ++x) {
                    if (!near[x])
                        background.push_back(f[x]);
                    else if (l[x] == k && d[x] >= coreDistance)
                        core.push_back(f[x]);
                }
            }
            if (background.size() < 8 || core.empty())
                continue; // crowded: keep the detection outline
            levels[ku] = static_cast<float>(0.5 * (medianOf(background) + medianOf(core)));
            refine[ku] = 1;
        }
    });
    // the outlines moved in label order (a pixel wanted by two particles goes to the first)
    for (int k = 1; k <= n; ++k) {
        const auto ku = static_cast<std::size_t>(k);
        if (!refine[ku])
            continue;
        const float level = levels[ku];
        const cv::Rect grow = expanded(cv::Rect(lo[ku], hi[ku] + cv::Point(1, 1)), 2) & frame;
        for (int y = grow.y; y < grow.y + grow.height; ++y) {
            int* l = labels.ptr<int>(y);
            const float* f = signal.ptr<float>(y);
            for (int x = grow.x; x < grow.x + grow.width; ++x)
                if (l[x] == k && f[x] <= level)
                    l[x] = 0;
        }
        for (int pass = 0; pass < 2; ++pass) {
            for (int y = grow.y; y < grow.y + grow.height; ++y) {
                int* l = labels.ptr<int>(y);
                const int* up = y > 0 ? labels.ptr<int>(y - 1) : nullptr;
                const int* down = y + 1 < labels.rows ? labels.ptr<int>(y + 1) : nullptr;
                const float* f = signal.ptr<float>(y);
                for (int x = grow.x; x < grow.x + grow.width; ++x) {
                    if (l[x] != 0 || f[x] <= level)
                        continue;
                    const bool touches = (x > 0 && l[x - 1] == k) || (up && up[x] == k) ||
                                         (x + 1 < labels.cols && l[x + 1] == k) ||
                                         (down && down[x] == k);
                    if (touches)
                        l[x] = -k; // claimed this pass (1 px per pass)
                }
            }
            for (int y = grow.y; y < grow.y + grow.height; ++y) {
                int* l = labels.ptr<int>(y);
                for (int x = grow.x; x < grow.x + grow.width; ++x)
                    if (l[x] == -k)
                        l[x] = k;
            }
        }
    }
}

} // namespace insitu::particles
