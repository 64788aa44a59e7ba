// Encoding of ImageJ .roi bytes (layout of ImageJ's RoiEncoder.java, version 228).

#include "imagej_roi_layout.h"

#include "insitu/error.h"
#include "insitu/roi/imagej_roi.h"

#include <algorithm>
#include <cmath>

namespace insitu {

namespace {

using namespace imagej_layout;

class Writer
{
public:
    explicit Writer(std::size_t size) : m_bytes(size, 0) {}
    void u8(std::size_t at, int v) { m_bytes[at] = static_cast<unsigned char>(v); }
    void i16(std::size_t at, int v)
    {
        const auto u = static_cast<std::uint16_t>(v);
        m_bytes[at] = static_cast<unsigned char>(u >> 8);
        m_bytes[at + 1] = static_cast<unsigned char>(u);
    }
    void i32(std::size_t at, std::int64_t v)
    {
        const auto u = static_cast<std::uint32_t>(v);
        for (int b = 0; b < 4; ++b)
            m_bytes[at + static_cast<std::size_t>(b)] =
                static_cast<unsigned char>(u >> (24 - 8 * b));
    }
    void f32(std::size_t at, double v)
    {
        i32(at, std::bit_cast<std::uint32_t>(static_cast<float>(v)));
    }
    std::vector<unsigned char> take() { return std::move(m_bytes); }

private:
    std::vector<unsigned char> m_bytes;
};

// ImageJ's (pixel-corner) value of one of our coordinates.
double ij(double ours)
{
    return ours + kCornerToCentrePx;
}

struct Bounds
{
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
};

Bounds boundsOf(const std::vector<PointPx>& points)
{
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& p : points) {
        x0 = std::min(x0, ij(p.x)), y0 = std::min(y0, ij(p.y));
        x1 = std::max(x1, ij(p.x)), y1 = std::max(y1, ij(p.y));
    }
    return {static_cast<int>(std::floor(x0)), static_cast<int>(std::floor(y0)),
            static_cast<int>(std::ceil(x1)), static_cast<int>(std::ceil(y1))};
}

int typeCode(ImageJRoiType type)
{
    switch (type) {
    case ImageJRoiType::Polygon:
        return kTypePolygon;
    case ImageJRoiType::Rectangle:
    case ImageJRoiType::Composite:
        return kTypeRect;
    case ImageJRoiType::Oval:
        return kTypeOval;
    case ImageJRoiType::Line:
        return kTypeLine;
    case ImageJRoiType::Freeline:
        return kTypeFreeline;
    case ImageJRoiType::Polyline:
        return kTypePolyline;
    case ImageJRoiType::Freehand:
    case ImageJRoiType::Ellipse:
    case ImageJRoiType::RotatedRectangle:
        return kTypeFreehand;
    case ImageJRoiType::Traced:
        return kTypeTraced;
    case ImageJRoiType::Angle:
        return kTypeAngle;
    case ImageJRoiType::Point:
        return kTypePoint;
    }
    return kTypePolygon;
}

// Floats of a composite's paths: moveTo, lineTo…, close per path.
std::vector<float> shapeArray(const ImageJRoi& roi)
{
    std::vector<float> values;
    for (const auto& path : roi.paths) {
        for (std::size_t i = 0; i < path.size(); ++i) {
            values.push_back(static_cast<float>(i == 0 ? kSegMoveTo : kSegLineTo));
            values.push_back(static_cast<float>(ij(path[i].x)));
            values.push_back(static_cast<float>(ij(path[i].y)));
        }
        values.push_back(static_cast<float>(kSegClose));
    }
    return values;
}

void checkCoordinates(const ImageJRoi& roi, const Bounds& b)
{
    const auto fits = [](int v) { return v >= -32768 && v <= 32767; };
    if (!fits(b.left) || !fits(b.top) || !fits(b.right) || !fits(b.bottom))
        throw Error("ImageJ ROI \"" + roi.name +
                    "\": coordinates outside the 16-bit range of .roi");
}

} // namespace

