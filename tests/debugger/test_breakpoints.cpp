#include <cstdio>
#include <filesystem>

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include "tests/debugger/debugger_fixture.hpp"

using namespace quartz;
using namespace quartz::debugger;
using quartz::test::DebugFixture;

namespace {
void set_int21(DebugFixture& f) {
  // IVT entry 21h at 0000:0084 -> 1000:0180 (offset first, then segment).
  f.dbg->poke(0x84, 0x80);
  f.dbg->poke(0x85, 0x01);
  f.dbg->poke(0x86, 0x00);
  f.dbg->poke(0x87, 0x10);
}
}  // namespace

TEST_CASE("execution breakpoint stops before the instruction, resumes past it") {
  DebugFixture f(test::call_program());
  CHECK(f.dbg->execute("bp 1000:010e").find("breakpoint 1") != std::string::npos);
  auto s = f.dbg->run_for(seconds_to_ticks(0.01));
  CHECK(s.kind == StopKind::kBreakpoint);
  CHECK(s.breakpoint == 1);
  CHECK(f.regs().ip == 0x010E);
  CHECK(f.regs().bx == 0x5678);  // not yet executed
  // Continuing does not stop again at the same place.
  s = f.dbg->run_for(seconds_to_ticks(0.01));
  CHECK(s.kind == StopKind::kNone);
  CHECK(f.regs().bx == 0x5679);
}

TEST_CASE("hit counts and conditions") {
  SECTION("break on the third hit") {
    DebugFixture f(test::loop_program());
    f.dbg->execute("bp 1000:0103 hits 3");
    auto s = f.dbg->run_for(seconds_to_ticks(0.01));
    REQUIRE(s.kind == StopKind::kBreakpoint);
    CHECK(f.regs().dx == 2);
    CHECK(f.regs().cx == 3);
    CHECK(f.dbg->breakpoints()[0].hits == 3);
  }
  SECTION("condition on a register") {
    DebugFixture f(test::loop_program());
    f.dbg->execute("bp 1000:0103 if cx == 2");
    auto s = f.dbg->run_for(seconds_to_ticks(0.01));
    REQUIRE(s.kind == StopKind::kBreakpoint);
    CHECK(f.regs().cx == 2);
    CHECK(f.regs().dx == 3);
  }
  SECTION("disabled breakpoints do not stop") {
    DebugFixture f(test::loop_program());
    f.dbg->execute("bp 1000:0103");
    f.dbg->execute("bd 1");
    auto s = f.dbg->run_for(seconds_to_ticks(0.01));
    CHECK(s.kind == StopKind::kNone);
    CHECK(f.regs().dx == 5);
  }
  SECTION("a bad condition is refused") {
    DebugFixture f(test::loop_program());
    std::string out = f.dbg->execute("bp 1000:0103 if cx ==");
    CHECK(out.find("error") != std::string::npos);
    CHECK(f.dbg->breakpoints().empty());
  }
}

TEST_CASE("memory write and read breakpoints stop after the accessing instruction") {
  DebugFixture f(test::access_program());
  set_int21(f);
  f.dbg->execute("bpm w 1000:0200 2");
  auto s = f.dbg->run_for(seconds_to_ticks(0.01));
  REQUIRE(s.kind == StopKind::kBreakpoint);
  CHECK(f.regs().ip == 0x0105);  // after MOV [0200h],AL
  CHECK(f.dbg->peek(0x10200) == 0x41);
  CHECK(f.dbg->changed(0x10200) == false);  // a stop takes a new snapshot

  f.dbg->clear_breakpoints();
  f.dbg->execute("bpm r 1000:0210");
  s = f.dbg->run_for(seconds_to_ticks(0.01));
  REQUIRE(s.kind == StopKind::kBreakpoint);
  CHECK(f.regs().ip == 0x010A);  // after MOV AL,[0210h]
  CHECK(f.regs().ax == 0x0000);
}

TEST_CASE("a memory read breakpoint ignores writes and other addresses") {
  DebugFixture f(test::access_program());
  set_int21(f);
  f.dbg->execute("bpm r 1000:0200");   // only written by the program
  f.dbg->execute("bpm w 1000:0300");   // never touched
  auto s = f.dbg->run_for(seconds_to_ticks(0.01));
  CHECK(s.kind == StopKind::kNone);
}

