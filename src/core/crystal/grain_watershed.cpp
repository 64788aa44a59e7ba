// Marker flooding, weak-boundary merging and small-region absorption of grain label images.

#include "grain_watershed.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>
#include <vector>

namespace insitu::grains {

namespace {

constexpr int kLevels = 256;
/// Label of pixels the flooding must not enter (outside the mask).
constexpr int kBlocked = -1;

int levelOf(float value)
{
    return std::clamp(static_cast<int>(value * (kLevels - 1) + 0.5F), 0, kLevels - 1);
}

/// Union-find over label values.
class LabelUnion
{
public:
    explicit LabelUnion(int count) : m_parent(static_cast<std::size_t>(count) + 1)
    {
        std::iota(m_parent.begin(), m_parent.end(), 0);
    }
    int find(int a)
    {
        while (m_parent[static_cast<std::size_t>(a)] != a) {
            auto& p = m_parent[static_cast<std::size_t>(a)];
            p = m_parent[static_cast<std::size_t>(p)];
            a = p;
        }
        return a;
    }
    void join(int a, int b) { m_parent[static_cast<std::size_t>(find(a))] = find(b); }

private:
    std::vector<int> m_parent;
};

/// Relief along one shared border: the mean over its pixels away from the mask's edge (where
/// the step to a pore or amorphous region is no grain boundary), else its lowest pixel (a
/// border across a neck narrower than the edge band).
struct BorderStats
{
    double sum = 0;
    int count = 0;
    double lowest = std::numeric_limits<double>::max();
    [[nodiscard]] double mean() const
    {
        if (count > 0)
            return sum / count;
        return lowest == std::numeric_limits<double>::max() ? 0.0 : lowest;
    }
};

using PairKey = std::uint64_t;

PairKey pairKey(int a, int b)
{
    if (a > b)
        std::swap(a, b);
    return (static_cast<PairKey>(static_cast<std::uint32_t>(a)) << 32) |
           static_cast<std::uint32_t>(b);
}

/// Relief (max of the two sides) along each shared border of labels > 0; a pixel pair counts
/// in the mean when both are inner (inner empty: every pair).
std::unordered_map<PairKey, BorderStats>
borderStrengths(const cv::Mat& labels, const cv::Mat& relief, const cv::Mat& inner)
{
    std::unordered_map<PairKey, BorderStats> borders;
    auto visit = [&](int a, int b, float ra, float rb, bool in) {
        if (a == b || a <= 0 || b <= 0)
            return;
        BorderStats& s = borders[pairKey(a, b)];
        const double r = std::max(ra, rb);
        s.lowest = std::min(s.lowest, r);
        if (in) {
            s.sum += r;
            ++s.count;
        }
    };
    for (int y = 0; y < labels.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const int* below = y + 1 < labels.rows ? labels.ptr<int>(y + 1) : nullptr;
        const float* r = relief.ptr<float>(y);
        const float* rBelow = below ? relief.ptr<float>(y + 1) : nullptr;
        const unsigned char* in = inner.empty() ? nullptr : inner.ptr<unsigned char>(y);
        const unsigned char* inBelow =
            inner.empty() || below == nullptr ? nullptr : inner.ptr<unsigned char>(y + 1);
        for (int x = 0; x < labels.cols; ++x) {
            const bool here = in == nullptr || in[x] != 0;
            if (x + 1 < labels.cols)
                visit(l[x], l[x + 1], r[x], r[x + 1], here && (in == nullptr || in[x + 1] != 0));
            if (below)
                visit(l[x], below[x], r[x], rBelow[x],
                      here && (inBelow == nullptr || inBelow[x] != 0));
        }
    }
    return borders;
}

void applyUnion(cv::Mat& labels, LabelUnion& unions)
{
    labels.forEach<int>([&](int& v, const int*) {
        if (v > 0)
            v = unions.find(v);
    });
}

int maxLabel(const cv::Mat& labels)
{
    double maxValue = 0;
    cv::minMaxLoc(labels, nullptr, &maxValue);
    return static_cast<int>(maxValue);
}

/// Gives each 4-connected piece of unlabelled (0) pixels a new label of its own, and the blocked
/// pixels label 0: mask pieces that no marker reached (too thin for a marker) become regions
/// that absorbSmallRegions can join to a neighbour or the size filter can drop.
void labelUnreached(cv::Mat& labels)
{
    cv::Mat pieces;
    cv::connectedComponents(labels == 0, pieces, 4, CV_32S);
    const int offset = maxLabel(labels);
    for (int y = 0; y < labels.rows; ++y) {
        int* l = labels.ptr<int>(y);
        const int* p = pieces.ptr<int>(y);
        for (int x = 0; x < labels.cols; ++x) {
            if (l[x] == kBlocked)
                l[x] = 0;
            else if (l[x] == 0 && p[x] > 0)
                l[x] = offset + p[x];
        }
    }
}

} // namespace

cv::Mat floodFromMarkers(const cv::Mat& relief, const cv::Mat& markers, const cv::Mat& mask)
{
    CV_Assert(relief.type() == CV_32F && markers.type() == CV_32S &&
              relief.size() == markers.size());
    CV_Assert(mask.empty() || (mask.type() == CV_8U && mask.size() == markers.size()));
    const int w = relief.cols;
    const int h = relief.rows;
    cv::Mat labels = markers.clone();
    if (!mask.empty())
        labels.setTo(kBlocked, mask == 0);
    int* lab = labels.ptr<int>();
    const float* rel = relief.ptr<float>();
    std::array<std::vector<std::pair<int, int>>, kLevels> buckets; // (pixel, label)
    auto pushNeighbours = [&](int idx, int label, int level) {
        const int x = idx % w;
        const int y = idx / w;
        const std::array<int, 4> nbr = {x > 0 ? idx - 1 : -1, x + 1 < w ? idx + 1 : -1,
                                        y > 0 ? idx - w : -1, y + 1 < h ? idx + w : -1};
        for (int n : nbr)
            if (n >= 0 && lab[n] == 0)
                buckets[static_cast<std::size_t>(std::max(level, levelOf(rel[n])))].push_back(
                    {n, label});
    };
    for (int idx = 0; idx < w * h; ++idx)
        if (lab[idx] > 0)
            pushNeighbours(idx, lab[idx], 0);
    for (int level = 0; level < kLevels; ++level) {
        auto& bucket = buckets[static_cast<std::size_t>(level)];
        // Pushes during this level land in this bucket again (max(level, ...)): process FIFO.
        for (std::size_t i = 0; i < bucket.size(); ++i) {
            const auto [idx, label] = bucket[i];
            if (lab[idx] != 0)
                continue;
            lab[idx] = label;
            pushNeighbours(idx, label, level);
        }
        bucket.clear();
        bucket.shrink_to_fit();
    }
    if (!mask.empty())
        labelUnreached(labels);
    return labels;
}

void mergeWeakBoundaries(cv::Mat& labels, const cv::Mat& relief, double threshold,
                         const cv::Mat& inner)
{
    if (threshold <= 0)
        return;
    LabelUnion unions(maxLabel(labels));
    for (const auto& [key, stats] : borderStrengths(labels, relief, inner))
        if (stats.mean() < threshold)
            unions.join(static_cast<int>(key >> 32), static_cast<int>(key & 0xffffffffU));
    applyUnion(labels, unions);
}

void absorbSmallRegions(cv::Mat& labels, const cv::Mat& relief, double minAreaPx,
                        const cv::Mat& inner)
{
    for (int pass = 0; pass < 4; ++pass) {
        const int count = maxLabel(labels);
        std::vector<double> area(static_cast<std::size_t>(count) + 1, 0.0);
        for (int y = 0; y < labels.rows; ++y) {
            const int* l = labels.ptr<int>(y);
            for (int x = 0; x < labels.cols; ++x)
                if (l[x] > 0)
                    area[static_cast<std::size_t>(l[x])] += 1;
        }
        // weakest neighbour of each small label
        std::map<int, std::pair<double, int>> best;
        for (const auto& [key, stats] : borderStrengths(labels, relief, inner)) {
            const int a = static_cast<int>(key >> 32);
            const int b = static_cast<int>(key & 0xffffffffU);
            for (auto [small, other] : {std::pair{a, b}, std::pair{b, a}}) {
                if (area[static_cast<std::size_t>(small)] >= minAreaPx)
                    continue;
                auto it = best.find(small);
                if (it == best.end() || stats.mean() < it->second.first)
                    best[small] = {stats.mean(), other};
            }
        }
        if (best.empty())
            return;
        LabelUnion unions(count);
        // Smallest first, so a small region joins a region that is itself not yet absorbed.
        std::vector<int> order;
        for (const auto& entry : best)
            order.push_back(entry.first);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            return area[static_cast<std::size_t>(a)] < area[static_cast<std::size_t>(b)];
        });
        for (int small : order)
            unions.join(small, best[small].second);
        applyUnion(labels, unions);
    }
}

int relabelConsecutive(cv::Mat& labels)
{
    std::unordered_map<int, int> renumber;
    int next = 0;
    for (int y = 0; y < labels.rows; ++y) {
        int* l = labels.ptr<int>(y);
        for (int x = 0; x < labels.cols; ++x) {
            if (l[x] <= 0) {
                l[x] = 0;
                continue;
            }
            auto [it, inserted] = renumber.try_emplace(l[x], next + 1);
            if (inserted)
                ++next;
            l[x] = it->second;
        }
    }
    return next;
}

} // namespace insitu::grains
