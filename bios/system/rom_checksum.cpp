// rom_checksum: copy a ROM image and set one byte so that all bytes sum to zero modulo 256
// (the check the IBM PC/AT POST and option-ROM scan apply to BIOS and option ROMs).
// Usage: quartz_rom_checksum <input> <output> <offset>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s <input> <output> <checksum offset>\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open for reading\n", argv[1]);
    return 1;
  }
  std::vector<unsigned char> rom((std::istreambuf_iterator<char>(in)), {});
  const long offset = std::strtol(argv[3], nullptr, 0);
  if (offset < 0 || static_cast<size_t>(offset) >= rom.size()) {
    std::fprintf(stderr, "%s: checksum offset %ld is outside the %zu-byte image\n", argv[1],
                 offset, rom.size());
    return 1;
  }
  rom[offset] = 0;
  unsigned sum = 0;
  for (unsigned char b : rom) sum += b;
  rom[offset] = static_cast<unsigned char>(-sum & 0xFF);
  std::ofstream out(argv[2], std::ios::binary);
  out.write(reinterpret_cast<const char*>(rom.data()), static_cast<std::streamsize>(rom.size()));
  if (!out) {
    std::fprintf(stderr, "%s: cannot write\n", argv[2]);
    return 1;
  }
  return 0;
}
