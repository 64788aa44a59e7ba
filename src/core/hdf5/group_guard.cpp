// Old-style group structures walked by raw reads with bounds checks before libhdf5 follows them.
//
// Layouts from the HDF5 file format specification (version 2/3): object headers version 1
// ("IV.A.1.a") and 2 ("OHDR", "IV.A.1.b") with their continuation blocks, the symbol table
// message (type 0x11: B-tree address, local heap address), the link message (type 0x06, for
// hard links of new-style compact groups), the local heap ("HEAP", "III.D"), version 1 B-tree
// nodes of type 0 ("TREE", "III.A.1") and symbol table nodes ("SNOD", "III.B").

#include "group_guard.h"

#include "hdf5_handle.h"
#include "raw_file.h"

#include <cstring>
#include <set>
#include <utility>
#include <vector>

namespace insitu::hdf5 {

namespace {

constexpr std::size_t kMaxObjects = 1u << 20;       // object headers visited
constexpr std::size_t kMaxNodes = 1u << 20;         // B-tree and symbol-table nodes
constexpr std::size_t kMaxChunks = 4096;            // header chunks per object
constexpr std::uint64_t kMaxHeapBytes = 64u << 20;  // one group's name heap
constexpr std::uint64_t kMaxChunkBytes = 64u << 20; // one object header chunk
constexpr unsigned kMaxTreeLevel = 64;

constexpr std::uint16_t kMsgDatatype = 0x03;
constexpr std::uint16_t kMsgLink = 0x06;
constexpr std::uint16_t kMsgAttribute = 0x0c;
constexpr std::uint16_t kMsgContinuation = 0x10;
constexpr std::uint16_t kMsgSymbolTable = 0x11;
constexpr std::uint64_t kCachedSoftLink = 2; // a symbol-table entry's cache type

bool hasSignature(const std::vector<std::uint8_t>& bytes, const char* signature)
{
    return bytes.size() >= 4 && std::memcmp(bytes.data(), signature, 4) == 0;
}

/// What an object header tells the walk: its symbol table, if it is an old-style group, and the
/// hard links of a new-style compact group.
struct HeaderFacts
{
    std::optional<std::pair<std::uint64_t, std::uint64_t>> symbolTable; // B-tree, heap
    std::vector<std::pair<std::string, std::uint64_t>> hardLinks;       // name, header address
    std::optional<std::string> problem; // a header chunk or attribute libhdf5 would overrun
};

/// Number of elements of a dataspace message (nullopt when it cannot be decoded).
std::optional<std::uint64_t> dataspacePoints(const FileLayout& f, const std::uint8_t* p,
                                             std::size_t size)
{
    if (size < 4 || (p[0] != 1 && p[0] != 2))
        return std::nullopt;
    const unsigned rank = p[1];
    if (p[0] == 2 && p[3] == 2)
        return 0; // the null dataspace
    const std::size_t dims = p[0] == 1 ? 8 : 4;
    if (rank > 32 || size < dims + rank * f.lengthBytes)
        return std::nullopt;
    std::uint64_t points = 1;
    for (unsigned d = 0; d < rank; ++d) {
        const std::uint64_t extent =
            decodeLittleEndian(p + dims + d * f.lengthBytes, f.lengthBytes);
        if (extent != 0 && points > UINT64_MAX / extent)
            return UINT64_MAX;
        points *= extent;
    }
    return points;
}

/// What is wrong with an integer or floating-point datatype message whose bit fields lie outside
/// its element (libhdf5's conversions copy those bits unchecked: H5T__bit_copy), or nullopt.
std::optional<std::string> datatypeProblem(const std::uint8_t* p, std::size_t size)
{
    const unsigned typeClass = p[0] & 0x0f;
    if (size < 12 || typeClass > 1)
        return std::nullopt;
    const std::uint64_t bits = 8 * decodeLittleEndian(p + 4, 4);
    const std::uint64_t offset = decodeLittleEndian(p + 8, 2);
    const std::uint64_t precision = decodeLittleEndian(p + 10, 2);
    bool bad = precision == 0 || offset + precision > bits;
    if (typeClass == 1 && size >= 16) // exponent and mantissa: location, size
        bad = bad || std::uint64_t{p[12]} + p[13] > bits || std::uint64_t{p[14]} + p[15] > bits;
    if (!bad)
        return std::nullopt;
    return "a number type of " + std::to_string(bits) + " bits whose bits " +
           std::to_string(offset) + "+" + std::to_string(precision) + " lie outside it";
}

/// What is wrong with an attribute message whose value is larger than the message holding it
/// (libhdf5 allocates and copies the declared size), or nullopt.
std::optional<std::string> attributeProblem(const FileLayout& f, const std::uint8_t* p,
                                            std::size_t size)
{
    if (size < 8 || p[0] < 1 || p[0] > 3 || (p[0] >= 2 && (p[1] & 0x03)))
        return std::nullopt; // unknown version or a shared type/space: libhdf5's own checks
    const auto padded = [&](std::uint64_t n) { return p[0] == 1 ? (n + 7) / 8 * 8 : n; };
    const std::uint64_t nameBytes = decodeLittleEndian(p + 2, 2);
    const std::uint64_t typeBytes = decodeLittleEndian(p + 4, 2);
    const std::uint64_t spaceBytes = decodeLittleEndian(p + 6, 2);
    const std::uint64_t type = 8 + (p[0] == 3 ? 1 : 0) + padded(nameBytes);
    const std::uint64_t space = type + padded(typeBytes);
    const std::uint64_t data = space + padded(spaceBytes);
    if (data > size || typeBytes < 8)
        return "an attribute message of " + std::to_string(size) + " bytes declaring more";
    if (auto problem = datatypeProblem(p + type, static_cast<std::size_t>(typeBytes)))
        return "an attribute with " + *problem;
    // libhdf5 1.10 decodes every attribute of an object into one table and, when one fails,
    // crashes releasing the table (H5A__attr_release_table → H5A__close): the parts it decodes
    // first are checked here.
    if (nameBytes == 0 || p[type - padded(nameBytes) + nameBytes - 1] != 0)
        return std::string("an attribute whose name is not terminated");
    const unsigned typeVersion = p[type] >> 4;
    if (typeVersion < 1 || typeVersion > 4 || (p[type] & 0x0f) > 10)
        return std::string("an attribute of an unknown datatype");
    const std::uint64_t elementBytes = decodeLittleEndian(p + type + 4, 4);
    const auto points = dataspacePoints(f, p + space, static_cast<std::size_t>(spaceBytes));
    if (!points)
        return std::string("an attribute with an undecodable dataspace");
    if (elementBytes == 0)
        return std::nullopt;
    if (*points > (size - data) / elementBytes)
        return "an attribute of " + std::to_string(*points) + " × " + std::to_string(elementBytes) +
               " bytes in a message of " + std::to_string(size) + " bytes";
    return std::nullopt;
}

/// Decodes the B-tree and heap addresses of a symbol table message.
void readSymbolTable(const FileLayout& f, const std::uint8_t* p, std::size_t size, HeaderFacts& out)
{
    if (size >= 2 * f.addrBytes)
        out.symbolTable = std::make_pair(decodeLittleEndian(p, f.addrBytes),
                                         decodeLittleEndian(p + f.addrBytes, f.addrBytes));
}

/// Decodes a link message; keeps hard links.
void readLink(const FileLayout& f, const std::uint8_t* p, std::size_t size, HeaderFacts& out)
{
    if (size < 2 || p[0] != 1)
        return;
    const std::uint8_t flags = p[1];
    std::size_t at = 2;
    std::uint8_t type = 0;
    if (flags & 0x08) {
        if (at + 1 > size)
            return;
        type = p[at++];
    }
    if (flags & 0x04)
        at += 8; // creation order
    if (flags & 0x10)
        at += 1; // character set
    const std::size_t lengthBytes = std::size_t{1} << (flags & 3);
    if (at + lengthBytes > size)
        return;
    const std::uint64_t nameBytes = decodeLittleEndian(p + at, lengthBytes);
    at += lengthBytes;
    if (nameBytes > size - at || type != 0 || size - at - nameBytes < f.addrBytes)
        return;
    std::string name(reinterpret_cast<const char*>(p + at), static_cast<std::size_t>(nameBytes));
    out.hardLinks.emplace_back(std::move(name),
                               decodeLittleEndian(p + at + nameBytes, f.addrBytes));
}

/// A header chunk still to decode: where its messages start in the file and how many bytes.
struct Chunk
{
    std::uint64_t address;
    std::uint64_t bytes;
};

/// Reads the messages of interest from an object header of version 1 or 2. Anything it cannot
/// decode is left to libhdf5, which checks object headers itself.
HeaderFacts readHeader(RawFile& raw, std::uint64_t address)
{
    const FileLayout& f = raw.layout();
    HeaderFacts facts;
    std::vector<std::uint8_t> bytes;
    if (!raw.read(address, 32, bytes) && !raw.read(address, 16, bytes))
        return facts; // the longest prefix is 32 bytes (version 2 with times and phase change)
    const bool v2 = hasSignature(bytes, "OHDR");
    std::vector<Chunk> pending;
    if (!v2) {
        if (bytes[0] != 1)
            return facts;
        pending.push_back({address + 16, decodeLittleEndian(&bytes[8], 4)});
    } else {
        if (bytes[4] != 2)
            return facts;
        const std::uint8_t flags = bytes[5];
        std::uint64_t at = 6 + ((flags & 0x20) ? 16 : 0) + ((flags & 0x10) ? 4 : 0);
        const std::size_t sizeBytes = std::size_t{1} << (flags & 3);
        if (at + sizeBytes > bytes.size())
            return facts;
        pending.push_back({address + at + sizeBytes, decodeLittleEndian(&bytes[at], sizeBytes)});
    }
    const bool creationOrder = v2 && (bytes[5] & 0x04);
    const std::size_t messageHeaderBytes = v2 ? 4 + (creationOrder ? 2 : 0) : 8;
    for (std::size_t chunks = 0; !pending.empty() && chunks < kMaxChunks; ++chunks) {
        const Chunk chunk = pending.back();
        pending.pop_back();
        if (chunk.bytes > kMaxChunkBytes || !raw.read(chunk.address, chunk.bytes, bytes)) {
            facts.problem = "a header block of " + std::to_string(chunk.bytes) +
                            " bytes at address " + std::to_string(chunk.address) +
                            " outside the file";
            return facts; // libhdf5 allocates the declared size before it reads
        }
        std::size_t p = 0;
        std::size_t end = bytes.size();
        if (v2 && chunks > 0) { // a continuation block counts its "OCHK" and its checksum
            if (!hasSignature(bytes, "OCHK") || end < 8)
                continue;
            p = 4;
            end -= 4;
        }
        while (p + messageHeaderBytes <= end) {
            const std::uint16_t type =
                v2 ? bytes[p] : static_cast<std::uint16_t>(decodeLittleEndian(&bytes[p], 2));
            const std::size_t size = decodeLittleEndian(&bytes[p + (v2 ? 1 : 2)], 2);
            p += messageHeaderBytes;
            if (size > end - p)
                break;
            const std::uint8_t* data = bytes.data() + p;
            if (type == kMsgSymbolTable)
                readSymbolTable(f, data, size, facts);
            else if (type == kMsgLink)
                readLink(f, data, size, facts);
            else if (type == kMsgAttribute && !facts.problem)
                facts.problem = attributeProblem(f, data, size);
            else if (type == kMsgDatatype && !facts.problem)
                facts.problem = datatypeProblem(data, size);
            else if (type == kMsgContinuation && size >= f.addrBytes + f.lengthBytes)
                pending.push_back({decodeLittleEndian(data, f.addrBytes),
                                   decodeLittleEndian(data + f.addrBytes, f.lengthBytes)});
            p += size;
        }
    }
    return facts;
}

/// The walk over one file: groups still to check, objects already seen.
class GroupWalk
{
public:
    explicit GroupWalk(const FileLayout& layout) : m_raw(layout) {}

