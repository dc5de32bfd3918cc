// 8237A DMA controller and the AT's cascaded pair. Expected behaviour from the Intel 8237A
// datasheet ("Register description", "Software commands", "Transfer modes", "Autoinitialize")
// and the IBM PC/AT Technical Reference (port map, page registers, 16-bit channels).
#include <catch2/catch.hpp>

#include <vector>

#include "devices/dma_pair.hpp"

using namespace quartz;

namespace {

struct Client : DmaClient {
  std::vector<std::uint8_t> to_memory;  // bytes handed out on write transfers
  std::size_t next = 0;
  std::vector<std::uint8_t> from_memory;
  int tc = 0;
  int reads = 0;
  std::uint8_t dma_read() override {
    ++reads;
    return next < to_memory.size() ? to_memory[next++] : 0xEE;
  }
  void dma_write(std::uint8_t v) override { from_memory.push_back(v); }
  void dma_terminal_count() override { ++tc; }
};

struct Rig {
  Bus bus{24};
  DmaPair dma{bus};
  Rig() {
    bus.map_ram(0, 1u << 20);
    dma.map_ports(bus);
  }
  void out(std::uint16_t p, std::uint8_t v) { bus.io_write8(p, v); }
  std::uint8_t in(std::uint16_t p) { return bus.io_read8(p); }
  // What the AT BIOS does: channel 4 in cascade mode, unmasked.
  void open_cascade() {
    out(0xD6, 0xC0);
    out(0xD4, 0x00);
  }
};

}  // namespace

TEST_CASE("Address and count registers are loaded and read through the byte flip-flop") {
  Rig r;
  r.out(0x0C, 0);  // clear byte pointer flip-flop
  r.out(0x04, 0x34);
  r.out(0x04, 0x12);
  r.out(0x05, 0xFF);
  r.out(0x05, 0x01);
  CHECK(r.dma.controller(0).channel(2).base_address == 0x1234);
  CHECK(r.dma.controller(0).channel(2).current_address == 0x1234);
  CHECK(r.dma.controller(0).channel(2).base_count == 0x01FF);
  CHECK(r.in(0x04) == 0x34);
  CHECK(r.in(0x04) == 0x12);
  CHECK(r.in(0x05) == 0xFF);
  CHECK(r.in(0x05) == 0x01);
  // A stray access leaves the flip-flop on the high byte; clearing it resynchronises.
  CHECK(r.in(0x04) == 0x34);
  r.out(0x0C, 0);
  CHECK(r.in(0x04) == 0x34);
}

TEST_CASE("Single-mode write transfer to memory with page register, TC masks the channel") {
  Rig r;
  Client c;
  c.to_memory = {0x11, 0x22, 0x33, 0x44};
  r.dma.set_client(2, &c);
  r.open_cascade();
  r.out(0x0B, 0x46);  // channel 2: single mode, increment, no autoinit, write (I/O -> memory)
  r.out(0x81, 0x01);  // page for channel 2
  r.out(0x0C, 0);
  r.out(0x04, 0x00);
  r.out(0x04, 0x10);
  r.out(0x05, 0x03);  // count N-1: four transfers
  r.out(0x05, 0x00);
  r.out(0x0A, 0x02);  // unmask channel 2
  r.dma.set_dreq(2, true);
  CHECK((r.in(0x08) & 0x40) != 0);  // status bit 6: request on channel 2
  CHECK(r.dma.service() == 4);
  CHECK(r.bus.read8(0x11000) == 0x11);
  CHECK(r.bus.read8(0x11003) == 0x44);
  CHECK(r.bus.read8(0x11004) == 0x00);
  CHECK(c.tc == 1);
  CHECK(r.dma.controller(0).masked(2));  // no autoinit: mask bit set at TC
  CHECK(r.dma.controller(0).channel(2).current_count == 0xFFFF);
  r.dma.set_dreq(2, false);
  CHECK(r.in(0x08) == 0x04);  // TC on channel 2
  CHECK(r.in(0x08) == 0x00);  // cleared by the read
}