std::vector<unsigned char> encodeImageJRoi(const ImageJRoi& roi)
{
    const bool box = roi.type == ImageJRoiType::Rectangle || roi.type == ImageJRoiType::Oval;
    const bool line = roi.type == ImageJRoiType::Line;
    const bool composite = roi.type == ImageJRoiType::Composite;
    const bool vertices = !box && !line && !composite;
    if (line && roi.points.size() != 2)
        throw Error("ImageJ ROI \"" + roi.name + "\": a line needs exactly 2 points");
    if (vertices && roi.points.empty())
        throw Error("ImageJ ROI \"" + roi.name + "\": no vertices");
    if (vertices && roi.points.size() > 65535)
        throw Error("ImageJ ROI \"" + roi.name + "\": more than 65535 vertices");

    const std::vector<float> shape = composite ? shapeArray(roi) : std::vector<float>{};
    const std::size_t n = vertices ? roi.points.size() : 0;
    const std::size_t coordinatesBytes = composite ? 4 * shape.size() : n * (4 + 8);
    const std::size_t h2 = kHeaderSize + coordinatesBytes;
    const std::u16string name = utf16FromUtf8(roi.name);
    Writer w(h2 + kHeader2Size + 2 * name.size());

    Bounds b;
    if (box)
        b = {static_cast<int>(std::floor(ij(roi.xPx))), static_cast<int>(std::floor(ij(roi.yPx))),
             static_cast<int>(std::ceil(ij(roi.xPx + roi.widthPx))),
             static_cast<int>(std::ceil(ij(roi.yPx + roi.heightPx)))};
    else if (composite) {
        std::vector<PointPx> all;
        for (const auto& path : roi.paths)
            all.insert(all.end(), path.begin(), path.end());
        if (all.empty())
            throw Error("ImageJ ROI \"" + roi.name + "\": a composite without paths");
        b = boundsOf(all);
    } else
        b = boundsOf(roi.points);
    checkCoordinates(roi, b);

    w.u8(0, 'I'), w.u8(1, 'o'), w.u8(2, 'u'), w.u8(3, 't');
    w.i16(kVersion, kVersionWritten);
    w.u8(kType, typeCode(roi.type));
    w.i16(kTop, b.top), w.i16(kLeft, b.left), w.i16(kBottom, b.bottom), w.i16(kRight, b.right);
    w.i16(kNCoordinates, static_cast<int>(n));
    w.i16(kStrokeWidth, static_cast<int>(std::lround(roi.strokeWidthPx)));
    w.i32(kShapeRoiSize, static_cast<std::int64_t>(shape.size()));
    w.i32(kPosition, roi.position);
    w.i32(kHeader2Offset, static_cast<std::int64_t>(h2));

    int options = 0;
    if (box) {
        options |= kOptionSubPixel;
        w.f32(kXD, ij(roi.xPx)), w.f32(kYD, ij(roi.yPx));
        w.f32(kWidthD, roi.widthPx), w.f32(kHeightD, roi.heightPx);
        if (roi.type == ImageJRoiType::Rectangle)
            w.i16(kRoundRectArcSize, roi.roundRectArcSizePx);
    } else if (line) {
        w.f32(kX1, ij(roi.points[0].x)), w.f32(kY1, ij(roi.points[0].y));
        w.f32(kX2, ij(roi.points[1].x)), w.f32(kY2, ij(roi.points[1].y));
        options |= kOptionSubPixel;
    } else if (composite) {
        for (std::size_t i = 0; i < shape.size(); ++i)
            w.f32(kHeaderSize + 4 * i, shape[i]);
    } else {
        options |= kOptionSubPixel;
        for (std::size_t i = 0; i < n; ++i) {
            const auto& p = roi.points[i];
            w.i16(kHeaderSize + 2 * i, static_cast<int>(std::lround(ij(p.x))) - b.left);
            w.i16(kHeaderSize + 2 * (n + i), static_cast<int>(std::lround(ij(p.y))) - b.top);
            w.f32(kHeaderSize + 4 * n + 4 * i, ij(p.x));
            w.f32(kHeaderSize + 8 * n + 4 * i, ij(p.y));
        }
        if (roi.type == ImageJRoiType::Ellipse || roi.type == ImageJRoiType::RotatedRectangle) {
            w.i16(kSubtype,
                  roi.type == ImageJRoiType::Ellipse ? kSubtypeEllipse : kSubtypeRotatedRect);
            if (roi.axisPx.size() == 2) {
                w.f32(kX1, ij(roi.axisPx[0].x)), w.f32(kY1, ij(roi.axisPx[0].y));
                w.f32(kX2, ij(roi.axisPx[1].x)), w.f32(kY2, ij(roi.axisPx[1].y));
            }
            w.f32(kFloatParam, roi.ellipseAspectRatio);
        }
    }
    w.i16(kOptions, options);

    w.i32(h2 + kH2CPosition, roi.cPosition);
    w.i32(h2 + kH2ZPosition, roi.zPosition);
    w.i32(h2 + kH2TPosition, roi.tPosition);
    w.i32(h2 + kH2NameOffset, name.empty() ? 0 : static_cast<std::int64_t>(h2 + kHeader2Size));
    w.i32(h2 + kH2NameLength, static_cast<std::int64_t>(name.size()));
    w.f32(h2 + kH2FloatStrokeWidth, roi.strokeWidthPx);
    for (std::size_t i = 0; i < name.size(); ++i)
        w.i16(h2 + kHeader2Size + 2 * i, name[i]);
    return w.take();
}

} // namespace insitu
