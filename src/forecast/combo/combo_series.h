// `--model combo`: the equal-weight combination of --combo-members per series
// (default auto-ARIMA, ETS chosen by AICc and Theta; CES may be added), on the
// --transform scale. With --combine mean (settings.median false) the combined
// mean is the mean of the members' means and the combined standard error the
// mean of their standard errors, so each interval bound is the mean of the
// members' bounds (quantile averaging: as if their forecast errors were
// perfectly correlated). With --combine median, per period the median of the
// means and the median of the standard errors (with three members: the middle
// mean, the middle standard error; the bounds are then close to, not exactly,
// the median bounds; with an even count the mean of the middle two). A member
// that cannot be fitted is left out with a reason; with none left the simplest
// model takes over.
#pragma once

#include <vector>

#include "forecast/series_model.h"

namespace invplan::forecast {

SeriesResult ComboSeriesForecast(const SeriesInput& in, Reasons* reasons);

// The combination of fitted members (each h steps, non-empty list): name
// "combo", spec listing the members, standard errors of the sums combined as
// the steps' are.
ModelForecast CombineForecasts(const std::vector<ModelForecast>& members, int h, bool median);

}  // namespace invplan::forecast
