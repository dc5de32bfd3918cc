// 80286 shutdown, I/O privilege and LOADALL on the core. Expected behaviour:
//  - shutdown: 80286 PRM 11.6 (a HALT bus cycle with A1 = 0, HLT drives address 2; NMI or
//    RESET ends it, INTR is ignored), PRM 9.8 (a fault while delivering a double fault), the
//    80286 datasheet's real-mode "Shutdown" paragraph (exception 8 or 13 beyond the IDT
//    limit; an odd SP wrapping the stack; NMI leaves shutdown only with IDT limit >= 0Fh and
//    SP > 5) and PRM appendix B, INT ("shut down if SP = 1, 3, or 5");
//  - I/O privilege: PRM 10.3 and appendix B (IN, OUT, INS, OUTS, CLI, STI: #GP(0) when
//    CPL > IOPL; POPF/IRET change IOPL only at CPL 0 and IF only when CPL <= IOPL);
//  - LOADALL: the 102-byte table at 800h (Intel's LOADALL note; Ralf Brown's list).
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "cpu/cpu.hpp"
#include "memory/bus.hpp"
#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kStatusHalt = 4;  // 286 status code in the trace (MOO encoding)

struct Recorder : TraceRecorder {
  std::vector<std::uint32_t> halt_addresses() const {
    std::vector<std::uint32_t> out;
    for (const auto& c : cycles)
      if (c.ale && c.bus_status == kStatusHalt) out.push_back(c.address);
    return out;
  }
};

// A 286 with 24 address lines and 2 MiB of RAM (LOADALL reaches above 1 MiB).
struct Rig24 {
  Bus bus{24};
  std::unique_ptr<Cpu> cpu;
  Rig24() {
    bus.map_ram(0, 2u << 20);
    cpu = make_cpu(CpuModel::i80286, bus);
  }
  void load(std::uint32_t at, std::initializer_list<std::uint8_t> bytes) {
    for (std::uint8_t b : bytes) bus.poke8(at++, b);
  }
  void w16(std::uint32_t at, std::uint16_t v) {
    bus.poke8(at, std::uint8_t(v));
    bus.poke8(at + 1, std::uint8_t(v >> 8));
  }
  std::uint16_t r16(std::uint32_t at) const {
    return std::uint16_t(bus.peek8(at) | (bus.peek8(at + 1) << 8));
  }
  void descriptor(std::uint32_t at, std::uint16_t limit, std::uint32_t base,
                  std::uint8_t access) {
    w16(at, limit);
    w16(at + 2, std::uint16_t(base));
    bus.poke8(at + 4, std::uint8_t(base >> 16));
    bus.poke8(at + 5, access);
    w16(at + 6, 0);
  }
  // Starts at 1000:0000 with LOADALL (0F 05) there.
  void start_with_loadall() {
    load(0x10000, {0x0F, 0x05});
    CpuState s;
    s.cs = 0x1000;
    s.ss = 0x2000;
    s.sp = 0x100;
    cpu->set_state(s);
  }
  int run_to_halt(int limit = 1000) {
    int n = 0;
    while (!cpu->halted() && n++ < limit) cpu->step();
    return n;
  }
  // Word at SS:SP+off through the SS descriptor cache (protected mode).
  std::uint16_t stack(unsigned off) const {
    const CpuState s = cpu->state();
    return r16(s.seg_cache[2].base + std::uint16_t(s.sp + off));
  }
};

// The LOADALL table (offsets from 800h as documented; caches: 24-bit base, access, limit).
struct LoadallTable {
  std::uint16_t msw = 0xFFF0, tr = 0, flags = 0x0002, ip = 0, ldtr = 0;
  std::uint16_t ds = 0, ss = 0, cs = 0, es = 0;
  std::uint16_t di = 0, si = 0, bp = 0, sp = 0, bx = 0, dx = 0, cx = 0, ax = 0;
  SegmentCache es_c{}, cs_c{}, ss_c{}, ds_c{}, ldt_c{0, 0, 0, false}, tss_c{0, 0, 0, false};
  DescriptorTableReg gdtr{0, 0}, idtr{0, 0x3FF};

