#include "plan/run_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

#include "invplan/error.h"

namespace invplan::plan {
namespace fs = std::filesystem;

namespace {

std::string UtcStamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string HolderPid(int fd) {
  char buf[32] = {0};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() ? "unknown" : pid;
}

}  // namespace

RunLock::RunLock(const std::string& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  const std::string path = (fs::path(out_dir) / ".lock").string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd_ < 0) throw UsageError("cannot open '" + path + "': " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const std::string pid = HolderPid(fd_);
    ::close(fd_);
    fd_ = -1;
    throw UsageError(out_dir + " is locked by another invplan run (pid " + pid + ")");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for the message a second run prints; the lock holds anyway.
  }
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

std::string FreeRunName(const std::string& out_dir) {
  const std::string stamp = "runs/" + UtcStamp();
  std::string name = stamp;
  for (int n = 2; fs::exists(fs::path(out_dir) / name); ++n) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "-%02d", n);
    name = stamp + suffix;
  }
  return name;
}

void LinkFile(const std::string& from_dir, const std::string& to_dir, const std::string& name) {
  const fs::path from = fs::path(from_dir) / name, to = fs::path(to_dir) / name;
  std::error_code ec;
  fs::remove(to, ec);
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

void SwitchLatest(const std::string& out_dir, const std::string& run) {
  const fs::path latest = fs::path(out_dir) / "latest";
  const fs::path temp = fs::path(out_dir) / (".latest.tmp." + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove(temp, ec);
  fs::create_symlink(run, temp);
  fs::rename(temp, latest, ec);  // rename(2) replaces the old link atomically
  if (ec) {
    fs::remove(temp);
    throw InternalError("cannot switch " + latest.string() + ": " + ec.message());
  }
}

void RemoveInterruptedRuns(const std::string& out_dir) {
  const fs::path runs = fs::path(out_dir) / "runs";
  if (!fs::is_directory(runs)) return;
  std::vector<fs::path> interrupted;
  for (const auto& entry : fs::directory_iterator(runs)) {
    if (entry.is_directory() && !fs::exists(entry.path() / "manifest.json")) {
      interrupted.push_back(entry.path());
    }
  }
  for (const fs::path& dir : interrupted) fs::remove_all(dir);
}

void PruneRuns(const std::string& out_dir, int keep, const std::string& current) {
  const fs::path runs = fs::path(out_dir) / "runs";
  std::error_code ec;
  const fs::path latest = fs::read_symlink(fs::path(out_dir) / "latest", ec);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(runs)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  // Names are UTC timestamps (with a zero-padded suffix): their order is the runs'.
  std::sort(names.begin(), names.end());
  int excess = static_cast<int>(names.size()) - keep;
  for (const std::string& name : names) {
    if (excess <= 0) break;
    const std::string rel = "runs/" + name;
    if (rel == current || (!ec && rel == latest.string())) continue;
    fs::remove_all(runs / name);
    --excess;
  }
}

}  // namespace invplan::plan