    std::optional<std::string> run(std::uint64_t rootAddress)
    {
        m_pending.emplace_back("/", rootAddress);
        while (!m_pending.empty()) {
            auto [path, address] = std::move(m_pending.back());
            m_pending.pop_back();
            if (!m_seen.insert(address).second)
                continue; // a second hard link to an object already checked
            if (m_seen.size() > kMaxObjects)
                return "more than " + std::to_string(kMaxObjects) + " objects";
            if (!m_raw.contains(address, 16))
                return "the object '" + path + "' lies outside the file";
            const HeaderFacts facts = readHeader(m_raw, address);
            if (facts.problem)
                return "the object '" + path + "' has " + *facts.problem;
            if (facts.symbolTable) {
                if (auto problem =
                        checkSymbolTable(path, facts.symbolTable->first, facts.symbolTable->second))
                    return "the group '" + path + "' has " + *problem;
            }
            for (const auto& [name, child] : facts.hardLinks)
                m_pending.emplace_back(childPath(path, name), child);
        }
        return std::nullopt;
    }

private:
    static std::string childPath(const std::string& parent, const std::string& name)
    {
        return (parent == "/" ? parent : parent + "/") + name;
    }

    [[nodiscard]] bool nameAt(std::uint64_t offset) const
    {
        return offset < m_heap.size() &&
               std::memchr(m_heap.data() + offset, 0, m_heap.size() - offset) != nullptr;
    }

