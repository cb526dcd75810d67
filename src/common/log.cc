#include "common/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>

namespace invplan {
namespace {
std::atomic<bool> g_progress{false};
}

bool ConfigureLogging(const std::string& level) {
  static bool configured = false;
  if (!configured) {
    auto logger = spdlog::stderr_color_mt("invplan");
    logger->set_pattern("%Y-%m-%d %H:%M:%S [%l] %v");
    spdlog::set_default_logger(logger);
    configured = true;
  }
  auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off") return false;
  spdlog::set_level(lvl);
  return true;
}

void EnableProgress(bool enabled) {
  g_progress = enabled && ::isatty(STDERR_FILENO);
}

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)),
      total_(total),
      active_(g_progress.load()),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (active_) Draw(done_.load(), true);
}

void Progress::Add(std::size_t n) {
  std::size_t done = done_.fetch_add(n) + n;
  if (!active_) return;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::steady_clock::now() - start_)
                 .count();
  long long last = last_draw_ms_.load();
  // Redraw at most ten times a second, by whichever thread gets there first.
  if (now - last >= 100 && last_draw_ms_.compare_exchange_strong(last, now)) Draw(done, false);
}

void Progress::Draw(std::size_t done, bool final) {
  const int width = 30;
  double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  if (frac > 1.0) frac = 1.0;
  int filled = static_cast<int>(frac * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(width - filled), '.');
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r%s [%s] %zu/%zu %.1fs %s\033[K%s", label_.c_str(), bar.c_str(), done,
               total_, secs, note_.c_str(), final ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace invplan
