#include "common/temp_files.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>

namespace invplan {
namespace {

constexpr int kSlots = 64;
constexpr std::size_t kPathMax = 4096;
constexpr std::time_t kStaleSeconds = 60;

// 0 free, 1 being filled or emptied, 2 holds a path the handler may unlink.
std::atomic<int> g_state[kSlots];
char g_paths[kSlots][kPathMax];

const int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

extern "C" void RemoveTempsAndReraise(int sig) {
  for (int i = 0; i < kSlots; ++i) {
    if (g_state[i].load() == 2) ::unlink(g_paths[i]);
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void InstallHandlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : kSignals) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) != 0) continue;
      if (old.sa_handler == SIG_IGN) continue;  // e.g. nohup: stay ignored
      if (sig == SIGPIPE && old.sa_handler != SIG_DFL) continue;
      struct sigaction sa {};
      sa.sa_handler = RemoveTempsAndReraise;
      sigemptyset(&sa.sa_mask);
      sa.sa_flags = SA_RESETHAND;
      ::sigaction(sig, &sa, nullptr);
    }
  });
}

std::string Prefix(const std::string& target) {
  std::filesystem::path t(target);
  return "." + t.filename().string() + ".tmp.";
}

std::filesystem::path Dir(const std::string& target) {
  std::filesystem::path dir = std::filesystem::path(target).parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

}  // namespace

std::string TempPattern(const std::string& target) {
  return (Dir(target) / (Prefix(target) + std::to_string(::getpid()) + ".XXXXXX")).string();
}

int RegisterTemp(const std::string& path) {
  if (path.size() >= kPathMax) return -1;
  InstallHandlers();
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_state[i].compare_exchange_strong(expected, 1)) {
      std::memcpy(g_paths[i], path.c_str(), path.size() + 1);
      g_state[i].store(2);
      return i;
    }
  }
  return -1;
}

void UnregisterTemp(int slot) {
  if (slot < 0 || slot >= kSlots) return;
  g_state[slot].store(1);
  g_paths[slot][0] = '\0';
  g_state[slot].store(0);
}

void SweepStaleTemps(const std::string& target) {
  const std::string prefix = Prefix(target);
  const std::filesystem::path dir = Dir(target);
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  const std::time_t now = std::time(nullptr);
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    // The rest is "<pid>.XXXXXX".
    const std::string rest = name.substr(prefix.size());
    const std::size_t dot = rest.find('.');
    if (dot == std::string::npos || dot == 0 || rest.size() - dot - 1 != 6) continue;
    char* end = nullptr;
    errno = 0;
    const long pid = std::strtol(rest.c_str(), &end, 10);
    if (errno != 0 || end != rest.c_str() + dot || pid <= 0) continue;
    const std::string path = (dir / name).string();
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (st.st_uid != ::geteuid() || now - st.st_mtime < kStaleSeconds) continue;
    if (pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    ::unlink(path.c_str());
  }
  ::closedir(d);
}

}  // namespace invplan
