// Descriptor and selector formats: 80286 PRM figures 6-4 (selector), 6-5 (segment
// descriptor), 7-3 (gate descriptor).
#include <catch2/catch.hpp>

#include "cpu/pm286/descriptor.hpp"

using namespace quartz::pm286;

TEST_CASE("selector fields and the null selector", "[pm286]") {
  const Selector s{0x002F};  // index 5, TI=1, RPL 3
  CHECK(s.index() == 5);
  CHECK(s.ti());
  CHECK(s.rpl() == 3);
  CHECK_FALSE(s.null());
  CHECK(Selector{0x0003}.null());       // GDT entry 0 with any RPL is null (PRM 6.3.2)
  CHECK_FALSE(Selector{0x0004}.null()); // LDT entry 0 is a real entry
  CHECK(s.error(false) == 0x002C);      // error code: RPL replaced by IDT=0, EXT
  CHECK(s.error(true) == 0x002D);
}

TEST_CASE("segment descriptor decode and encode", "[pm286]") {
  // limit 1234h, base 56789Ah, access 93h (present DPL0 data, writable, accessed)
  const std::array<std::uint8_t, 8> raw{0x34, 0x12, 0x9A, 0x78, 0x56, 0x93, 0, 0};
  const Descriptor d = Descriptor::decode(raw);
  CHECK(d.limit == 0x1234);
  CHECK(d.base == 0x56789A);
  CHECK(d.present());
  CHECK(d.dpl() == 0);
  CHECK(d.is_data());
  CHECK(d.writable());
  CHECK_FALSE(d.expand_down());
  CHECK(d.encode() == raw);

  const Descriptor code = Descriptor::segment(0, 0xFFFF, 0xFE);  // DPL3 conforming readable
  CHECK(code.is_code());
  CHECK(code.conforming());
  CHECK(code.readable());
  CHECK_FALSE(code.writable());
  CHECK(code.dpl() == 3);
  const Descriptor xo = Descriptor::segment(0, 0xFFFF, 0x98);  // execute-only
  CHECK_FALSE(xo.readable());
}

TEST_CASE("gate descriptor fields", "[pm286]") {
  const Descriptor g = Descriptor::gate(SystemType::kCallGate, 3, 0x0008, 0x1234, 5);
  const auto raw = g.encode();
  // PRM figure 7-3: offset word, selector word, word count byte, access byte (P DPL 0 0100).
  const std::array<std::uint8_t, 8> expect{0x34, 0x12, 0x08, 0x00, 0x05, 0xE4, 0, 0};
  CHECK(raw == expect);
  const Descriptor back = Descriptor::decode(raw);
  CHECK(back.is_system());
  CHECK(back.system_type() == SystemType::kCallGate);
  CHECK(back.gate_selector() == 0x0008);
  CHECK(back.gate_offset() == 0x1234);
  CHECK(back.gate_word_count() == 5);
  CHECK(Descriptor::decode({0, 0, 0, 0, 0, 0x81, 0, 0}).is_tss());
  CHECK(Descriptor::decode({0, 0, 0, 0, 0, 0x83, 0, 0}).system_type() == SystemType::kBusyTss);
}
