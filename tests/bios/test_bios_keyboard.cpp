// INT 09h + INT 16h on the AT preset: keys pressed on the emulated PS/2 keyboard (set 2,
// translated to set 1 by the 8042) must come out of INT 16h AH=10h as the key words of the
// IBM PC/AT keyboard tables (Technical Reference "Keyboard Encoding", Ralf Brown's INT 16h
// scan code table). testroms/bios/keyecho.img prints each word as "KEY ssaa".
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "devices/scancodes.hpp"
#include "machine/machine.hpp"

using namespace quartz;

namespace {

struct Keyecho {
  Machine m;
  explicit Keyecho(const MachineConfig& c) : m(c) {}

  void run(double s) { m.run_for(seconds_to_ticks(s)); }
  void wait_for(const std::string& text) {
    for (int i = 0; i < 200 && m.debug_output().find(text) == std::string::npos; ++i) run(0.1);
    REQUIRE(m.debug_output().find(text) != std::string::npos);
  }
  // Presses the keys in order, then releases them in reverse (a chord), 30 ms apart: well
  // inside the keyboard's 500 ms typematic delay, so nothing repeats.
  // The AT's keyboard sits behind the 8042, the PC/XT's behind the 8255 PPI.
  void down(HostKey k) {
    if (m.kbc())
      m.kbc()->key_down(k, m.now());
    else
      m.ppi()->key_down(k, m.now());
  }
  void up(HostKey k) {
    if (m.kbc())
      m.kbc()->key_up(k, m.now());
    else
      m.ppi()->key_up(k, m.now());
  }
  void chord(std::initializer_list<HostKey> keys) {
    for (HostKey k : keys) {
      down(k);
      run(0.03);
    }
    std::vector<HostKey> held(keys);
    for (auto it = held.rbegin(); it != held.rend(); ++it) {
      up(*it);
      run(0.03);
    }
  }
};

MachineConfig keyecho_config(const char* preset = "at") {
  MachineConfig c;
  c.machine = preset;
  c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/bios/keyecho.img";
  c.headless = true;
  c.debug_port = true;
  return c;
}

std::vector<std::string> key_words(const std::string& out) {
  std::vector<std::string> words;
  for (auto at = out.find("KEY "); at != std::string::npos; at = out.find("KEY ", at + 4))
    words.push_back(out.substr(at + 4, 4));
  return words;
}

}  // namespace

TEST_CASE("INT 09h/16h turn AT keyboard input into IBM key words") {
  Keyecho k(keyecho_config());
  k.wait_for("KEYECHO ready");
  using K = HostKey;
  k.chord({K::A});                    // 1E61 'a'
  k.chord({K::LeftShift, K::A});      // 1E41 'A'
  k.chord({K::LeftCtrl, K::C});       // 2E03 ^C
  k.chord({K::LeftAlt, K::X});        // 2D00 Alt-X
  k.chord({K::F1});                   // 3B00
  k.chord({K::LeftShift, K::F1});     // 5400 Shift-F1
  k.chord({K::Kp7});                  // 4700 Home (Num Lock off)
  k.chord({K::NumLock});
  k.chord({K::Kp7});                  // 4737 '7'
  k.chord({K::NumLock});
  k.chord({K::CapsLock});
  k.chord({K::B});                    // 3042 'B' (Caps Lock)
  k.chord({K::LeftShift, K::B});      // 3062 'b' (Shift cancels Caps Lock)
  k.chord({K::CapsLock});
  k.chord({K::Up});                   // 48E0 grey Up
  k.chord({K::KpEnter});              // E00D keypad Enter
  k.chord({K::KpDivide});             // E02F keypad /
  k.chord({K::F12});                  // 8600
  k.chord({K::LeftCtrl, K::Up});      // 8DE0 Ctrl + grey Up
  k.chord({K::LeftAlt, K::Kp6, K::Kp5});  // Alt + 6 5 -> 0041 'A' when Alt is released
  k.chord({K::Digit1});               // 0231
  k.chord({K::LeftShift, K::Digit2}); // 0340 '@'
  k.chord({K::Escape});               // 011B ends keyecho
  k.wait_for("KEYECHO done");
  const std::vector<std::string> expected{"1E61", "1E41", "2E03", "2D00", "3B00", "5400",
                                          "4700", "4737", "3042", "3062", "48E0", "E00D",
                                          "E02F", "8600", "8DE0", "0041", "0231", "0340",
                                          "011B"};
  INFO(k.m.debug_output());
  CHECK(key_words(k.m.debug_output()) == expected);
}

