// Detection mask and distance-transform watershed with the neck test (methods-2.md §2, 3–5).

#include "particle_steps.h"

#include "row_bands.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <tuple>
#include <vector>

namespace insitu::particles {

namespace {

/// Otsu's threshold of a float image through a 1024-bin histogram over its robust range.
double otsuThreshold(const cv::Mat& image, double lo, double hi)
{
    constexpr int bins = 1024;
    const double scale = bins / std::max(hi - lo, 1e-12);
    // counts per row band in parallel, added exactly (integers)
    const int bands = std::max(1, std::min(cv::getNumThreads(), image.rows));
    // (four interleaved histograms per band, so that neighbouring pixels in one bin do not wait
    // on each other's increments; added exactly)
    std::vector<std::vector<std::int64_t>> counts(static_cast<std::size_t>(bands));
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
        for (int band = range.start; band < range.end; ++band) {
            std::vector<std::int64_t>& c = counts[static_cast<std::size_t>(band)];
            c.assign(4 * bins, 0);
            auto bin = [&](float v) {
                return static_cast<std::size_t>(
                    std::clamp(static_cast<int>((v - lo) * scale), 0, bins - 1));
            };
            for (int y = image.rows * band / bands; y < image.rows * (band + 1) / bands; ++y) {
                const float* row = image.ptr<float>(y);
                int x = 0;
                for (; x + 4 <= image.cols; x += 4) {
                    ++c[bin(row[x])];
                    ++c[bins + bin(row[x + 1])];
                    ++c[2 * bins + bin(row[x + 2])];
                    ++c[3 * bins + bin(row[x + 3])];
                }
                for (; x < image.cols; ++x)
                    ++c[bin(row[x])];
            }
            for (int b = 0; b < bins; ++b)
                c[static_cast<std::size_t>(b)] += c[static_cast<std::size_t>(bins + b)] +
                                                  c[static_cast<std::size_t>(2 * bins + b)] +
                                                  c[static_cast<std::size_t>(3 * bins + b)];
        }
    });
    std::vector<double> hist(bins, 0.0);
    for (int b = 0; b < bins; ++b) {
        std::int64_t total = 0;
        for (const auto& c : counts)
            total += c[static_cast<std::size_t>(b)];
        hist[static_cast<std::size_t>(b)] = static_cast<double>(total);
    }
    const double total = std::accumulate(hist.begin(), hist.end(), 0.0);
    double sumAll = 0;
    for (int b = 0; b < bins; ++b)
        sumAll += b * hist[static_cast<std::size_t>(b)];
    double w0 = 0, sum0 = 0, best = -1;
    int bestBin = bins / 2;
    for (int b = 0; b < bins - 1; ++b) {
        w0 += hist[static_cast<std::size_t>(b)];
        sum0 += b * hist[static_cast<std::size_t>(b)];
        const double w1 = total - w0;
        if (w0 == 0 || w1 == 0)
            continue;
        const double m0 = sum0 / w0, m1 = (sumAll - sum0) / w1;
        const double between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if (between > best) {
            best = between;
            bestBin = b;
        }
    }
    return lo + (bestBin + 1) / scale;
}