TEST_CASE("Channels 0-3 need channel 4 in cascade mode and unmasked") {
  Rig r;
  Client c;
  r.dma.set_client(1, &c);
  r.out(0x0B, 0x45);
  r.out(0x0A, 0x01);
  r.dma.set_dreq(1, true);
  CHECK(r.dma.service() == 0);  // master still masked after reset
  r.open_cascade();
  CHECK(r.dma.service() == 1);
}

TEST_CASE("Autoinitialize reloads current address and count from the base registers at TC") {
  Rig r;
  Client c;
  c.to_memory = {1, 2, 3, 4, 5, 6};
  r.dma.set_client(3, &c);
  r.open_cascade();
  r.out(0x0B, 0x57);  // channel 3: single, autoinit, write
  r.out(0x82, 0x00);
  r.out(0x0C, 0);
  r.out(0x06, 0x00);
  r.out(0x06, 0x20);
  r.out(0x07, 0x01);  // two transfers per block
  r.out(0x07, 0x00);
  r.out(0x0A, 0x03);
  r.dma.set_dreq(3, true);
  CHECK(r.dma.service(3) == 3);
  CHECK(c.tc == 1);
  CHECK_FALSE(r.dma.controller(0).masked(3));
  // Third byte went back to the base address after the reload.
  CHECK(r.bus.read8(0x2000) == 3);
  CHECK(r.bus.read8(0x2001) == 2);
  CHECK(r.dma.controller(0).channel(3).current_address == 0x2001);
  CHECK(r.dma.controller(0).channel(3).current_count == 0x0000);
}

TEST_CASE("Read transfer with address decrement feeds the device from memory") {
  Rig r;
  Client c;
  r.dma.set_client(1, &c);
  r.open_cascade();
  for (std::uint32_t i = 0; i < 4; ++i) r.bus.write8(0x30100 + i, std::uint8_t(0xA0 + i));
  r.out(0x0B, 0x69);  // channel 1: single, decrement, read (memory -> I/O)
  r.out(0x83, 0x03);
  r.out(0x0C, 0);
  r.out(0x02, 0x03);
  r.out(0x02, 0x01);
  r.out(0x03, 0x02);
  r.out(0x03, 0x00);
  r.out(0x0A, 0x01);
  r.dma.set_dreq(1, true);
  CHECK(r.dma.service() == 3);
  CHECK(c.from_memory == std::vector<std::uint8_t>{0xA3, 0xA2, 0xA1});
}

TEST_CASE("16-bit channel 5 shifts the address left by one and moves words") {
  Rig r;
  Client c;
  c.to_memory = {0x01, 0x02, 0x03, 0x04};
  r.dma.set_client(5, &c);
  r.out(0xD6, 0x45);  // channel 5 (controller 2 channel 1): single, write
  r.out(0x8B, 0x02);  // page for channel 5: A23-A17 = page bits 7-1
  r.out(0xD8, 0);     // clear flip-flop on controller 2
  r.out(0xC4, 0x00);
  r.out(0xC4, 0x08);  // word address 0800h -> byte address 1000h
  r.out(0xC6, 0x01);  // two word transfers
  r.out(0xC6, 0x00);
  r.out(0xD4, 0x01);
  r.dma.set_dreq(5, true);
  CHECK(r.dma.service() == 2);
  CHECK(r.bus.read8(0x21000) == 0x01);
  CHECK(r.bus.read8(0x21001) == 0x02);
  CHECK(r.bus.read8(0x21002) == 0x03);
  CHECK(r.bus.read8(0x21003) == 0x04);
  CHECK(r.in(0xD0) == 0x22);  // TC channel 5 (bit 1) + request still up on channel 5 (bit 5)
}

