#include "app/conformance/moo_reader.hpp"

#include <cstring>
#include <filesystem>

#include <fmt/core.h>
#include <zlib.h>

namespace quartz::conformance {

namespace {

std::string base_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string chunk_name(const std::uint8_t* id) {
  std::string s;
  for (int i = 0; i < 4; ++i) {
    char c = char(id[i]);
    s += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// A bounds-checked view of part of the file; `base` is its offset in the whole file so
// messages point at the real byte.
class Reader {
 public:
  Reader(std::span<const std::uint8_t> d, std::size_t base, const std::string& file,
         std::string what)
      : d_(d), base_(base), file_(file), what_(std::move(what)) {}

  std::size_t remaining() const { return d_.size() - pos_; }
  std::size_t offset() const { return base_ + pos_; }
  bool done() const { return pos_ >= d_.size(); }

  [[noreturn]] void truncated() const {
    throw MooError(fmt::format("{}: truncated {} at offset {}", file_, what_, offset()));
  }
  void need(std::size_t n) const {
    if (remaining() < n) truncated();
  }
  std::uint8_t u8() {
    need(1);
    return d_[pos_++];
  }
  std::uint16_t u16() {
    need(2);
    std::uint16_t v = std::uint16_t(d_[pos_] | (d_[pos_ + 1] << 8));
    pos_ += 2;
    return v;
  }
  std::uint32_t u32() {
    need(4);
    std::uint32_t v = std::uint32_t(d_[pos_]) | (std::uint32_t(d_[pos_ + 1]) << 8) |
                      (std::uint32_t(d_[pos_ + 2]) << 16) | (std::uint32_t(d_[pos_ + 3]) << 24);
    pos_ += 4;
    return v;
  }
  std::span<const std::uint8_t> bytes(std::size_t n) {
    need(n);
    auto s = d_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  void skip(std::size_t n) { bytes(n); }

  // Next chunk header; returns its payload as a sub-reader named after the chunk.
  struct Chunk chunk();

  const std::string& file() const { return file_; }

 private:
  std::span<const std::uint8_t> d_;
  std::size_t pos_ = 0;
  std::size_t base_;
  const std::string& file_;
  std::string what_;
};

struct Chunk {
  std::array<std::uint8_t, 4> id;
  std::size_t offset;
  Reader body;
};

Chunk Reader::chunk() {
  std::size_t at = offset();
  if (remaining() < 8) {
    throw MooError(fmt::format("{}: truncated chunk header at offset {}", file_, at));
  }
  std::array<std::uint8_t, 4> id{};
  std::memcpy(id.data(), d_.data() + pos_, 4);
  pos_ += 4;
  std::uint32_t len = u32();
  std::string name = chunk_name(id.data()) + " chunk";
  if (remaining() < len) {
    throw MooError(fmt::format("{}: truncated {} at offset {} (needs {} bytes, {} left)", file_,
                               name, at, len, remaining()));
  }
  Reader body(d_.subspan(pos_, len), base_ + pos_, file_, name);
  pos_ += len;
  return Chunk{id, at, body};
}

bool is_id(const std::array<std::uint8_t, 4>& id, const char* s) {
  return std::memcmp(id.data(), s, 4) == 0;
}

// A length-prefixed block inside a chunk (NAME, BYTS, QUEU: u32 length, then the bytes).
std::span<const std::uint8_t> counted_bytes(Reader& r) {
  std::uint32_t n = r.u32();
  return r.bytes(n);
}

void read_regs(Reader& r, MooRegs& regs) {
  regs.present = r.u16();
  for (unsigned i = 0; i < kMooRegCount; ++i)
    if (regs.has(i)) regs.value[i] = r.u16();
  // Bits 14-15 name no register in the format: treat a file that sets them as corrupt
  // rather than silently misreading the rest.
  if (regs.present >> kMooRegCount) {
    throw MooError(fmt::format("{}: REGS chunk at offset {} has unknown register bits {:#06x}",
                               r.file(), r.offset(), regs.present));
  }
}

void read_state(Reader& r, MooState& st) {
  while (!r.done()) {
    auto c = r.chunk();
    if (is_id(c.id, "REGS")) {
      read_regs(c.body, st.regs);
    } else if (is_id(c.id, "RAM ")) {
      std::uint32_t n = c.body.u32();
      if (std::size_t(n) * 5 > c.body.remaining()) c.body.truncated();
      st.ram.reserve(n);
      for (std::uint32_t i = 0; i < n; ++i) {
        MooRamByte b;
        b.address = c.body.u32();
        b.value = c.body.u8();
        st.ram.push_back(b);
      }
    } else if (is_id(c.id, "QUEU")) {
      auto q = counted_bytes(c.body);
      st.queue.assign(q.begin(), q.end());
      st.has_queue = true;
    }
    // RG32, EA32, RMSK, ...: 386 state or masks we do not use; skipped by length.
  }
}

void read_cycles(Reader& r, std::vector<MooCycle>& out, bool is286) {
  std::uint32_t n = r.u32();
  constexpr std::size_t kRecord = 15;
  if (std::size_t(n) * kRecord > r.remaining()) r.truncated();
  out.resize(n);
  for (auto& c : out) {
    c.pins = r.u8();
    c.bus.address = r.u32();
    c.bus.segment = r.u8();
    c.bus.mem_status = r.u8();
    c.bus.io_status = r.u8();
    c.pins2 = r.u8();
    c.bus.data = r.u16();
    c.bus.bus_status = r.u8();
    c.bus.t_state = r.u8();
    c.bus.queue_op = r.u8();
    c.bus.queue_byte = r.u8();
    c.bus.ale = c.pins & 1;
    // BHE# is pins bit 1 on the 286 but the separate pins2 bit 0 on the 8086 (MOO.md).
    c.bus.bhe = is286 ? (c.pins >> 1) & 1 : c.pins2 & 1;
  }
}

MooTest read_test(Reader& r, std::uint32_t position, bool is286) {
  MooTest t;
  t.position = position;
  t.stored_index = r.u32();
  while (!r.done()) {
    auto c = r.chunk();
    if (is_id(c.id, "NAME")) {
      auto s = counted_bytes(c.body);
      t.name.assign(s.begin(), s.end());
    } else if (is_id(c.id, "BYTS")) {
      auto s = counted_bytes(c.body);
      t.bytes.assign(s.begin(), s.end());
    } else if (is_id(c.id, "INIT")) {
      read_state(c.body, t.init);
    } else if (is_id(c.id, "FINA")) {
      read_state(c.body, t.fina);
    } else if (is_id(c.id, "CYCL")) {
      read_cycles(c.body, t.cycles, is286);
    } else if (is_id(c.id, "EXCP")) {
      t.has_exception = true;
      t.exception_number = c.body.u8();
      t.exception_flag_address = c.body.u32();
    } else if (is_id(c.id, "HASH")) {
      auto h = c.body.bytes(20);
      std::memcpy(t.hash.data(), h.data(), 20);
      t.has_hash = true;
    }
    // GMET (generator metadata) and future chunks: skipped by length.
  }
  // INIT must give every register: the test's starting state is otherwise undefined.
  if (t.init.regs.present != (1u << kMooRegCount) - 1) {
    throw MooError(fmt::format("{}: test {} ({}) lacks a complete INIT REGS chunk", r.file(),
                               position, t.name));
  }
  return t;
}

}  // namespace

std::string MooTest::hash_hex() const {
  std::string s;
  for (auto b : hash) s += fmt::format("{:02x}", b);
  return s;
}

bool moo_cpu_model(std::string_view id, CpuModel& out) {
  if (id == "8086") { out = CpuModel::i8086; return true; }
  if (id == "8088") { out = CpuModel::i8088; return true; }
  if (id == "C286" || id == "286" || id == "80286") { out = CpuModel::i80286; return true; }
  return false;
}

MooFile parse_moo(std::span<const std::uint8_t> data, const std::string& name) {
  MooFile f;
  f.path = name;
  Reader top(data, 0, name, "file");
  if (data.size() < 8 || std::memcmp(data.data(), "MOO ", 4) != 0) {
    throw MooError(fmt::format("{}: not a MOO file (no 'MOO ' header chunk)", name));
  }
  auto hdr = top.chunk();
  f.major = hdr.body.u8();
  f.minor = hdr.body.u8();
  hdr.body.skip(2);
  f.declared_tests = hdr.body.u32();
  auto id = hdr.body.bytes(4);
  f.cpu_id = chunk_name(id.data());
  if (f.major != 1) {
    throw MooError(fmt::format("{}: unsupported MOO version {}.{} (this reader knows 1.x)", name,
                               f.major, f.minor));
  }
  CpuModel m{};
  bool is286 = moo_cpu_model(f.cpu_id, m) && m == CpuModel::i80286;

  std::uint32_t position = 0;
  while (!top.done()) {
    auto c = top.chunk();
    if (is_id(c.id, "TEST")) {
      f.tests.push_back(read_test(c.body, position++, is286));
    } else if (is_id(c.id, "META")) {
      f.has_meta = true;
      c.body.skip(3);  // major, minor, cpu_type
      f.meta_opcode = c.body.u32();
      auto mn = c.body.bytes(8);
      f.meta_mnemonic.assign(mn.begin(), mn.end());
      while (!f.meta_mnemonic.empty() &&
             (f.meta_mnemonic.back() == ' ' || f.meta_mnemonic.back() == '\0'))
        f.meta_mnemonic.pop_back();
    }
  }
  if (f.tests.size() != f.declared_tests) {
    throw MooError(fmt::format("{}: header declares {} tests but the file holds {}", name,
                               f.declared_tests, f.tests.size()));
  }
  return f;
}

// zlib's gzerror() text is "<path>: <problem>"; our messages name the file already.
static std::string gz_problem(gzFile gz, const std::string& path, int* err) {
  const char* msg = gzerror(gz, err);
  std::string what = msg && *msg ? msg : "read error";
  if (what.rfind(path + ": ", 0) == 0) what.erase(0, path.size() + 2);
  return what;
}

std::vector<std::uint8_t> read_gz_file(const std::string& path) {
  std::string name = base_name(path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw MooError(fmt::format("{}: no such file", path));
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw MooError(fmt::format("{}: is a directory, not a MOO file", path));
  }
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) throw MooError(fmt::format("{}: cannot open for reading", path));
  std::vector<std::uint8_t> out;
  std::uint8_t buf[1 << 16];
  for (;;) {
    int n = gzread(gz, buf, sizeof buf);
    if (n < 0) {
      int err = 0;
      std::string what = gz_problem(gz, path, &err);
      gzclose(gz);
      throw MooError(fmt::format("{}: corrupt gzip data ({})", name, what));
    }
    if (n == 0) break;
    out.insert(out.end(), buf, buf + n);
  }
  // A gzip stream cut short reads as a clean end of file; zlib reports it only here.
  int err = 0;
  std::string what = gz_problem(gz, path, &err);
  if (err != Z_OK && err != Z_STREAM_END) {
    gzclose(gz);
    throw MooError(fmt::format("{}: truncated or corrupt gzip data ({})", name, what));
  }
  gzclose(gz);
  return out;
}

MooFile read_moo_file(const std::string& path) {
  auto data = read_gz_file(path);
  MooFile f = parse_moo(data, base_name(path));
  f.path = path;
  return f;
}

}  // namespace quartz::conformance
