// Anomalies excluded from the history a forecast is fitted on: the records of
// an anomalies artifact (invplan detect) whose type is one of the excluded
// types are treated as missing: each is replaced by the straight line between
// the nearest kept values around it (the value before it at the end of the
// history), as any gap is. The original values are kept so that a backtest
// scores against what was recorded.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/panel.h"

namespace invplan::forecast {

struct Excluded {
  std::size_t index = 0;  // period index within the series
  std::string type;
  double value = 0.0;  // the recorded value
};

// The records of `types` of an anomalies artifact as one list per panel series
// (sorted by period, one entry per period, `value` the panel's value), the
// panel unchanged. Records for SKUs or dates outside the panel are ignored
// (counted in `*unmatched`). Errors as ExcludeAnomalies.
std::vector<std::vector<Excluded>> ReadAnomalyPoints(const std::string& path,
                                                     const std::vector<std::string>& types,
                                                     const Panel& panel, RunInfo* run,
                                                     std::size_t* unmatched);

// Treats the listed periods of `s` as missing: each is replaced by the straight
// line between the nearest kept values around it (see above).
void ExcludePoints(const std::vector<Excluded>& list, Series* s);

// One list per panel series (empty when nothing is excluded), the panel's
// values replaced. Records for SKUs or dates outside the panel are ignored
// (counted in `*unmatched`). Throws Error(kArtifact) for a file that is not an
// anomalies artifact, Error(kBadInput) when it cannot be read.
std::vector<std::vector<Excluded>> ExcludeAnomalies(const std::string& path,
                                                    const std::vector<std::string>& types,
                                                    Panel* panel, RunInfo* run,
                                                    std::size_t* unmatched);

// [{date, type, value}] for the artifact.
Json ExcludedJson(const std::vector<Excluded>& list, const Series& s, Frequency f);

// `values` (a window of the series starting at `offset`) with the recorded
// values put back where they were excluded.
std::vector<double> WithRecorded(std::vector<double> values, std::size_t offset,
                                 const std::vector<Excluded>& list);

}  // namespace invplan::forecast
