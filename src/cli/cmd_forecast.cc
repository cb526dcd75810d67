#include "cli/command.h"
#include "invplan/forecast.h"

namespace invplan::cli {

Action SetupForecast(CLI::App& app) {
  app.footer(
      "Model options: --order/--seasonal-order/--arima-search with arima (and auto); --croston\n"
      "with croston (and auto); --cell ... --load-model with rnn. --regressors need --future\n"
      "and --model arima, auto or rnn.");
  return TableCommand(app, ForecastOptionTable(), [](ForecastOptions o, Context& ctx) {
    o.keep_series = false;  // the artifact is streamed; the CLI needs only the counts
    ForecastStats stats;
    RunForecast(o, ctx.run, &stats);
    return stats.Summary();
  });
}

}  // namespace invplan::cli
