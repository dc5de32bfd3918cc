// GUI tests, run under xvfb-run (tests/gui/ctest.cmake): the window is driven through the
// same GuiApp methods the menus call, and the rendered pixels are read back from SDL.
#include <catch2/catch.hpp>

#ifdef QUARTZ_HAVE_GUI

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include <fmt/core.h>

#include <SDL.h>

#include "gui/gui_app.hpp"
#include "gui/keymap.hpp"
#include "gui/settings.hpp"
#include "machine/machine.hpp"
#include "machine/png_writer.hpp"

using namespace quartz;
using namespace quartz::gui;

namespace {

std::string out_dir() {
  auto d = std::filesystem::path(QUARTZ_BUILD_DIR) / "gui-screens";
  std::filesystem::create_directories(d);
  return d.string();
}

// The AT booting the bundled demo disk: by 1.5 emulated seconds the BIOS and the demo have
// put text on the VGA.
struct GuiFixture {
  explicit GuiFixture(bool aspect = false) {
    MachineConfig c;
    c.machine = "at";
    c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/demo/demo.img";
    c.disk_mode = DiskMode::kReadOnly;
    machine = std::make_unique<Machine>(c);
    GuiOptions o;
    o.aspect_correct = aspect;
    o.integer_scale = !aspect;
    o.audio = false;
    o.save_layout = false;
    o.start_paused = true;
    o.config_dir = out_dir();
    o.width = 1280;
    o.height = 900;
    app = std::make_unique<GuiApp>(*machine, o);
    std::string err;
    INFO(err);
    REQUIRE(app->init(err));
    // Run until the VGA has shown a complete frame with the demo on it (at most 6 s).
    debugger::StopInfo stop;
    for (int i = 0; i < 60 && machine->vga() && machine->vga()->frames_completed() < 3; ++i)
      stop = app->debugger().run_for(seconds_to_ticks(0.1));
    stop = app->debugger().run_for(seconds_to_ticks(0.3));
    INFO(stop.message << " at " << machine->seconds());
    REQUIRE(machine->vga());
    REQUIRE(machine->vga()->last_frame().width > 0);
    for (int i = 0; i < 3; ++i) app->frame();  // ImGui lays out windows over two frames
  }
  std::vector<std::uint8_t> pixels(int& w, int& h) { return app->read_pixels(w, h); }
  void save(const std::vector<std::uint8_t>& px, int w, int h, const std::string& name) {
    std::string err;
    CHECK(write_png(out_dir() + "/" + name, std::uint32_t(w), std::uint32_t(h), px, &err));
  }
  std::unique_ptr<Machine> machine;
  std::unique_ptr<GuiApp> app;
};

// Fraction of the pixels in `r` that differ from the most common colour there: a window
// that drew text and widgets has a few percent; an empty rectangle has none.
double detail(const std::vector<std::uint8_t>& px, int w, int h, Rect r) {
  std::map<std::uint32_t, int> count;
  int total = 0;
  for (int y = std::max(0, r.y); y < std::min(h, r.y + r.h); ++y)
    for (int x = std::max(0, r.x); x < std::min(w, r.x + r.w); ++x) {
      const std::uint8_t* p = &px[(std::size_t(y) * w + x) * 4];
      ++count[std::uint32_t(p[0]) << 16 | p[1] << 8 | p[2]];
      ++total;
    }
  if (!total) return 0;
  int most = 0;
  for (auto& [c, n] : count) most = std::max(most, n);
  return double(total - most) / total;
}

}  // namespace

