// labelBoxes: per-label bounding boxes in parallel row bands, merged exactly.

#include "label_boxes.h"

#include <algorithm>

namespace insitu::particles {

std::vector<LabelBox> labelBoxes(const cv::Mat& labels, const cv::Mat* distance)
{
    const int bands = std::max(1, std::min(cv::getNumThreads(), labels.rows));
    std::vector<std::vector<LabelBox>> partial(static_cast<std::size_t>(bands));
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
        for (int band = range.start; band < range.end; ++band) {
            std::vector<LabelBox>& boxes = partial[static_cast<std::size_t>(band)];
            boxes.assign(1, LabelBox{});
            const int y0 = labels.rows * band / bands, y1 = labels.rows * (band + 1) / bands;
            for (int y = y0; y < y1; ++y) {
                const int* l = labels.ptr<int>(y);
                const float* d = distance ? distance->ptr<float>(y) : nullptr;
                for (int x = 0; x < labels.cols;) {
                    if (l[x] <= 0) {
                        ++x;
                        continue;
                    }
                    // a run of one label: its box grows once
                    const int k = l[x], start = x;
                    float deepest = d ? d[x] : 0.0f;
                    while (++x < labels.cols && l[x] == k)
                        if (d)
                            deepest = std::max(deepest, d[x]);
                    const auto ku = static_cast<std::size_t>(k);
                    if (ku >= boxes.size())
                        boxes.resize(std::max(ku + 1, 2 * boxes.size()));
                    LabelBox& b = boxes[ku];
                    b.x0 = std::min(b.x0, start);
                    b.x1 = std::max(b.x1, x - 1);
                    b.y0 = std::min(b.y0, y);
                    b.y1 = std::max(b.y1, y);
                    if (d)
                        b.maxDistance = std::max(b.maxDistance, static_cast<double>(deepest));
                }
            }
        }
    });
    // the largest label present: the last non-empty box of any band
    std::size_t n = 1;
    for (const auto& p : partial)
        for (std::size_t k = p.size(); k-- > n;)
            if (!p[k].empty()) {
                n = k + 1;
                break;
            }
    std::vector<LabelBox> boxes(n);
    for (const auto& p : partial)
        for (std::size_t k = 0; k < std::min(n, p.size()); ++k) {
            const LabelBox& q = p[k];
            LabelBox& b = boxes[k];
            b.x0 = std::min(b.x0, q.x0);
            b.y0 = std::min(b.y0, q.y0);
            b.x1 = std::max(b.x1, q.x1);
            b.y1 = std::max(b.y1, q.y1);
            b.maxDistance = std::max(b.maxDistance, q.maxDistance);
        }
    return boxes;
}

} // namespace insitu::particles