TEST_CASE("Ctrl-Alt-Del restarts POST as a warm boot and boots again") {
  Keyecho k(keyecho_config());
  k.wait_for("KEYECHO ready");
  const auto first = k.m.debug_output().find("KEYECHO ready");
  k.chord({HostKey::LeftCtrl, HostKey::LeftAlt, HostKey::Delete});
  for (int i = 0; i < 200 && k.m.debug_output().find("KEYECHO ready", first + 1) ==
                                 std::string::npos; ++i)
    k.run(0.1);
  INFO(k.m.debug_output());
  // POST prints its banner again, then the boot sector runs a second time.
  CHECK(k.m.debug_output().find("Quartz BIOS", first) != std::string::npos);
  CHECK(k.m.debug_output().find("KEYECHO ready", first + 1) != std::string::npos);
}

TEST_CASE("INT 09h/16h on the PC/XT keyboard (8255 port A, port 61h acknowledge)") {
  Keyecho k(keyecho_config("pc"));
  k.wait_for("KEYECHO ready");
  using K = HostKey;
  k.chord({K::A});                    // 1E61
  k.chord({K::LeftShift, K::A});      // 1E41
  k.chord({K::LeftCtrl, K::C});       // 2E03
  k.chord({K::LeftAlt, K::X});        // 2D00
  k.chord({K::F1});                   // 3B00
  k.chord({K::Kp7});                  // 4700
  k.chord({K::NumLock});
  k.chord({K::Kp7});                  // 4737
  k.chord({K::NumLock});
  k.chord({K::CapsLock});
  k.chord({K::B});                    // 3042
  k.chord({K::CapsLock});
  k.chord({K::Digit1});               // 0231
  k.chord({K::Escape});               // 011B
  k.wait_for("KEYECHO done");
  const std::vector<std::string> expected{"1E61", "1E41", "2E03", "2D00", "3B00", "4700",
                                          "4737", "3042", "0231", "011B"};
  INFO(k.m.debug_output());
  CHECK(key_words(k.m.debug_output()) == expected);
}

TEST_CASE("Pause holds INT 09h until the next key, which is dropped") {
  Keyecho k(keyecho_config());
  k.wait_for("KEYECHO ready");
  using K = HostKey;
  k.chord({K::Pause});   // E1 1D 45 (no break code): the BIOS pauses
  k.chord({K::A});       // ends the pause and is discarded (IBM AT KB_INT)
  k.chord({K::B});       // 3062
  k.chord({K::Escape});  // 011B
  k.wait_for("KEYECHO done");
  INFO(k.m.debug_output());
  CHECK(key_words(k.m.debug_output()) == std::vector<std::string>{"3062", "011B"});
}

TEST_CASE("Print Screen calls INT 05h (status FFh at 0050:0000h without a printer)") {
  Keyecho k(keyecho_config());
  k.wait_for("KEYECHO ready");
  CHECK(k.m.bus().peek8(0x500) == 0x00);  // POST cleared the data areas
  k.chord({HostKey::PrintScreen});         // E0 2A E0 37: no key word, INT 05h instead
  CHECK(k.m.bus().peek8(0x500) == 0xFF);
  k.chord({HostKey::LeftAlt, HostKey::PrintScreen});  // SysReq (54h): no key word either
  k.chord({HostKey::Escape});
  k.wait_for("KEYECHO done");
  INFO(k.m.debug_output());
  CHECK(key_words(k.m.debug_output()) == std::vector<std::string>{"011B"});
}
