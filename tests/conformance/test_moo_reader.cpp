// MOO reader, JSON reader and metadata: checked against the samples the suites' READMEs print
// for the first test of 00.MOO.gz (8086/README.upstream.md, 80286/README.upstream.md) and
// against hand-built files with known layout.
#include <catch2/catch.hpp>

#include <filesystem>

#include "app/conformance/json_reader.hpp"
#include "app/conformance/moo_reader.hpp"
#include "app/conformance/sst_metadata.hpp"
#include "tests/conformance/moo_builder.hpp"

using namespace quartz;
using namespace quartz::conformance;
namespace fs = std::filesystem;

namespace {
std::string sst(const char* sub) { return (fs::path(QUARTZ_SST_DIR) / sub).string(); }
}  // namespace

TEST_CASE("8086 00.MOO.gz test 0 reads as the upstream README's sample") {
  MooFile f = read_moo_file(sst("8086/00.MOO.gz"));
  REQUIRE(f.cpu_id == "8086");
  REQUIRE(f.major == 1);
  REQUIRE(f.tests.size() == f.declared_tests);
  const MooTest& t = f.tests.at(0);
  CHECK(t.name == "add cl, ah");
  CHECK(t.bytes == std::vector<std::uint8_t>{0, 225});
  const auto& r = t.init.regs;
  CHECK(r.present == 0x3FFF);
  CHECK(r.value[kAx] == 13212);
  CHECK(r.value[kBx] == 45284);
  CHECK(r.value[kCx] == 47784);
  CHECK(r.value[kDx] == 43524);
  CHECK(r.value[kCs] == 59545);
  CHECK(r.value[kSs] == 61254);
  CHECK(r.value[kDs] == 3186);
  CHECK(r.value[kEs] == 55910);
  CHECK(r.value[kSp] == 63905);
  CHECK(r.value[kBp] == 14753);
  CHECK(r.value[kSi] == 42814);
  CHECK(r.value[kDi] == 0);
  CHECK(r.value[kIp] == 22673);
  CHECK(r.value[kFlags] == 64663);
  REQUIRE(t.init.ram.size() == 5);
  CHECK(t.init.ram[0].address == 975393);
  CHECK(t.init.ram[0].value == 0);
  CHECK(t.init.ram[1].value == 225);
  CHECK(t.init.queue == std::vector<std::uint8_t>{0, 225, 144, 144, 144});
  // FINA: only what changed.
  CHECK(t.fina.regs.present == ((1u << kCx) | (1u << kIp) | (1u << kFlags)));
  CHECK(t.fina.regs.value[kCx] == 47835);
  CHECK(t.fina.regs.value[kIp] == 22675);
  CHECK(t.fina.regs.value[kFlags] == 62598);
  CHECK(t.fina.queue == std::vector<std::uint8_t>{144, 144});
  // [0, 39987, "--", "---", "---", 0, 0, "PASV", "Ti", "F", 0]
  // [0, 39987, "--", "---", "---", 0, 0, "PASV", "Ti", "S", 225]
  // [1, 975398, "--", "---", "---", 0, 0, "CODE", "T1", "-", 0]
  REQUIRE(t.cycles.size() == 3);
  CHECK(t.cycles[0].bus.ale == 0);
  CHECK(t.cycles[0].bus.address == 39987);
  CHECK(t.cycles[0].bus.segment == 4);
  CHECK(t.cycles[0].bus.bus_status == 7);
  CHECK(t.cycles[0].bus.t_state == 0);
  CHECK(t.cycles[0].bus.queue_op == 1);
  CHECK(t.cycles[0].bus.queue_byte == 0);
  CHECK(t.cycles[1].bus.queue_op == 3);
  CHECK(t.cycles[1].bus.queue_byte == 225);
  CHECK(t.cycles[2].bus.ale == 1);
  CHECK(t.cycles[2].bus.address == 975398);
  CHECK(t.cycles[2].bus.bus_status == 6);
  CHECK(t.cycles[2].bus.t_state == 1);
  CHECK(t.cycles[2].bus.queue_op == 0);
}

