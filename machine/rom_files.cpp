#include "machine/rom_files.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/core.h>

namespace quartz {

namespace fs = std::filesystem;

std::string find_bundled_file(std::string_view relative) {
  std::vector<fs::path> candidates;
  std::error_code ec;
  // The quartz binary sits at the top of its build tree, beside bios/ and testroms/.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path() / relative);
#ifdef QUARTZ_BUILD_DIR
  candidates.push_back(fs::path(QUARTZ_BUILD_DIR) / relative);
#endif
  for (const auto& c : candidates)
    if (fs::is_regular_file(c, ec)) return c.string();
  return candidates.empty() ? std::string(relative) : candidates.back().string();
}

std::vector<std::uint8_t> read_file(const std::string& path, std::string_view what) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw MachineError(fmt::format("{} '{}': no such file", what, path));
  if (fs::is_directory(path, ec))
    throw MachineError(fmt::format("{} '{}': is a directory, not a file", what, path));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw MachineError(fmt::format("{} '{}': cannot open ({})", what, path, std::strerror(errno)));
  std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
  if (in.bad()) throw MachineError(fmt::format("{} '{}': read error", what, path));
  return data;
}

}  // namespace quartz