/// Fills the holes of the components of a mask (labels, stats and count as
/// cv::connectedComponentsWithStats gives them, 8-connected) as a 4-connected flood of the
/// background from the frame border would, one component at a time on its own box: a pixel is a
/// hole of component c when c encloses it (no 4-path of non-c pixels leads out of c's box). The
/// pixels c encloses become c's, components it encloses included (those are marked in absorbed);
/// areas in stats grow accordingly, boxes and the order of first pixels do not change.
void fillEnclosed(cv::Mat& labels, cv::Mat& stats, int count, cv::Mat& mask,
                  std::vector<unsigned char>& absorbed)
{
    std::vector<std::vector<int>> enclosed(static_cast<std::size_t>(std::max(count, 1)));
    cv::parallel_for_(cv::Range(1, std::max(count, 1)), [&](const cv::Range& range) {
        cv::Mat padded;
        for (int c = range.start; c < range.end; ++c) {
            const cv::Rect box(
                stats.at<int>(c, cv::CC_STAT_LEFT), stats.at<int>(c, cv::CC_STAT_TOP),
                stats.at<int>(c, cv::CC_STAT_WIDTH), stats.at<int>(c, cv::CC_STAT_HEIGHT));
            if (box.width < 3 || box.height < 3 || stats.at<int>(c, cv::CC_STAT_AREA) == box.area())
                continue; // nothing to enclose
            // an enclosed pixel has c on both sides in its row: without a gap in some row's run
            // of c there is none
            bool gap = false;
            for (int y = 0; y < box.height && !gap; ++y) {
                const int* l = labels.ptr<int>(box.y + y) + box.x;
                int first = 0, last = box.width - 1;
                while (first <= last && l[first] != c)
                    ++first;
                while (last > first && l[last] != c)
                    --last;
                for (int x = first + 1; x < last && !gap; ++x)
                    gap = l[x] != c;
            }
            if (!gap)
                continue;
            padded = cv::Mat::zeros(box.height + 2, box.width + 2, CV_8U);
            for (int y = 0; y < box.height; ++y) {
                const int* l = labels.ptr<int>(box.y + y) + box.x;
                unsigned char* o = padded.ptr<unsigned char>(y + 1) + 1;
                for (int x = 0; x < box.width; ++x)
                    o[x] = l[x] == c ? 255 : 0;
            }
            cv::floodFill(padded, cv::Point(0, 0), cv::Scalar(128));
            auto& inside = enclosed[static_cast<std::size_t>(c)];
            for (int y = 0; y < box.height; ++y) {
                const unsigned char* o = padded.ptr<unsigned char>(y + 1) + 1;
                for (int x = 0; x < box.width; ++x)
                    if (o[x] == 0)
                        inside.push_back((box.y + y) * labels.cols + box.x + x);
            }
        }
    });
    // a component enclosed by another is absorbed; what the others enclose is disjoint
    absorbed.assign(static_cast<std::size_t>(std::max(count, 1)), 0);
    for (const auto& inside : enclosed)
        for (const int i : inside)
            if (const int e = labels.ptr<int>()[i]; e > 0)
                absorbed[static_cast<std::size_t>(e)] = 1;
    cv::parallel_for_(cv::Range(1, std::max(count, 1)), [&](const cv::Range& range) {
        for (int c = range.start; c < range.end; ++c) {
            const auto& inside = enclosed[static_cast<std::size_t>(c)];
            if (inside.empty() || absorbed[static_cast<std::size_t>(c)])
                continue;
            for (const int i : inside) {
                labels.ptr<int>()[i] = c;
                mask.ptr<unsigned char>()[i] = 255;
            }
            stats.at<int>(c, cv::CC_STAT_AREA) += static_cast<int>(inside.size());
        }
    });
    // the background (row 0) lost the holes: its area, and its box if a hole was on its edge
    const cv::Rect back(stats.at<int>(0, cv::CC_STAT_LEFT), stats.at<int>(0, cv::CC_STAT_TOP),
                        stats.at<int>(0, cv::CC_STAT_WIDTH), stats.at<int>(0, cv::CC_STAT_HEIGHT));
    bool onEdge = false;
    for (int c = 1; c < count; ++c)
        if (!absorbed[static_cast<std::size_t>(c)])
            for (const int i : enclosed[static_cast<std::size_t>(c)]) {
                const int x = i % labels.cols, y = i / labels.cols;
                onEdge = onEdge || x == back.x || y == back.y || x == back.x + back.width - 1 ||
                         y == back.y + back.height - 1;
            }
    if (count > 0) {
        auto foreground = static_cast<std::int64_t>(0);
        for (int c = 1; c < count; ++c)
            if (!absorbed[static_cast<std::size_t>(c)])
                foreground += stats.at<int>(c, cv::CC_STAT_AREA);
        stats.at<int>(0, cv::CC_STAT_AREA) =
            static_cast<int>(static_cast<std::int64_t>(labels.total()) - foreground);
    }
    if (onEdge) {
        const cv::Rect box = cv::boundingRect(mask == 0);
        stats.at<int>(0, cv::CC_STAT_LEFT) = box.x;
        stats.at<int>(0, cv::CC_STAT_TOP) = box.y;
        stats.at<int>(0, cv::CC_STAT_WIDTH) = box.width;
        stats.at<int>(0, cv::CC_STAT_HEIGHT) = box.height;
    }
}

