#include "app/conformance/sst_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <exception>
#include <filesystem>
#include <set>
#include <thread>

#include <fmt/core.h>

#include "app/conformance/moo_reader.hpp"
#include "app/conformance/report.hpp"
#include "app/conformance/sst_compare.hpp"
#include "app/conformance/sst_metadata.hpp"

namespace quartz::conformance {

namespace fs = std::filesystem;

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool ends_with_ci(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return upper(s.substr(s.size() - suffix.size())) == upper(std::string(suffix));
}

bool is_moo_name(const std::string& name) {
  return ends_with_ci(name, ".MOO") || ends_with_ci(name, ".MOO.GZ");
}

// `filter` is a comma-separated list; "F6" selects F6 and F6.0-F6.7, "F6.6" only that file.
bool matches_filter(const std::string& key, const std::string& filter) {
  if (filter.empty()) return true;
  std::size_t pos = 0;
  while (pos <= filter.size()) {
    std::size_t end = filter.find(',', pos);
    if (end == std::string::npos) end = filter.size();
    std::string f = upper(filter.substr(pos, end - pos));
    if (!f.empty() && (key == f || (key.size() > f.size() && key.compare(0, f.size(), f) == 0 &&
                                    key[f.size()] == '.')))
      return true;
    pos = end + 1;
  }
  return false;
}

// Collects the clocks the core reports during conformance_step(). A core that never ends the
// instruction would otherwise hang the run: past `limit` clocks the sink throws.
struct RunawayTest : std::runtime_error {
  using std::runtime_error::runtime_error;
};
class TraceCollector : public CycleTraceSink {
 public:
  std::vector<BusCycle> cycles;
  std::size_t limit = 0;
  void on_cycle(const BusCycle& c) override {
    if (cycles.size() >= limit)
      throw RunawayTest(fmt::format("no end of instruction after {} clocks", limit));
    cycles.push_back(c);
  }
};

struct Side {
  SstMetadata metadata;
  std::set<std::string> revoked;
};

struct FileResult {
  std::string key;
  PassCounts counts;
  std::uint64_t revoked = 0;
  std::uint64_t cycle_failures = 0, capture_signature = 0;
  std::map<std::string, std::uint64_t> first_bus_diff;
  std::vector<std::string> failures;
  std::string warning;
  std::exception_ptr error;
};

// One worker: a Bus and a Cpu reused for every test of every file it takes. It watches every
// memory write (BusObserver on all pages) so it can restore exactly the bytes a test changed,
// whatever the core's trace says.
class Worker : public BusObserver {
 public:
  Worker(CpuModel model, const CpuFactory& factory, std::size_t keep_failures, FailureKind kind)
      : model_(model),
        factory_(factory),
        bus_(model == CpuModel::i80286 ? 24 : 20),
        keep_failures_(keep_failures),
        kind_(kind) {
    // The suites assume RAM over the whole address space (1 MiB, or 16 MiB on the 286),
    // no wait states and I/O reads of FFh (no responder: the bus floats high).
    bus_.map_ram(0, model == CpuModel::i80286 ? 16u << 20 : 1u << 20);
    // The 808x captures list only the instruction's bytes; the harness answered every later
    // code fetch with NOP (8086 README, "Instruction Prefetching"), so memory a test does not
    // list reads 90h. The 286 captures list every fetched byte, so there it stays zero.
    background_ = model == CpuModel::i80286 ? 0x00 : 0x90;
    if (background_) std::fill_n(bus_.ram(), bus_.ram_size(), background_);
    bus_.set_observer(this);
    for (std::uint32_t a = 0; a < bus_.ram_size(); a += Bus::kPageSize)
      bus_.watch_debug_page(a, false, true);
  }

  void on_mem_write(std::uint32_t phys, std::uint8_t) override { written_.push_back(phys); }

  void run_file(const std::string& path, const Side& side, std::optional<std::uint32_t> only,
                FileResult& out) {
    MooFile f = read_moo_file(path);
    CpuModel captured{};
    if (moo_cpu_model(f.cpu_id, captured) && captured != model_) {
      out.warning = fmt::format("{} holds {} captures, run here as the {}",
                                fs::path(path).filename().string(), f.cpu_id, cpu_model_name(model_));
    }
    // The core is made once the first file has parsed, so a bad input file is reported as
    // such whether or not this build has a core for the model.
    if (!cpu_) {
      cpu_ = factory_(model_, bus_);
      if (!cpu_) {
        throw RunError(fmt::format("no CPU core for the {} in this build", cpu_model_name(model_)));
      }
      cpu_->set_trace(&trace_);
    }
    out.key = opcode_key_of(path);
    std::uint16_t mask = side.metadata.flags_mask(out.key);
    for (const MooTest& t : f.tests) {
      if (only && t.position != *only) continue;
      if (t.has_hash && !side.revoked.empty() && side.revoked.count(t.hash_hex())) {
        ++out.revoked;
        continue;
      }
      run_test(out.key, t, mask, out);
    }
  }