    /// Reads the local heap's data segment into m_heap, or says what is wrong with it.
    std::optional<std::string> loadHeap(std::uint64_t address)
    {
        const FileLayout& f = m_raw.layout();
        std::vector<std::uint8_t> bytes;
        const std::size_t headerBytes = 8 + 2 * f.lengthBytes + f.addrBytes;
        if (!m_raw.read(address, headerBytes, bytes))
            return "a name heap at address " + std::to_string(address) + " outside the file";
        if (!hasSignature(bytes, "HEAP") || bytes[4] != 0)
            return "no name heap at address " + std::to_string(address);
        const std::uint64_t dataBytes = decodeLittleEndian(&bytes[8], f.lengthBytes);
        const std::uint64_t freeList = decodeLittleEndian(&bytes[8 + f.lengthBytes], f.lengthBytes);
        const std::uint64_t dataAddress =
            decodeLittleEndian(&bytes[8 + 2 * f.lengthBytes], f.addrBytes);
        if (dataBytes > kMaxHeapBytes)
            return "a name heap of " + std::to_string(dataBytes) + " bytes";
        if (!m_raw.read(dataAddress, static_cast<std::size_t>(dataBytes), m_heap))
            return "a name heap whose " + std::to_string(dataBytes) + " bytes at address " +
                   std::to_string(dataAddress) + " lie outside the file";
        if (freeList != 1 && freeList >= dataBytes) // 1: H5HL_FREE_NULL, no free block
            return "a name heap whose free list starts outside it";
        return std::nullopt;
    }

