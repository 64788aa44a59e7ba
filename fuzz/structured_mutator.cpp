// The structured mutator of the binary-format fuzz targets: half of the mutations overwrite an
// aligned 2-, 4- or 8-byte field (in either byte order) with a value that breaks size arithmetic
// (0, 1, −1, 2³¹−1, 2³², a huge count, the file size itself …), which is how headers' dimension,
// offset and count fields are attacked; the other half are libFuzzer's own byte mutations.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t maxSize);

namespace {

void store(std::uint8_t* at, std::uint64_t value, int width, bool bigEndian)
{
    for (int i = 0; i < width; ++i) {
        const int shift = 8 * (bigEndian ? width - 1 - i : i);
        at[i] = static_cast<std::uint8_t>(value >> shift);
    }
}

} // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t maxSize, unsigned int seed)
{
    std::minstd_rand random(seed);
    if (size < 8 || random() % 2 == 0)
        return LLVMFuzzerMutate(data, size, maxSize);
    const std::array<std::uint64_t, 14> interesting{0,
                                                    1,
                                                    2,
                                                    0x7f,
                                                    0xff,
                                                    0x7fff,
                                                    0xffff,
                                                    0x7fffffff,
                                                    0x80000000,
                                                    0xffffffff,
                                                    0x100000000,
                                                    0x7fffffffffffffff,
                                                    0xffffffffffffffff,
                                                    static_cast<std::uint64_t>(size)};
    const std::array<int, 3> widths{2, 4, 8};
    const int width = widths[random() % widths.size()];
    if (size < static_cast<std::size_t>(width))
        return LLVMFuzzerMutate(data, size, maxSize);
    const std::size_t slots = (size - static_cast<std::size_t>(width)) / 2 + 1;
    const std::size_t offset = 2 * (random() % slots); // 2-aligned: header fields are
    std::uint64_t value = interesting[random() % interesting.size()];
    if (random() % 4 == 0) // near a boundary
        value += static_cast<std::uint64_t>(static_cast<int>(random() % 5) - 2);
    store(data + offset, value, width, random() % 2 == 0);
    return size;
}