 private:
  void run_test(const std::string& key, const MooTest& t, std::uint16_t mask, FileResult& out) {
    const std::uint32_t amask = bus_.address_mask();
    for (const auto& b : t.init.ram) bus_.poke8(b.address & amask, b.value);
    written_.clear();

    trace_.cycles.clear();
    trace_.limit = t.cycles.size() * 4 + 4096;
    std::string error;
    CpuState actual{};
    try {
      cpu_->conformance_begin(initial_state(model_, t), t.init.queue);
      cpu_->conformance_step();
      actual = cpu_->state();
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "exception without a message";
    } catch (...) {
      error = "non-standard exception";
    }

    StateDiff sd = compare_state(model_, t, mask, actual,
                                 [&](std::uint32_t a) { return bus_.peek8(a); });
    bool state_ok = error.empty() && sd.ok();
    bool cycles_ok = error.empty() && trace_.cycles.size() == t.cycles.size();
    std::optional<PushedFlags> pushed;
    if (auto fa = pushed_flags_address(model_, t)) pushed = PushedFlags{*fa, mask};
    const std::optional<std::uint32_t> halt_at = terminating_halt_address(model_, t);
    TraceDiff td = compare_traces(model_, t.cycles, trace_.cycles, pushed, halt_at);
    bool bus_ok = error.empty() && td.ok();

    ++out.counts.tests;
    out.counts.state_pass += state_ok;
    out.counts.cycles_pass += cycles_ok;
    out.counts.bus_pass += bus_ok;
    if (!bus_ok && error.empty()) ++out.first_bus_diff[std::string(bus_field_name(td.field))];
    if (!bus_ok && !error.empty()) ++out.first_bus_diff["core error"];
    const bool signature = !cycles_ok && error.empty() &&
                           capture_signature(model_, t.cycles, trace_.cycles, td, pushed, halt_at);
    if (!cycles_ok && error.empty()) {
      ++out.cycle_failures;
      out.capture_signature += signature;
    }

    bool report = false;
    switch (kind_) {
      case FailureKind::kAny: report = !state_ok || !cycles_ok || !bus_ok; break;
      case FailureKind::kState: report = !state_ok; break;
      case FailureKind::kCycles: report = !cycles_ok; break;
      case FailureKind::kBus: report = !bus_ok; break;
      case FailureKind::kAll: report = true; break;
      case FailureKind::kUnexplained:
        report = !state_ok || (!bus_ok && !signature);
        break;
    }
    if (report && out.failures.size() < keep_failures_) {
      FailureContext fc;
      fc.model = model_;
      fc.file_key = key;
      fc.test = &t;
      fc.flags_mask = mask;
      fc.actual = actual;
      fc.state = sd;
      fc.cycles_ok = cycles_ok;
      fc.bus = td;
      fc.pushed_flags = pushed;
      fc.halt_at = halt_at;
      fc.actual_cycles = trace_.cycles;
      fc.error = error;
      if (error.empty()) fc.actual_queue = cpu_->queue();
      out.failures.push_back(format_failure(fc));
    }

    // Return memory to the background value for the next test: the bytes the test set up
    // and every byte the core wrote.
    for (const auto& b : t.init.ram) bus_.poke8(b.address & amask, background_);
    for (std::uint32_t a : written_) bus_.poke8(a, background_);
  }

  CpuModel model_;
  const CpuFactory& factory_;
  Bus bus_;
  std::unique_ptr<Cpu> cpu_;
  TraceCollector trace_;
  std::size_t keep_failures_;
  FailureKind kind_;
  std::uint8_t background_ = 0;
  std::vector<std::uint32_t> written_;
};

}  // namespace

std::string opcode_key_of(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  if (ends_with_ci(name, ".gz")) name.resize(name.size() - 3);
  if (ends_with_ci(name, ".MOO")) name.resize(name.size() - 4);
  return upper(name);
}

