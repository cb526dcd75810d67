// The per-step inputs of the recurrent forecaster and the scaling of values
// (see forecast/rnn/rnn.h for the feature list). A window is `lookback` observed
// steps followed by `horizon` steps to forecast; FillWindow writes one window
// into a column of a Batch.
#pragma once

#include <string>
#include <vector>

#include "forecast/rnn/rnn.h"
#include "forecast/rnn/rnn_net.h"
#include "invplan/artifact.h"

namespace invplan::forecast::rnn {

struct FeatureSpec {
  Frequency frequency = Frequency::kDay;
  int season = 7;
  int lookback = 21;
  int horizon = 28;
  bool log1p = true;
  // Targets as y / scale for the negative-binomial head (set from the model's
  // likelihood, not stored); otherwise scaled as the inputs are.
  bool count_target = false;
  std::vector<double> regressor_mean, regressor_sd;  // standardization
  double log_scale_mean = 0.0, log_scale_sd = 1.0;

  int CalendarCount() const;
  int Count() const;  // features per step
  std::vector<std::string> Names() const;
  int Steps() const { return lookback + horizon; }

  // Statistics for the standardized inputs from the training series.
  void Fit(const std::vector<RnnSeriesInput>& series, int regressors);

  Json ToJson() const;
  static FeatureSpec FromJson(const Json& j);  // throws nlohmann exceptions on bad input
};

// The window's scale: 1 + mean |y| over the lookback (missing values ignored).
double WindowScale(const std::vector<double>& y, std::size_t start, int lookback);
// Scaled value and its inverse.
double ScaleValue(double y, double scale, bool log1p);

// Writes window j of `batch` (columns t·B + j): lookback values y[start ..
// start+lookback), then the horizon. With targets, the horizon values come from
// y and the regressors from the history; otherwise from future_regressors.
// Returns the window's scale (also stored in batch->scale[j]).
double FillWindow(const FeatureSpec& spec, const RnnSeriesInput& s, std::size_t start, bool targets,
                  int j, Batch* batch);

// Allocates a batch of `windows` windows for spec.
void ResizeBatch(const FeatureSpec& spec, int windows, bool targets, Batch* batch);

}  // namespace invplan::forecast::rnn