    std::optional<std::string> checkSymbolTable(const std::string& path, std::uint64_t tree,
                                                std::uint64_t heap)
    {
        if (auto problem = loadHeap(heap))
            return problem;
        const FileLayout& f = m_raw.layout();
        const std::size_t twoK = 2 * f.groupInternalK;
        const std::size_t nodeBytes =
            8 + 2 * f.addrBytes + (twoK + 1) * f.lengthBytes + twoK * f.addrBytes;
        const std::size_t entryBytes = f.lengthBytes + f.addrBytes + 24;
        const std::size_t leafBytes = 8 + 2 * f.groupLeafK * entryBytes;
        std::vector<std::pair<std::uint64_t, int>> nodes{{tree, -1}}; // address, expected level
        std::vector<std::uint8_t> bytes;
        while (!nodes.empty()) {
            const auto [address, expected] = nodes.back();
            nodes.pop_back();
            if (++m_nodes > kMaxNodes)
                return std::string("more B-tree nodes than this program walks");
            if (!m_raw.read(address, nodeBytes, bytes))
                return "a B-tree node at address " + std::to_string(address) + " outside the file";
            const unsigned level = bytes[5];
            const std::size_t entries = decodeLittleEndian(&bytes[6], 2);
            if (!hasSignature(bytes, "TREE") || bytes[4] != 0 || level > kMaxTreeLevel ||
                (expected >= 0 && level != static_cast<unsigned>(expected)))
                return "no group B-tree node at address " + std::to_string(address);
            if (entries > twoK)
                return "a B-tree node of " + std::to_string(entries) + " entries (at most " +
                       std::to_string(twoK) + ")";
            const std::size_t keys = 8 + 2 * f.addrBytes;
            for (std::size_t k = 0; k <= entries; ++k) {
                const std::size_t at = keys + k * (f.lengthBytes + f.addrBytes);
                if (!nameAt(decodeLittleEndian(&bytes[at], f.lengthBytes)))
                    return std::string("a B-tree key outside its name heap");
                if (k == entries)
                    break;
                const std::uint64_t child =
                    decodeLittleEndian(&bytes[at + f.lengthBytes], f.addrBytes);
                if (level > 0)
                    nodes.emplace_back(child, static_cast<int>(level) - 1);
                else if (auto problem = checkLeaf(path, child, leafBytes, entryBytes))
                    return problem;
            }
        }
        return std::nullopt;
    }