TEST_CASE("gui: the guest screen is the VGA frame pixel for pixel") {
  GuiFixture f;
  const Frame& fr = f.machine->vga()->last_frame();
  Rect r = f.app->screen_rect();
  // Integer scaling without aspect correction: 1:1 in a 1280x900 window.
  REQUIRE(r.w == int(fr.width));
  REQUIRE(r.h == int(fr.height));
  int w, h;
  auto px = f.pixels(w, h);
  REQUIRE(px.size() == std::size_t(w) * h * 4);
  std::size_t mismatches = 0;
  for (int y = 0; y < r.h; ++y)
    for (int x = 0; x < r.w; ++x) {
      const std::uint8_t* a = &px[(std::size_t(y + r.y) * w + x + r.x) * 4];
      const std::uint8_t* b = &fr.rgba[(std::size_t(y) * fr.width + x) * 4];
      if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) ++mismatches;
    }
  CHECK(mismatches == 0);
  // The frame is not blank (the demo printed text), so the comparison means something.
  std::map<std::uint32_t, int> colours;
  for (std::size_t i = 0; i < fr.rgba.size(); i += 4)
    ++colours[std::uint32_t(fr.rgba[i]) << 16 | fr.rgba[i + 1] << 8 | fr.rgba[i + 2]];
  CHECK(colours.size() >= 2);
  f.save(px, w, h, "screen.png");
}

TEST_CASE("gui: every debugger window renders") {
  GuiFixture f;
  f.app->pause();
  for (std::size_t i = 0; i < kWindowCount; ++i) {
    Window win = Window(i);
    for (std::size_t j = 0; j < kWindowCount; ++j) f.app->show(Window(j), j == i);
    f.app->frame();
    f.app->frame();
    Rect r = f.app->window_rect(win);
    INFO(window_title(win));
    REQUIRE(r.w > 50);
    REQUIRE(r.h > 50);
    int w, h;
    auto px = f.pixels(w, h);
    CHECK(detail(px, w, h, r) > 0.01);
    // A window that is hidden is not drawn: its rect is cleared.
    f.app->show(win, false);
    f.app->frame();
    CHECK(f.app->window_rect(win).w == 0);
  }
}

TEST_CASE("gui: pause then step then a breakpoint through the UI actions") {
  GuiFixture f;
  f.app->show(Window::kDisassembly, true);
  f.app->show(Window::kRegisters, true);
  f.app->resume();
  CHECK(f.app->running());
  f.app->frame();
  f.app->pause();
  CHECK_FALSE(f.app->running());
  CHECK(f.app->debugger().paused());
  // Step into: exactly one instruction.
  std::uint64_t n = f.app->debugger().instructions();
  f.app->step_into();
  CHECK(f.app->debugger().instructions() == n + 1);
  // A breakpoint on the instruction after the current one (set with the command API the
  // Breakpoints window uses) stops a resumed run there.
  // Step (as the Step button does) until the current instruction falls through to the
  // next one, so the breakpoint below is certainly reached.
  auto lines = f.app->debugger().disassemble_around_pc(0, 1);
  for (int i = 0; i < 100 && lines[0].insn.flow != debugger::FlowKind::kNormal; ++i) {
    f.app->step_into();
    lines = f.app->debugger().disassemble_around_pc(0, 1);
  }
  REQUIRE(lines.size() == 2);
  REQUIRE(lines[0].insn.flow == debugger::FlowKind::kNormal);
  std::uint32_t next = lines[1].linear;
  f.app->debugger().toggle_exec_breakpoint(next);
  CHECK(f.app->debugger().has_exec_breakpoint(next));
  f.app->resume();
  for (int i = 0; i < 50 && f.app->running(); ++i) f.app->frame();
  CHECK_FALSE(f.app->running());
  CHECK(f.app->debugger().pc_linear() == next);
  CHECK(f.app->debugger().last_stop().kind == debugger::StopKind::kBreakpoint);
  f.app->frame();
  f.app->step_over();
  f.app->frame();
  CHECK_FALSE(f.app->message().empty());
}

TEST_CASE("gui: aspect-correct scaling shows the frame at 4:3") {
  GuiFixture f(true);
  Rect r = f.app->screen_rect();
  REQUIRE(r.h > 0);
  CHECK(double(r.w) / r.h == Approx(4.0 / 3.0).epsilon(0.01));
}