  void write(Rig24& r) const {
    const std::uint32_t t = 0x800;
    for (unsigned i = 0; i < 102; ++i) r.bus.poke8(t + i, 0);
    r.w16(t + 0x06, msw);
    r.w16(t + 0x16, tr);
    r.w16(t + 0x18, flags);
    r.w16(t + 0x1A, ip);
    r.w16(t + 0x1C, ldtr);
    r.w16(t + 0x1E, ds);
    r.w16(t + 0x20, ss);
    r.w16(t + 0x22, cs);
    r.w16(t + 0x24, es);
    r.w16(t + 0x26, di);
    r.w16(t + 0x28, si);
    r.w16(t + 0x2A, bp);
    r.w16(t + 0x2C, sp);
    r.w16(t + 0x2E, bx);
    r.w16(t + 0x30, dx);
    r.w16(t + 0x32, cx);
    r.w16(t + 0x34, ax);
    cache(r, t + 0x36, es_c.base, es_c.access, es_c.limit);
    cache(r, t + 0x3C, cs_c.base, cs_c.access, cs_c.limit);
    cache(r, t + 0x42, ss_c.base, ss_c.access, ss_c.limit);
    cache(r, t + 0x48, ds_c.base, ds_c.access, ds_c.limit);
    cache(r, t + 0x4E, gdtr.base, 0, gdtr.limit);
    cache(r, t + 0x54, ldt_c.base, ldt_c.access, ldt_c.limit);
    cache(r, t + 0x5A, idtr.base, 0, idtr.limit);
    cache(r, t + 0x60, tss_c.base, tss_c.access, tss_c.limit);
  }
  static void cache(Rig24& r, std::uint32_t at, std::uint32_t base, std::uint8_t access,
                    std::uint16_t limit) {
    r.bus.poke8(at, std::uint8_t(base));
    r.bus.poke8(at + 1, std::uint8_t(base >> 8));
    r.bus.poke8(at + 2, std::uint8_t(base >> 16));
    r.bus.poke8(at + 3, access);
    r.w16(at + 4, limit);
  }
};

SegmentCache seg(std::uint32_t base, std::uint8_t access, std::uint16_t limit = 0xFFFF) {
  return SegmentCache{base, limit, access, true};
}

// A protected-mode world entered with LOADALL: GDT at 1000h (08h ring-0 code at 20000h,
// 10h ring-0 data at 30000h, 18h ring-3 code at 40000h, 20h ring-3 data at 50000h), IDT at
// 2000h with an interrupt gate for #GP (13) to 0008:0000, TSS at 3100h with SS0:SP0 =
// 0010:1000. The ring-0 #GP handler pops the error code into SI and halts.
LoadallTable ring3_world(Rig24& r, std::uint16_t flags) {
  r.descriptor(0x1008, 0xFFFF, 0x20000, 0x9A);
  r.descriptor(0x1010, 0xFFFF, 0x30000, 0x92);
  r.descriptor(0x1018, 0xFFFF, 0x40000, 0xFA);
  r.descriptor(0x1020, 0xFFFF, 0x50000, 0xF2);
  r.w16(0x2000 + 13 * 8, 0x0000);   // gate offset
  r.w16(0x2000 + 13 * 8 + 2, 0x08); // gate selector
  r.bus.poke8(0x2000 + 13 * 8 + 4, 0);
  r.bus.poke8(0x2000 + 13 * 8 + 5, 0x86);  // present, DPL 0, interrupt gate
  r.w16(0x3100 + 2, 0x1000);  // SP0
  r.w16(0x3100 + 4, 0x0010);  // SS0
  r.load(0x20000, {0x5E, 0xF4});  // POP SI; HLT
  LoadallTable t;
  t.msw = 0xFFF1;
  t.gdtr = {0x1000, 0x27};
  t.idtr = {0x2000, 0x7F};
  t.tr = 0x28;
  t.tss_c = seg(0x3100, 0x81, 0x2B);
  t.cs = 0x1B;
  t.cs_c = seg(0x40000, 0xFB);
  t.ss = t.ds = t.es = 0x23;
  t.ss_c = t.ds_c = t.es_c = seg(0x50000, 0xF3);
  t.sp = 0x0800;
  t.flags = flags;
  t.write(r);
  return t;
}

}  // namespace