TEST_CASE("Masks: single bit, all bits, clear mask, master clear") {
  Rig r;
  CHECK(r.dma.controller(0).mask() == 0x0F);  // reset state
  r.out(0x0E, 0);
  CHECK(r.dma.controller(0).mask() == 0x00);
  r.out(0x0F, 0x05);
  CHECK(r.dma.controller(0).mask() == 0x05);
  r.out(0x0A, 0x06);  // set mask bit 2
  CHECK(r.dma.controller(0).mask() == 0x05);
  r.out(0x0A, 0x02);  // clear mask bit 2
  CHECK(r.dma.controller(0).mask() == 0x01);
  r.out(0x08, 0x04);  // command: controller disable
  r.out(0x04, 0x12);  // flip-flop now on the high byte
  r.out(0x0D, 0);     // master clear
  CHECK(r.dma.controller(0).mask() == 0x0F);
  CHECK(r.dma.controller(0).command() == 0x00);
  r.out(0x04, 0x56);  // flip-flop was cleared: this is the low byte
  CHECK(r.dma.controller(0).channel(2).base_address == 0x0056);
}

TEST_CASE("Software request in block mode runs the whole block, unmasked or not") {
  Rig r;
  Client c;
  c.to_memory = {9, 8, 7};
  r.dma.set_client(0, &c);
  r.open_cascade();
  r.out(0x0B, 0x84);  // channel 0: block mode, write
  r.out(0x87, 0x00);
  r.out(0x0C, 0);
  r.out(0x00, 0x00);
  r.out(0x00, 0x40);
  r.out(0x01, 0x02);
  r.out(0x01, 0x00);
  r.out(0x09, 0x04);  // request bit for channel 0
  CHECK((r.in(0x08) & 0x10) != 0);
  CHECK(r.dma.service() == 3);
  CHECK(r.bus.read8(0x4000) == 9);
  CHECK(r.bus.read8(0x4002) == 7);
  CHECK(r.in(0x08) == 0x01);  // TC ch0, request bit cleared by TC
}

TEST_CASE("Page registers read back on the AT, PC page registers are 4-bit") {
  Rig r;
  r.out(0x84, 0x5A);
  CHECK(r.in(0x84) == 0x5A);
  Bus bus(20);
  DmaPair pc(bus, false);
  pc.map_ports(bus);
  bus.io_write8(0x83, 0xF7);
  CHECK(pc.page_register(0x83) == 0x07);
  CHECK(pc.controller(0).channel(1).page == 0x07);
}

TEST_CASE("Verify transfers run addresses and counts without touching memory") {
  Rig r;
  Client c;
  c.to_memory = {0x77, 0x77};
  r.dma.set_client(2, &c);
  r.open_cascade();
  r.bus.write8(0x5000, 0x12);
  r.out(0x0B, 0x42);  // channel 2: single mode, verify
  r.out(0x81, 0x00);
  r.out(0x0C, 0);
  r.out(0x04, 0x00);
  r.out(0x04, 0x50);
  r.out(0x05, 0x01);
  r.out(0x05, 0x00);
  r.out(0x0A, 0x02);
  r.dma.set_dreq(2, true);
  CHECK(r.dma.service() == 2);
  CHECK(r.bus.read8(0x5000) == 0x12);
  CHECK(r.dma.controller(0).channel(2).current_address == 0x5002);
  CHECK(c.tc == 1);
}

TEST_CASE("16-bit channels ignore page bit 0 (A16 comes from the address register)") {
  Rig r;
  r.out(0x89, 0x03);  // channel 6 page: A23-A17 = 0000001b
  r.out(0xD8, 0);
  r.out(0xC8, 0xFF);  // channel 6 word address FFFFh -> A16-A1 all ones
  r.out(0xC8, 0xFF);
  CHECK(r.dma.controller(1).next_address(2) == 0x3FFFE);
}

