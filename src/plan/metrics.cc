#include "plan/metrics.h"

#include <ctime>
#include <fstream>
#include <sstream>

#include "common/file_io.h"

namespace invplan::plan {
namespace {

constexpr char kLastSuccess[] = "invplan_run_last_success_timestamp_seconds";

// The value line of `name` in an earlier metrics file ("" when there is none).
std::string PreviousLine(const std::string& path, const std::string& name) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + " ", 0) == 0) return line;
  }
  return "";
}

class Writer {
 public:
  explicit Writer(std::ostream& s) : s_(s) {}
  // HELP and TYPE lines; every metric here is a gauge.
  void Head(const std::string& name, const std::string& help) {
    s_ << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n";
  }
  void Value(const std::string& name, double v, const std::string& labels = "") {
    s_ << name << (labels.empty() ? "" : "{" + labels + "}") << ' ' << FormatDouble(v) << '\n';
  }
  void Gauge(const std::string& name, const std::string& help, double v) {
    Head(name, help);
    Value(name, v);
  }

 private:
  std::ostream& s_;
};

}  // namespace

void WriteMetrics(const std::string& path, const PlanResult& r, bool success) {
  const std::string previous = success ? "" : PreviousLine(path, kLastSuccess);
  OutputFile out(path);
  Writer w(out.stream());
  w.Gauge("invplan_run_duration_seconds", "Wall time of the last invplan run.", r.seconds);
  w.Gauge("invplan_run_success", "1 if the last invplan run succeeded, else 0.", success);
  if (success || !previous.empty()) {
    w.Head(kLastSuccess, "Unix time of the last successful invplan run.");
    if (success) {
      w.Value(kLastSuccess, static_cast<double>(std::time(nullptr)));
    } else {
      out.stream() << previous << '\n';
    }
  }
  w.Head("invplan_stage_duration_seconds", "Wall time of each stage in the last run.");
  for (const PlanStageReport& s : r.stages) {
    if (s.status != "skipped" && s.status != "imported") {
      w.Value("invplan_stage_duration_seconds", s.wall_seconds, "stage=\"" + s.stage + "\"");
    }
  }
  w.Gauge("invplan_skus", "SKUs planned.", static_cast<double>(r.skus));
  w.Gauge("invplan_forecast_fallbacks", "SKUs forecast by a simpler model than asked for.",
          static_cast<double>(r.forecast_fallbacks));
  w.Head("invplan_anomalies", "Anomalous records found, by type.");
  for (const auto& [type, n] : r.anomalies_by_type) {
    w.Value("invplan_anomalies", static_cast<double>(n), "type=\"" + type + "\"");
  }
  w.Gauge("invplan_order_lines", "Purchase order lines of the plan.",
          static_cast<double>(r.order_lines));
  w.Gauge("invplan_order_spend", "Total cost of the planned purchase orders.", r.order_spend);
  out.Commit();
}

}  // namespace invplan::plan
