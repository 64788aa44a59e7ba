// Damaged old-style group structures (issue #15): a local heap, group B-tree node or
// symbol-table node that libhdf5 1.10 would follow out of the file or index past its end is
// refused with one insitu::Error naming the file, before libhdf5 walks the group (it crashed in
// H5HL_protect on a heap declared past the end of the file). Every group of a real EMD file and
// of a saved project gets every kind of damage.

#include "../project/project_fixture.h"
#include "support/test_paths.h"

#include <catch2/catch.hpp>

#include "insitu/error.h"
#include "insitu/io/movie_reader.h"
#include "insitu/project/project_file.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<unsigned char>;

Bytes bytesOf(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& path, const Bytes& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
}

void put(Bytes& bytes, std::size_t at, std::uint64_t value, int width)
{
    for (int k = 0; k < width; ++k)
        bytes[at + static_cast<std::size_t>(k)] = static_cast<unsigned char>(value >> (8 * k));
}

std::uint64_t get(const Bytes& bytes, std::size_t at, int width)
{
    std::uint64_t value = 0;
    for (int k = width; k-- > 0;)
        value = (value << 8) | bytes[at + static_cast<std::size_t>(k)];
    return value;
}

std::vector<std::size_t> signatureOffsets(const Bytes& bytes, const char* signature)
{
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i + 32 <= bytes.size(); ++i)
        if (std::memcmp(bytes.data() + i, signature, 4) == 0)
            offsets.push_back(i);
    return offsets;
}

/// One group's structures as the file holds them (8-byte addresses and lengths, no user block):
/// where its symbol table message stores the heap address, its heap, B-tree node and first
/// symbol-table node.
struct GroupBytes
{
    std::size_t heapAddressField;
    std::size_t heap;
    std::size_t tree;
    std::size_t firstLeaf; // 0 for an empty group
};

/// Symbol table messages of version 1 object headers, found by their contents: message type
/// 0x11, 16 bytes, then a B-tree address and a heap address. (The copies cached in the parent's
/// symbol-table entry are left alone: libhdf5 reads the message.)
std::vector<GroupBytes> groupsOf(const Bytes& bytes)
{
    std::vector<GroupBytes> groups;
    const auto trees = signatureOffsets(bytes, "TREE");
    const auto heaps = signatureOffsets(bytes, "HEAP");
    for (const auto tree : trees)
        for (const auto heap : heaps)
            for (std::size_t at = 8; at + 16 <= bytes.size(); at += 8) // messages are 8-aligned
                if (get(bytes, at - 8, 2) == 0x11 && get(bytes, at - 6, 2) == 16 &&
                    get(bytes, at, 8) == tree && get(bytes, at + 8, 8) == heap) {
                    const bool empty = get(bytes, tree + 6, 2) == 0;
                    groups.push_back(
                        {at + 8, heap, tree,
                         empty ? 0 : static_cast<std::size_t>(get(bytes, tree + 32, 8))});
                }
    return groups;
}

struct Damage
{
    const char* what;
    std::function<void(Bytes&, const GroupBytes&)> apply;
};

std::vector<Damage> damages(std::uint64_t fileBytes)
{
    return {
        {"heap at the undefined address (the crash found)",
         [](Bytes& b, const GroupBytes& g) { put(b, g.heapAddressField, ~0ull, 8); }},
        {"heap past the end of the file",
         [=](Bytes& b, const GroupBytes& g) { put(b, g.heapAddressField, fileBytes + 4096, 8); }},
        {"heap signature broken", [](Bytes& b, const GroupBytes& g) { b[g.heap + 3] = 'Q'; }},
        {"heap data of 2^62 bytes",
         [](Bytes& b, const GroupBytes& g) { put(b, g.heap + 8, 1ull << 62, 8); }},
        {"heap data running past the end of the file",
         [=](Bytes& b, const GroupBytes& g) { put(b, g.heap + 24, fileBytes - 8, 8); }},
        {"heap names not terminated",
         [](Bytes& b, const GroupBytes& g) {
             const auto data = static_cast<std::size_t>(get(b, g.heap + 24, 8));
             const auto size = static_cast<std::size_t>(get(b, g.heap + 8, 8));
             std::memset(b.data() + data, 'x', size);
         }},
        {"B-tree signature broken", [](Bytes& b, const GroupBytes& g) { b[g.tree] = 'X'; }},
        {"B-tree of 65535 entries",
         [](Bytes& b, const GroupBytes& g) { put(b, g.tree + 6, 0xffff, 2); }},
        {"B-tree level 1 over symbol-table nodes",
         [](Bytes& b, const GroupBytes& g) {
             if (g.firstLeaf)
                 b[g.tree + 5] = 1;
             else
                 b[g.tree] = 'X';
         }},
        {"B-tree key outside the heap",
         [](Bytes& b, const GroupBytes& g) { put(b, g.tree + 24, 1ull << 40, 8); }},
        {"symbol-table node of 65535 entries",
         [](Bytes& b, const GroupBytes& g) {
             if (g.firstLeaf)
                 put(b, g.firstLeaf + 6, 0xffff, 2);
             else
                 put(b, g.tree + 6, 0xffff, 2);
         }},
        {"link name outside the heap",
         [](Bytes& b, const GroupBytes& g) {
             if (g.firstLeaf)
                 put(b, g.firstLeaf + 8, 1ull << 40, 8);
             else
                 put(b, g.tree + 24, 1ull << 40, 8);
         }},
    };
}

