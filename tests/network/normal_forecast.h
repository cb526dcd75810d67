// Test input of the network tests: a forecast artifact with a normal demand
// (mean, sd) per (sku, location), 14 days from day 20001.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "invplan/forecast_artifact.h"
#include "invplan/panel.h"
#include "test_util.h"

namespace invplan::testing {

using NormalSeries = std::tuple<std::string, std::string, double, double>;

inline std::string WriteNormalForecast(const TempDir& dir, const std::vector<NormalSeries>& s) {
  RunInfo run;
  Json doc = MakeEnvelope(kForecastFormat, kForecastSchema, run);
  doc["frequency"] = "D";
  doc["horizon"] = 14;
  doc["levels"] = Json::array();
  doc["clipped_at_zero"] = true;
  Json series = Json::array();
  for (const auto& [sku, loc, mean, sd] : s) {
    SeriesForecast f;
    f.sku = sku;
    f.location = loc;
    f.model_name = "test";
    f.history_end = 20000;
    for (int t = 0; t < 14; ++t) {
      ForecastPoint p;
      p.period = 20001 + t;
      p.mean = mean;
      p.distribution.family = DistributionFamily::kNormal;
      p.distribution.mu = mean;
      p.distribution.sigma = sd;
      f.points.push_back(p);
    }
    series.push_back(SeriesForecastToJson(f, Frequency::kDay, {}));
  }
  doc["series"] = series;
  return dir.Write("forecast.json", doc.dump());
}

}  // namespace invplan::testing
