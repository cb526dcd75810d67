#include "common/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace invplan {
namespace {
std::atomic<bool> g_progress{false};

void AppendEscaped(const char* p, std::size_t n, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c >= 0x20 && c != 0x7f) {
      out->push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\r') {
      out->append("\\r");
    } else if (c == '\t') {
      out->append("\\t");
    } else {
      out->append("\\x");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
}

// %* in the pattern: the message with control characters escaped.
class EscapedMessage : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string text;
    AppendEscaped(msg.payload.data(), msg.payload.size(), &text);
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedMessage>();
  }
};

}  // namespace

std::string EscapeControl(const std::string& text) {
  std::string out;
  AppendEscaped(text.data(), text.size(), &out);
  return out;
}

const std::string& RunId() {
  static const std::string id = [] {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    return std::string(stamp) + "-" + std::to_string(::getpid());
  }();
  return id;
}

std::string SummaryLines(const std::string& text) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
  const std::string prefix = std::string(stamp) + " [summary] run=" + RunId() + " ";
  std::string out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    if (end > begin) out += prefix + text.substr(begin, end - begin) + "\n";
    begin = end + 1;
  }
  return out;
}

bool ConfigureLogging(const std::string& level) {
  static bool configured = false;
  if (!configured) {
    auto logger = spdlog::stderr_color_mt("invplan");
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<EscapedMessage>('*').set_pattern("%Y-%m-%d %H:%M:%S [%l] run=" + RunId() +
                                                         " %*");
    logger->set_formatter(std::move(formatter));
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
