// labelBoxes: per-label bounding boxes in parallel row bands, merged exactly.

#include "label_boxes.h"

#include <algorithm>

namespace insitu::particles {

std::vector<LabelBox> labelBoxes(const cv::Mat& labels, int maxLabel, const cv::Mat* distance)
{
    const auto n = static_cast<std::size_t>(std::max(maxLabel, 0)) + 1;
    const int bands = std::max(1, std::min(cv::getNumThreads(), labels.rows));
    std::vector<std::vector<LabelBox>> partial(static_cast<std::size_t>(bands));
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
        for (int band = range.start; band < range.end; ++band) {
            std::vector<LabelBox>& boxes = partial[static_cast<std::size_t>(band)];
            boxes.assign(n, LabelBox{});
            const int y0 = labels.rows * band / bands, y1 = labels.rows * (band + 1) / bands;
            for (int y = y0; y < y1; ++y) {
                const int* l = labels.ptr<int>(y);
                const float* d = distance ? distance->ptr<float>(y) : nullptr;
                for (int x = 0; x < labels.cols; ++x) {
                    if (l[x] <= 0)
                        continue;
                    LabelBox& b = boxes[static_cast<std::size_t>(l[x])];
                    b.x0 = std::min(b.x0, x);
                    b.x1 = std::max(b.x1, x);
                    b.y0 = std::min(b.y0, y);
                    b.y1 = std::max(b.y1, y);
                    if (d)
                        b.maxDistance = std::max(b.maxDistance, static_cast<double>(d[x]));
                }
            }
        }
    });
    std::vector<LabelBox> boxes = std::move(partial.front());
    for (std::size_t band = 1; band < partial.size(); ++band)
        for (std::size_t k = 0; k < n; ++k) {
            const LabelBox& p = partial[band][k];
            LabelBox& b = boxes[k];
            b.x0 = std::min(b.x0, p.x0);
            b.y0 = std::min(b.y0, p.y0);
            b.x1 = std::max(b.x1, p.x1);
            b.y1 = std::max(b.y1, p.y1);
            b.maxDistance = std::max(b.maxDistance, p.maxDistance);
        }
    return boxes;
}

} // namespace insitu::particles
