#pragma once
// Decoding of stored pixel words (any byte order, complex, RGB, bool, float16) into Frames.

#include "insitu/frame.h"
#include "insitu/io/binary_file.h"

#include <cstdint>
#include <optional>
#include <string>

namespace insitu::raw {

/// How pixels are stored on disk, before conversion to a native PixelType.
enum class Stored {
    UInt8,
    Int8,
    UInt16,
    Int16,
    UInt32,
    Int32,
    Float32,
    Float64,
    Complex64,  ///< float32 re, im: kept as float32 real part if imag is all zero
    Complex128, ///< float64 re, im: kept as float64 real part if imag is all zero
    Bgra8,      ///< 4 bytes B, G, R, A: converted to uint8 grey (ITU-R 601 weights)
    Bool8,      ///< 1 byte, nonzero = true: converted to uint8 0/1
    Float16,    ///< IEEE half: converted to float32
};

/// Bytes one stored pixel occupies.
[[nodiscard]] std::size_t storedBytes(Stored kind);
/// The PixelType frames of this storage are delivered in.
[[nodiscard]] PixelType deliveredType(Stored kind);
/// A note for MovieInfo::notes describing the conversion, or nullopt for native types.
[[nodiscard]] std::optional<std::string> conversionNote(Stored kind);

/// Bytes of a width × height frame; throws via file.fail() on overflow.
[[nodiscard]] std::uint64_t frameBytes(const BinaryFile& file, int width, int height, Stored kind);

/// Reads one width × height frame (x fastest) of `kind` stored in byte order `order` at offset
/// and converts it to its delivered type. Complex frames with a nonzero imaginary part are
/// refused with insitu::Error naming the file and frameLabel.
[[nodiscard]] Frame readFrame(const BinaryFile& file, std::uint64_t offset, int width, int height,
                              Stored kind, Endian order, const std::string& frameLabel);

/// Frame `index` (range-checked against frameCount) of a contiguous stack of width × height.
[[nodiscard]] Frame readStackFrame(const BinaryFile& file, const ContiguousStack& stack, int width,
                                   int height, int frameCount, int index);

} // namespace insitu::raw
