#pragma once
// Writes small MOO files for the conformance tests (layout per ../shared/testdata/sst/MOO.md),
// so the reader and runner can be checked on exact, hand-made data and on broken files.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <random>

#include <unistd.h>
#include <zlib.h>

namespace quartz::test {

using Bytes = std::vector<std::uint8_t>;

inline void put16(Bytes& b, std::uint16_t v) {
  b.push_back(std::uint8_t(v));
  b.push_back(std::uint8_t(v >> 8));
}
inline void put32(Bytes& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(std::uint8_t(v >> (8 * i)));
}
inline Bytes chunk(const char* id, const Bytes& payload) {
  Bytes b(id, id + 4);
  put32(b, std::uint32_t(payload.size()));
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}
inline void append(Bytes& to, const Bytes& from) { to.insert(to.end(), from.begin(), from.end()); }

struct GenCycle {
  std::uint8_t pins = 0;
  std::uint32_t address = 0;
  std::uint8_t segment = 4, mem = 0, io = 0, pins2 = 0;
  std::uint16_t data = 0;
  std::uint8_t status = 7, t = 0, qop = 0, qbyte = 0;
};

struct GenTest {
  std::string name = "nop";
  Bytes bytes{0x90};
  std::uint16_t init_regs[14] = {};  // ax bx cx dx cs ss ds es sp bp si di ip flags
  std::vector<std::pair<std::uint32_t, std::uint8_t>> init_ram, fina_ram;
  Bytes init_queue;
  bool with_queue = true;
  std::uint16_t fina_mask = 0;
  std::uint16_t fina_regs[14] = {};
  std::vector<GenCycle> cycles;
  bool excp = false;
  std::uint8_t excp_number = 0;
  std::uint32_t excp_flag_address = 0;
  Bytes hash;  // 20 bytes, or empty for none
};

inline Bytes regs_chunk(std::uint16_t mask, const std::uint16_t* v) {
  Bytes p;
  put16(p, mask);
  for (int i = 0; i < 14; ++i)
    if (mask >> i & 1) put16(p, v[i]);
  return chunk("REGS", p);
}
inline Bytes ram_chunk(const std::vector<std::pair<std::uint32_t, std::uint8_t>>& ram) {
  Bytes p;
  put32(p, std::uint32_t(ram.size()));
  for (auto [a, v] : ram) {
    put32(p, a);
    p.push_back(v);
  }
  return chunk("RAM ", p);
}
inline Bytes counted(const char* id, const Bytes& data) {
  Bytes p;
  put32(p, std::uint32_t(data.size()));
  append(p, data);
  return chunk(id, p);
}

inline Bytes test_chunk(const GenTest& t, std::uint32_t index) {
  Bytes p;
  put32(p, index);
  append(p, counted("NAME", Bytes(t.name.begin(), t.name.end())));
  append(p, counted("BYTS", t.bytes));
  Bytes init;
  append(init, regs_chunk(0x3FFF, t.init_regs));
  append(init, ram_chunk(t.init_ram));
  if (t.with_queue) append(init, counted("QUEU", t.init_queue));
  append(p, chunk("INIT", init));
  Bytes fina;
  append(fina, regs_chunk(t.fina_mask, t.fina_regs));
  append(fina, ram_chunk(t.fina_ram));
  append(p, chunk("FINA", fina));
  Bytes cyc;
  put32(cyc, std::uint32_t(t.cycles.size()));
  for (const auto& c : t.cycles) {
    cyc.push_back(c.pins);
    put32(cyc, c.address);
    cyc.push_back(c.segment);
    cyc.push_back(c.mem);
    cyc.push_back(c.io);
    cyc.push_back(c.pins2);
    put16(cyc, c.data);
    cyc.push_back(c.status);
    cyc.push_back(c.t);
    cyc.push_back(c.qop);
    cyc.push_back(c.qbyte);
  }
  append(p, chunk("CYCL", cyc));
  if (t.excp) {
    Bytes e{t.excp_number};
    put32(e, t.excp_flag_address);
    append(p, chunk("EXCP", e));
  }
  if (!t.hash.empty()) append(p, chunk("HASH", t.hash));
  return chunk("TEST", p);
}

inline Bytes moo_file(const std::vector<GenTest>& tests, const char* cpu = "8086") {
  Bytes hdr{1, 0, 0, 0};
  put32(hdr, std::uint32_t(tests.size()));
  hdr.insert(hdr.end(), cpu, cpu + 4);
  Bytes f = chunk("MOO ", hdr);
  for (std::size_t i = 0; i < tests.size(); ++i) append(f, test_chunk(tests[i], std::uint32_t(i)));
  return f;
}

inline void write_plain(const std::filesystem::path& p, const Bytes& data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
}
inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}
inline void write_gz(const std::filesystem::path& p, const Bytes& data) {
  gzFile gz = gzopen(p.string().c_str(), "wb");
  gzwrite(gz, data.data(), unsigned(data.size()));
  gzclose(gz);
}
inline Bytes read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A fresh, empty folder under the system temp dir, removed when the object dies.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag) {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("quartz-conformance-" + tag + "-" + std::to_string(::getpid()) + "-" +
            std::to_string(rd()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline const char* kMinimalMetadata =
    R"({"cpu": "8086", "opcodes": {"90": {"status": "normal"},
        "F6": {"reg": {"6": {"status": "normal", "flags": "o..szapc", "flags-mask": 63274}}},
        "08": {"status": "normal", "flags": ".....a..", "flags-mask": 65519}}})";

}  // namespace quartz::test
