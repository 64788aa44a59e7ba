#include "insitu/roi/roi.h"

#include "insitu/error.h"

namespace insitu {

const char* roiShapeName(RoiShape shape)
{
    switch (shape) {
    case RoiShape::Line:
        return "line";
    case RoiShape::Polyline:
        return "polyline";
    case RoiShape::Rectangle:
        return "rectangle";
    case RoiShape::Ellipse:
        return "ellipse";
    case RoiShape::Polygon:
        return "polygon";
    }
    return "line";
}

RoiShape roiShapeFromName(const std::string& name)
{
    for (RoiShape shape : {RoiShape::Line, RoiShape::Polyline, RoiShape::Rectangle,
                           RoiShape::Ellipse, RoiShape::Polygon})
        if (name == roiShapeName(shape))
            return shape;
    throw Error("unknown ROI shape '" + name + "'");
}

} // namespace insitu