struct UnionFind
{
    std::vector<int> parent;
    explicit UnionFind(int n) : parent(static_cast<std::size_t>(n))
    {
        std::iota(parent.begin(), parent.end(), 0);
    }
    int find(int a)
    {
        while (parent[static_cast<std::size_t>(a)] != a)
            a = parent[static_cast<std::size_t>(a)] =
                parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(a)])];
        return a;
    }
    void join(int a, int b) { parent[static_cast<std::size_t>(find(a))] = find(b); }
};

/// Marker-controlled watershed of the distance map inside mask: every unlabelled mask pixel
/// joins the basin that reaches it first, flooding from the deepest distance down (a hierarchical
/// queue; cv::watershed ranks by neighbour differences, which misplaces the lines on an EDT).
/// All three images are one component's box (continuous copies).
void floodFromMarkers(cv::Mat& markers, const cv::Mat& distance, const cv::Mat& mask)
{
    // hierarchical queue (Meyer): buckets of distance in 1/8 px, the deepest first; a pixel
    // reached from a lower level joins the current bucket
    constexpr double levelsPerPx = 8;
    double maxDistance = 0;
    cv::minMaxLoc(distance, nullptr, &maxDistance);
    const int top = static_cast<int>(maxDistance * levelsPerPx) + 1;
    std::vector<std::vector<int>> buckets(static_cast<std::size_t>(top) + 1);
    const int w = mask.cols, h = mask.rows;
    int* m = markers.ptr<int>();
    const float* d = distance.ptr<float>();
    const unsigned char* inside = mask.ptr<unsigned char>();
    int current = top;
    auto push = [&](int x, int y) {
        const int i = y * w + x;
        if (x >= 0 && y >= 0 && x < w && y < h && m[i] == 0 && inside[i]) {
            m[i] = -1; // queued
            const int level = std::min(current, static_cast<int>(d[i] * levelsPerPx));
            buckets[static_cast<std::size_t>(level)].push_back(i);
        }
    };
    auto pushNeighbours = [&](int i) {
        const int x = i % w, y = i / w;
        push(x - 1, y);
        push(x + 1, y);
        push(x, y - 1);
        push(x, y + 1);
    };
    for (int i = 0; i < w * h; ++i)
        if (m[i] > 0)
            pushNeighbours(i);
    for (current = top; current >= 0; --current) {
        auto& bucket = buckets[static_cast<std::size_t>(current)];
        for (std::size_t k = 0; k < bucket.size(); ++k) { // grows while it is processed
            const int i = bucket[k];
            const int x = i % w, y = i / w;
            int label = 0;
            float deepest = -1;
            for (const int j : {x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1,
                                y + 1 < h ? i + w : -1})
                if (j >= 0 && m[j] > 0 && d[j] > deepest) {
                    deepest = d[j];
                    label = m[j];
                }
            m[i] = label;
            pushNeighbours(i);
        }
    }
}

