// Option ROM finisher: pads the assembled VGA BIOS to its declared size (byte 2, in 512-byte
// blocks) and sets the last byte so that all bytes sum to 0 mod 256, as the system BIOS
// checks before calling an option ROM (IBM PC AT Technical Reference, option ROM scan).
// Usage: quartz_romsum <in.bin> <out.bin>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <in.bin> <out.bin>\n", argv[0]);
    return 2;
  }
  std::FILE* in = std::fopen(argv[1], "rb");
  if (!in) {
    std::fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 1;
  }
  std::vector<unsigned char> rom;
  int c;
  while ((c = std::fgetc(in)) != EOF) rom.push_back((unsigned char)c);
  std::fclose(in);
  if (rom.size() < 3 || rom[0] != 0x55 || rom[1] != 0xAA) {
    std::fprintf(stderr, "%s: not an option ROM (no 55AAh signature)\n", argv[1]);
    return 1;
  }
  std::size_t size = std::size_t(rom[2]) * 512;
  if (size < rom.size()) {
    std::fprintf(stderr, "%s: code is %zu bytes but the header declares %zu\n", argv[1],
                 rom.size(), size);
    return 1;
  }
  if (rom.size() == size && rom.back() != 0) {
    std::fprintf(stderr, "%s: no room for the checksum byte\n", argv[1]);
    return 1;
  }
  rom.resize(size, 0);
  unsigned sum = 0;
  for (std::size_t i = 0; i + 1 < size; ++i) sum += rom[i];
  rom[size - 1] = (unsigned char)(-sum & 0xFF);
  std::FILE* out = std::fopen(argv[2], "wb");
  if (!out || std::fwrite(rom.data(), 1, size, out) != size) {
    std::fprintf(stderr, "%s: cannot write\n", argv[2]);
    if (out) std::fclose(out);
    return 1;
  }
  std::fclose(out);
  return 0;
}