    /// A symbol-table node: its entries' names in the heap, their objects queued.
    std::optional<std::string> checkLeaf(const std::string& path, std::uint64_t address,
                                         std::size_t leafBytes, std::size_t entryBytes)
    {
        const FileLayout& f = m_raw.layout();
        std::vector<std::uint8_t> bytes;
        if (++m_nodes > kMaxNodes)
            return std::string("more symbol-table nodes than this program walks");
        if (!m_raw.read(address, leafBytes, bytes))
            return "a symbol-table node at address " + std::to_string(address) +
                   " outside the file";
        if (!hasSignature(bytes, "SNOD") || bytes[4] != 1)
            return "no symbol-table node at address " + std::to_string(address);
        const std::size_t symbols = decodeLittleEndian(&bytes[6], 2);
        if (symbols > 2 * f.groupLeafK)
            return "a symbol-table node of " + std::to_string(symbols) + " entries (at most " +
                   std::to_string(2 * f.groupLeafK) + ")";
        for (std::size_t s = 0; s < symbols; ++s) {
            const std::size_t at = 8 + s * entryBytes;
            const std::uint64_t nameOffset = decodeLittleEndian(&bytes[at], f.lengthBytes);
            if (!nameAt(nameOffset))
                return std::string("a link name outside its name heap");
            const std::uint64_t object =
                decodeLittleEndian(&bytes[at + f.lengthBytes], f.addrBytes);
            const std::uint64_t cacheType =
                decodeLittleEndian(&bytes[at + f.lengthBytes + f.addrBytes], 4);
            if (cacheType == kCachedSoftLink) {
                if (!nameAt(decodeLittleEndian(&bytes[at + f.lengthBytes + f.addrBytes + 8], 4)))
                    return std::string("a soft link whose target lies outside its name heap");
                continue;
            }
            const auto* name = reinterpret_cast<const char*>(m_heap.data() + nameOffset);
            m_pending.emplace_back(childPath(path, name), object);
        }
        return std::nullopt;
    }

    RawFile m_raw;
    std::vector<std::pair<std::string, std::uint64_t>> m_pending; // path, object header address
    std::set<std::uint64_t> m_seen;
    std::vector<std::uint8_t> m_heap;
    std::size_t m_nodes = 0;
};

} // namespace

std::optional<std::string> groupStructureProblem(hid_t file)
{
    const Lock lock;
    const auto layout = layoutOf(file);
    if (!layout)
        return std::string("a file whose layout cannot be read");
    H5O_info_t root;
    if (H5Oget_info_by_name2(file, "/", &root, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
        return std::string("an unreadable root group");
    return GroupWalk(*layout).run(root.addr);
}

} // namespace insitu::hdf5