// --- shutdown ------------------------------------------------------------------------------

TEST_CASE("286 protected mode: a fault while delivering #DF shuts down (HALT cycle, address 0)",
          "[cpu][286][shutdown]") {
  Rig24 r;
  LoadallTable t;
  t.msw = 0xFFF1;
  t.idtr = {0x2000, 0x0000};  // no gate fits: INT 3 -> #GP -> #DF -> shutdown
  t.cs = 0x08;
  t.cs_c = seg(0x40000, 0x9B);
  t.ss = 0x10;
  t.ss_c = seg(0x50000, 0x93);
  t.sp = 0x100;
  t.flags = 0x0202;
  t.write(r);
  r.load(0x40000, {0xCC});  // INT 3
  r.start_with_loadall();
  Recorder rec;
  r.cpu->set_trace(&rec);
  StopReason why = r.cpu->run(r.cpu->cycles() + 2000);
  CHECK(why == StopReason::kShutdown);
  CHECK(r.cpu->halted());
  // INTR is ignored in shutdown (PRM 11.6), even with IF set.
  r.cpu->set_intr(true);
  why = r.cpu->run(r.cpu->cycles() + 500);
  CHECK(why == StopReason::kHalted);
  r.cpu->set_trace(nullptr);
  const auto halts = rec.halt_addresses();
  REQUIRE(halts.size() == 1);
  CHECK(halts[0] == 0u);
  const CpuState s = r.cpu->state();
  CHECK(s.cs == 0x08);
  CHECK(s.ip == 0x0000);  // nothing was delivered: still at the INT 3
  CHECK(s.sp == 0x100);
  // NMI forces the CPU out of shutdown; delivering it fails the same way: shutdown again.
  r.cpu->set_intr(false);
  r.cpu->set_nmi(true);
  why = r.cpu->run(r.cpu->cycles() + 2000);
  CHECK(why == StopReason::kShutdown);
  // RESET ends shutdown.
  r.cpu->reset();
  CHECK_FALSE(r.cpu->halted());
  CHECK(r.cpu->run(r.cpu->cycles() + 50) == StopReason::kBudget);
}

TEST_CASE("286 HLT is a HALT cycle at address 2 and reports kHalted, not a shutdown",
          "[cpu][286][shutdown]") {
  CpuRig r(CpuModel::i80286);
  CpuState s;
  s.sp = 0x100;
  r.start({0xF4}, s);
  Recorder rec;
  r.cpu->set_trace(&rec);
  CHECK(r.cpu->run(r.cpu->cycles() + 200) == StopReason::kHalted);
  r.cpu->set_trace(nullptr);
  REQUIRE(rec.halt_addresses().size() == 1);
  CHECK(rec.halt_addresses()[0] == 2u);
}

TEST_CASE("286 real mode: INT beyond the IDT limit raises exception 8 at the INT",
          "[cpu][286][shutdown]") {
  CpuRig r(CpuModel::i80286);
  r.load(0x700, {0x23, 0x00, 0x00, 0x00, 0x00, 0x00});  // limit 23h: vectors 0-8
  r.hlt_vector(8);
  CpuState s;
  s.sp = 0x100;
  r.start({0x0F, 0x01, 0x1E, 0x00, 0x07,  // LIDT [0700h]
           0xCD, 0x40,                    // INT 40h (beyond the limit)
           0xF4},
          s);
  r.run_to_halt(20);
  const CpuState e = r.cpu->state();
  CHECK(e.cs == 0x0050);
  CHECK(e.ip == 0x0011);      // after the HLT at 0050:0010
  CHECK(r.stack(0) == 0x0005);  // the INT 40h itself ("return address before instruction")
  CHECK(r.stack(2) == 0x1000);
}

