#include <catch2/catch.hpp>

#include "tests/debugger/debugger_fixture.hpp"

using namespace quartz;
using namespace quartz::debugger;
using quartz::test::DebugFixture;

TEST_CASE("step into executes one instruction at a time, into a CALL") {
  DebugFixture f(test::call_program());
  REQUIRE(f.dbg->paused());
  CHECK(f.regs().ip == 0x0100);
  auto s = f.dbg->step_into();
  CHECK(s.kind == StopKind::kStep);
  CHECK(f.regs().ip == 0x0103);
  CHECK(f.regs().ax == 0x1234);
  f.dbg->step_into();  // the CALL: into the procedure, return address pushed
  CHECK(f.regs().ip == 0x010B);
  CHECK(f.regs().sp == 0x00FE);
  CHECK(f.dbg->peek(0x10000 + 0xFE) == 0x06);
  f.dbg->step_into(2);
  CHECK(f.regs().ip == 0x010F);
  CHECK(f.regs().bx == 0x5679);
}

TEST_CASE("step over runs a CALL to the next instruction") {
  DebugFixture f(test::call_program());
  f.dbg->step_into();
  auto s = f.dbg->step_over();
  CHECK(s.kind == StopKind::kStep);
  CHECK(f.regs().ip == 0x0106);
  CHECK(f.regs().bx == 0x5679);
  CHECK(f.regs().sp == 0x0100);
  // On an ordinary instruction step over is a single step.
  f.dbg->step_over();
  CHECK(f.regs().ip == 0x0107);
  CHECK(f.regs().ax == 0x1235);
}

TEST_CASE("step over a LOOP runs the whole loop") {
  DebugFixture f(test::loop_program());
  f.dbg->step_into(2);  // mov cx,5 ; inc dx
  REQUIRE(f.regs().ip == 0x0104);
  f.dbg->step_over();
  CHECK(f.regs().ip == 0x0106);
  CHECK(f.regs().cx == 0);
  CHECK(f.regs().dx == 5);
}

TEST_CASE("step out stops after the RET of the current procedure") {
  DebugFixture f(test::call_program());
  f.dbg->step_into(3);  // mov ax ; call ; mov bx
  REQUIRE(f.regs().ip == 0x010E);
  auto s = f.dbg->step_out();
  CHECK(s.kind == StopKind::kStep);
  CHECK(f.regs().ip == 0x0106);
  CHECK(f.regs().bx == 0x5679);
  CHECK(f.regs().sp == 0x0100);
}

TEST_CASE("run to address and step N cycles") {
  DebugFixture f(test::call_program());
  auto s = f.dbg->run_to(f.lin(0x0107));
  CHECK(s.kind == StopKind::kStep);
  CHECK(f.regs().ip == 0x0107);
  CHECK(f.regs().ax == 0x1235);

  DebugFixture g(test::loop_program());
  std::uint64_t c0 = g.machine->cpu().cycles();
  g.dbg->step_cycles(1);
  // At least one clock passed, and the stop is at an instruction boundary: exactly the
  // first instruction (MOV CX,imm16) ran.
  CHECK(g.machine->cpu().cycles() > c0);
  CHECK(g.regs().ip == 0x0103);
  std::uint64_t c1 = g.machine->cpu().cycles();
  g.dbg->step_cycles(c1 - c0 + 200);
  CHECK(g.machine->cpu().cycles() >= c1 + (c1 - c0) + 200);
}

TEST_CASE("history records executed instructions with registers and clocks") {
  DebugFixture f(test::loop_program());
  std::uint64_t c0 = f.machine->cpu().cycles();
  f.dbg->step_into(3);
  std::uint64_t c1 = f.machine->cpu().cycles();
  auto h = f.dbg->history();
  REQUIRE(h.size() == 3);
  CHECK(h[0].linear == f.lin(0x100));
  CHECK(h[1].linear == f.lin(0x103));
  CHECK(h[1].regs.cx == 5);  // registers before the instruction
  CHECK(h[2].linear == f.lin(0x104));
  CHECK(h[2].regs.dx == 1);
  // The clocks of the instructions add up to the elapsed CPU time.
  CHECK(h[0].cycles + h[1].cycles + h[2].cycles == c1 - c0);
  CHECK(f.dbg->last_cycles(f.lin(0x103)).value_or(0) == h[1].cycles);
  std::string text = f.dbg->execute("hist 2");
  CHECK(text.find("inc dx") != std::string::npos);
  CHECK(text.find("loop 0x0103") != std::string::npos);
}

TEST_CASE("cycle trace records the bus cycles of recent instructions") {
  DebugFixture f(test::call_program());
  f.dbg->set_trace_enabled(true, 512);
  f.dbg->step_into(2);
  auto t = f.dbg->trace();
  REQUIRE(!t.empty());
  // The CALL pushes the return address 0106h at SS:FFFE = 1000:00FE: a memory write
  // cycle with that address must be in the trace (808x: ALE marks the address).
  bool saw_push = false;
  for (auto& e : t)
    if (e.cycle.ale && (e.cycle.address & 0xFFFFF) == 0x100FE) saw_push = true;
  CHECK(saw_push);
  f.dbg->set_trace_enabled(false);
  CHECK(f.dbg->trace().empty());
}

TEST_CASE("pause stops a free run") {
  DebugFixture f(test::loop_program());
  f.dbg->step_into();
  CHECK(f.dbg->paused());
  auto s = f.dbg->run_for(seconds_to_ticks(0.01));  // ends at HLT: nothing to stop it
  CHECK(s.kind == StopKind::kNone);
  CHECK_FALSE(f.dbg->paused());
  // Between slices a pause takes effect at once, and the next step is exactly one
  // instruction.
  f.dbg->pause();
  CHECK(f.dbg->paused());
  CHECK(f.dbg->last_stop().kind == StopKind::kPause);
  std::uint64_t n = f.dbg->instructions();
  f.dbg->step_into();
  CHECK(f.dbg->instructions() == n + 1);
}

TEST_CASE("step over a REP string instruction runs all its iterations") {
  // 0100 B9 04 00   mov cx, 4
  // 0103 B0 AA      mov al, 0xaa
  // 0105 BF 00 02   mov di, 0x0200
  // 0108 F3 AA      rep stosb
  // 010A F4         hlt
  DebugFixture f({0xB9, 0x04, 0x00, 0xB0, 0xAA, 0xBF, 0x00, 0x02, 0xF3, 0xAA, 0xF4});
  f.dbg->step_into(3);
  REQUIRE(f.regs().ip == 0x0108);
  f.dbg->step_over();
  CHECK(f.regs().ip == 0x010A);
  CHECK(f.regs().cx == 0);
  CHECK(f.regs().di == 0x0204);
  for (std::uint32_t a = 0x10200; a < 0x10204; ++a) CHECK(f.dbg->peek(a) == 0xAA);
  CHECK(f.dbg->peek(0x10204) == 0x00);
}

TEST_CASE("the history ring keeps the newest N instructions") {
  DebugFixture f(test::loop_program());
  f.dbg->set_history_size(4);
  f.dbg->step_into(9);  // mov cx ; then (inc dx ; loop) x4
  auto h = f.dbg->history();
  REQUIRE(h.size() == 4);
  CHECK(h.front().index + 3 == h.back().index);
  CHECK(h.back().index == f.dbg->instructions() - 1);
  // The last one executed is the fourth LOOP (at 0104h), the one before it INC DX.
  CHECK(h.back().linear == f.lin(0x0104));
  CHECK(h[2].linear == f.lin(0x0103));
  CHECK(h[2].regs.dx == 3);
}
