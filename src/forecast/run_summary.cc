#include "forecast/run_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace invplan::forecast {
namespace {

std::vector<std::pair<std::string, std::size_t>> Sorted(
    const std::map<std::string, std::size_t>& m) {
  std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return v;
}

Json SortedJson(const std::map<std::string, std::size_t>& m) {
  Json j = Json::object();
  for (auto& [k, v] : Sorted(m)) j[k] = v;
  return j;
}

}  // namespace

RunSummary::RunSummary(const std::vector<double>& levels, const std::vector<double>& quantiles)
    : levels_(levels),
      quantiles_(quantiles),
      model_sum_(levels.size(), quantiles.size()),
      bench_sum_(levels.size(), quantiles.size()) {}

void RunSummary::Add(const SeriesTask& task) {
  const SeriesForecast& f = task.forecast;
  ++series_;
  ++models_[f.model_name];
  ++classes_[f.demand_class];
  if (f.status != "ok") {
    ++fallbacks_;
    // Counted by the first reason without its details in parentheses.
    std::string key = f.reason.substr(0, f.reason.find_first_of(";("));
    while (!key.empty() && key.back() == ' ') key.pop_back();
    ++reasons_[key];
  }
  if (task.has_backtest) {
    model_sum_.Add(task.model_acc);
    bench_sum_.Add(task.bench_acc);
  }
}

Json RunSummary::Trailer(int holdout, const Json* backtest_training) {
  Json trailer = Json::object();
  Json summary = Json::object();
  summary["series"] = series_;
  summary["fallbacks"] = fallbacks_;
  summary["models"] = SortedJson(models_);
  summary["demand_classes"] = SortedJson(classes_);
  summary["fallback_reasons"] = SortedJson(reasons_);
  trailer["summary"] = summary;
  if (holdout > 0) {
    backtest_ = Json::object();
    backtest_["holdout"] = holdout;
    backtest_["series"] = model_sum_.series();
    backtest_["model"] = AccuracyToJson(model_sum_.Mean(), levels_, quantiles_);
    backtest_["snaive"] = AccuracyToJson(bench_sum_.Mean(), levels_, quantiles_);
    double a = model_sum_.Mean().mase, b = bench_sum_.Mean().mase;
    backtest_["mase_ratio"] = std::isfinite(a / b) ? Json(a / b) : Json(nullptr);
    if (backtest_training) backtest_["training"] = *backtest_training;
    trailer["backtest"] = backtest_;
  }
  return trailer;
}

void RunSummary::Fill(ForecastStats* stats) const {
  stats->series = series_;
  stats->fallbacks = fallbacks_;
  stats->models = Sorted(models_);
  stats->classes = Sorted(classes_);
  stats->reasons = Sorted(reasons_);
  stats->backtest = backtest_;
}

}  // namespace invplan::forecast

namespace invplan {
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

std::string ForecastStats::Summary() const {
  std::string text = "forecast: " + std::to_string(series) + " SKUs; models: " + Counts(models) +
                     "; classes: " + Counts(classes) + "; " + std::to_string(fallbacks) +
                     " fallbacks";
  if (!reasons.empty()) text += " (" + Counts(reasons) + ")";
  if (backtest.is_object()) {
    text += "; backtest MASE " + Fixed(backtest["model"], "mase") + " vs seasonal naive " +
            Fixed(backtest["snaive"], "mase");
    const Json& m = backtest["model"];
    for (auto it = m.begin(); it != m.end(); ++it) {
      if (it.key().rfind("coverage", 0) == 0 && it.value().is_number()) {
        text += ", " + it.key() + " " + Fixed(m, it.key().c_str(), 2);
      }
    }
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", seconds);
  text += "; " + std::string(secs) + " s";
  if (!output.empty() && output != "-") text += " -> " + output;
  if (!csv_path.empty() && csv_path != "-") text += ", " + csv_path;
  return text;
}

}  // namespace invplan

namespace invplan {
namespace {

double NumberOrNan(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_number() ? j[key].get<double>()
                                               : std::numeric_limits<double>::quiet_NaN();
}

// The Accuracy that AccuracyToJson wrote (null: NaN).
forecast::Accuracy AccuracyFromJson(const Json& j, const std::vector<double>& levels,
                                    const std::vector<double>& quantiles) {
  forecast::Accuracy a;
  a.mase = NumberOrNan(j, "mase");
  a.rmsse = NumberOrNan(j, "rmsse");
  a.smape = NumberOrNan(j, "smape");
  a.rmse = NumberOrNan(j, "rmse");
  a.bias = NumberOrNan(j, "bias");
  for (double level : levels) {
    a.coverage.push_back(NumberOrNan(j, ("coverage" + FormatDouble(level)).c_str()));
  }
  for (double u : quantiles) {
    a.pinball.push_back(NumberOrNan(j, ("pinball_q" + FormatDouble(u)).c_str()));
    a.below.push_back(NumberOrNan(j, ("coverage_q" + FormatDouble(u)).c_str()));
  }
  a.points =
      j.contains("points") && j["points"].is_number_unsigned() ? j["points"].get<std::size_t>() : 0;
  return a;
}

}  // namespace

Json ForecastTrailer(const Json& series, const std::vector<double>& levels,
                     const std::vector<double>& quantiles, int holdout, const Json& training) {
  forecast::RunSummary summary(levels, quantiles);
  for (const Json& s : series) {
    forecast::SeriesTask task;
    SeriesForecast& f = task.forecast;
    f.model_name = s.at("model").value("name", "");
    f.demand_class = s.value("demand_class", "");
    f.status = s.value("status", "ok");
    f.reason = s.value("reason", "");
    if (s.contains("backtest") && s["backtest"].contains("model")) {
      task.has_backtest = true;
      task.model_acc = AccuracyFromJson(s["backtest"]["model"], levels, quantiles);
      task.bench_acc = AccuracyFromJson(s["backtest"]["snaive"], levels, quantiles);
    }
    summary.Add(task);
  }
  return summary.Trailer(holdout, training.is_null() ? nullptr : &training);
}

}  // namespace invplan