TEST_CASE("286 real mode: exception 8 beyond the IDT limit shuts down", "[cpu][286][shutdown]") {
  CpuRig r(CpuModel::i80286);
  r.load(0x700, {0x00, 0x00, 0x00, 0x00, 0x00, 0x00});  // limit 0
  CpuState s;
  s.sp = 0x100;
  r.start({0x0F, 0x01, 0x1E, 0x00, 0x07,  // LIDT [0700h]
           0xCC,                          // INT 3
           0xF4},
          s);
  Recorder rec;
  r.cpu->set_trace(&rec);
  CHECK(r.cpu->run(r.cpu->cycles() + 2000) == StopReason::kShutdown);
  // IDT limit below 0Fh: NMI cannot end this shutdown, only RESET (datasheet).
  r.cpu->set_nmi(true);
  CHECK(r.cpu->run(r.cpu->cycles() + 500) == StopReason::kHalted);
  r.cpu->set_trace(nullptr);
  REQUIRE(rec.halt_addresses().size() == 1);
  CHECK(rec.halt_addresses()[0] == 0u);
  CHECK(r.cpu->state().sp == 0x100);  // nothing pushed
}

TEST_CASE("286 real mode: exception 13 beyond the limit shuts down and NMI resumes at its handler",
          "[cpu][286][shutdown]") {
  CpuRig r(CpuModel::i80286);
  r.load(0x700, {0x1F, 0x00, 0x00, 0x00, 0x00, 0x00});  // limit 1Fh: vectors 0-7
  r.hlt_vector(2);
  CpuState s;
  s.sp = 0x100;
  r.start({0x0F, 0x01, 0x1E, 0x00, 0x07,  // LIDT [0700h]
           0xA1, 0xFF, 0xFF,              // MOV AX,[FFFFh]: segment overrun, interrupt 13
           0xF4},
          s);
  CHECK(r.cpu->run(r.cpu->cycles() + 2000) == StopReason::kShutdown);
  // Limit >= 0Fh and SP > 5: the NMI takes the CPU out of shutdown (datasheet).
  r.cpu->set_nmi(true);
  r.cpu->run(r.cpu->cycles() + 500);
  const CpuState e = r.cpu->state();
  CHECK(r.cpu->halted());
  CHECK(e.cs == 0x0050);
  CHECK(e.ip == 0x0005);  // after the HLT at 0050:0004
  CHECK(r.stack(0) == 0x0005);  // the MOV that faulted
}

TEST_CASE("286 real mode: INT with SP = 1, 3 or 5 shuts down and NMI cannot resume it",
          "[cpu][286][shutdown]") {
  for (std::uint16_t sp : {1, 3, 5}) {
    INFO("SP=" << sp);
    CpuRig r(CpuModel::i80286);
    r.hlt_vector(3);
    r.hlt_vector(2);
    CpuState s;
    s.sp = sp;
    r.start({0xCC, 0xF4}, s);  // INT 3
    CHECK(r.cpu->run(r.cpu->cycles() + 2000) == StopReason::kShutdown);
    r.cpu->set_nmi(true);
    CHECK(r.cpu->run(r.cpu->cycles() + 500) == StopReason::kHalted);
    CHECK(r.cpu->state().cs == 0x1000);  // still shut down at the INT
  }
  // SP = 6: the frame fits below SP (even wrap is no fault): delivered.
  CpuRig r(CpuModel::i80286);
  r.hlt_vector(3);
  CpuState s;
  s.sp = 6;
  r.start({0xCC, 0xF4}, s);
  r.run_to_halt(10);
  CHECK(r.cpu->state().cs == 0x0050);
}

TEST_CASE("286 real mode: PUSH or CALL wrapping the stack with an odd SP shuts down",
          "[cpu][286][shutdown]") {
  struct Form {
    const char* name;
    std::vector<std::uint8_t> bytes;
  };
  const std::vector<Form> forms = {
      {"push ax", {0x50}},          {"push es", {0x06}},       {"pushf", {0x9C}},
      {"push imm", {0x68, 0x34, 0x12}}, {"call near", {0xE8, 0x00, 0x00}},
      {"call far", {0x9A, 0x00, 0x00, 0x00, 0x10}},
      {"push r/m", {0xFF, 0xF0}},
  };
  for (const Form& f : forms) {
    INFO(f.name);
    CpuRig r(CpuModel::i80286);
    r.hlt_vector(13);
    CpuState s;
    s.sp = 1;
    std::vector<std::uint8_t> code = f.bytes;
    code.push_back(0xF4);
    r.start(code, s);
    CHECK(r.cpu->run(r.cpu->cycles() + 2000) == StopReason::kShutdown);
    CHECK(r.cpu->state().cs == 0x1000);  // interrupt 13 was not delivered
  }
  // An odd SP that does not wrap is no fault at all.
  CpuRig r(CpuModel::i80286);
  CpuState s;
  s.sp = 0x0101;
  r.start({0x50, 0xF4}, s);
  CHECK(r.cpu->run(r.cpu->cycles() + 2000) == StopReason::kHalted);
  CHECK(r.cpu->state().sp == 0x00FF);
  // PUSH of a word operand at DS:FFFFh with an odd SP: a segment overrun of the operand,
  // not of the stack, so interrupt 13 is delivered (PRM table 2-4).
  CpuRig o(CpuModel::i80286);
  o.hlt_vector(13);
  o.start({0xFF, 0x36, 0xFF, 0xFF, 0xF4}, s);  // PUSH WORD [FFFFh]
  CHECK(o.cpu->run(o.cpu->cycles() + 2000) == StopReason::kHalted);
  CHECK(o.cpu->state().cs == 0x0050);
  CHECK(o.stack(0) == 0x0000);  // the PUSH
}

