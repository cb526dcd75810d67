# R's forecast::ets on every SKU of a cleaned daily sales CSV, for ets_daily.sh.
# Usage: Rscript ets_daily.R CLEAN.csv OUT.csv
# Fits ts(quantity, frequency = 7) without the last 28 days, forecasts them and writes
# sku,spec,mase,c80,c95 (MASE scaled by the in-sample weekly naive); prints CPU seconds.
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
d <- d[order(d$sku, d$date), ]
out <- list()
cpu <- 0
for (s in unique(d$sku)) {
  y <- d$quantity[d$sku == s]
  n <- length(y) - 28
  test <- y[(n + 1):(n + 28)]
  t0 <- sum(proc.time()[c("user.self", "sys.self")])
  fc <- tryCatch(forecast(ets(ts(y[1:n], frequency = 7)), h = 28, level = c(80, 95)),
                 error = function(e) NULL)
  cpu <- cpu + sum(proc.time()[c("user.self", "sys.self")]) - t0
  if (is.null(fc)) next
  out[[s]] <- data.frame(sku = s, spec = fc$method,
                         mase = mean(abs(test - fc$mean)) / mean(abs(diff(y[1:n], lag = 7))),
                         c80 = mean(test >= fc$lower[, 1] & test <= fc$upper[, 1]),
                         c95 = mean(test >= fc$lower[, 2] & test <= fc$upper[, 2]))
}
write.csv(do.call(rbind, out), args[2], row.names = FALSE)
cat(sprintf("R ets: %d SKUs, %.1f s CPU\n", length(out), cpu))