/// Applies every damage to every group of `original` and checks that `open` refuses each copy
/// with a message naming it and the damaged structure. Returns how many copies were checked.
int checkEveryDamage(const Bytes& original, const fs::path& damaged,
                     const std::function<void(const fs::path&)>& open)
{
    const auto groups = groupsOf(original);
    REQUIRE(groups.size() >= 2);
    int checked = 0;
    for (const auto& group : groups)
        for (const auto& damage : damages(original.size())) {
            auto bytes = original;
            damage.apply(bytes, group);
            writeBytes(damaged, bytes);
            std::string message;
            try {
                open(damaged);
            } catch (const insitu::Error& e) {
                message = e.what();
            }
            INFO(damage.what << " in the group whose B-tree is at byte " << group.tree << ": "
                             << message);
            CHECK(message.find(damaged.string()) == 0);
            CHECK(message.find("damaged HDF5 file") != std::string::npos);
            CHECK(message.find('\n') == std::string::npos);
            ++checked;
        }
    return checked;
}

/// Sets the element size of every version-1 attribute message named `name` to 2^31 - 1 bytes,
/// a value far larger than the message: libhdf5 would allocate and copy that much.
Bytes withOversizedAttribute(Bytes bytes, const std::string& name)
{
    int changed = 0;
    for (std::size_t at = 8; at + name.size() + 1 < bytes.size(); ++at) {
        if (std::memcmp(bytes.data() + at, name.c_str(), name.size() + 1) != 0)
            continue;
        const std::size_t message = at - 8;
        if (bytes[message] != 1 || get(bytes, message + 2, 2) != name.size() + 1)
            continue;
        const std::size_t type = message + 8 + (name.size() + 1 + 7) / 8 * 8;
        put(bytes, type + 4, 0x7fffffff, 4);
        ++changed;
    }
    REQUIRE(changed > 0);
    return bytes;
}

std::string refusal(const std::function<void()>& open)
{
    try {
        open();
    } catch (const insitu::Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("an attribute larger than its header message is refused before libhdf5 copies it",
          "[hdf5][hostile]")
{
    const auto dir = insitu::test::scratchDir("group_guard_attribute");
    const auto emd = dir / "damaged.emd";
    writeBytes(emd, withOversizedAttribute(
                        bytesOf(insitu::test::sourceDir() / "tests" / "fuzz-regressions" / "emd" /
                                "seed-berkeley-axis-len-1.emd"),
                        "emd_group_type"));
    const auto project = dir / "damaged.h5";
    insitu::saveProject(insitu::test::fullProject(), dir / "intact.h5");
    writeBytes(project, withOversizedAttribute(bytesOf(dir / "intact.h5"), "format_version"));
    for (const auto& message : {refusal([&] { (void)insitu::openMovieReader(emd); }),
                                refusal([&] { (void)insitu::loadProject(project); })}) {
        INFO(message);
        CHECK(message.find("damaged HDF5 file") != std::string::npos);
        CHECK(message.find("an attribute of 1 × 2147483647 bytes") != std::string::npos);
    }
}

TEST_CASE("a number type whose bits lie outside its element is refused before libhdf5 converts it",
          "[hdf5][hostile]")
{
    // The in-process probe's SIGBUS (H5Aread → H5T__conv_i_f → H5T__bit_copy): the bit offset
    // of emd_group_type's 64-bit integer type set to 6080.
    auto bytes = bytesOf(insitu::test::sourceDir() / "tests" / "fuzz-regressions" / "emd" /
                         "seed-berkeley-axis-len-1.emd");
    const std::string name = "emd_group_type";
    int changed = 0;
    for (std::size_t at = 8; at + name.size() + 1 < bytes.size(); ++at)
        if (std::memcmp(bytes.data() + at, name.c_str(), name.size() + 1) == 0 &&
            bytes[at - 8] == 1) {
            put(bytes, at + (name.size() + 1 + 7) / 8 * 8 + 8, 6080, 2);
            ++changed;
        }
    REQUIRE(changed > 0);
    const auto damaged = insitu::test::scratchDir("group_guard_type") / "damaged.emd";
    writeBytes(damaged, bytes);
    const std::string message = refusal([&] { (void)insitu::openMovieReader(damaged); });
    INFO(message);
    CHECK(message.find("damaged HDF5 file") != std::string::npos);
    CHECK(message.find("a number type of 64 bits whose bits 6080+64 lie outside it") !=
          std::string::npos);
}

TEST_CASE("an EMD file's damaged group structures are refused before libhdf5 walks them",
          "[hdf5][hostile]")
{
    const auto source = insitu::test::sourceDir() / "tests" / "fuzz-regressions" / "emd" /
                        "seed-berkeley-axis-len-1.emd"; // rosettasciio example_axis_len_1.emd
    REQUIRE_NOTHROW(insitu::openMovieReader(source));
    const auto dir = insitu::test::scratchDir("group_guard_emd");
    const int checked = checkEveryDamage(bytesOf(source), dir / "damaged.emd",
                                         [](const auto& p) { (void)insitu::openMovieReader(p); });
    CHECK(checked >= 24);
}

TEST_CASE("a project's damaged group structures are refused before libhdf5 walks them",
          "[hdf5][hostile]")
{
    const auto dir = insitu::test::scratchDir("group_guard_project");
    const auto intact = dir / "intact.h5";
    insitu::saveProject(insitu::test::fullProject(), intact);
    REQUIRE_NOTHROW(insitu::loadProject(intact));
    const int checked = checkEveryDamage(bytesOf(intact), dir / "damaged.h5",
                                         [](const auto& p) { (void)insitu::loadProject(p); });
    CHECK(checked >= 48);
}
