#include <memory>

#include "cli/options.h"
#include "invplan/forecast.h"

namespace invplan::cli {

Action SetupForecast(CLI::App& app) {
  const auto& table = ForecastOptionTable();
  auto bound = std::make_shared<BoundTable<ForecastOptions>>(app, table);
  app.footer(
      "Model options: --order/--seasonal-order/--arima-search with arima (and auto); --croston\n"
      "with croston (and auto); --cell ... --load-model with rnn. --regressors need --future\n"
      "and --model arima, auto or rnn.");
  return [bound, &table](Context& ctx) {
    ForecastOptions o = ResolveOptions(*bound, table, &ctx);
    o.keep_series = false;  // the artifact is streamed; the CLI needs only the counts
    ForecastStats stats;
    RunForecast(o, ctx.run, &stats);
    Summary(ctx, stats.Summary());
  };
}

}  // namespace invplan::cli
