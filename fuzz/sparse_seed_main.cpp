// fuzz_sparse_seed: turns a file too large for libFuzzer's inputs into a sparse seed (its head
// and tail, and its real size; fuzz/sparse_input.h) for the fuzz corpus (scripts/fuzz.sh), or
// expands a sparse input (a finding) back into the file it stands for.
//   fuzz_sparse_seed FILE SEED [HEAD_KIB=512] [TAIL_KIB=256]
//   fuzz_sparse_seed --expand INPUT FILE

#include "sparse_input.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv)
{
    using namespace insitu::fuzz;
    if (argc == 4 && std::string(argv[1]) == "--expand") {
        std::ifstream in(argv[2], std::ios::binary);
        const std::vector<std::uint8_t> data{std::istreambuf_iterator<char>(in),
                                             std::istreambuf_iterator<char>()};
        if (!isSparseInput(data.data(), data.size()) ||
            !writeSparseFile(data.data(), data.size(), argv[3])) {
            std::cerr << "fuzz_sparse_seed: " << argv[2] << ": not a sparse input\n";
            return 2;
        }
        return 0;
    }
    if (argc < 3 || argc > 5) {
        std::cerr << "usage: fuzz_sparse_seed FILE SEED [HEAD_KIB] [TAIL_KIB] | --expand INPUT "
                     "FILE\n";
        return 2;
    }
    const std::size_t head = (argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 512) << 10;
    const std::size_t tail = (argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 256) << 10;
    try {
        const auto seed = sparseInputOf(argv[1], head, tail);
        std::ofstream(argv[2], std::ios::binary)
            .write(reinterpret_cast<const char*>(seed.data()),
                   static_cast<std::streamsize>(seed.size()));
    } catch (const std::exception& e) {
        std::cerr << "fuzz_sparse_seed: " << argv[1] << ": " << e.what() << "\n";
        return 2;
    }
    return 0;
}
