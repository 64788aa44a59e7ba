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
        for (int x = 0; x < labels.cols; ++x)
            if (l[x] > 0) {
                const auto k = static_cast<std::size_t>(l[x]);
                lo[k] = {std::min(lo[k].x, x), std::min(lo[k].y, y)};
                hi[k] = {std::max(hi[k].x, x), std::max(hi[k].y, y)};
                boxes[k].maxDistance =
                    std::max(boxes[k].maxDistance, static_cast<double>(distance.at<float>(y, x)));
            }
    }
    cv::Mat occupied = labels > 0;
    cv::Mat nearParticle;
    cv::dilate(occupied, nearParticle, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));
    const cv::Rect frame(0, 0, labels.cols, labels.rows);
    std::vector<float> background, core;
    for (int k = 1; k <= n; ++k) {
        const auto ku = static_cast<std::size_t>(k);
        if (hi[ku].x < 0)
            continue;
        const int margin = std::max(6, static_cast<int>(boxes[ku].maxDistance));
        const cv::Rect box = expanded(cv::Rect(lo[ku], hi[ku] + cv::Point(1, 1)), margin) & frame;
        background.clear();
        core.clear();
        for (int y = box.y; y < box.y + box.height; ++y)
            for (int x = box.x; x < box.x + box.width; ++x) {
                if (!nearParticle.at<unsigned char>(y, x))
                    background.push_back(signal.at<float>(y, x));
                else if (labels.at<int>(y, x) == k &&
                         distance.at<float>(y, x) >= 0.5 * boxes[ku].maxDistance)
                    core.push_back(signal.at<float>(y, x));
            }
        if (background.size() < 8 || core.empty())
            continue; // crowded: keep the detection outline
        const double level = 0.5 * (medianOf(background) + medianOf(core));
        const cv::Rect grow = expanded(cv::Rect(lo[ku], hi[ku] + cv::Point(1, 1)), 2) & frame;
        for (int y = grow.y; y < grow.y + grow.height; ++y)
            for (int x = grow.x; x < grow.x + grow.width; ++x)
                if (labels.at<int>(y, x) == k && signal.at<float>(y, x) <= level)
                    labels.at<int>(y, x) = 0;
        for (int pass = 0; pass < 2; ++pass) {
            for (int y = grow.y; y < grow.y + grow.height; ++y)
                for (int x = grow.x; x < grow.x + grow.width; ++x) {
                    if (labels.at<int>(y, x) != 0 || signal.at<float>(y, x) <= level)
                        continue;
                    const bool touches = (x > 0 && labels.at<int>(y, x - 1) == k) ||
                                         (y > 0 && labels.at<int>(y - 1, x) == k) ||
                                         (x + 1 < labels.cols && labels.at<int>(y, x + 1) == k) ||
                                         (y + 1 < labels.rows && labels.at<int>(y + 1, x) == k);
                    if (touches)
                        labels.at<int>(y, x) = -k; // claimed this pass (1 px per pass)
                }
            for (int y = grow.y; y < grow.y + grow.height; ++y)
                for (int x = grow.x; x < grow.x + grow.width; ++x)
                    if (labels.at<int>(y, x) == -k)
                        labels.at<int>(y, x) = k;
        }
    }
}

} // namespace insitu::particles
