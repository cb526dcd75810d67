#include <cmath>
#include <cstdio>
#include <memory>

#include "cli/options.h"
#include "invplan/forecast.h"

namespace invplan::cli {
namespace {

std::string Counts(const std::vector<std::pair<std::string, std::size_t>>& v) {
  std::string s;
  for (const auto& [k, n] : v) s += (s.empty() ? "" : ", ") + k + " " + std::to_string(n);
  return s;
}

std::string Fixed(const Json& j, const char* key, int digits = 3) {
  if (!j.contains(key) || !j[key].is_number()) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, j[key].get<double>());
  return buf;
}

}  // namespace

Action SetupForecast(CLI::App& app) {
  const auto& table = ForecastOptionTable();
  auto bound = std::make_shared<BoundTable<ForecastOptions>>(app, table);
  return [bound, &table](Context& ctx) {
    ForecastOptions o = ResolveOptions(*bound, table, &ctx);
    o.threads = ctx.global.threads;
    o.seed = ctx.global.seed;
    o.keep_series = false;
    ForecastStats st;
    RunForecast(o, &ctx.run.run, &st);
    std::string text = "forecast: " + std::to_string(st.series) +
                       " SKUs; models: " + Counts(st.models) + "; classes: " + Counts(st.classes) +
                       "; " + std::to_string(st.fallbacks) + " fallbacks";
    if (!st.reasons.empty()) text += " (" + Counts(st.reasons) + ")";
    if (st.backtest.is_object()) {
      text += "; backtest MASE " + Fixed(st.backtest["model"], "mase") + " vs seasonal naive " +
              Fixed(st.backtest["snaive"], "mase");
      const Json& m = st.backtest["model"];
      for (auto it = m.begin(); it != m.end(); ++it) {
        if (it.key().rfind("coverage", 0) == 0 && it.value().is_number()) {
          text += ", " + it.key() + " " + Fixed(m, it.key().c_str(), 2);
        }
      }
    }
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", st.seconds);
    text += "; " + std::string(secs) + " s";
    if (!st.output.empty() && st.output != "-") text += " -> " + st.output;
    if (!st.csv_path.empty() && st.csv_path != "-") text += ", " + st.csv_path;
    Summary(ctx, text);
  };
}

}  // namespace invplan::cli
