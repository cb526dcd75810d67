# R's auto.arima with regressors on the benchmark series of scripts/bench.sh rnn.
# Usage: Rscript rnn_arima.R TRAIN.csv FUTURE.csv SUBSET.txt REGRESSORS OUT.csv
#   TRAIN: date,sku,quantity,<regressors>; FUTURE: date,sku,<regressors>;
#   SUBSET: the SKUs to fit, one a line; REGRESSORS: comma-separated names.
# Writes sku,step,mean,lo80,hi80,lo95,hi95. Frequency 7; regressors constant
# over a SKU's history are left out for that SKU (as invplan does).
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
train <- read.csv(args[1], stringsAsFactors = FALSE)
future <- read.csv(args[2], stringsAsFactors = FALSE)
subset <- readLines(args[3])
regs <- strsplit(args[4], ",")[[1]]
rows <- list()
for (sku in subset) {
  tr <- train[train$sku == sku, ]
  tr <- tr[order(tr$date), ]
  fu <- future[future$sku == sku, ]
  fu <- fu[order(fu$date), ]
  x <- as.matrix(tr[, regs, drop = FALSE])
  keep <- apply(x, 2, function(v) length(unique(v)) > 1)
  y <- ts(tr$quantity, frequency = 7)
  if (any(keep)) {
    fit <- auto.arima(y, xreg = x[, keep, drop = FALSE])
    fc <- forecast(fit, xreg = as.matrix(fu[, regs, drop = FALSE])[, keep, drop = FALSE],
                   level = c(80, 95))
  } else {
    fit <- auto.arima(y)
    fc <- forecast(fit, h = nrow(fu), level = c(80, 95))
  }
  rows[[sku]] <- data.frame(sku = sku, step = seq_len(nrow(fu)), mean = as.numeric(fc$mean),
                            lo80 = as.numeric(fc$lower[, 1]), hi80 = as.numeric(fc$upper[, 1]),
                            lo95 = as.numeric(fc$lower[, 2]), hi95 = as.numeric(fc$upper[, 2]))
  cat(sku, arimaorder(fit), "\n", file = stderr())
}
write.csv(do.call(rbind, rows), args[5], row.names = FALSE, quote = FALSE)
