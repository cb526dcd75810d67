// Cleaning rules on one series (CleanPanel applies them to every series; the
// clean stage to each series as it streams by), exposed for unit tests.
#pragma once

#include <cstdint>
#include <vector>

#include "invplan/ingest.h"

namespace invplan {

// Fills NaN values of `x` per `method`; returns how many were filled.
std::uint64_t FillGaps(std::vector<double>* x, FillMethod method);

// Forward-fills NaN values (backward-fills a leading gap); used for extra columns
// such as price, promo or on_hand in periods without rows.
void CarryForward(std::vector<double>* x);

// The robust outlier rule. For smooth series: baseline_t = median of the values at
// the same seasonal position within ±3 seasons (a centred 7-value running median
// when season <= 1); residuals r = x − baseline; scale = 1.4826·MAD(r) (falling back
// to 1.2533·mean|r − median r| when the MAD is 0); x_t is an outlier when
// |r_t − median(r)| > z·scale. For intermittent series (over 30% zeros) the rule
// looks at the non-zero sizes only, against their median, and flags only high
// values. NaN values are ignored. Changes x per `method` (clip to the threshold
// or interpolate linearly from the neighbouring non-outliers); returns the number
// of changed values. Values never become negative.
std::uint64_t TreatOutliers(std::vector<double>* x, OutlierMethod method, double z, int season);

// Checks the options (UsageError) and returns the season the outlier rule uses.
int CheckCleanOptions(const CleanOptions& options, Frequency frequency);

// Outliers, then gaps, then carried-forward extras, on one series; sets the
// report's filled and outlier counts if `report` is not null. Periods missing
// with extra column `closed_col` (-1: none) above 0 are closed
// (ingest/closures.h): they stay missing and are not counted as filled.
void CleanSeries(Series* series, const CleanOptions& options, int season, SeriesReport* report,
                 int closed_col = -1);

}  // namespace invplan
