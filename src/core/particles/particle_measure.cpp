// Per-particle measures in Fiji's meanings: area, perimeter, Feret, circularity, solidity.

#include "particle_steps.h"

#include "label_boxes.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace insitu::particles {

namespace {

/// Largest and smallest caliper widths of a convex hull (rotating the edge directions), in the
/// pixel-edge convention (+1 px: the hull runs through pixel centres).
std::pair<double, double> feretPx(const std::vector<cv::Point>& hull)
{
    // the farthest pair by its exact integer square; hypot (as before) only for the ties
    long long maxSq = -1;
    double maxD = 0;
    for (std::size_t i = 0; i < hull.size(); ++i)
        for (std::size_t j = i + 1; j < hull.size(); ++j) {
            const long long dx = hull[i].x - hull[j].x, dy = hull[i].y - hull[j].y;
            const long long sq = dx * dx + dy * dy;
            if (sq < maxSq)
                continue;
            const double d = std::hypot(hull[i].x - hull[j].x, hull[i].y - hull[j].y);
            maxD = sq > maxSq ? d : std::max(maxD, d);
            maxSq = sq;
        }
    double minD = hull.size() < 3 ? 0 : 1e300;
    for (std::size_t i = 0; hull.size() >= 3 && i < hull.size(); ++i) {
        const cv::Point a = hull[i], b = hull[(i + 1) % hull.size()];
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        if (len == 0)
            continue;
        // the widest point by its integer cross product, divided once (division is monotone)
        int widest = 0;
        for (const cv::Point& p : hull)
            widest =
                std::max(widest, std::abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)));
        minD = std::min(minD, widest / len);
    }
    return {maxD + 1, minD + 1};
}

} // namespace

std::vector<Particle> measureParticles(cv::Mat& labels, const cv::Mat& raw,
                                       const std::vector<cv::Mat>& regionMasks,
                                       const std::vector<std::string>& regionNames,
                                       double minDiameterPx, double maxDiameterPx)
{
    struct Sums
    {
        double count = 0, sx = 0, sy = 0, intensity = 0;
        int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    };
    const std::vector<LabelBox> boxes = labelBoxes(labels);
    const std::size_t n = boxes.size();
    // each particle measured on its own box, in parallel (reads only); its sums in raster order,
    // as a scan of the whole frame would add them
    std::vector<Particle> measured(n);
    std::vector<unsigned char> kept(n, 0);
    cv::parallel_for_(cv::Range(1, static_cast<int>(n)), [&](const cv::Range& range) {
        for (int kk = range.start; kk < range.end; ++kk) {
            const auto k = static_cast<std::size_t>(kk);
            if (boxes[k].empty())
                continue;
            Sums s;
            s.x0 = boxes[k].x0;
            s.y0 = boxes[k].y0;
            s.x1 = boxes[k].x1;
            s.y1 = boxes[k].y1;
            for (int y = s.y0; y <= s.y1; ++y) {
                const int* l = labels.ptr<int>(y);
                const float* r = raw.ptr<float>(y);
                for (int x = s.x0; x <= s.x1; ++x)
                    if (l[x] == kk) {
                        s.count += 1;
                        s.sx += x;
                        s.sy += y;
                        s.intensity += r[x];
                    }
            }
            Particle& p = measured[k];
            p.areaPx = s.count;
            const double ecd = p.ecdPx();
            if (ecd < minDiameterPx || ecd > maxDiameterPx)
                continue;
            p.xPx = s.sx / s.count;
            p.yPx = s.sy / s.count;
            const int cx = std::clamp(static_cast<int>(std::lround(p.xPx)), 0, labels.cols - 1);
            const int cy = std::clamp(static_cast<int>(std::lround(p.yPx)), 0, labels.rows - 1);
            int region = -1;
            for (std::size_t r = 0; r < regionMasks.size() && region < 0; ++r)
                if (regionMasks[r].at<unsigned char>(cy, cx))
                    region = static_cast<int>(r);
            if (region < 0)
                continue;
            p.region = regionNames[static_cast<std::size_t>(region)];
            p.meanIntensity = s.intensity / s.count;

            const cv::Rect box(s.x0, s.y0, s.x1 - s.x0 + 1, s.y1 - s.y0 + 1);
            // its mask on the box, and whether it leaves its region
            const cv::Mat& regionMask = regionMasks[static_cast<std::size_t>(region)];
            cv::Mat own(box.size(), CV_8U);
            bool outside = false;
            for (int y = 0; y < box.height; ++y) {
                const int* l = labels.ptr<int>(box.y + y) + box.x;
                const unsigned char* m = regionMask.ptr<unsigned char>(box.y + y) + box.x;
                unsigned char* o = own.ptr<unsigned char>(y);
                for (int x = 0; x < box.width; ++x) {
                    o[x] = l[x] == kk ? 255 : 0;
                    outside = outside || (o[x] && !m[x]);
                }
            }
            p.edge = s.x0 == 0 || s.y0 == 0 || s.x1 == labels.cols - 1 || s.y1 == labels.rows - 1 ||
                     outside;
            std::vector<std::vector<cv::Point>> contours;
            cv::findContours(own, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
            std::vector<cv::Point> outline;
            for (auto& c : contours)
                outline.insert(outline.end(), c.begin(), c.end());
            double perimeter = 0;
            for (const auto& c : contours)
                perimeter += c.size() > 1 ? cv::arcLength(c, true) : 0.0;
            // the outline through pixel centres, moved out by half a pixel (a convex offset adds π)
            perimeter += CV_PI;
            p.perimeterPx = perimeter;
            std::vector<cv::Point> hull;
            cv::convexHull(outline, hull);
            std::tie(p.feretMaxPx, p.feretMinPx) = feretPx(hull);
            // a polygon through pixel centres encloses area − perimeter/2 − 1 (Pick): add it back
            const double hullAreaPx =
                hull.size() >= 3 ? cv::contourArea(hull) + cv::arcLength(hull, true) / 2 + 1
                                 : p.areaPx;
            p.solidity = std::min(1.0, p.areaPx / hullAreaPx);
            p.circularity =
                perimeter > 0 ? std::min(1.0, 4 * CV_PI * p.areaPx / (perimeter * perimeter)) : 1.0;
            kept[k] = 1;
        }
    });
    std::vector<int> renumber(n, 0);
    std::vector<Particle> particles;
    for (std::size_t k = 1; k < n; ++k)
        if (kept[k]) {
            particles.push_back(std::move(measured[k]));
            renumber[k] = static_cast<int>(particles.size());
            particles.back().id = renumber[k];
        }
    cv::parallel_for_(cv::Range(0, labels.rows), [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) {
            int* l = labels.ptr<int>(y);
            for (int x = 0; x < labels.cols; ++x)
                l[x] = l[x] > 0 ? renumber[static_cast<std::size_t>(l[x])] : 0;
        }
    });
    return particles;
}

} // namespace insitu::particles
