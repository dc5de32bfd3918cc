// Bad input: each broken file or path gives one clear line naming the file and the problem,
// exit status 2, and never a crash. Files are generated here with zlib in a temp folder.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/conformance/moo_reader.hpp"
#include "app/conformance/sst_runner.hpp"
#include "tests/conformance/moo_builder.hpp"

using namespace quartz;
using namespace quartz::conformance;
namespace fs = std::filesystem;

namespace {

test::GenTest simple_test() {
  test::GenTest g;
  g.init_ram = {{0x100, 0x90}};
  g.init_queue = {0x90};
  g.cycles = {{0, 0, 4, 0, 0, 0, 0, 7, 0, 1, 0x90}, {1, 0x101, 4, 0, 0, 0, 0, 6, 1, 0, 0}};
  return g;
}

// Runs the CLI in-process on the given arguments; returns its exit status.
int cli(std::vector<std::string> words) {
  std::vector<std::string_view> args(words.begin(), words.end());
  return app::cmd_conformance(args);
}

// Runs the real binary; returns {exit status, combined output}.
std::pair<int, std::string> run_binary(const std::string& args) {
  std::string cmd = std::string(QUARTZ_BUILD_DIR) + "/quartz conformance " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), int(buf.size()), p)) out += buf.data();
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// Expects run_sst on `path` to fail with a MooError whose message contains `what`, and the
// CLI to exit with status 2 printing exactly one line that contains it.
void expect_bad_input(const fs::path& path, const std::string& what) {
  RunOptions o;
  o.inputs = {path.string()};
  o.model = CpuModel::i8086;
  o.threads = 1;
  CHECK_THROWS_WITH(run_sst(o), Catch::Contains(what));
  CHECK(cli({"sst", "--cpu", "8086", path.string()}) == app::kExitUsage);
  auto [status, out] = run_binary("sst --cpu 8086 '" + path.string() + "'");
  CHECK(status == app::kExitUsage);
  CHECK_THAT(out, Catch::StartsWith("quartz conformance: "));
  CHECK_THAT(out, Catch::Contains(what));
  CHECK(std::count(out.begin(), out.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("Truncated TEST chunk: names the file, the chunk and its offset") {
  test::TempDir dir("trunc");
  test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
  test::Bytes f = test::moo_file({simple_test(), simple_test()});
  // The first TEST chunk starts right after the 20-byte MOO header chunk; cut inside it.
  f.resize(20 + 30);
  test::write_gz(dir.path / "01.MOO.gz", f);
  expect_bad_input(dir.path / "01.MOO.gz", "01.MOO.gz: truncated TEST chunk at offset 20");
}

TEST_CASE("File cut at a chunk boundary: fewer tests than the header declares") {
  test::TempDir dir("short");
  test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
  test::Bytes one = test::moo_file({simple_test()});
  test::Bytes two = test::moo_file({simple_test(), simple_test()});
  two.resize(one.size());  // header says 2, one whole TEST follows
  test::write_gz(dir.path / "02.MOO.gz", two);
  expect_bad_input(dir.path / "02.MOO.gz", "02.MOO.gz: header declares 2 tests but the file holds 1");
}

TEST_CASE("Truncated sub-chunk inside a test") {
  test::TempDir dir("sub");
  test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
  test::Bytes f = test::moo_file({simple_test()});
  // Corrupt the CYCL count so it claims more records than the chunk holds.
  const char id[] = "CYCL";
  auto it = std::search(f.begin(), f.end(), id, id + 4);
  REQUIRE(it != f.end());
  std::size_t at = std::size_t(it - f.begin()) + 8;
  f[at] = 200;
  test::write_gz(dir.path / "03.MOO.gz", f);
  expect_bad_input(dir.path / "03.MOO.gz", "03.MOO.gz: truncated CYCL chunk at offset");
}

TEST_CASE("Not a MOO file") {
  test::TempDir dir("notmoo");
  test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
  test::write_text(dir.path / "04.MOO", "hello, this is not a test file\n");
  expect_bad_input(dir.path / "04.MOO", "04.MOO: not a MOO file");
  test::write_gz(dir.path / "05.MOO.gz", test::Bytes{'M', 'O', 'O'});
  expect_bad_input(dir.path / "05.MOO.gz", "05.MOO.gz: not a MOO file");
}

TEST_CASE("Corrupt and truncated gzip streams") {
  test::TempDir dir("gz");
  test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
  test::write_gz(dir.path / "good.MOO.gz", test::moo_file({simple_test(), simple_test()}));
  test::Bytes gz = test::read_all(dir.path / "good.MOO.gz");
  REQUIRE(gz.size() > 40);

  test::Bytes cut(gz.begin(), gz.begin() + std::ptrdiff_t(gz.size() / 2));
  test::write_plain(dir.path / "06.MOO.gz", cut);
  expect_bad_input(dir.path / "06.MOO.gz", "06.MOO.gz: truncated or corrupt gzip data");

  test::Bytes bad = gz;
  for (std::size_t i = 12; i < bad.size() - 8; ++i) bad[i] ^= 0x5A;  // keep the gzip header
  test::write_plain(dir.path / "07.MOO.gz", bad);
  expect_bad_input(dir.path / "07.MOO.gz", "07.MOO.gz: ");
  RunOptions o;
  o.inputs = {(dir.path / "07.MOO.gz").string()};
  o.model = CpuModel::i8086;
  CHECK_THROWS_WITH(run_sst(o), Catch::Contains("gzip"));
}

TEST_CASE("Unreadable paths") {
  test::TempDir dir("paths");
  expect_bad_input(dir.path / "missing.MOO.gz", "missing.MOO.gz: no such file or folder");
  // A folder holding no MOO files.
  expect_bad_input(dir.path, "no MOO files in this folder");
#ifndef _WIN32
  if (::geteuid() != 0) {  // root reads everything, so the permission case needs a user
    test::write_gz(dir.path / "08.MOO.gz", test::moo_file({simple_test()}));
    test::write_text(dir.path / "metadata.json", test::kMinimalMetadata);
    fs::permissions(dir.path / "08.MOO.gz", fs::perms::none);
    expect_bad_input(dir.path / "08.MOO.gz", "08.MOO.gz: cannot open for reading");
  }
#endif
}

TEST_CASE("Missing or malformed metadata.json") {
  test::TempDir dir("meta");
  test::write_gz(dir.path / "09.MOO.gz", test::moo_file({simple_test()}));
  expect_bad_input(dir.path / "09.MOO.gz", "metadata.json: missing metadata.json");
  test::write_text(dir.path / "metadata.json", "{\"opcodes\": {\"00\": {\"flags-mask\": 5,}}}");
  expect_bad_input(dir.path / "09.MOO.gz", "metadata.json: malformed JSON (");
  test::write_text(dir.path / "metadata.json", "{\"opcodes\": {\"00\": {\"flags-mask\": \"x\"}}}");
  expect_bad_input(dir.path / "09.MOO.gz", "metadata.json: opcodes.00 has a bad flags-mask");
}

TEST_CASE("Command-line errors exit 2 with one line") {
  CHECK(cli({}) == app::kExitUsage);
  CHECK(cli({"nosuchsuite"}) == app::kExitUsage);
  CHECK(cli({"sst"}) == app::kExitUsage);  // no input and no --cpu
  CHECK(cli({"sst", "--cpu", "9999"}) == app::kExitUsage);
  CHECK(cli({"sst", "--cpu", "8088"}) == app::kExitUsage);  // no bundled 8088 suite
  CHECK(cli({"sst", "--show-failures", "many"}) == app::kExitUsage);
  CHECK(cli({"sst", "--threads", "0"}) == app::kExitUsage);
  CHECK(cli({"sst", "--json"}) == app::kExitUsage);
  CHECK(cli({"sst", "--bogus"}) == app::kExitUsage);
  CHECK(cli({"sst", "--failures", "sometimes"}) == app::kExitUsage);
  CHECK(cli({"sst", "--help"}) == app::kExitOk);
  CHECK(cli({"sst", "--cpu", "8086", "--check-baseline", "/nonexistent/b.json"}) ==
        app::kExitUsage);
  auto [status, out] = run_binary("sst --cpu 8086 --check-baseline /nonexistent/b.json");
  CHECK(status == app::kExitUsage);
  CHECK(out == "quartz conformance: /nonexistent/b.json: no such baseline file\n");
}
