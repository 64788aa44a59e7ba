// Region masks: rasterises rectangle, ellipse and polygon ROIs with OpenCV.

#include "insitu/particles/region_mask.h"

#include "insitu/error.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <vector>

namespace insitu {

cv::Mat regionMask(const Roi& roi, int width, int height)
{
    cv::Mat mask(height, width, CV_8U, cv::Scalar(0));
    const std::string what = "region '" + roi.name + "'";
    switch (roi.shape) {
    case RoiShape::Rectangle:
    case RoiShape::Ellipse: {
        if (roi.points.size() != 2)
            throw Error(what + ": a rectangle or ellipse needs two corner points");
        const double x0 = std::min(roi.points[0].x, roi.points[1].x);
        const double x1 = std::max(roi.points[0].x, roi.points[1].x);
        const double y0 = std::min(roi.points[0].y, roi.points[1].y);
        const double y1 = std::max(roi.points[0].y, roi.points[1].y);
        if (roi.shape == RoiShape::Rectangle) {
            const cv::Rect box(
                cv::Point(static_cast<int>(std::ceil(x0)), static_cast<int>(std::ceil(y0))),
                cv::Point(static_cast<int>(std::floor(x1)) + 1,
                          static_cast<int>(std::floor(y1)) + 1));
            mask(box & cv::Rect(0, 0, width, height)).setTo(255);
        } else {
            cv::ellipse(mask,
                        cv::RotatedRect(
                            cv::Point2f(static_cast<float>((x0 + x1) / 2),
                                        static_cast<float>((y0 + y1) / 2)),
                            cv::Size2f(static_cast<float>(x1 - x0), static_cast<float>(y1 - y0)),
                            0.0f),
                        cv::Scalar(255), cv::FILLED);
        }
        break;
    }
    case RoiShape::Polygon: {
        if (roi.points.size() < 3)
            throw Error(what + ": a polygon needs at least three points");
        std::vector<cv::Point> points;
        for (const PointPx& p : roi.points)
            points.emplace_back(static_cast<int>(std::lround(p.x)),
                                static_cast<int>(std::lround(p.y)));
        cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, cv::Scalar(255));
        break;
    }
    default:
        throw Error(what + ": a line has no area; use a rectangle, ellipse or polygon");
    }
    if (cv::countNonZero(mask) == 0)
        throw Error(what + ": it holds no pixel of the " + std::to_string(width) + "×" +
                    std::to_string(height) + " frame");
    return mask;
}

} // namespace insitu
