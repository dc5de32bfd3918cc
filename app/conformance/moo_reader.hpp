#pragma once
// Reader for the MOO ("Machine Opcode Operation") test format of the SingleStepTests suites,
// version 1.x (summary: ../shared/testdata/sst/MOO.md). A file is a sequence of chunks
// (4-byte id, u32 length, payload), all little-endian; chunks nest. Gzip-compressed (.MOO.gz)
// and plain files are both accepted (zlib's gzread passes plain data through).
//
// Every read is bounds-checked. Malformed input throws MooError whose message names the file
// and the problem, e.g. "01.MOO.gz: truncated TEST chunk at offset 1234".
#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "cpu/cpu.hpp"

namespace quartz::conformance {

class MooError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Register order of the REGS chunk's presence bitmask (bit 0 = ax ... bit 13 = flags).
enum MooReg : unsigned {
  kAx, kBx, kCx, kDx, kCs, kSs, kDs, kEs, kSp, kBp, kSi, kDi, kIp, kFlags, kMooRegCount
};
inline constexpr std::array<const char*, kMooRegCount> kMooRegNames{
    "ax", "bx", "cx", "dx", "cs", "ss", "ds", "es", "sp", "bp", "si", "di", "ip", "flags"};

struct MooRegs {
  std::uint16_t present = 0;  // bit i set: value[i] was given
  std::array<std::uint16_t, kMooRegCount> value{};
  bool has(unsigned r) const { return (present >> r) & 1u; }
};

struct MooRamByte {
  std::uint32_t address = 0;
  std::uint8_t value = 0;
};

// What the captured CPU did on one clock, decoded from the 15-byte CYCL record into the
// core's own BusCycle so traces compare field by field.
struct MooCycle {
  BusCycle bus;
  std::uint8_t pins = 0;   // raw pin bitfield (bit0 ALE; 286: bit1 BHE#, bit2 READY, bit3 LOCK)
  std::uint8_t pins2 = 0;  // raw second pin field (bit0 BHE# on the 8086)
};

struct MooState {
  MooRegs regs;
  std::vector<MooRamByte> ram;
  std::vector<std::uint8_t> queue;
  bool has_queue = false;
};

struct MooTest {
  std::uint32_t position = 0;  // 0-based position in the file (the stored index may be 0)
  std::uint32_t stored_index = 0;
  std::string name;
  std::vector<std::uint8_t> bytes;
  MooState init, fina;
  std::vector<MooCycle> cycles;
  bool has_exception = false;  // EXCP chunk (286/386)
  std::uint8_t exception_number = 0;
  std::uint32_t exception_flag_address = 0;
  bool has_hash = false;
  std::array<std::uint8_t, 20> hash{};
  std::string hash_hex() const;
};

struct MooFile {
  std::string path;
  std::uint8_t major = 0, minor = 0;
  std::uint32_t declared_tests = 0;
  std::string cpu_id;  // "8086", "8088", "C286", "386E", ...
  bool has_meta = false;
  std::uint32_t meta_opcode = 0;
  std::string meta_mnemonic;
  std::vector<MooTest> tests;
};

// The CPU model a MOO header's CPU id names; false when it is not one we emulate.
bool moo_cpu_model(std::string_view cpu_id, CpuModel& out);

// Decodes MOO data already in memory. `display_name` prefixes error messages.
MooFile parse_moo(std::span<const std::uint8_t> data, const std::string& display_name);

// Reads (gunzipping if needed) and decodes a file. Errors name the file by its base name.
MooFile read_moo_file(const std::string& path);

// Reads a whole file through zlib (gzip or plain). Throws MooError naming the file on an
// unreadable path, a corrupt or truncated gzip stream.
std::vector<std::uint8_t> read_gz_file(const std::string& path);

}  // namespace quartz::conformance