TEST_CASE("I/O port breakpoints") {
  DebugFixture f(test::access_program());
  set_int21(f);
  f.dbg->execute("bpio w 80");
  auto s = f.dbg->run_for(seconds_to_ticks(0.01));
  REQUIRE(s.kind == StopKind::kBreakpoint);
  CHECK(f.regs().ip == 0x0107);

  DebugFixture g(test::access_program());
  set_int21(g);
  g.dbg->execute("bpio r 60-64");  // the program only writes port 80h
  CHECK(g.dbg->run_for(seconds_to_ticks(0.01)).kind == StopKind::kNone);
}

TEST_CASE("interrupt breakpoints stop at the handler") {
  DebugFixture f(test::access_program());
  set_int21(f);
  f.dbg->execute("bpint 21");
  auto s = f.dbg->run_for(seconds_to_ticks(0.01));
  REQUIRE(s.kind == StopKind::kBreakpoint);
  CHECK(f.regs().cs == 0x1000);
  CHECK(f.regs().ip == 0x0180);
  CHECK(f.dbg->symbol(0x10180) == "INT 21h handler");
  auto lines = f.dbg->disassemble_around_pc(0, 0);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].symbol == "INT 21h handler");
  CHECK(lines[0].insn.text == "iret");
  CHECK(lines[0].current);
  // Step over an INT from before it.
  DebugFixture g(test::access_program());
  set_int21(g);
  g.dbg->run_to(g.lin(0x010A));
  g.dbg->step_over();
  CHECK(g.regs().ip == 0x010C);
}

TEST_CASE("condition on memory with a byte reference") {
  DebugFixture f(test::access_program());
  set_int21(f);
  f.dbg->execute("bp 1000:0107 if [ds:0x200] == 0x41 && al == 0x41");
  auto s = f.dbg->run_for(seconds_to_ticks(0.01));
  REQUIRE(s.kind == StopKind::kBreakpoint);
  CHECK(f.regs().ip == 0x0107);
}

TEST_CASE("register and memory editing through the command API") {
  DebugFixture f(test::call_program());
  std::string out = f.dbg->execute("r ax=beef zf=1");
  CHECK(f.regs().ax == 0xBEEF);
  CHECK((f.regs().flags & 0x40) != 0);
  CHECK(out.find("AX=BEEF") != std::string::npos);
  f.dbg->execute("r ip=106");  // skip to INC AX
  f.dbg->step_into();
  CHECK(f.regs().ax == 0xBEF0);
  f.dbg->execute("e 1000:0200 12 34");
  CHECK(f.dbg->peek(0x10200) == 0x12);
  CHECK(f.dbg->peek(0x10201) == 0x34);
  CHECK(f.dbg->changed(0x10200));
  CHECK(f.dbg->execute("x 1000:0200 2").find("12 34") != std::string::npos);
  CHECK(f.dbg->execute("r bogus=1").find("unknown register") != std::string::npos);
  // The stack view reads SS:SP upwards.
  f.dbg->execute("e 1000:0100 cd ab");
  f.dbg->execute("r sp=100");
  CHECK(f.dbg->execute("stack 1") == "1000:0100  ABCD\n");
}

TEST_CASE("session files save and restore breakpoints") {
  auto path = (std::filesystem::temp_directory_path() / "quartz_dbg_session.txt").string();
  {
    DebugFixture f(test::loop_program());
    f.dbg->execute("bp 1000:0103 hits 3 if cx > 1");
    f.dbg->execute("bpm rw 1000:0200 10");
    f.dbg->execute("bpio w 80-8f");
    f.dbg->execute("bpint 21");
    f.dbg->execute("bd 4");
    CHECK(f.dbg->execute(fmt::format("save {}", path)).find("saved") != std::string::npos);
  }
  DebugFixture g(test::loop_program());
  std::string err;
  REQUIRE(g.dbg->load_session(path, err));
  const auto& b = g.dbg->breakpoints();
  REQUIRE(b.size() == 4);
  CHECK(b[0].kind == BpKind::kExec);
  CHECK(b[0].lo == 0x10103);
  CHECK(b[0].hit_target == 3);
  CHECK(b[0].condition == "cx > 1");
  CHECK(b[1].kind == BpKind::kMemAccess);
  CHECK(b[1].lo == 0x10200);
  CHECK(b[1].hi == 0x1020F);
  CHECK(b[2].kind == BpKind::kIoWrite);
  CHECK(b[2].lo == 0x80);
  CHECK(b[2].hi == 0x8F);
  CHECK(b[3].kind == BpKind::kInterrupt);
  CHECK(b[3].lo == 0x21);
  CHECK_FALSE(b[3].enabled);
  std::remove(path.c_str());
  CHECK_FALSE(g.dbg->load_session(path, err));
  CHECK(err.find(path) != std::string::npos);
}
