// Hand edits of a particle segmentation: delete, merge, split along a line, add from a seed.

#include "insitu/particles/particle_edits.h"

#include "particle_steps.h"

#include "insitu/error.h"
#include "insitu/particles/size_statistics.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace insitu {

namespace {

/// The label under frame position (x, y), 0 outside the frame or on background.
int labelAt(const cv::Mat& labels, double x, double y)
{
    const int ix = static_cast<int>(std::lround(x)), iy = static_cast<int>(std::lround(y));
    if (ix < 0 || iy < 0 || ix >= labels.cols || iy >= labels.rows)
        return 0;
    return labels.at<int>(iy, ix);
}

int maxLabel(const cv::Mat& labels)
{
    double m = 0;
    cv::minMaxLoc(labels, nullptr, &m);
    return static_cast<int>(m);
}

bool splitAlongLine(cv::Mat& labels, const ParticleEdit& e)
{
    const cv::Point a(static_cast<int>(std::lround(e.x0Px)), static_cast<int>(std::lround(e.y0Px)));
    const cv::Point b(static_cast<int>(std::lround(e.x1Px)), static_cast<int>(std::lround(e.y1Px)));
    cv::Mat line(labels.size(), CV_8U, cv::Scalar(0));
    cv::line(line, a, b, cv::Scalar(255), 1, cv::LINE_8);
    // the particle the line crosses most
    std::vector<cv::Point> onLine;
    cv::findNonZero(line, onLine);
    std::map<int, int> hits;
    for (const cv::Point& p : onLine)
        if (const int l = labels.at<int>(p))
            ++hits[l];
    if (hits.empty())
        return false;
    const int target = std::max_element(hits.begin(), hits.end(), [](auto& x, auto& y) {
                           return x.second < y.second;
                       })->first;
    cv::Mat own = (labels == target) & (line == 0);
    cv::Mat parts;
    const int n = cv::connectedComponents(own, parts, 4, CV_32S);
    if (n < 3) // background + at least two pieces
        return false;
    int next = maxLabel(labels) + 1;
    std::vector<int> newLabel(static_cast<std::size_t>(n), 0);
    newLabel[1] = target;
    for (int k = 2; k < n; ++k)
        newLabel[static_cast<std::size_t>(k)] = next++;
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            if (const int k = parts.at<int>(y, x))
                labels.at<int>(y, x) = newLabel[static_cast<std::size_t>(k)];
    // the cut pixels go to a 4-neighbouring piece (none is left unassigned inside the particle)
    for (const cv::Point& p : onLine) {
        if (labels.at<int>(p) != target || parts.at<int>(p) != 0)
            continue;
        const cv::Point steps[] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (const cv::Point& d : steps) {
            const cv::Point q = p + d;
            if (q.x >= 0 && q.y >= 0 && q.x < labels.cols && q.y < labels.rows &&
                parts.at<int>(q) != 0) {
                labels.at<int>(p) = labels.at<int>(q);
                break;
            }
        }
    }
    return true;
}

/// Half-contrast flood from the seed over unlabelled pixels in a window around it.
bool addFromSeed(cv::Mat& labels, const cv::Mat& frame, const ParticleResult& result,
                 const ParticleEdit& e)
{
    const int sx = static_cast<int>(std::lround(e.x0Px)),
              sy = static_cast<int>(std::lround(e.y0Px));
    if (sx < 0 || sy < 0 || sx >= labels.cols || sy >= labels.rows || labels.at<int>(sy, sx) != 0)
        return false;
    std::vector<double> ecds;
    for (const Particle& p : result.particles)
        ecds.push_back(p.ecdPx());
    double typicalPx = 8;
    if (!ecds.empty()) {
        std::nth_element(ecds.begin(), ecds.begin() + static_cast<long>(ecds.size() / 2),
                         ecds.end());
        typicalPx = ecds[ecds.size() / 2];
    }
    const int half = std::clamp(static_cast<int>(std::ceil(3 * typicalPx)), 12, 200);
    const cv::Rect box = cv::Rect(sx - half, sy - half, 2 * half + 1, 2 * half + 1) &
                         cv::Rect(0, 0, labels.cols, labels.rows);
    cv::Mat crop;
    frame(box).convertTo(crop, CV_32F);
    cv::GaussianBlur(crop, crop, cv::Size(), 1.0);
    const cv::Mat free = labels(box) == 0;
    std::vector<float> support;
    for (int y = 0; y < crop.rows; ++y)
        for (int x = 0; x < crop.cols; ++x)
            if (free.at<unsigned char>(y, x))
                support.push_back(crop.at<float>(y, x));
    if (support.size() < 16)
        return false;
    auto median = [](std::vector<float> v) {
        std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
        return static_cast<double>(v[v.size() / 2]);
    };
    const double background = median(support);
    std::vector<float> deviation;
    for (float v : support)
        deviation.push_back(static_cast<float>(std::abs(v - background)));
    const double sigma = 1.4826 * median(deviation);
    const double seed = crop.at<float>(sy - box.y, sx - box.x);
    if (std::abs(seed - background) < 3 * sigma || seed == background)
        return false;
    const double level = (seed + background) / 2;
    const bool dark = seed < background;
    cv::Mat inside = dark ? crop < level : crop > level;
    inside &= free;
    cv::Mat parts;
    cv::connectedComponents(inside, parts, 4, CV_32S);
    const int k = parts.at<int>(sy - box.y, sx - box.x);
    if (k == 0)
        return false;
    const cv::Mat grown = parts == k;
    if (2 * static_cast<std::size_t>(cv::countNonZero(grown)) >
        grown.total()) // no particle: the support itself
        return false;
    labels(box).setTo(maxLabel(labels) + 1, grown);
    return true;
}

} // namespace

