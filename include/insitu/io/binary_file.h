#pragma once
// BinaryFile: a read-only file read by positioned, bounds-checked reads, plus endian helpers.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace insitu {

/// Byte order of multi-byte values in a file.
enum class Endian { Little, Big };

/// Where the frames of an uncompressed stack lie: equally sized, one after another.
struct ContiguousStack
{
    std::uint64_t firstOffset = 0; ///< first frame's pixels
    std::uint64_t frameBytes = 0;
    int storedKind = 0; ///< raw::Stored (private to the readers)
    Endian order = Endian::Little;
};

/// Decodes a trivially copyable value stored in byte order `order` at `bytes`.
template <typename T> [[nodiscard]] T decodeValue(const unsigned char* bytes, Endian order)
{
    static_assert(std::is_trivially_copyable_v<T>);
    unsigned char tmp[sizeof(T)];
    std::memcpy(tmp, bytes, sizeof(T));
    const bool hostLittle = std::endian::native == std::endian::little;
    if ((order == Endian::Little) != hostLittle)
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i)
            std::swap(tmp[i], tmp[sizeof(T) - 1 - i]);
    T value;
    std::memcpy(&value, tmp, sizeof(T));
    return value;
}

/// Reverses the bytes of each of `count` elements of `elementBytes` bytes, in place.
void swapBytesInPlace(void* data, std::size_t count, std::size_t elementBytes);

/// True when values stored in `order` must be byte-swapped on this machine.
[[nodiscard]] bool needsSwap(Endian order);

/// A read-only file accessed by positioned reads (pread). Reads beyond the end of the file
/// and short reads throw insitu::Error("<path>: <what>"); the file is never read whole.
class BinaryFile
{
public:
    /// Opens path for reading; throws insitu::Error naming the file when it cannot.
    explicit BinaryFile(std::filesystem::path path);
    ~BinaryFile();
    BinaryFile(BinaryFile&& other) noexcept;
    BinaryFile& operator=(BinaryFile&& other) noexcept;
    BinaryFile(const BinaryFile&) = delete;
    BinaryFile& operator=(const BinaryFile&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    /// File size in bytes, taken at open.
    [[nodiscard]] std::uint64_t size() const { return m_size; }

    /// True when [offset, offset + bytes) lies inside the file (overflow-safe).
    [[nodiscard]] bool contains(std::uint64_t offset, std::uint64_t bytes) const;
    /// Throws "<path>: <what> (bytes B at offset O lie beyond the end of the file, size S)"
    /// unless the range lies inside the file.
    void requireRange(std::uint64_t offset, std::uint64_t bytes, const std::string& what) const;

    /// Reads exactly `bytes` bytes at `offset` into dst; throws when out of range or short.
    void read(std::uint64_t offset, void* dst, std::size_t bytes) const;
    /// Reads `bytes` bytes at `offset` into a new vector.
    [[nodiscard]] std::vector<unsigned char> readBytes(std::uint64_t offset,
                                                       std::size_t bytes) const;
    /// Reads one value of type T stored in byte order `order` at `offset`.
    template <typename T> [[nodiscard]] T readValue(std::uint64_t offset, Endian order) const
    {
        unsigned char tmp[sizeof(T)];
        read(offset, tmp, sizeof(T));
        return decodeValue<T>(tmp, order);
    }

    /// Throws insitu::Error("<path>: <what>").
    [[noreturn]] void fail(const std::string& what) const;

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

/// Sequential reader over a BinaryFile with a read-ahead buffer, for parsing headers and tag
/// trees made of many small fields. Every read is bounds-checked against the file size.
class FileCursor
{
public:
    FileCursor(const BinaryFile& file, std::uint64_t offset, Endian order = Endian::Little);

    [[nodiscard]] std::uint64_t offset() const { return m_offset; }
    void seek(std::uint64_t offset) { m_offset = offset; }
    /// Advances by `bytes`, throwing when that passes the end of the file.
    void skip(std::uint64_t bytes, const std::string& what);
    void setEndian(Endian order) { m_order = order; }
    [[nodiscard]] Endian endian() const { return m_order; }
    [[nodiscard]] const BinaryFile& file() const { return m_file; }

    /// Reads `bytes` bytes at the cursor and advances.
    void read(void* dst, std::size_t bytes);
    /// Reads a T in the cursor's byte order and advances.
    template <typename T> [[nodiscard]] T value()
    {
        unsigned char tmp[sizeof(T)];
        read(tmp, sizeof(T));
        return decodeValue<T>(tmp, m_order);
    }
    /// Reads a T in the given byte order and advances.
    template <typename T> [[nodiscard]] T value(Endian order)
    {
        unsigned char tmp[sizeof(T)];
        read(tmp, sizeof(T));
        return decodeValue<T>(tmp, order);
    }
    /// Reads `bytes` raw bytes as a string and advances.
    [[nodiscard]] std::string string(std::size_t bytes);

private:
    const BinaryFile& m_file;
    std::uint64_t m_offset;
    Endian m_order;
    std::vector<unsigned char> m_buffer;
    std::uint64_t m_bufferStart = 0; // file offset of m_buffer[0]
};

} // namespace insitu
