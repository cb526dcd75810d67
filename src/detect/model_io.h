// The saved forest (format "invplan.detect-model"): everything needed to score
// new data exactly as the training run would have.
//
// JSON layout after the envelope:
//   mode            "table" | "inventory"
//   features        feature names, in column order
//   medians         per feature: the training median (table mode: imputation
//                   value and the "expected" value of explanations)
//   season          inventory mode: season length used for the baseline
//   trees, sample_size, extension_level, height_limit, c_psi, training_rows
//   contamination   "auto" or the fraction used when training
//   threshold       the score above which a row was flagged when training
//   training_score_quantiles  1001 quantiles (0, 0.001, ..., 1) of the training
//                   rows' scores, so a new --contamination can be applied later
//   forest: [{left, feature, value, size[, normal, point]}]  one object per tree,
//                   node arrays as in detect/iforest.h (normal/point flattened)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detect/iforest.h"
#include "invplan/artifact.h"

namespace invplan::detect {

struct DetectModel {
  std::string mode = "table";
  std::vector<std::string> features;
  std::vector<double> medians;
  int season = 0;
  Forest forest;
  std::uint64_t training_rows = 0;
  std::optional<double> contamination;
  double threshold = 0.5;
  std::vector<double> score_quantiles;
};

// The linear-interpolation quantile (numpy's default) of sorted values, q in [0, 1].
double Quantile(const std::vector<double>& sorted, double q);
// 1001 evenly spaced quantiles of `scores` (sorted in place).
std::vector<double> QuantileTable(std::vector<double>* scores);
// The threshold that flags a share `fraction` of rows whose score quantiles are
// `table` (as from QuantileTable, or all sorted scores).
double ThresholdForFraction(const std::vector<double>& table, double fraction);

Json ModelToJson(const DetectModel& model, const RunInfo& run);
// Throws Error(kArtifact) naming `name` for anything malformed.
DetectModel ModelFromJson(const Json& doc, const std::string& name);

void SaveModel(const std::string& path, const DetectModel& model, const RunInfo& run);
DetectModel LoadModel(const std::string& path, InputInfo* info);

}  // namespace invplan::detect
