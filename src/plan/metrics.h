// Prometheus text format for node_exporter's textfile collector.
#pragma once

#include <string>

#include "invplan/plan.h"

namespace invplan::plan {

// Writes the run's metrics to `path` atomically. On a failed run the previous
// file's invplan_run_last_success_timestamp_seconds is kept, so an alert on its
// age fires after failed nights.
void WriteMetrics(const std::string& path, const PlanResult& result, bool success);

}  // namespace invplan::plan
