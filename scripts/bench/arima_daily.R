# auto.arima with promo and holiday as regressors on every SKU of train.csv,
# forecasts over the dates of test.csv; prints the CPU seconds spent.
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
tr <- read.csv(file.path(args[1], "train.csv")); te <- read.csv(file.path(args[1], "test.csv"))
out <- NULL
t0 <- proc.time()
for (s in unique(tr$sku)) {
  x <- tr[tr$sku == s, ]; z <- te[te$sku == s, ]
  f <- auto.arima(ts(x$quantity, frequency = 7), xreg = as.matrix(x[, c("promo", "holiday")]))
  fc <- forecast(f, xreg = as.matrix(z[, c("promo", "holiday")]), h = nrow(z))
  out <- rbind(out, data.frame(sku = s, date = z$date, mean = as.numeric(fc$mean)))
}
t <- proc.time() - t0
cat(sprintf("%.2f\n", t[1] + t[2]), file = file.path(args[1], "r_cpu"))
write.csv(out, file.path(args[1], "r.csv"), row.names = FALSE)
