// `quartz conformance sst` end to end with the real core on a small slice of the 8086 suite:
// report files, the baseline options and their exit statuses.
#include <catch2/catch.hpp>

#include <filesystem>

#include "app/commands.hpp"
#include "app/conformance/baseline.hpp"
#include "app/conformance/report.hpp"
#include "tests/conformance/moo_builder.hpp"

using namespace quartz;
using namespace quartz::conformance;
namespace fs = std::filesystem;

namespace {
int cli(std::vector<std::string> words) {
  std::vector<std::string_view> args(words.begin(), words.end());
  return app::cmd_conformance(args);
}
std::string slurp(const fs::path& p) {
  auto b = test::read_all(p);
  return std::string(b.begin(), b.end());
}
}  // namespace

TEST_CASE("CLI writes JSON and Markdown reports and keeps the baseline ratchet") {
  test::TempDir dir("cli");
  const std::string json = (dir.path / "r.json").string();
  const std::string md = (dir.path / "r.md").string();
  const std::string base = (dir.path / "base.json").string();
  const std::vector<std::string> run = {"sst", "--cpu", "8086", "--opcode", "90,F8", "--threads", "1"};
  auto with = [&](std::vector<std::string> extra) {
    auto v = run;
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  };

  int status = cli(with({"--json", json, "--markdown", md}));
  CHECK((status == app::kExitOk || status == app::kExitFailure));
  Baseline r = parse_baseline(slurp(json), json);
  CHECK(r.cpu == "8086");
  REQUIRE(r.opcodes.size() == 2);
  CHECK(r.opcodes.at("90").tests == 1000);
  CHECK(r.opcodes.at("F8").tests == 1000);
  CHECK(r.total.tests == 2000);
  CHECK_THAT(slurp(md), Catch::Contains("| 90 | 1000 |"));

  // A new baseline file is created from the run, and the run then holds it.
  CHECK(cli(with({"--update-baseline", base})) == app::kExitOk);
  Baseline b = parse_baseline(slurp(base), base);
  CHECK(b.opcodes == r.opcodes);
  CHECK(cli(with({"--check-baseline", base})) == app::kExitOk);

  // A baseline above what the core reaches is a regression: exit 1, and no update.
  Baseline raised = b;
  raised.opcodes["90"].state_pass = 1001;
  RunResult fake;
  fake.opcodes = raised.opcodes;
  fake.total = raised.total;
  test::write_text(base, format_json(fake));
  CHECK(cli(with({"--check-baseline", base})) == app::kExitFailure);
  CHECK(cli(with({"--update-baseline", base})) == app::kExitFailure);
  CHECK(parse_baseline(slurp(base), base).opcodes.at("90").state_pass == 1001);  // untouched

  // Reports to an unwritable place: exit 2.
  CHECK(cli(with({"--json", (dir.path / "no" / "such" / "dir.json").string()})) == app::kExitUsage);
}