TEST_CASE("gui: documentation screenshots") {
  GuiFixture f;
  f.app->pause();
  for (Window w : {Window::kRegisters, Window::kDisassembly, Window::kStack, Window::kMemory,
                   Window::kBreakpoints})
    f.app->show(w, true);
  f.app->debugger().execute("bp 0000:7c00");
  f.app->debugger().execute("bpint 10");
  f.app->set_memory_address(0x400);  // BIOS data area
  for (int i = 0; i < 3; ++i) f.app->frame();
  int w, h;
  auto px = f.pixels(w, h);
  REQUIRE(!px.empty());
  f.save(px, w, h, "debugger.png");
  for (Window w2 : {Window::kRegisters, Window::kDisassembly, Window::kStack, Window::kMemory,
                    Window::kBreakpoints})
    f.app->show(w2, false);
  f.app->show(Window::kDevices, true);
  for (int i = 0; i < 3; ++i) f.app->frame();
  px = f.pixels(w, h);
  f.save(px, w, h, "devices.png");
  f.app->select_device_tab("VGA");
  for (int i = 0; i < 3; ++i) f.app->frame();
  px = f.pixels(w, h);
  CHECK(detail(px, w, h, f.app->window_rect(Window::kDevices)) > 0.05);
  f.save(px, w, h, "devices-vga.png");
}

TEST_CASE("gui: Machine > Screenshot writes the guest frame as PNG") {
  GuiFixture f;
  std::string err;
  std::string path = f.app->screenshot(err);
  INFO(err);
  REQUIRE(!path.empty());
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  REQUIRE(fp);
  unsigned char head[24] = {};
  CHECK(std::fread(head, 1, sizeof head, fp) == sizeof head);
  std::fclose(fp);
  std::remove(path.c_str());
  // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit values at
  // offsets 16 and 20 (PNG specification, 11.2.2).
  CHECK(head[0] == 0x89);
  CHECK(head[1] == 'P');
  const Frame& fr = f.machine->vga()->last_frame();
  auto be32 = [&](int o) {
    return std::uint32_t(head[o]) << 24 | head[o + 1] << 16 | head[o + 2] << 8 | head[o + 3];
  };
  CHECK(be32(16) == fr.width);
  CHECK(be32(20) == fr.height);
}

TEST_CASE("gui: keyboard reaches the 8042 and Right Ctrl releases the capture") {
  GuiFixture f;
  // Every key of the emulated keyboard has a host key (SDL scancode) that types it.
  std::vector<bool> reached(kHostKeyCount);
  for (int sc = 0; sc < SDL_NUM_SCANCODES; ++sc)
    if (auto k = host_key_for_sdl(sc)) reached[std::size_t(*k)] = true;
  for (std::size_t i = 0; i < kHostKeyCount; ++i) {
    INFO(host_key_name(HostKey(i)));
    CHECK(reached[i]);
  }
  const Ps2Keyboard& kbd = f.machine->kbc()->keyboard();
  f.app->set_input_captured(true);
  f.app->host_key(SDL_SCANCODE_A, true);
  CHECK(kbd.key_is_down(HostKey::A));
  f.app->host_key(SDL_SCANCODE_A, false);
  CHECK_FALSE(kbd.key_is_down(HostKey::A));
  f.app->host_key(SDL_SCANCODE_KP_ENTER, true);  // an extended (E0) key
  CHECK(kbd.key_is_down(HostKey::KpEnter));
  f.app->host_key(SDL_SCANCODE_KP_ENTER, false);
  f.app->host_key(SDL_SCANCODE_RCTRL, true);
  CHECK_FALSE(f.app->input_captured());
  CHECK_FALSE(kbd.key_is_down(HostKey::RightCtrl));
}