TEST_CASE("80286 00.MOO.gz test 0 reads as the upstream README's sample") {
  MooFile f = read_moo_file(sst("80286/00.MOO.gz"));
  REQUIRE(f.cpu_id == "C286");
  CpuModel m{};
  REQUIRE(moo_cpu_model(f.cpu_id, m));
  CHECK(m == CpuModel::i80286);
  CHECK(f.has_meta);
  CHECK(f.meta_opcode == 0);
  const MooTest& t = f.tests.at(0);
  CHECK(t.name == "add [bx+0Eh],bl");
  CHECK(t.bytes == std::vector<std::uint8_t>{0, 95, 14, 244});
  CHECK(t.init.regs.value[kAx] == 715);
  CHECK(t.init.regs.value[kFlags] == 6291);
  CHECK(t.init.ram.size() == 11);
  CHECK(t.init.ram.back().address == 1075233);
  CHECK(t.init.ram.back().value == 222);
  CHECK_FALSE(t.init.has_queue);
  CHECK(t.fina.regs.value[kIp] == 38076);
  CHECK(t.fina.regs.value[kFlags] == 19);
  REQUIRE(t.fina.ram.size() == 1);
  CHECK(t.fina.ram[0].address == 1075233);
  CHECK(t.fina.ram[0].value == 1);
  REQUIRE(t.has_hash);
  CHECK(t.hash_hex() == "626be5084b331080eb08256c12a62d24afdf2a03");
  REQUIRE(t.cycles.size() == 19);
  // [13, 1086632, 0, 0, 65535, "CODE", 13, "Ts"]: pins 13 = ALE, BHE# low (active).
  CHECK(t.cycles[0].bus.ale == 1);
  CHECK(t.cycles[0].bus.bhe == 0);
  CHECK(t.cycles[0].bus.address == 1086632);
  CHECK(t.cycles[0].bus.bus_status == 13);
  CHECK(t.cycles[0].bus.t_state == 1);
  // [12, 1075233, 4, 0, 42603, "PASV", 7, "Tc"]
  CHECK(t.cycles[10].bus.address == 1075233);
  CHECK(t.cycles[10].bus.mem_status == 4);
  CHECK(t.cycles[10].bus.data == 42603);
  CHECK(t.cycles[10].bus.bus_status == 7);
  CHECK(t.cycles[10].bus.t_state == 2);
  // [14, 1086640, 0, 0, 12024, "PASV", 15, "Ti"]: pins 14 = BHE# high, no ALE.
  CHECK(t.cycles[8].bus.ale == 0);
  CHECK(t.cycles[8].bus.bhe == 1);
  CHECK(t.cycles[8].bus.t_state == 0);
  // [13, 2, 0, 0, 468, "HALT", 4, "Ts"]
  CHECK(t.cycles[18].bus.bus_status == 4);
  CHECK(t.cycles[18].bus.address == 2);
}

