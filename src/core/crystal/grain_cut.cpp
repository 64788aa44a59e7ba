// cutGrains: a stroke of boundary pixels through a label image, its cut pieces given new ids.

#include "insitu/crystal/grain_cut.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace insitu {

namespace {

/// The stroke as a CV_8U mask of labels' size (255 on the line), 4-connected so that no
/// 8-connected path of pixels crosses it.
cv::Mat strokeMask(const cv::Size& size, const std::vector<cv::Point2d>& strokePx)
{
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    const auto rounded = [](const cv::Point2d& p) {
        return cv::Point(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
    };
    for (std::size_t i = 1; i < strokePx.size(); ++i)
        cv::line(mask, rounded(strokePx[i - 1]), rounded(strokePx[i]), cv::Scalar(255), 1,
                 cv::LINE_4);
    return mask;
}

} // namespace

GrainCut cutGrains(cv::Mat& labels, const std::vector<cv::Point2d>& strokePx, std::int32_t onlyId)
{
    CV_Assert(labels.type() == CV_32S);
    GrainCut cut;
    if (strokePx.size() < 2 || labels.empty())
        return cut;
    const cv::Mat mask = strokeMask(labels.size(), strokePx);
    cv::Mat out = labels.clone();
    for (int y = 0; y < out.rows; ++y) {
        const std::uint8_t* m = mask.ptr<std::uint8_t>(y);
        std::int32_t* l = out.ptr<std::int32_t>(y);
        for (int x = 0; x < out.cols; ++x)
            if (m[x] && l[x] > 0 && (onlyId <= 0 || l[x] == onlyId)) {
                if (std::find(cut.cutIds.begin(), cut.cutIds.end(), l[x]) == cut.cutIds.end())
                    cut.cutIds.push_back(l[x]);
                l[x] = 0;
            }
    }
    std::sort(cut.cutIds.begin(), cut.cutIds.end());
    double maxId = 0;
    cv::minMaxLoc(labels, nullptr, &maxId);
    auto nextId = static_cast<std::int32_t>(maxId) + 1;
    for (const std::int32_t id : cut.cutIds) {
        const cv::Mat grain = out == id;
        cv::Mat pieces, stats, centroids;
        const int count =
            cv::connectedComponentsWithStats(grain, pieces, stats, centroids, 8, CV_32S);
        if (count <= 2) // background and one piece: the stroke did not cut it in two
            continue;
        int largest = 1;
        for (int c = 2; c < count; ++c)
            if (stats.at<int>(c, cv::CC_STAT_AREA) > stats.at<int>(largest, cv::CC_STAT_AREA))
                largest = c;
        std::vector<std::int32_t> idOfPiece(static_cast<std::size_t>(count), 0);
        for (int c = 1; c < count; ++c)
            if (c != largest) {
                idOfPiece[static_cast<std::size_t>(c)] = nextId;
                cut.newIds.push_back(nextId++);
            }
        for (int y = 0; y < out.rows; ++y) {
            const std::int32_t* p = pieces.ptr<std::int32_t>(y);
            std::int32_t* l = out.ptr<std::int32_t>(y);
            for (int x = 0; x < out.cols; ++x)
                if (p[x] > 0 && idOfPiece[static_cast<std::size_t>(p[x])] != 0)
                    l[x] = idOfPiece[static_cast<std::size_t>(p[x])];
        }
    }
    out.copyTo(labels);
    return cut;
}

std::int32_t grainCrossedMost(const cv::Mat& labels, cv::Point2d p0Px, cv::Point2d p1Px)
{
    CV_Assert(labels.type() == CV_32S);
    std::map<std::int32_t, int> crossed;
    const double length = std::hypot(p1Px.x - p0Px.x, p1Px.y - p0Px.y);
    const int samples = std::max(2, static_cast<int>(length * 2));
    for (int i = 0; i <= samples; ++i) {
        const double t = double(i) / samples;
        const int x = static_cast<int>(std::lround(p0Px.x + t * (p1Px.x - p0Px.x)));
        const int y = static_cast<int>(std::lround(p0Px.y + t * (p1Px.y - p0Px.y)));
        if (x >= 0 && y >= 0 && x < labels.cols && y < labels.rows)
            if (const std::int32_t id = labels.at<std::int32_t>(y, x); id > 0)
                ++crossed[id];
    }
    if (crossed.empty())
        return 0;
    return std::max_element(crossed.begin(), crossed.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

} // namespace insitu
