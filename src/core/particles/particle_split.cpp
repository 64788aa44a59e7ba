// Detection mask and distance-transform watershed with the neck test (methods-2.md §2, 3–5).

#include "particle_steps.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <vector>

namespace insitu::particles {

namespace {

/// Otsu's threshold of a float image through a 1024-bin histogram over its robust range.
double otsuThreshold(const cv::Mat& image, double lo, double hi)
{
    constexpr int bins = 1024;
    std::vector<double> hist(bins, 0.0);
    const double scale = bins / std::max(hi - lo, 1e-12);
    for (int y = 0; y < image.rows; ++y) {
        const float* row = image.ptr<float>(y);
        for (int x = 0; x < image.cols; ++x) {
            const int b = std::clamp(static_cast<int>((row[x] - lo) * scale), 0, bins - 1);
            hist[static_cast<std::size_t>(b)] += 1;
        }
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

void fillHoles(cv::Mat& mask)
{
    cv::Mat padded;
    cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::floodFill(padded, cv::Point(0, 0), cv::Scalar(128));
    const cv::Mat holes = padded(cv::Rect(1, 1, mask.cols, mask.rows)) == 0;
    mask.setTo(255, holes);
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
    int current = top;
    auto push = [&](int x, int y) {
        if (x >= 0 && y >= 0 && x < w && y < h && markers.at<int>(y, x) == 0 &&
            mask.at<unsigned char>(y, x)) {
            markers.at<int>(y, x) = -1; // queued
            const int level =
                std::min(current, static_cast<int>(distance.at<float>(y, x) * levelsPerPx));
            buckets[static_cast<std::size_t>(level)].push_back(y * w + x);
        }
    };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (markers.at<int>(y, x) > 0) {
                push(x - 1, y);
                push(x + 1, y);
                push(x, y - 1);
                push(x, y + 1);
            }
    for (current = top; current >= 0; --current) {
        auto& bucket = buckets[static_cast<std::size_t>(current)];
        for (std::size_t i = 0; i < bucket.size(); ++i) { // grows while it is processed
            const int index = bucket[i];
            const int x = index % w, y = index / w;
            int label = 0;
            float deepest = -1;
            for (const auto& [dx, dy] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
                const int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= w || yy >= h)
                    continue;
                const int v = markers.at<int>(yy, xx);
                if (v > 0 && distance.at<float>(yy, xx) > deepest) {
                    deepest = distance.at<float>(yy, xx);
                    label = v;
                }
            }
            markers.at<int>(y, x) = label;
            push(x - 1, y);
            push(x + 1, y);
            push(x, y - 1);
            push(x, y + 1);
        }
        bucket.clear();
        bucket.shrink_to_fit();
    }
}

} // namespace

cv::Mat detectionMask(const FlattenedFrame& flat, ParticleThreshold method, double minDiameterPx,
                      double maxDiameterPx, double& thresholdSigma)
{
    const cv::Mat& f = flat.signal;
    const double floorValue = 3 * flat.noiseSigma;
    cv::Mat mask;
    if (method == ParticleThreshold::Global) {
        double lo = 0, hi = 0;
        cv::minMaxLoc(f, &lo, &hi);
        lo = std::max(lo, -8 * flat.noiseSigma);
        const double t = std::max(otsuThreshold(f, lo, hi), floorValue);
        thresholdSigma = t / flat.noiseSigma;
        mask = f > t;
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
    fillHoles(mask);
    // drop specks far below the detection limit (the size limit proper comes after refinement)
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    const double minArea = 0.25 * CV_PI * minDiameterPx * minDiameterPx / 4;
    std::vector<unsigned char> keep(static_cast<std::size_t>(n), 0);
    for (int i = 1; i < n; ++i)
        keep[static_cast<std::size_t>(i)] = stats.at<int>(i, cv::CC_STAT_AREA) >= minArea;
    for (int y = 0; y < mask.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        unsigned char* m = mask.ptr<unsigned char>(y);
        for (int x = 0; x < mask.cols; ++x)
            m[x] = keep[static_cast<std::size_t>(l[x])] ? 255 : 0;
    }
    return mask;
}

cv::Mat splitTouching(const cv::Mat& mask, double minDiameterPx, double maxNeckRatio,
                      cv::Mat& distance)
{
    cv::distanceTransform(mask, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    const int r = std::max(1, static_cast<int>(std::lround(0.35 * minDiameterPx)));
    cv::Mat dilated;
    cv::dilate(distance, dilated,
               cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1)));
    const cv::Mat peaks = (distance >= dilated) & (distance >= 1.0) & mask;
    cv::Mat markers;
    int n = cv::connectedComponents(peaks, markers, 8, CV_32S);
    // a component whose maximum was masked by a deeper neighbour still gets one marker
    cv::Mat components;
    const int componentCount = cv::connectedComponents(mask, components, 8, CV_32S);
    std::vector<int> deepest(static_cast<std::size_t>(componentCount), -1);
    std::vector<unsigned char> marked(static_cast<std::size_t>(componentCount), 0);
    for (int i = 0; i < static_cast<int>(mask.total()); ++i) {
        const auto c = static_cast<std::size_t>(components.at<int>(i));
        if (c == 0)
            continue;
        marked[c] |= markers.at<int>(i) > 0 ? 1 : 0;
        if (deepest[c] < 0 || distance.at<float>(i) > distance.at<float>(deepest[c]))
            deepest[c] = i;
    }
    for (std::size_t c = 1; c < marked.size(); ++c)
        if (!marked[c])
            markers.at<int>(deepest[c]) = n++;
    floodFromMarkers(markers, distance, mask);
    // radius of each basin: its deepest distance
    const int w = mask.cols, h = mask.rows;
    std::vector<double> radius(static_cast<std::size_t>(n), 0.0);
    for (int y = 0; y < h; ++y) {
        const int* m = markers.ptr<int>(y);
        const float* d = distance.ptr<float>(y);
        for (int x = 0; x < w; ++x)
            if (m[x] > 0)
                radius[static_cast<std::size_t>(m[x])] =
                    std::max(radius[static_cast<std::size_t>(m[x])], static_cast<double>(d[x]));
    }
    // neck between two basins: the widest half-width along their common boundary
    std::map<std::pair<int, int>, double> neck;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int a = markers.at<int>(y, x);
            if (a <= 0)
                continue;
            const int right = x + 1 < w ? markers.at<int>(y, x + 1) : 0;
            const int down = y + 1 < h ? markers.at<int>(y + 1, x) : 0;
            for (const auto& [b, value] :
                 {std::pair{right, x + 1 < w ? distance.at<float>(y, x + 1) : 0.0f},
                  std::pair{down, y + 1 < h ? distance.at<float>(y + 1, x) : 0.0f}}) {
                if (b <= 0 || b == a)
                    continue;
                const double half = std::min<double>(distance.at<float>(y, x), value);
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
    for (int y = 0; y < h; ++y) {
        int* m = markers.ptr<int>(y);
        for (int x = 0; x < w; ++x)
            if (m[x] > 0)
                m[x] = relabel[static_cast<std::size_t>(groups.find(m[x]))];
    }
    return markers;
}

} // namespace insitu::particles
