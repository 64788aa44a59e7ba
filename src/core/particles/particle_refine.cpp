// Half-contrast refinement of each particle outline against its own local background.

#include "particle_steps.h"

#include "label_boxes.h"
#include "row_bands.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <limits>
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

/// Particle k's outline in its grow box moved to level: pixels at or below it dropped, then
/// grown 1 px per pass (twice) into unlabelled pixels above it. Reads 1 px around grow. A pass
/// claims pixels with its own mark (−k, then the second mark below), so that they do not grow
/// further in that pass; the second pass grows from both, one sweep makes them k.
void moveOutline(cv::Mat& labels, const cv::Mat& signal, int k, float level, const cv::Rect& grow)
{
    for (int y = grow.y; y < grow.y + grow.height; ++y) {
        int* l = labels.ptr<int>(y);
        const float* f = signal.ptr<float>(y);
        for (int x = grow.x; x < grow.x + grow.width; ++x)
            if (l[x] == k && f[x] <= level)
                l[x] = 0;
    }
    const int firstMark = -k, secondMark = std::numeric_limits<int>::min() + k;
    for (int pass = 0; pass < 2; ++pass) {
        const int mark = pass == 0 ? firstMark : secondMark;
        // grown from: k, and in the second pass the first pass's claims
        auto from = [&](int v) { return v == k || (pass == 1 && v == firstMark); };
        for (int y = grow.y; y < grow.y + grow.height; ++y) {
            int* l = labels.ptr<int>(y);
            const int* up = y > 0 ? labels.ptr<int>(y - 1) : nullptr;
            const int* down = y + 1 < labels.rows ? labels.ptr<int>(y + 1) : nullptr;
            const float* f = signal.ptr<float>(y);
            for (int x = grow.x; x < grow.x + grow.width; ++x) {
                if (l[x] != 0 || f[x] <= level)
                    continue;
                const bool touches = (x > 0 && from(l[x - 1])) || (up && from(up[x])) ||
                                     (x + 1 < labels.cols && from(l[x + 1])) ||
                                     (down && from(down[x]));
                if (touches)
                    l[x] = mark; // claimed this pass (1 px per pass)
            }
        }
    }
    for (int y = grow.y; y < grow.y + grow.height; ++y) {
        int* l = labels.ptr<int>(y);
        for (int x = grow.x; x < grow.x + grow.width; ++x)
            if (l[x] == firstMark || l[x] == secondMark)
                l[x] = k;
    }
}

/// The particles (non-empty grow boxes, in label order) in waves: each particle one wave after
/// the latest earlier particle whose footprint (grow box + 1 px) meets its own. The particles of
/// a wave touch none of each other's pixels, and any two that could are in label order, so the
/// waves run in parallel give the label-order result.
std::vector<std::vector<int>> moveWaves(const std::vector<cv::Rect>& grow, cv::Size size)
{
    constexpr int cellPx = 32;
    const int cols = (size.width + cellPx - 1) / cellPx, rows = (size.height + cellPx - 1) / cellPx;
    std::vector<std::vector<int>> cells(static_cast<std::size_t>(cols) * rows);
    std::vector<int> waveOf(grow.size(), -1);
    std::vector<std::vector<int>> waves;
    for (std::size_t k = 1; k < grow.size(); ++k) {
        if (grow[k].empty())
            continue;
        const cv::Rect foot = expanded(grow[k], 1);
        const int i0 = std::max(0, foot.x / cellPx),
                  i1 = std::min(cols - 1, (foot.x + foot.width - 1) / cellPx);
        const int j0 = std::max(0, foot.y / cellPx),
                  j1 = std::min(rows - 1, (foot.y + foot.height - 1) / cellPx);
        int wave = 0;
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i)
                for (const int other : cells[static_cast<std::size_t>(j) * cols + i])
                    if ((expanded(grow[static_cast<std::size_t>(other)], 1) & foot).area() > 0)
                        wave = std::max(wave, waveOf[static_cast<std::size_t>(other)] + 1);
        waveOf[k] = wave;
        if (wave >= static_cast<int>(waves.size()))
            waves.resize(static_cast<std::size_t>(wave) + 1);
        waves[static_cast<std::size_t>(wave)].push_back(static_cast<int>(k));
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i)
                cells[static_cast<std::size_t>(j) * cols + i].push_back(static_cast<int>(k));
    }
    return waves;
}

} // namespace

void refineOutlines(cv::Mat& labels, const cv::Mat& signal, const cv::Mat& distance)
{
    const std::vector<LabelBox> found = labelBoxes(labels, &distance);
    const int n = static_cast<int>(found.size()) - 1;
    if (n == 0)
        return;
    std::vector<Box> boxes(found.size());
    std::vector<cv::Point> lo(boxes.size(), {labels.cols, labels.rows}), hi(boxes.size(), {-1, -1});
    for (std::size_t k = 1; k < found.size(); ++k)
        if (!found[k].empty()) {
            lo[k] = {found[k].x0, found[k].y0};
            hi[k] = {found[k].x1, found[k].y1};
            boxes[k].maxDistance = found[k].maxDistance;
        }
    // within 3 px of a particle, in row bands (a band's dilation reads the rows beyond it)
    cv::Mat occupied(labels.size(), CV_8U), nearParticle(labels.size(), CV_8U);
    forRowBands(labels.rows, [&](int y0, int y1) {
        cv::compare(labels.rowRange(y0, y1), 0, occupied.rowRange(y0, y1), cv::CMP_GT);
    });
    const cv::Mat disk = cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7});
    forRowBands(labels.rows, [&](int y0, int y1) {
        cv::dilate(occupied.rowRange(y0, y1), nearParticle.rowRange(y0, y1), disk);
    });
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
    // the outlines moved as in label order (a pixel wanted by two particles goes to the first),
    // wave by wave in parallel
    std::vector<cv::Rect> grow(boxes.size());
    for (int k = 1; k <= n; ++k)
        if (refine[static_cast<std::size_t>(k)])
            grow[static_cast<std::size_t>(k)] =
                expanded(cv::Rect(lo[static_cast<std::size_t>(k)],
                                  hi[static_cast<std::size_t>(k)] + cv::Point(1, 1)),
                         2) &
                frame;
    const auto waves = moveWaves(grow, labels.size());
    for (const std::vector<int>& wave : waves)
        cv::parallel_for_(cv::Range(0, static_cast<int>(wave.size())), [&](const cv::Range& range) {
            for (int i = range.start; i < range.end; ++i) {
                const int k = wave[static_cast<std::size_t>(i)];
                moveOutline(labels, signal, k, levels[static_cast<std::size_t>(k)],
                            grow[static_cast<std::size_t>(k)]);
            }
        });
}

} // namespace insitu::particles