TEST_CASE("A hand-built plain (uncompressed) MOO file round-trips every field") {
  test::TempDir dir("plain");
  test::GenTest g;
  g.name = "test one";
  g.bytes = {0xF6, 0x30};
  for (int i = 0; i < 14; ++i) g.init_regs[i] = std::uint16_t(0x1111 * (i + 1));
  g.init_ram = {{0x12345, 0xF6}, {0x12346, 0x30}};
  g.init_queue = {0xF6, 0x30};
  g.fina_mask = (1u << kAx) | (1u << kFlags);
  g.fina_regs[kAx] = 0xBEEF;
  g.fina_regs[kFlags] = 0xF002;
  g.fina_ram = {{0x00400, 0x7E}};
  g.cycles = {{1, 0x12347, 4, 0, 0, 1, 0, 6, 1, 0, 0}, {0, 0x22347, 2, 4, 0, 0, 0xABCD, 7, 3, 3, 0x30}};
  g.excp = true;
  g.excp_number = 0;
  g.excp_flag_address = 0x2FFFE;
  g.hash = test::Bytes(20, 0xA5);
  test::write_plain(dir.path / "F6.6.MOO", test::moo_file({g, g}));

  MooFile f = read_moo_file((dir.path / "F6.6.MOO").string());
  REQUIRE(f.tests.size() == 2);
  const MooTest& t = f.tests[1];
  CHECK(t.position == 1);
  CHECK(t.stored_index == 1);
  CHECK(t.name == "test one");
  CHECK(t.init.regs.value[kFlags] == 0xEEEE);
  CHECK(t.fina.regs.value[kAx] == 0xBEEF);
  CHECK_FALSE(t.fina.regs.has(kBx));
  CHECK(t.fina.ram.at(0).address == 0x400);
  REQUIRE(t.cycles.size() == 2);
  CHECK(t.cycles[0].bus.bhe == 1);  // 8086: BHE# from the second pin field
  CHECK(t.cycles[1].bus.data == 0xABCD);
  CHECK(t.cycles[1].bus.queue_byte == 0x30);
  CHECK(t.has_exception);
  CHECK(t.exception_flag_address == 0x2FFFE);
  std::string a5;
  for (int i = 0; i < 20; ++i) a5 += "a5";
  CHECK(t.hash_hex() == a5);
}

TEST_CASE("Unknown chunks are skipped by their length") {
  test::GenTest g;
  g.cycles = {{1, 0x100, 4, 0, 0, 0, 0, 6, 1, 0, 0}};
  test::Bytes f = test::moo_file({g});
  // Splice an unknown top-level chunk between the header and the test.
  test::Bytes extra = test::chunk("ZZZZ", test::Bytes(7, 0x55));
  f.insert(f.begin() + 20, extra.begin(), extra.end());
  MooFile m = parse_moo(f, "x.MOO");
  REQUIRE(m.tests.size() == 1);
  CHECK(m.tests[0].cycles.at(0).bus.address == 0x100);
}

TEST_CASE("JSON reader: values, escapes and errors with offsets") {
  JsonValue v = parse_json(R"( {"a": [1, -2.5e1, true, false, null], "s": "x\"\u00e9\n", "o": {}} )");
  REQUIRE(v.is_object());
  const auto& a = v.find("a")->as_array();
  REQUIRE(a.size() == 5);
  CHECK(a[0].as_number() == 1);
  CHECK(a[1].as_number() == -25);
  CHECK(a[2].as_bool());
  CHECK(a[4].is_null());
  CHECK(v.find("s")->as_string() == "x\"\xC3\xA9\n");
  CHECK(v.find("o")->as_object().empty());
  CHECK(v.find("missing") == nullptr);

  CHECK_THROWS_WITH(parse_json("{\"a\": 1,}"), Catch::Contains("offset 8"));
  CHECK_THROWS_WITH(parse_json("[1, 2"), Catch::Contains("expected ',' or ']'"));
  CHECK_THROWS_WITH(parse_json("\"abc"), Catch::Contains("unterminated string"));
  CHECK_THROWS_WITH(parse_json("{} x"), Catch::Contains("after the JSON value"));
  CHECK_THROWS_AS(parse_json(""), JsonError);
  CHECK_THROWS_AS(parse_json(std::string(1000, '[')), JsonError);  // depth limit, no stack overflow
  CHECK(json_quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
}