std::vector<std::string> collect_moo_files(const std::vector<std::string>& inputs,
                                           const std::string& filter) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> here;
      for (const auto& e : fs::directory_iterator(in, ec)) {
        std::string name = e.path().filename().string();
        if (e.is_regular_file() && is_moo_name(name)) here.push_back(e.path().string());
      }
      if (ec) throw MooError(fmt::format("{}: cannot list folder ({})", in, ec.message()));
      if (here.empty()) throw MooError(fmt::format("{}: no MOO files in this folder", in));
      std::sort(here.begin(), here.end());
      for (auto& p : here)
        if (matches_filter(opcode_key_of(p), filter)) files.push_back(std::move(p));
    } else if (fs::exists(in, ec)) {
      if (matches_filter(opcode_key_of(in), filter)) files.push_back(in);
    } else {
      throw MooError(fmt::format("{}: no such file or folder", in));
    }
  }
  return files;
}

RunResult run_sst(const RunOptions& opts) {
  auto t0 = std::chrono::steady_clock::now();
  if (opts.inputs.empty()) throw RunError("no MOO files or folders given");
  std::vector<std::string> files = collect_moo_files(opts.inputs, opts.opcode_filter);
  if (files.empty()) {
    throw RunError(fmt::format("no test file matches opcode '{}'", opts.opcode_filter));
  }

  RunResult result;
  if (opts.model) {
    result.model = *opts.model;
  } else {
    MooFile first = read_moo_file(files.front());
    if (!moo_cpu_model(first.cpu_id, result.model)) {
      throw MooError(fmt::format("{}: CPU '{}' is not emulated (use --cpu)",
                                 fs::path(files.front()).filename().string(), first.cpu_id));
    }
  }

  // metadata.json (required) and revocation_list.txt (optional) live beside the files.
  std::map<std::string, Side> sides;
  std::vector<const Side*> side_of(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string dir = fs::path(files[i]).parent_path().string();
    auto it = sides.find(dir);
    if (it == sides.end()) {
      fs::path d = dir.empty() ? fs::path(".") : fs::path(dir);
      Side s{SstMetadata::load((d / "metadata.json").string()),
             load_revocation_list((d / "revocation_list.txt").string())};
      it = sides.emplace(dir, std::move(s)).first;
    }
    side_of[i] = &it->second;
  }

  CpuFactory factory = opts.factory ? opts.factory : CpuFactory(make_cpu);
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = unsigned(std::min<std::size_t>(threads, files.size()));

  std::vector<FileResult> per_file(files.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::vector<std::exception_ptr> worker_errors(threads);

  auto work = [&](unsigned id) {
    try {
      std::size_t keep = opts.show_failures;
      if (opts.failures_per_opcode) keep = std::min(keep, opts.failures_per_opcode);
      Worker w(result.model, factory, keep, opts.show_kind);
      for (;;) {
        if (stop) return;
        std::size_t i = next++;
        if (i >= files.size()) return;
        try {
          w.run_file(files[i], *side_of[i], opts.only_test, per_file[i]);
        } catch (...) {
          per_file[i].error = std::current_exception();
          stop = true;
          return;
        }
      }
    } catch (...) {
      worker_errors[id] = std::current_exception();
      stop = true;
    }
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }
  for (auto& e : worker_errors)
    if (e) std::rethrow_exception(e);
  for (auto& f : per_file)
    if (f.error) std::rethrow_exception(f.error);

  std::size_t mismatched = 0;
  std::string first_mismatch;
  for (auto& f : per_file) {
    result.opcodes[f.key].add(f.counts);
    result.total.add(f.counts);
    result.revoked_skipped += f.revoked;
    result.cycle_failures += f.cycle_failures;
    result.capture_signature += f.capture_signature;
    for (const auto& [k, v] : f.first_bus_diff) {
      result.first_bus_diff[k] += v;
      result.opcode_bus_diff[f.key][k] += v;
    }
    if (!f.warning.empty()) {
      if (mismatched++ == 0) first_mismatch = f.warning;
    }
    for (auto& s : f.failures)
      if (result.failures.size() < opts.show_failures) result.failures.push_back(std::move(s));
  }
  if (mismatched == 1) result.warnings.push_back(first_mismatch);
  if (mismatched > 1)
    result.warnings.push_back(fmt::format("{} (and {} more files)", first_mismatch, mismatched - 1));
  result.files = files.size();
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace quartz::conformance
