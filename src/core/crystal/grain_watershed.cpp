// Marker flooding, weak-boundary merging and small-region absorption of grain label images.

#include "grain_watershed.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <numeric>
#include <unordered_map>
#include <vector>

namespace insitu::grains {

namespace {

constexpr int kLevels = 256;

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

struct BorderStats
{
    double sum = 0;
    int count = 0;
    [[nodiscard]] double mean() const { return count > 0 ? sum / count : 0.0; }
};

using PairKey = std::uint64_t;

PairKey pairKey(int a, int b)
{
    if (a > b)
        std::swap(a, b);
    return (static_cast<PairKey>(static_cast<std::uint32_t>(a)) << 32) |
           static_cast<std::uint32_t>(b);
}

/// Mean relief (max of the two sides) along each shared border of labels > 0.
std::unordered_map<PairKey, BorderStats> borderStrengths(const cv::Mat& labels,
                                                         const cv::Mat& relief)
{
    std::unordered_map<PairKey, BorderStats> borders;
    auto visit = [&](int a, int b, float ra, float rb) {
        if (a == b || a <= 0 || b <= 0)
            return;
        BorderStats& s = borders[pairKey(a, b)];
        s.sum += std::max(ra, rb);
        ++s.count;
    };
    for (int y = 0; y < labels.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const int* below = y + 1 < labels.rows ? labels.ptr<int>(y + 1) : nullptr;
        const float* r = relief.ptr<float>(y);
        const float* rBelow = below ? relief.ptr<float>(y + 1) : nullptr;
        for (int x = 0; x < labels.cols; ++x) {
            if (x + 1 < labels.cols)
                visit(l[x], l[x + 1], r[x], r[x + 1]);
            if (below)
                visit(l[x], below[x], r[x], rBelow[x]);
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

} // namespace

cv::Mat floodFromMarkers(const cv::Mat& relief, const cv::Mat& markers)
{
    CV_Assert(relief.type() == CV_32F && markers.type() == CV_32S &&
              relief.size() == markers.size());
    const int w = relief.cols;
    const int h = relief.rows;
    cv::Mat labels = markers.clone();
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
    return labels;
}

void mergeWeakBoundaries(cv::Mat& labels, const cv::Mat& relief, double threshold)
{
    if (threshold <= 0)
        return;
    LabelUnion unions(maxLabel(labels));
    for (const auto& [key, stats] : borderStrengths(labels, relief))
        if (stats.mean() < threshold)
            unions.join(static_cast<int>(key >> 32), static_cast<int>(key & 0xffffffffU));
    applyUnion(labels, unions);
}

void absorbSmallRegions(cv::Mat& labels, const cv::Mat& relief, double minAreaPx)
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
        for (const auto& [key, stats] : borderStrengths(labels, relief)) {
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