void remeasureParticles(ParticleSegmentation& seg, const cv::Mat& frame,
                        const std::vector<Roi>& regions)
{
    std::vector<cv::Mat> masks;
    std::vector<std::string> names;
    std::vector<double> areas;
    particles::regionMasks(regions, frame.cols, frame.rows, masks, names, areas);
    cv::Mat raw;
    frame.convertTo(raw, CV_32F);
    ParticleResult& result = seg.result;
    result.particles = particles::measureParticles(seg.labels, raw, masks, names, 0,
                                                   std::numeric_limits<double>::infinity());
    result.comparison.reset();
    computeStatistics(result, names, areas);
}

bool applyParticleEdit(ParticleSegmentation& seg, const cv::Mat& frame,
                       const std::vector<Roi>& regions, const ParticleEdit& e)
{
    if (frame.size() != seg.labels.size())
        throw Error("particle edit: the frame and the label image differ in size");
    cv::Mat labels = seg.labels.clone();
    switch (e.kind) {
    case ParticleEditKind::Delete: {
        const int l = labelAt(labels, e.x0Px, e.y0Px);
        if (l == 0)
            return false;
        labels.setTo(0, labels == l);
        break;
    }
    case ParticleEditKind::Merge: {
        const int a = labelAt(labels, e.x0Px, e.y0Px), b = labelAt(labels, e.x1Px, e.y1Px);
        if (a == 0 || b == 0 || a == b)
            return false;
        labels.setTo(a, labels == b);
        break;
    }
    case ParticleEditKind::Split:
        if (!splitAlongLine(labels, e))
            return false;
        break;
    case ParticleEditKind::Add:
        if (!addFromSeed(labels, frame, seg.result, e))
            return false;
        break;
    }
    seg.labels = labels;
    remeasureParticles(seg, frame, regions);
    return true;
}

int applyParticleEdits(ParticleSegmentation& seg, const cv::Mat& frame,
                       const std::vector<Roi>& regions, const std::vector<ParticleEdit>& edits)
{
    int applied = 0;
    for (const ParticleEdit& e : edits)
        applied += applyParticleEdit(seg, frame, regions, e) ? 1 : 0;
    return applied;
}

} // namespace insitu
