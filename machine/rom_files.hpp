#pragma once
// Locating and loading the files a machine boots from: Quartz's own ROMs and the demo disk
// are build outputs, found next to the running executable (so an installed or copied build
// works from anywhere) and in the build tree this binary was compiled in (QUARTZ_BUILD_DIR).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace quartz {

// A problem the user can fix (missing or malformed file, bad option combination). The
// message names the file or option and the problem; the runner prints it and exits 2.
class MachineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Absolute path of a bundled build output, e.g. "bios/quartz-bios.bin" or
// "testroms/demo/demo.img". Returns the first existing candidate, or the preferred
// location (for the error message) when none exists.
std::string find_bundled_file(std::string_view relative);

// Reads a whole file; throws MachineError("<what> '<path>': <reason>").
std::vector<std::uint8_t> read_file(const std::string& path, std::string_view what);

}  // namespace quartz