// --- I/O privilege ----------------------------------------------------------------------

TEST_CASE("286 protected mode: IN/OUT/INS/OUTS/CLI/STI at CPL 3 fault #GP(0) when IOPL < 3",
          "[cpu][286][iopl]") {
  struct Form {
    const char* name;
    std::vector<std::uint8_t> bytes;
  };
  const std::vector<Form> forms = {
      {"in al,dx", {0xEC}},       {"out dx,al", {0xEE}},  {"in al,80h", {0xE4, 0x80}},
      {"out 80h,ax", {0xE7, 0x80}}, {"insb", {0x6C}},      {"rep outsw", {0xF3, 0x6F}},
      {"cli", {0xFA}},            {"sti", {0xFB}},
  };
  for (const Form& f : forms) {
    for (std::uint16_t iopl : {0, 2, 3}) {
      INFO(f.name << " IOPL " << iopl);
      Rig24 r;
      ring3_world(r, std::uint16_t(0x0002 | (iopl << 12)));
      // MOV DX,80h; MOV CX,1; <form>; HLT (CPL 3: #GP(0) after the form ran).
      std::vector<std::uint8_t> code = {0xBA, 0x80, 0x00, 0xB9, 0x01, 0x00};
      code.insert(code.end(), f.bytes.begin(), f.bytes.end());
      code.push_back(0xF4);
      for (std::size_t i = 0; i < code.size(); ++i)
        r.bus.poke8(0x40000 + std::uint32_t(i), code[i]);
      r.start_with_loadall();
      r.run_to_halt();
      const CpuState s = r.cpu->state();
      REQUIRE(s.cs == 0x08);  // in the ring-0 #GP handler
      CHECK(s.si == 0);       // error code 0
      // The faulting instruction: the form itself below IOPL 3, the HLT after it at IOPL 3.
      const std::uint16_t expect_ip = iopl == 3 ? std::uint16_t(6 + f.bytes.size()) : 6;
      CHECK(r.stack(0) == expect_ip);
      CHECK(r.stack(2) == 0x1B);
    }
  }
}

TEST_CASE("286 protected mode: POPF at CPL 3 keeps IOPL and changes IF only when CPL <= IOPL",
          "[cpu][286][iopl]") {
  for (std::uint16_t iopl : {0, 3}) {
    INFO("IOPL " << iopl);
    Rig24 r;
    ring3_world(r, std::uint16_t(0x0202 | (iopl << 12)));
    // PUSH 1001h (IOPL 1, IF 0, CF 1); POPF; PUSHF; POP AX; HLT (-> #GP(0) handler).
    r.load(0x40000, {0x68, 0x01, 0x10, 0x9D, 0x9C, 0x58, 0xF4});
    r.start_with_loadall();
    r.run_to_halt();
    const CpuState s = r.cpu->state();
    REQUIRE(s.cs == 0x08);
    CHECK((s.ax & 0x3000) == (iopl << 12));                 // IOPL unchanged (CPL != 0)
    CHECK((s.ax & 0x0200) == (iopl == 3 ? 0 : 0x0200));     // IF only when CPL <= IOPL
    CHECK((s.ax & 0x0001) == 1);                            // CF loaded
  }
}