/// True when the peaks of distance (pixels of own at ≥ 1 px that no pixel of the window around
/// them exceeds, as (distance >= dilate(distance, window)) & (distance >= 1) & own) form at most
/// one 8-connected group: the component is one particle. window: the offsets of the window.
bool singlePeak(const cv::Mat& own, const cv::Mat& distance, const std::vector<cv::Point>& window)
{
    std::vector<cv::Point> peaks;
    for (int y = 0; y < own.rows; ++y) {
        const unsigned char* o = own.ptr<unsigned char>(y);
        const float* d = distance.ptr<float>(y);
        for (int x = 0; x < own.cols; ++x) {
            if (!o[x] || d[x] < 1.0f)
                continue;
            bool peak = true;
            for (const cv::Point& w : window) {
                const int u = x + w.x, v = y + w.y;
                if (u >= 0 && v >= 0 && u < own.cols && v < own.rows &&
                    distance.ptr<float>(v)[u] > d[x]) {
                    peak = false;
                    break;
                }
            }
            if (peak)
                peaks.emplace_back(x, y);
        }
    }
    if (peaks.size() <= 1)
        return true;
    // one group when a walk over 8-neighbouring peaks from the first reaches them all
    std::vector<unsigned char> reached(peaks.size(), 0);
    std::vector<std::size_t> stack{0};
    reached[0] = 1;
    std::size_t count = 1;
    while (!stack.empty()) {
        const cv::Point p = peaks[stack.back()];
        stack.pop_back();
        for (std::size_t j = 0; j < peaks.size(); ++j)
            if (!reached[j] && std::abs(peaks[j].x - p.x) <= 1 && std::abs(peaks[j].y - p.y) <= 1) {
                reached[j] = 1;
                ++count;
                stack.push_back(j);
            }
    }
    return count == peaks.size();
}

/// One connected component split: own is its mask in its box (CV_8U 255, a 1 px margin where
/// the frame allows), distance its EDT there, peakWindow the disk within which a peak is the
/// highest (≈ 0.7 × the smallest diameter). Returns its basins labelled 1..n in the box and
/// their count n, or an empty image and 1 when the component is one particle.
std::pair<cv::Mat, int> splitComponent(const cv::Mat& own, const cv::Mat& distance,
                                       const cv::Mat& peakWindow, double maxNeckRatio)
{
    cv::Mat dilated;
    cv::dilate(distance, dilated, peakWindow);
    const cv::Mat peaks = (distance >= dilated) & (distance >= 1.0) & own;
    cv::Mat markers;
    int n = cv::connectedComponents(peaks, markers, 8, CV_32S);
    if (n <= 2) // one peak (or none standing out): the whole component is one particle
        return {cv::Mat(), 1};
    floodFromMarkers(markers, distance, own);
    // radius of each basin: its deepest distance
    const int w = own.cols, h = own.rows;
    std::vector<double> radius(static_cast<std::size_t>(n), 0.0);
    const int* m = markers.ptr<int>();
    const float* d = distance.ptr<float>();
    for (int i = 0; i < w * h; ++i)
        if (m[i] > 0)
            radius[static_cast<std::size_t>(m[i])] =
                std::max(radius[static_cast<std::size_t>(m[i])], static_cast<double>(d[i]));
    // neck between two basins: the widest half-width along their common boundary
    std::map<std::pair<int, int>, double> neck;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int i = y * w + x;
            const int a = m[i];
            if (a <= 0)
                continue;
            for (const int j : {x + 1 < w ? i + 1 : -1, y + 1 < h ? i + w : -1}) {
                if (j < 0 || m[j] <= 0 || m[j] == a)
                    continue;
                const int b = m[j];
                const double half = std::min<double>(d[i], d[j]);
                auto& v = neck[{std::min(a, b), std::max(a, b)}];
                v = std::max(v, half);
            }
        }
    // merge tree: saddles from the highest down, against the radii of the groups merged so far
    // (a basin whose peak rises less than 1 px above its saddle is no maximum: h-maxima, h = 1)
    std::vector<std::pair<double, std::pair<int, int>>> saddles;
    for (const auto& [pair, half] : neck)
        saddles.push_back({half, pair});
    std::sort(saddles.begin(), saddles.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    UnionFind groups(n);
    for (const auto& [half, pair] : saddles) {
        const int ga = groups.find(pair.first), gb = groups.find(pair.second);
        if (ga == gb)
            continue;
        const double smaller =
            std::min(radius[static_cast<std::size_t>(ga)], radius[static_cast<std::size_t>(gb)]);
        if (half > maxNeckRatio * smaller || smaller - half < 1.0) {
            groups.join(ga, gb);
            radius[static_cast<std::size_t>(groups.find(ga))] = std::max(
                radius[static_cast<std::size_t>(ga)], radius[static_cast<std::size_t>(gb)]);
        }
    }
    std::vector<int> relabel(static_cast<std::size_t>(n), 0);
    int next = 0;
    for (int i = 1; i < n; ++i)
        if (groups.find(i) == i)
            relabel[static_cast<std::size_t>(i)] = ++next;
    int* out = markers.ptr<int>();
    for (int i = 0; i < w * h; ++i)
        if (out[i] > 0)
            out[i] = relabel[static_cast<std::size_t>(groups.find(out[i]))];
    return {markers, next};
}

} // namespace

