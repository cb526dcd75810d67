// Streams the forecast artifact: the header (envelope and set-wide fields) is
// written first, then each series as it completes (one compact JSON object per
// line, so a 100k-SKU artifact is never held in memory), then the trailing
// fields. Optionally the same points go to a flat CSV:
//   sku[,location],date,mean,lo80,hi80,lo95,hi95[,q0.5,q0.9,...],model,status
// Both files appear atomically at Commit(); if the run fails before, neither is
// left behind.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/file_io.h"
#include "invplan/forecast_artifact.h"

namespace invplan::forecast {

class ForecastWriter {
 public:
  // Empty json_path: no artifact; empty csv_path: no CSV.
  ForecastWriter(const std::string& json_path, const std::string& csv_path, const Json& header,
                 Frequency frequency, const std::vector<double>& levels,
                 const std::vector<double>& quantiles, bool has_location);
  void Add(const SeriesForecast& s);
  // Writes `trailer`'s fields after the series and commits both files.
  void Commit(const Json& trailer);

 private:
  std::unique_ptr<OutputFile> json_, csv_;
  Frequency frequency_;
  std::vector<double> levels_, quantiles_;
  bool has_location_;
  std::size_t count_ = 0;
};

}  // namespace invplan::forecast
