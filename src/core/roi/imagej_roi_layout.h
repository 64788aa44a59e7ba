#pragma once
// Private to src/core/roi: byte offsets and codes of the ImageJ .roi format (RoiDecoder.java).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>

namespace insitu::imagej_layout {

// Header (64 bytes, big-endian).
inline constexpr std::size_t kHeaderSize = 64;
inline constexpr std::size_t kVersion = 4;
inline constexpr std::size_t kType = 6;
inline constexpr std::size_t kTop = 8;
inline constexpr std::size_t kLeft = 10;
inline constexpr std::size_t kBottom = 12;
inline constexpr std::size_t kRight = 14;
inline constexpr std::size_t kNCoordinates = 16;
inline constexpr std::size_t kX1 = 18; // line / ellipse parameters (float)
inline constexpr std::size_t kY1 = 22;
inline constexpr std::size_t kX2 = 26;
inline constexpr std::size_t kY2 = 30;
inline constexpr std::size_t kXD = 18; // sub-pixel rectangle / oval (float)
inline constexpr std::size_t kYD = 22;
inline constexpr std::size_t kWidthD = 26;
inline constexpr std::size_t kHeightD = 30;
inline constexpr std::size_t kStrokeWidth = 34;
inline constexpr std::size_t kShapeRoiSize = 36;
inline constexpr std::size_t kStrokeColor = 40;
inline constexpr std::size_t kSubtype = 48;
inline constexpr std::size_t kOptions = 50;
inline constexpr std::size_t kFloatParam = 52; // ellipse aspect ratio (float)
inline constexpr std::size_t kRoundRectArcSize = 54;
inline constexpr std::size_t kPosition = 56;
inline constexpr std::size_t kHeader2Offset = 60;

// Header 2 (64 bytes), offsets relative to its start.
inline constexpr std::size_t kHeader2Size = 64;
inline constexpr std::size_t kH2CPosition = 4;
inline constexpr std::size_t kH2ZPosition = 8;
inline constexpr std::size_t kH2TPosition = 12;
inline constexpr std::size_t kH2NameOffset = 16;
inline constexpr std::size_t kH2NameLength = 20;
inline constexpr std::size_t kH2FloatStrokeWidth = 36;

inline constexpr int kVersionWritten = 228;

inline constexpr int kTypePolygon = 0;
inline constexpr int kTypeRect = 1;
inline constexpr int kTypeOval = 2;
inline constexpr int kTypeLine = 3;
inline constexpr int kTypeFreeline = 4;
inline constexpr int kTypePolyline = 5;
inline constexpr int kTypeFreehand = 7;
inline constexpr int kTypeTraced = 8;
inline constexpr int kTypeAngle = 9;
inline constexpr int kTypePoint = 10;

inline constexpr int kSubtypeEllipse = 3;
inline constexpr int kSubtypeRotatedRect = 5;

inline constexpr int kOptionSubPixel = 128;

inline constexpr int kSegMoveTo = 0;
inline constexpr int kSegLineTo = 1;
inline constexpr int kSegQuadTo = 2;
inline constexpr int kSegCubicTo = 3;
inline constexpr int kSegClose = 4;

/// ImageJ's integer pixel corner lies half a pixel before the workbench's integer pixel centre.
inline constexpr double kCornerToCentrePx = 0.5;

/// UTF-8 of UTF-16 text (ROI names are stored as UTF-16BE).
std::string utf8FromUtf16(const std::u16string& text);
/// UTF-16 of UTF-8 text.
std::u16string utf16FromUtf8(const std::string& text);

} // namespace insitu::imagej_layout
