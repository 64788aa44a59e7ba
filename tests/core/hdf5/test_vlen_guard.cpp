// Damaged variable-length strings (issue #15): a corrupt global heap behind a string attribute
// or dataset is refused with one insitu::Error, never handed to libhdf5 1.10 (which crashes in
// H5HG_read). The corruptions hit the heap objects a saved project really holds.

#include "../project/project_fixture.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/project/project_file.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<unsigned char> bytesOf(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& path, const std::vector<unsigned char>& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
}

void put(std::vector<unsigned char>& bytes, std::size_t at, std::uint64_t value, int width)
{
    for (int k = 0; k < width; ++k)
        bytes[at + static_cast<std::size_t>(k)] = static_cast<unsigned char>(value >> (8 * k));
}

/// Byte offsets of every global heap collection signature in the file.
std::vector<std::size_t> collectionOffsets(const std::vector<unsigned char>& bytes)
{
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i + 16 <= bytes.size(); ++i)
        if (bytes[i] == 'G' && bytes[i + 1] == 'C' && bytes[i + 2] == 'O' && bytes[i + 3] == 'L' &&
            bytes[i + 4] == 1)
            offsets.push_back(i);
    return offsets;
}

/// The message loadProject refuses the file with ("" when it loads).
std::string refusal(const fs::path& file)
{
    try {
        (void)insitu::loadProject(file);
    } catch (const insitu::Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("a project's damaged global heap is refused, not handed to libhdf5", "[hdf5][hostile]")
{
    const auto dir = insitu::test::scratchDir("vlen_guard");
    const auto intact = dir / "intact.h5";
    const auto project = insitu::test::fullProject();
    insitu::saveProject(project, intact);
    REQUIRE(refusal(intact).empty());
    const auto original = bytesOf(intact);

    // The heap object holding the first movie's path (a string the loader reads): its header
    // (index, references, reserved, 8-byte size) is the 16 bytes before it, and its
    // collection ("GCOL", version, reserved, 8-byte size) the last one that starts before.
    const std::string moviePath = project.movies.at(0).path.string();
    const std::vector<unsigned char> pathBytes(moviePath.begin(), moviePath.end());
    const auto text =
        std::search(original.begin(), original.end(), pathBytes.begin(), pathBytes.end());
    REQUIRE(text != original.end());
    const auto object = static_cast<std::size_t>(text - original.begin()) - 16;
    std::size_t collection = 0;
    for (const auto at : collectionOffsets(original))
        if (at < object)
            collection = at;
    REQUIRE(collection > 0);

    struct Damage
    {
        const char* what;
        std::size_t offset;
        std::uint64_t value;
        int width;
    };
    const std::vector<Damage> damages = {
        {"object size 2^63", object + 8, 1ull << 63, 8},
        {"object size -65536", object + 8, 0xffffffffffff0000ull, 8},
        {"object size past the collection", object + 8, 4000, 8},
        {"object one byte longer than its string", object + 8, moviePath.size() + 1, 8},
        {"object index renumbered", object, 0xfffe, 2},
        {"free-space object of size 0 (libhdf5 loops forever)", object, 0, 2},
        {"collection larger than the file", collection + 8, 1ull << 40, 8},
        {"collection smaller than the minimum", collection + 8, 64, 8},
        {"collection signature broken", collection, 'X', 1},
    };
    for (const auto& damage : damages) {
        auto bytes = original;
        put(bytes, damage.offset, damage.value, damage.width);
        if (damage.offset == object && damage.value == 0)
            put(bytes, object + 8, 0, 8);
        const auto damaged = dir / "damaged.h5";
        writeBytes(damaged, bytes);
        const std::string message = refusal(damaged);
        INFO(damage.what << ": " << message);
        CHECK(message.find(damaged.string()) == 0);
        CHECK(message.find("damaged variable-length string") != std::string::npos);
    }
}