cv::Mat detectionMask(const FlattenedFrame& flat, ParticleThreshold method, double minDiameterPx,
                      double maxDiameterPx, double& thresholdSigma, MaskComponents* components)
{
    const cv::Mat& f = flat.signal;
    const double floorValue = 3 * flat.noiseSigma;
    cv::Mat mask;
    if (method == ParticleThreshold::Global) {
        const auto [low, high] = minMaxInBands(f);
        const double lo = std::max<double>(low, -8 * flat.noiseSigma);
        const double t = std::max(otsuThreshold(f, lo, high), floorValue);
        thresholdSigma = t / flat.noiseSigma;
        mask.create(f.size(), CV_8U);
        forRowBands(f.rows, [&](int y0, int y1) {
            cv::compare(f.rowRange(y0, y1), t, mask.rowRange(y0, y1), cv::CMP_GT);
        });
    } else {
        const int window = 2 * static_cast<int>(std::ceil(1.5 * maxDiameterPx)) + 1;
        cv::Mat mean, meanSq;
        cv::boxFilter(f, mean, CV_32F, cv::Size(window, window), cv::Point(-1, -1), true,
                      cv::BORDER_REFLECT);
        cv::boxFilter(f.mul(f), meanSq, CV_32F, cv::Size(window, window), cv::Point(-1, -1), true,
                      cv::BORDER_REFLECT);
        cv::Mat sd;
        cv::sqrt(cv::max(meanSq - mean.mul(mean), 0.0), sd);
        const cv::Mat t = mean + cv::max(0.5 * sd, floorValue);
        thresholdSigma = cv::mean(t)[0] / flat.noiseSigma;
        mask = f > t;
    }
    const cv::Mat cross = cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3));
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cross);
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    std::vector<unsigned char> absorbed;
    fillEnclosed(labels, stats, n, mask, absorbed);
    // drop specks far below the detection limit (the size limit proper comes after refinement)
    const double minArea = 0.25 * CV_PI * minDiameterPx * minDiameterPx / 4;
    // the kept components renumbered in their order: the labels a second labelling would give
    std::vector<int> renumber(static_cast<std::size_t>(n), 0);
    cv::Mat keptStats(0, stats.cols, stats.type());
    keptStats.push_back(stats.row(0));
    for (int i = 1; i < n; ++i)
        if (!absorbed[static_cast<std::size_t>(i)] &&
            stats.at<int>(i, cv::CC_STAT_AREA) >= minArea) {
            renumber[static_cast<std::size_t>(i)] = keptStats.rows;
            keptStats.push_back(stats.row(i));
        }
    cv::parallel_for_(cv::Range(0, mask.rows), [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) {
            int* l = labels.ptr<int>(y);
            unsigned char* m = mask.ptr<unsigned char>(y);
            for (int x = 0; x < mask.cols; ++x) {
                l[x] = renumber[static_cast<std::size_t>(l[x])];
                m[x] = l[x] > 0 ? 255 : 0;
            }
        }
    });
    if (components)
        *components = {labels, keptStats, keptStats.rows};
    return mask;
}

