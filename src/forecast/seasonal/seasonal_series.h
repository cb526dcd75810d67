// Seasonal adjustment around a per-series model (--decompose mstl, and
// --fourier for models without regressors), as R's stlf / forecast.stl:
//
//  1. the history is transformed (--transform), then its seasonal part is
//     estimated on that scale:
//       mstl     the MSTL components of settings.seasonal_periods (mstl.h);
//       fourier  the least-squares fit of the series on an intercept and the
//                Fourier terms (the last settings.fourier_columns columns of
//                xreg), less the intercept;
//  2. the model is fitted to the seasonally adjusted series with no
//     transform (mstl: and no season, the components carry it; fourier: its
//     own season, the terms carry only the periods given);
//  3. the seasonal forecast (mstl: each component's last cycle carried
//     forward; fourier: the terms of the horizon times the coefficients) is
//     added to the model's mean; the standard errors are the adjusted
//     model's (the seasonal estimate's own uncertainty is ignored, as in R);
//     the result is transformed back like any forecast.
//
// The model object records "decomposition": {method, periods (mstl) or terms
// with their coefficients (fourier), and a note when nothing was removed}.
// The adjusted model's "state" is dropped: --update-from refits such SKUs
// (the state belongs to the adjusted series, which a new period changes).
// A constant history, or one too short for every period (mstl: shorter than
// two cycles of each; fourier: fewer observations than terms + 2), is given
// to the model unchanged with a note.
#pragma once

#include <string>
#include <vector>

#include "forecast/series_model.h"

namespace invplan::forecast {

using AdjustedModelFn = SeriesResult (*)(const SeriesInput& input, Reasons* reasons);

// --seasonal-periods: whole numbers >= 2. Throws Error(kUsage) naming the option.
std::vector<int> ParseSeasonalPeriods(const std::string& text);
std::string SeasonalPeriodsText(const std::vector<int>& periods);
void CheckSeasonalPeriods(const std::vector<int>& periods);

// Whether `model` gets the seasonal adjustment under settings `s` (mstl, or
// Fourier terms that the model cannot take as regressors).
bool NeedsSeasonalAdjustment(const SeriesSettings& s);

// Steps 1-3 above with `model` on the adjusted series.
SeriesResult SeasonallyAdjustedForecast(const SeriesInput& in, AdjustedModelFn model,
                                        Reasons* reasons);

}  // namespace invplan::forecast