TEST_CASE("Metadata: flags masks per opcode and per ModRM.reg") {
  SstMetadata md = SstMetadata::load(sst("8086/metadata.json"));
  CHECK(md.cpu() == "8086");
  CHECK(md.opcode_count() == 256);
  // Values as listed in 8086/metadata.json.
  CHECK(md.flags_mask("00") == 0xFFFF);          // no undefined flags
  CHECK(md.flags_mask("08") == 65519);           // OR: AF undefined
  CHECK(md.flags_mask("F6.6") == 63274);         // DIV: o..szapc
  CHECK(md.flags_mask("f6.4") == 65323);         // MUL: ...szap. (key case-insensitive)
  CHECK(md.flags_mask("D3.6") == 63274);         // SETMO-class shift: o..szapc
  CHECK(md.flags_mask("F6.2") == 0xFFFF);        // NOT: nothing undefined
  CHECK(md.status("F6.1") == "alias");
  CHECK(md.status("D3.6") == "undocumented");
  CHECK(md.flags_mask("ZZ") == 0xFFFF);          // unknown key: compare every flag

  SstMetadata md286 = SstMetadata::load(sst("80286/metadata.json"));
  CHECK(md286.flags_mask("D3.4") == 63470);      // 286 SHL: o....a.c
  CHECK(md286.status("0F") == "extension");
}

TEST_CASE("Revocation list: hashes, comments and blank lines") {
  auto s = parse_revocation_list("# comment\n\nABCDEF0123  \n  0011 # trailing\r\n");
  CHECK(s == std::set<std::string>{"abcdef0123", "0011"});
  // The bundled 286 list holds only comments.
  CHECK(load_revocation_list(sst("80286/revocation_list.txt")).empty());
  CHECK(load_revocation_list(sst("8086/revocation_list.txt")).empty());  // absent: empty
}

TEST_CASE("Every bundled MOO file parses completely") {
  for (const char* sub : {"8086", "80286"}) {
    std::size_t files = 0, tests = 0;
    for (const auto& e : fs::directory_iterator(sst(sub))) {
      std::string name = e.path().filename().string();
      if (name.find(".MOO") == std::string::npos) continue;
      MooFile f = read_moo_file(e.path().string());
      INFO(name);
      CHECK(f.tests.size() == f.declared_tests);
      CHECK_FALSE(f.tests.empty());
      ++files;
      tests += f.tests.size();
    }
    INFO(sub);
    CHECK(files > 300);
    CHECK(tests > 100000);
  }
}

TEST_CASE("Damaged MOO data never crashes the reader: it parses or throws MooError") {
  test::GenTest g;
  g.init_ram = {{0x100, 0x90}, {0x101, 0x90}};
  g.init_queue = {0x90};
  g.fina_mask = 1u << kIp;
  g.fina_ram = {{0x100, 0x90}};
  g.cycles = {{0, 0, 4, 0, 0, 0, 0, 7, 0, 1, 0x90}, {1, 0x101, 4, 0, 0, 0, 0, 6, 1, 0, 0}};
  g.hash = test::Bytes(20, 1);
  const test::Bytes good = test::moo_file({g, g, g});
  REQUIRE(parse_moo(good, "good.MOO").tests.size() == 3);
  std::size_t parsed = 0, rejected = 0;
  auto attempt = [&](const test::Bytes& d) {
    try {
      parse_moo(d, "x.MOO");
      ++parsed;
    } catch (const MooError& e) {
      CHECK_THAT(e.what(), Catch::StartsWith("x.MOO: "));
      ++rejected;
    }
  };
  // Every truncation: only the complete file may parse.
  for (std::size_t n = 0; n < good.size(); ++n) attempt(test::Bytes(good.begin(), good.begin() + std::ptrdiff_t(n)));
  CHECK(parsed == 0);
  CHECK(rejected == good.size());
  // Every single-byte corruption (three values per position, including length fields).
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (std::uint8_t x : {std::uint8_t(0x01), std::uint8_t(0x80), std::uint8_t(0xFF)}) {
      test::Bytes d = good;
      d[i] ^= x;
      attempt(d);
    }
  }
  CHECK(parsed + rejected == good.size() * 4);
}