cv::Mat splitTouching(const cv::Mat& mask, double minDiameterPx, double maxNeckRatio,
                      cv::Mat& distance, MaskComponents* known)
{
    // each connected component on its own box, in parallel: its EDT equals the frame's (the
    // nearest background pixel of a component lies within a pixel of its box)
    MaskComponents found;
    if (!known) {
        cv::Mat centroids;
        found.count =
            cv::connectedComponentsWithStats(mask, found.labels, found.stats, centroids, 8, CV_32S);
        known = &found;
    }
    cv::Mat& components = known->labels; // becomes the particle labels
    const cv::Mat& stats = known->stats;
    const int count = known->count;
    distance = zerosInBands(mask.size(), CV_32F);
    const cv::Rect frame(0, 0, mask.cols, mask.rows);
    const int r = std::max(1, static_cast<int>(std::lround(0.35 * minDiameterPx)));
    const cv::Mat peakWindow =
        cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1));
    std::vector<cv::Point> window; // its offsets, the centre left out
    for (int v = 0; v < peakWindow.rows; ++v)
        for (int u = 0; u < peakWindow.cols; ++u)
            if (peakWindow.at<unsigned char>(v, u) && (u != r || v != r))
                window.emplace_back(u - r, v - r);
    std::vector<cv::Rect> boxes(static_cast<std::size_t>(std::max(count, 1)));
    std::vector<cv::Mat> basins(boxes.size()); // empty: the component is one particle
    std::vector<int> basinCount(boxes.size(), 0);
    cv::parallel_for_(cv::Range(1, std::max(count, 1)), [&](const cv::Range& range) {
        for (int c = range.start; c < range.end; ++c) {
            const auto cu = static_cast<std::size_t>(c);
            const cv::Rect box(
                stats.at<int>(c, cv::CC_STAT_LEFT) - 1, stats.at<int>(c, cv::CC_STAT_TOP) - 1,
                stats.at<int>(c, cv::CC_STAT_WIDTH) + 2, stats.at<int>(c, cv::CC_STAT_HEIGHT) + 2);
            const cv::Rect& b = boxes[cu] = box & frame;
            cv::Mat own(b.size(), CV_8U);
            for (int y = 0; y < b.height; ++y) {
                const int* l = components.ptr<int>(b.y + y) + b.x;
                unsigned char* o = own.ptr<unsigned char>(y);
                for (int x = 0; x < b.width; ++x)
                    o[x] = l[x] == c ? 255 : 0;
            }
            cv::Mat d;
            cv::distanceTransform(own, d, cv::DIST_L2, cv::DIST_MASK_PRECISE);
            d.copyTo(distance(b), own);
            if (singlePeak(own, d, window))
                basinCount[cu] = 1;
            else
                std::tie(basins[cu], basinCount[cu]) =
                    splitComponent(own, d, peakWindow, maxNeckRatio);
        }
    });
    // number the basins component by component, in raster order of the components: a whole
    // component in one pass over the frame, then the split ones on their boxes
    std::vector<int> offset(boxes.size(), 0), whole(boxes.size(), 0);
    for (int c = 2; c < count; ++c)
        offset[static_cast<std::size_t>(c)] =
            offset[static_cast<std::size_t>(c) - 1] + basinCount[static_cast<std::size_t>(c) - 1];
    for (int c = 1; c < count; ++c)
        if (basins[static_cast<std::size_t>(c)].empty())
            whole[static_cast<std::size_t>(c)] = offset[static_cast<std::size_t>(c)] + 1;
    // in place over the component labels (a split component's pixels 0 until its basins come)
    cv::Mat labels = components;
    forRowBands(mask.rows, [&](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            int* l = labels.ptr<int>(y);
            for (int x = 0; x < mask.cols; ++x)
                l[x] = whole[static_cast<std::size_t>(l[x])];
        }
    });
    cv::parallel_for_(cv::Range(1, std::max(count, 1)), [&](const cv::Range& range) {
        for (int c = range.start; c < range.end; ++c) {
            const auto cu = static_cast<std::size_t>(c);
            if (basins[cu].empty())
                continue;
            const cv::Rect& box = boxes[cu];
            for (int y = 0; y < box.height; ++y) { // a basin holds its component's pixels only
                const int* basin = basins[cu].ptr<int>(y);
                int* out = labels.ptr<int>(box.y + y) + box.x;
                for (int x = 0; x < box.width; ++x)
                    if (basin[x] > 0)
                        out[x] = basin[x] + offset[cu];
            }
        }
    });
    components.release();
    return labels;
}

} // namespace insitu::particles