TEST_CASE("gui: Machine menu actions for disks and power") {
  GuiFixture f;
  std::string err;
  CHECK_FALSE(f.app->attach_disk("/nonexistent/quartz.img", err));
  CHECK(err.find("/nonexistent/quartz.img") != std::string::npos);
  std::string demo = std::string(QUARTZ_BUILD_DIR) + "/testroms/demo/demo.img";
  // Attach a copy (the window opens images read-write).
  std::string copy = out_dir() + "/attach-test.img";
  std::filesystem::copy_file(demo, copy, std::filesystem::copy_options::overwrite_existing);
  REQUIRE(f.app->attach_disk(copy, err));
  // ATA status after power-on of a present drive: DRDY (40h) and DSC (10h) set.
  CHECK((f.machine->ide()->peek_status(0) & 0x50) == 0x50);
  f.app->eject_disk();
  CHECK((f.machine->ide()->peek_status(0) & 0x40) == 0);
  std::filesystem::remove(copy);

  f.app->resume();
  f.app->power(false);
  CHECK_FALSE(f.app->running());
  f.app->frame();
  CHECK(f.app->screen_rect().w == 0);  // nothing shown while off
  f.app->power(true);
  CHECK(f.app->running());
  // Power on is a reset. The default machine is the AT, whose 80286 starts at F000:FFF0
  // (80286 datasheet, "Processor reset and initialization": CS F000h, IP FFF0h);
  // docs/cpu.md: the first fetch is at FFFF0h, the same BIOS byte as the 8086's FFFF:0000.
  CpuState s = f.app->debugger().regs();
  CHECK(s.cs == 0xF000);
  CHECK(s.ip == 0xFFF0);
}

TEST_CASE("gui: real-time speed follows the host clock") {
  GuiFixture f;
  f.app->options().speed_percent = 100;
  f.app->resume();
  const double emu0 = f.machine->seconds();
  const std::uint64_t t0 = SDL_GetTicks64();
  while (SDL_GetTicks64() - t0 < 1000) f.app->frame();
  const double wall = double(SDL_GetTicks64() - t0) / 1000.0;
  const double emu = f.machine->seconds() - emu0;
  // Paced to the master clock: never ahead of the host by more than one frame's slice.
  CHECK(emu <= wall + 0.1);
  CHECK(emu > 0);
  // Half speed runs about half as much emulated time.
  f.app->options().speed_percent = 50;
  const double emu1 = f.machine->seconds();
  const std::uint64_t t1 = SDL_GetTicks64();
  while (SDL_GetTicks64() - t1 < 1000) f.app->frame();
  const double wall1 = double(SDL_GetTicks64() - t1) / 1000.0;
  CHECK(f.machine->seconds() - emu1 <= wall1 * 0.5 + 0.1);
}

TEST_CASE("gui: settings round trip and tolerate bad lines") {
  auto path = (std::filesystem::path(out_dir()) / "settings-test.txt").string();
  GuiSettings a;
  a.aspect_correct = false;
  a.integer_scale = true;
  a.speed_percent = 250;
  a.shown[std::size_t(Window::kMemory)] = true;
  REQUIRE(save_settings(path, a));
  GuiSettings b;
  REQUIRE(load_settings(path, b));
  CHECK_FALSE(b.aspect_correct);
  CHECK(b.integer_scale);
  CHECK(b.speed_percent == 250);
  CHECK(b.shown[std::size_t(Window::kMemory)]);
  CHECK_FALSE(b.shown[std::size_t(Window::kRegisters)]);
  {
    std::FILE* fp = std::fopen(path.c_str(), "w");
    REQUIRE(fp);
    std::fputs("garbage\nspeed_percent = fast\nshow.registers = 1\n", fp);
    std::fclose(fp);
  }
  GuiSettings c;
  REQUIRE(load_settings(path, c));
  CHECK(c.speed_percent == 100);  // bad value ignored
  CHECK(c.shown[std::size_t(Window::kRegisters)]);
  std::remove(path.c_str());
  GuiSettings d;
  CHECK(load_settings(path, d));  // missing file: defaults
}

#endif  // QUARTZ_HAVE_GUI
