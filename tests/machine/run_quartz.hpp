#pragma once
// Runs the built `quartz` executable as a user would, capturing exit status, stdout and
// stderr (for the command-line contract: messages, exit statuses, untouched files).
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace quartz::test {

struct QuartzResult {
  int status = -1;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string shell_quote(const std::string& s) {
  std::string q;
  q.push_back('\'');
  for (char c : s) {
    if (c == '\'') q.append("'\\''");
    else q.push_back(c);
  }
  q.push_back('\'');
  return q;
}

// A scratch directory unique to this process, removed by the caller when done.
inline std::filesystem::path scratch_dir(const std::string& tag) {
  auto d = std::filesystem::temp_directory_path() /
           ("quartz-test-" + tag + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return d;
}

inline QuartzResult run_quartz(const std::vector<std::string>& args,
                               const std::filesystem::path& dir) {
  // From a scratch directory (bundled files must be found from anywhere), with no display:
  // the run is headless as in CI.
  std::string cmd = "cd " + shell_quote(dir.string()) + " && env -u DISPLAY -u WAYLAND_DISPLAY ";
  cmd.append(shell_quote((std::filesystem::path(QUARTZ_BUILD_DIR) / "quartz").string()));
  for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
  auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  cmd.append(" >").append(shell_quote(out.string()));
  cmd.append(" 2>").append(shell_quote(err.string())).append(" </dev/null");
  int raw = std::system(cmd.c_str());
  QuartzResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace quartz::test