TEST_CASE("286 protected mode: IRET at CPL 3 keeps IOPL and changes IF only when CPL <= IOPL",
          "[cpu][286][iopl]") {
  for (std::uint16_t iopl : {0, 3}) {
    INFO("IOPL " << iopl);
    Rig24 r;
    ring3_world(r, std::uint16_t(0x0202 | (iopl << 12)));
    // PUSH 0001h (FLAGS: IOPL 0, IF 0, CF 1); PUSH CS; PUSH 000Ah; IRET; (0A:) PUSHF; POP AX;
    // HLT.
    r.load(0x40000, {0x68, 0x01, 0x00, 0x0E, 0x68, 0x0A, 0x00, 0xCF, 0x90, 0x90,
                     0x9C, 0x58, 0xF4});
    r.start_with_loadall();
    r.run_to_halt();
    const CpuState s = r.cpu->state();
    REQUIRE(s.cs == 0x08);
    CHECK(r.stack(0) == 0x000C);  // the HLT after PUSHF; POP AX
    CHECK((s.ax & 0x3000) == (iopl << 12));
    CHECK((s.ax & 0x0200) == (iopl == 3 ? 0 : 0x0200));
    CHECK((s.ax & 0x0001) == 1);
  }
}

TEST_CASE("286 real mode: IN/OUT/CLI ignore the FLAGS image (no I/O privilege check)",
          "[cpu][286][iopl]") {
  CpuRig r(CpuModel::i80286);
  r.hlt_vector(13);
  CpuState s;
  s.sp = 0x100;
  s.flags = 0x0202;
  r.start({0xBA, 0x80, 0x00, 0xEC, 0xEE, 0xFA, 0xF4}, s);  // MOV DX,80h; IN; OUT; CLI; HLT
  r.run_to_halt(10);
  const CpuState e = r.cpu->state();
  CHECK(e.cs == 0x1000);
  CHECK(e.ip == 7);
  CHECK((e.flags & 0x0200) == 0);  // CLI ran
}

// --- LOADALL -------------------------------------------------------------------------------

TEST_CASE("286 LOADALL in real mode loads registers and caches with an ES base above 1 MiB",
          "[cpu][286][loadall]") {
  Rig24 r;
  LoadallTable t;
  t.ax = 0xBEEF; t.bx = 0x1111; t.cx = 0x2222; t.dx = 0x3333;
  t.sp = 0x0400; t.bp = 0x5555; t.si = 0x6666; t.di = 0x7777;
  t.flags = 0x0003;             // CF
  t.cs = 0x1234;                // the cache, not the selector, gives the code base
  t.cs_c = seg(0x060000, 0x9B);
  t.ip = 0x0010;
  t.es = 0x0000;
  t.es_c = seg(0x110000, 0x93);
  t.ds = 0x0000;
  t.ds_c = seg(0x120000, 0x93);
  t.ss = 0x2000;
  t.ss_c = seg(0x020000, 0x93);
  t.write(r);
  r.w16(0x120002, 0x5AA5);
  r.load(0x060010, {0x26, 0xA3, 0x00, 0x00,  // MOV [ES:0000],AX
                    0xA1, 0x02, 0x00,        // MOV AX,[0002]
                    0xF4});
  r.start_with_loadall();
  r.run_to_halt(20);
  const CpuState s = r.cpu->state();
  CHECK(r.r16(0x110000) == 0xBEEF);  // through the ES cache, above 1 MiB
  CHECK(r.r16(0x000000) == 0x0000);  // not ES * 16
  CHECK(s.ax == 0x5AA5);             // read through the DS cache
  CHECK(s.bx == 0x1111);
  CHECK(s.cx == 0x2222);
  CHECK(s.dx == 0x3333);
  CHECK(s.sp == 0x0400);
  CHECK(s.bp == 0x5555);
  CHECK(s.si == 0x6666);
  CHECK(s.di == 0x7777);
  CHECK(s.cs == 0x1234);
  CHECK(s.ip == 0x0018);
  CHECK((s.flags & 0x0001) == 1);
  CHECK((s.msw & 1) == 0);
}