TEST_CASE("Controller disable (command bit 2) blocks service") {
  Rig r;
  Client c;
  r.dma.set_client(1, &c);
  r.open_cascade();
  r.out(0x0B, 0x45);
  r.out(0x0A, 0x01);
  r.out(0x08, 0x04);
  r.dma.set_dreq(1, true);
  CHECK_FALSE(r.dma.pending());
  CHECK(r.dma.service() == 0);
  r.out(0x08, 0x00);
  CHECK(r.dma.pending());
  CHECK(r.dma.service() == 1);
}

TEST_CASE("Memory-to-memory: channel 0 source, channel 1 destination, temp register, hold") {
  Rig r;
  r.open_cascade();
  for (std::uint32_t i = 0; i < 4; ++i) r.bus.write8(0x6000 + i, std::uint8_t(0xC0 + i));
  r.out(0x08, 0x01);  // command: memory-to-memory enable
  r.out(0x0B, 0x88);  // channel 0: block, read
  r.out(0x0B, 0x85);  // channel 1: block, write
  r.out(0x0C, 0);
  r.out(0x00, 0x00);
  r.out(0x00, 0x60);
  r.out(0x01, 0x03);
  r.out(0x01, 0x00);
  r.out(0x02, 0x00);
  r.out(0x02, 0x70);
  r.out(0x03, 0x03);
  r.out(0x03, 0x00);
  r.out(0x09, 0x04);  // software request on channel 0 starts the transfer
  CHECK(r.dma.service() == 4);
  CHECK(r.bus.read8(0x7000) == 0xC0);
  CHECK(r.bus.read8(0x7003) == 0xC3);
  CHECK(r.in(0x0D) == 0xC3);          // temporary register holds the last byte moved
  CHECK((r.in(0x08) & 0x02) != 0);     // TC on channel 1
  // Address hold on channel 0 (command bit 1) fills the destination with one byte.
  r.out(0x08, 0x03);
  r.out(0x0C, 0);
  r.out(0x00, 0x00);
  r.out(0x00, 0x60);
  r.out(0x02, 0x00);
  r.out(0x02, 0x71);
  r.out(0x03, 0x02);
  r.out(0x03, 0x00);
  r.out(0x09, 0x04);
  CHECK(r.dma.service() == 3);
  CHECK(r.bus.read8(0x7100) == 0xC0);
  CHECK(r.bus.read8(0x7102) == 0xC0);
}

TEST_CASE("Rotating priority alternates between requesting channels, fixed does not") {
  Rig r;
  Client c1, c2;
  r.dma.set_client(1, &c1);
  r.dma.set_client(2, &c2);
  r.open_cascade();
  r.out(0x0B, 0x45);  // channel 1 single write
  r.out(0x0B, 0x46);  // channel 2 single write
  r.out(0x0C, 0);
  r.out(0x03, 0xFF);
  r.out(0x03, 0x00);
  r.out(0x05, 0xFF);
  r.out(0x05, 0x00);
  r.out(0x0F, 0x09);  // unmask 1 and 2
  r.dma.set_dreq(1, true);
  r.dma.set_dreq(2, true);
  r.dma.service(2);
  CHECK(c1.reads == 2);  // fixed priority: channel 1 wins every time
  CHECK(c2.reads == 0);
  r.out(0x08, 0x10);     // rotating priority: channel 1 was served last, so 2, 1, 2
  r.dma.service(3);
  CHECK(c1.reads == 3);
  CHECK(c2.reads == 2);
}

TEST_CASE("A request on channels 0-3 shows as DREQ4 in controller 2's status") {
  Rig r;
  Client c;
  r.dma.set_client(1, &c);
  r.out(0x0B, 0x45);
  r.out(0x0A, 0x01);
  CHECK((r.in(0xD0) & 0x10) == 0);
  r.dma.set_dreq(1, true);
  CHECK((r.in(0xD0) & 0x10) != 0);
}
