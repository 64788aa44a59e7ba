// Decoding of ImageJ .roi bytes (layout of ImageJ's RoiDecoder.java, methods-2.md §8).

#include "imagej_roi_layout.h"

#include "insitu/error.h"
#include "insitu/roi/imagej_roi.h"

#include <cmath>

namespace insitu {

namespace {

using namespace imagej_layout;

class Reader
{
public:
    Reader(std::span<const unsigned char> bytes, const std::string& source)
        : m_bytes(bytes), m_source(source)
    {
    }
    [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
    [[nodiscard]] int u8(std::size_t at) const { return byteAt(at); }
    [[nodiscard]] int i16(std::size_t at) const
    {
        return static_cast<std::int16_t>((byteAt(at) << 8) | byteAt(at + 1));
    }
    [[nodiscard]] int u16(std::size_t at) const { return (byteAt(at) << 8) | byteAt(at + 1); }
    [[nodiscard]] std::int32_t i32(std::size_t at) const
    {
        return static_cast<std::int32_t>(u32(at));
    }
    [[nodiscard]] float f32(std::size_t at) const { return std::bit_cast<float>(u32(at)); }
    [[noreturn]] void fail(const std::string& what) const
    {
        throw Error(m_source + ": not a readable ImageJ ROI: " + what);
    }

private:
    [[nodiscard]] int byteAt(std::size_t at) const
    {
        if (at >= m_bytes.size())
            fail("truncated at byte " + std::to_string(at) + " of " +
                 std::to_string(m_bytes.size()));
        return m_bytes[at];
    }
    [[nodiscard]] std::uint32_t u32(std::size_t at) const
    {
        return (static_cast<std::uint32_t>(byteAt(at)) << 24) |
               (static_cast<std::uint32_t>(byteAt(at + 1)) << 16) |
               (static_cast<std::uint32_t>(byteAt(at + 2)) << 8) |
               static_cast<std::uint32_t>(byteAt(at + 3));
    }
    std::span<const unsigned char> m_bytes;
    const std::string& m_source;
};

ImageJRoiType typeOf(const Reader& r, int type, int subtype, int shapeRoiSize)
{
    switch (type) {
    case kTypePolygon:
        return ImageJRoiType::Polygon;
    case kTypeRect:
        return shapeRoiSize > 0 ? ImageJRoiType::Composite : ImageJRoiType::Rectangle;
    case kTypeOval:
        return ImageJRoiType::Oval;
    case kTypeLine:
        return ImageJRoiType::Line;
    case kTypeFreeline:
        return ImageJRoiType::Freeline;
    case kTypePolyline:
        return ImageJRoiType::Polyline;
    case kTypeFreehand:
        if (subtype == kSubtypeEllipse)
            return ImageJRoiType::Ellipse;
        if (subtype == kSubtypeRotatedRect)
            return ImageJRoiType::RotatedRectangle;
        return ImageJRoiType::Freehand;
    case kTypeTraced:
        return ImageJRoiType::Traced;
    case kTypeAngle:
        return ImageJRoiType::Angle;
    case kTypePoint:
        return ImageJRoiType::Point;
    default:
        r.fail("ROI type " + std::to_string(type) + " is not supported");
    }
}

std::vector<PointPx> readVertices(const Reader& r, int n, int left, int top, bool subPixel)
{
    std::vector<PointPx> points(static_cast<std::size_t>(n));
    const std::size_t intBase = kHeaderSize;
    const std::size_t floatBase = kHeaderSize + 4 * static_cast<std::size_t>(n);
    for (int i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        double x = 0;
        double y = 0;
        if (subPixel) {
            x = r.f32(floatBase + 4 * k);
            y = r.f32(floatBase + 4 * static_cast<std::size_t>(n) + 4 * k);
        } else {
            x = left + r.i16(intBase + 2 * k);
            y = top + r.i16(intBase + 2 * static_cast<std::size_t>(n) + 2 * k);
        }
        points[k] = {x - kCornerToCentrePx, y - kCornerToCentrePx};
    }
    return points;
}

// Composite shapes: a float array of path segments (java.awt.geom.PathIterator codes).
std::vector<std::vector<PointPx>> readShapePaths(const Reader& r, int count)
{
    std::vector<std::vector<PointPx>> paths;
    std::vector<PointPx> current;
    const auto flush = [&] {
        if (current.size() >= 3)
            paths.push_back(current);
        current.clear();
    };
    std::size_t at = kHeaderSize;
    const std::size_t end = kHeaderSize + 4 * static_cast<std::size_t>(count);
    const auto point = [&](std::size_t p) {
        return PointPx{r.f32(p) - kCornerToCentrePx, r.f32(p + 4) - kCornerToCentrePx};
    };
    while (at < end) {
        // A segment code is a small whole number stored as float; anything else (NaN, 1e34)
        // is no code, and casting it to int would be undefined.
        const float code = r.f32(at);
        const int segment =
            std::isfinite(code) && std::fabs(code) < 1024 ? static_cast<int>(code) : -1;
        at += 4;
        switch (segment) {
        case kSegMoveTo:
            flush();
            current.push_back(point(at));
            at += 8;
            break;
        case kSegLineTo:
            current.push_back(point(at)), at += 8;
            break;
        case kSegQuadTo:
            current.push_back(point(at + 8)), at += 16;
            break;
        case kSegCubicTo:
            current.push_back(point(at + 16)), at += 24;
            break;
        case kSegClose:
            if (!current.empty() && current.size() > 1 && current.back() == current.front())
                current.pop_back();
            flush();
            break;
        default:
            r.fail("unknown composite path segment " + std::to_string(segment));
        }
    }
    flush();
    return paths;
}

void readHeader2(const Reader& r, ImageJRoi& roi, std::size_t h2)
{
    if (h2 == 0 || h2 + kHeader2Size > r.size())
        return;
    roi.cPosition = std::max(0, static_cast<int>(r.i32(h2 + kH2CPosition)));
    roi.zPosition = std::max(0, static_cast<int>(r.i32(h2 + kH2ZPosition)));
    roi.tPosition = std::max(0, static_cast<int>(r.i32(h2 + kH2TPosition)));
    const std::int32_t nameOffset = r.i32(h2 + kH2NameOffset);
    const std::int32_t nameLength = r.i32(h2 + kH2NameLength);
    // Checked in size_t: both are any 32-bit value a file declares.
    const auto offsetBytes = static_cast<std::size_t>(std::max(nameOffset, 0));
    const auto nameBytes = 2 * static_cast<std::size_t>(std::max(nameLength, 0));
    if (nameOffset > 0 && nameLength > 0 && offsetBytes <= r.size() &&
        nameBytes <= r.size() - offsetBytes) {
        std::u16string utf16;
        for (std::size_t i = 0; i < nameBytes / 2; ++i)
            utf16.push_back(static_cast<char16_t>(r.u16(offsetBytes + 2 * i)));
        roi.name = utf8FromUtf16(utf16);
    }
    const float strokeWidth = r.f32(h2 + kH2FloatStrokeWidth);
    if (std::isfinite(strokeWidth) && strokeWidth > 0)
        roi.strokeWidthPx = strokeWidth;
}

} // namespace

ImageJRoi decodeImageJRoi(std::span<const unsigned char> bytes, const std::string& source)
{
    const Reader r(bytes, source);
    if (bytes.size() < kHeaderSize || r.u8(0) != 'I' || r.u8(1) != 'o' || r.u8(2) != 'u' ||
        r.u8(3) != 't')
        r.fail("no \"Iout\" header");
    const int version = r.i16(kVersion);
    const int typeCode = r.u8(kType);
    const int top = r.i16(kTop);
    const int left = r.i16(kLeft);
    const int bottom = r.i16(kBottom);
    const int right = r.i16(kRight);
    const int n = r.u16(kNCoordinates);
    const int options = r.u16(kOptions);
    const int subtype = r.i16(kSubtype);
    const int shapeRoiSize = r.i32(kShapeRoiSize);
    const bool subPixel = version >= 222 && (options & kOptionSubPixel) != 0;

    ImageJRoi roi;
    roi.type = typeOf(r, typeCode, subtype, shapeRoiSize);
    roi.strokeWidthPx = r.i16(kStrokeWidth);
    roi.position = std::max(0, static_cast<int>(r.i32(kPosition)));
    roi.xPx = left - kCornerToCentrePx;
    roi.yPx = top - kCornerToCentrePx;
    roi.widthPx = right - left;
    roi.heightPx = bottom - top;

    switch (roi.type) {
    case ImageJRoiType::Rectangle:
    case ImageJRoiType::Oval:
        if (subPixel && version >= 223) {
            roi.xPx = r.f32(kXD) - kCornerToCentrePx;
            roi.yPx = r.f32(kYD) - kCornerToCentrePx;
            roi.widthPx = r.f32(kWidthD);
            roi.heightPx = r.f32(kHeightD);
        }
        if (roi.type == ImageJRoiType::Rectangle)
            roi.roundRectArcSizePx = r.i16(kRoundRectArcSize);
        break;
    case ImageJRoiType::Line:
        roi.points = {{r.f32(kX1) - kCornerToCentrePx, r.f32(kY1) - kCornerToCentrePx},
                      {r.f32(kX2) - kCornerToCentrePx, r.f32(kY2) - kCornerToCentrePx}};
        break;
    case ImageJRoiType::Composite:
        roi.paths = readShapePaths(r, shapeRoiSize);
        break;
    default:
        roi.points = readVertices(r, n, left, top, subPixel);
        if (roi.type == ImageJRoiType::Ellipse || roi.type == ImageJRoiType::RotatedRectangle) {
            roi.axisPx = {{r.f32(kX1) - kCornerToCentrePx, r.f32(kY1) - kCornerToCentrePx},
                          {r.f32(kX2) - kCornerToCentrePx, r.f32(kY2) - kCornerToCentrePx}};
            roi.ellipseAspectRatio = r.f32(kFloatParam);
        }
        break;
    }
    readHeader2(r, roi, static_cast<std::size_t>(std::max(0, r.i32(kHeader2Offset))));
    return roi;
}

std::optional<int> ImageJRoi::frame() const
{
    if (tPosition > 0)
        return tPosition - 1;
    if (position > 0)
        return position - 1;
    return std::nullopt;
}

void ImageJRoi::setFrame(std::optional<int> frameIndex)
{
    position = frameIndex ? *frameIndex + 1 : 0;
    tPosition = position;
}

} // namespace insitu
