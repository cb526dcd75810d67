// `--model combo`: the equal-weight combination of auto-ARIMA, ETS (chosen by
// AICc) and Theta per series, on the --transform scale. The combined mean is
// the mean of the three means; the combined standard error the mean of the
// three standard errors, so each interval bound is the mean of the three
// models' bounds (quantile averaging: as if the three forecast errors were
// perfectly correlated, never narrower than the narrowest model's interval
// would be under that assumption). A member that cannot be fitted is left out
// with a reason; with none left the simplest model takes over.
#pragma once

#include "forecast/series_model.h"

namespace invplan::forecast {

SeriesResult ComboSeriesForecast(const SeriesInput& in, Reasons* reasons);

}  // namespace invplan::forecast