TEST_CASE("286 LOADALL: reloading a segment register in real mode returns to selector * 16",
          "[cpu][286][loadall]") {
  Rig24 r;
  LoadallTable t;
  t.cs = 0x6000;
  t.cs_c = seg(0x060000, 0x9B);
  t.es = 0x0000;
  t.es_c = seg(0x110000, 0x93);
  t.ss = 0x2000;
  t.ss_c = seg(0x020000, 0x93);
  t.sp = 0x100;
  t.write(r);
  r.load(0x060000, {0xB8, 0x00, 0x30,                    // MOV AX,3000h
                    0x8E, 0xC0,                          // MOV ES,AX
                    0x26, 0xC6, 0x06, 0x00, 0x00, 0x77,  // MOV BYTE [ES:0000],77h
                    0xF4});
  r.start_with_loadall();
  r.run_to_halt(20);
  CHECK(r.bus.peek8(0x30000) == 0x77);
  CHECK(r.bus.peek8(0x110000) == 0x00);
}

TEST_CASE("286 LOADALL with MSW.PE enters protected mode with the table's hidden registers",
          "[cpu][286][loadall]") {
  Rig24 r;
  LoadallTable t;
  t.msw = 0xFFF1;
  t.gdtr = {0x001000, 0x007F};
  t.idtr = {0x002000, 0x03FF};
  t.ldtr = 0x0028;
  t.ldt_c = seg(0x003000, 0x82, 0x001F);
  t.tr = 0x0030;
  t.tss_c = seg(0x003100, 0x83, 0x002B);
  t.cs = 0x001B;
  t.cs_c = seg(0x040000, 0xFB);  // DPL 3: CPL 3
  t.ss = 0x0023;
  t.ss_c = seg(0x050000, 0xF3, 0x0FFF);
  t.sp = 0x0200;
  t.flags = 0x3202;  // IOPL 3 and IF kept in protected mode
  t.write(r);
  r.load(0x040000, {0xEB, 0xFE});  // JMP $
  r.start_with_loadall();
  r.cpu->step();
  r.cpu->step();
  const CpuState s = r.cpu->state();
  CHECK((s.msw & 1) == 1);
  CHECK(s.gdtr.base == 0x001000);
  CHECK(s.gdtr.limit == 0x007F);
  CHECK(s.idtr.base == 0x002000);
  CHECK(s.idtr.limit == 0x03FF);
  CHECK(s.ldtr == 0x0028);
  CHECK(s.ldtr_cache.base == 0x003000);
  CHECK(s.ldtr_cache.limit == 0x001F);
  CHECK(s.tr == 0x0030);
  CHECK(s.tr_cache.base == 0x003100);
  CHECK(s.tr_cache.access == 0x83);
  CHECK(s.cpl == 3);
  CHECK(s.cs == 0x001B);
  CHECK(s.seg_cache[1].base == 0x040000);
  CHECK(s.seg_cache[2].limit == 0x0FFF);
  CHECK(s.ip == 0x0000);  // spinning on the JMP $ at the CS cache base
  CHECK((s.flags & 0x3200) == 0x3200);
}

TEST_CASE("286 LOADALL at CPL 3 raises #GP(0) and LOADALL cannot clear PE",
          "[cpu][286][loadall]") {
  {
    Rig24 r;
    ring3_world(r, 0x0002);
    r.load(0x40000, {0x0F, 0x05});  // LOADALL at CPL 3
    r.start_with_loadall();
    r.run_to_halt();
    const CpuState s = r.cpu->state();
    REQUIRE(s.cs == 0x08);
    CHECK(s.si == 0);
    CHECK(r.stack(0) == 0x0000);
  }
  {
    Rig24 r;
    LoadallTable t;
    t.msw = 0xFFF1;
    t.cs = 0x08;
    t.cs_c = seg(0x040000, 0x9B);
    t.ss = 0x10;
    t.ss_c = seg(0x050000, 0x93);
    t.write(r);
    r.load(0x040000, {0x0F, 0x05, 0xF4});  // LOADALL again at CPL 0: same table, IP = 0
    r.start_with_loadall();
    r.cpu->step();  // enters protected mode
    // Second table: MSW with PE clear.
    r.w16(0x806, 0xFFF0);
    r.cpu->step();
    CHECK((r.cpu->state().msw & 1) == 1);
  }
}
