// Logging and progress, both on standard error only (standard output is kept for
// data when an output path is "-"). The CLI configures them once per run.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace invplan {

// This process's run id: its UTC start time and pid, e.g. 20261205T170102Z-4242.
// Every log line and every summary line carries it as `run=ID`, so a night's
// lines can be found in a shared log with one grep.
const std::string& RunId();

// A summary line as written to standard error: the time, `[summary]`, the run
// id, then the text (each line of a multi-line text prefixed alike).
std::string SummaryLines(const std::string& text);

// Log messages may quote data (a SKU, a header, a file name): every control
// character in a message (ANSI escapes, line breaks, ...) is written escaped, as
// \n, \r, \t or \xHH, so data cannot forge log lines or drive the terminal.
std::string EscapeControl(const std::string& text);

// Sets the log level (trace|debug|info|warn|error|off); false if unknown.
bool ConfigureLogging(const std::string& level);
// Progress bars are drawn only when enabled here and standard error is a terminal.
void EnableProgress(bool enabled);

// A progress bar on standard error; thread-safe Add(). Draws nothing unless
// progress is enabled and standard error is a terminal.
class Progress {
 public:
  Progress(std::string label, std::size_t total);
  ~Progress();
  void Add(std::size_t n = 1);
  // Extra text shown after the bar (e.g. "val loss 0.123"); not thread-safe.
  void SetNote(std::string note) { note_ = std::move(note); }

 private:
  void Draw(std::size_t done, bool final);
  std::string label_, note_;
  std::size_t total_;
  std::atomic<std::size_t> done_{0};
  std::atomic<long long> last_draw_ms_{0};
  bool active_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace invplan
