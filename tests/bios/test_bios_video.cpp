// The system BIOS's own INT 10h text console (used when no VGA option ROM hooks INT 10h).
// testroms/bios/videocheck.img points INT 10h at the BIOS entry F000:F065h and reads the
// screen at B800h. Expected cells are (attribute << 8 | character) as IBM's VIDEO_IO
// defines the functions: 00h clears to blank/07h, 02h/03h cursor, 0Eh teletype keeps the
// cell's attribute and scrolls at the bottom right, 09h writes char+attribute CX times
// without moving the cursor, 08h reads the cell, 06h/07h scroll a window and fill with BH.
#include <catch2/catch.hpp>

#include <string>

#include "machine/machine.hpp"

using namespace quartz;

TEST_CASE("fallback INT 10h console: mode, cursor, teletype, write/read, scroll") {
  MachineConfig c;
  c.machine = "at";
  c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/bios/videocheck.img";
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  for (int i = 0; i < 100 && m.debug_output().find("DONE\r\n") == std::string::npos; ++i)
    m.run_for(seconds_to_ticks(0.1));
  const std::string& out = m.debug_output();
  INFO(out);
  for (const char* line : {
           "MODE-CELL=0720",     // blank, attribute 07h
           "GET-MODE=5003",      // 80 columns, mode 03h
           "CURSOR=050A",        // row 5, column 10 as set
           "CURSOR-TYPE=0607",   // scan lines 6-7 (colour text default)
           "TTY-CELL=0741",      // 'A' written with the cell's attribute
           "TTY-CELL2=0742",     // 'B' next to it
           "TTY-CURSOR=050C",    // cursor advanced by two
           "WRITE-CELL=1E58",    // third 'X' of three, attribute 1Eh
           "WRITE-AFTER=0720",   // the fourth cell untouched
           "READ-CELL=1E58",     // AH=08h at the (unmoved) cursor
           "SCROLL-MOVED=0741",  // row 5 moved to row 4
           "SCROLL-FILL=1720",   // new bottom row in BH = 17h
           "DOWN-MOVED=0741",    // window rows 2-6: row 4 moved down to row 5
           "DOWN-FILL=7020",     // top window row filled with BH = 70h
           "DOWN-OUTSIDE=0720",  // column 50 is outside the 0-39 window
           "WRAP-CELL=175A",     // 'Z' at 24,79 then scrolled up to row 23
           "WRAP-CURSOR=1800",   // cursor at the start of the new bottom row
           "DONE"}) {
    CHECK(out.find(std::string(line) + "\r\n") != std::string::npos);
  }
}
