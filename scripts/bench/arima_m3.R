# Reference run of R's forecast::auto.arima on M3 series, for arima_m3.
# Usage: Rscript arima_m3.R M3_long.csv M3_info.csv STRIDE OUT.csv
# Writes series,step,mean,lo95,hi95 and prints the total fitting time.
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
long <- read.csv(args[1], stringsAsFactors = FALSE)
info <- read.csv(args[2], stringsAsFactors = FALSE)
stride <- as.integer(args[3])
info <- info[info$period %in% c("YEARLY", "QUARTERLY", "MONTHLY"), ]
info <- info[seq(1, nrow(info), by = stride), ]
train <- split(long$value[long$split == "train"], long$series[long$split == "train"])
out <- list()
elapsed <- 0
for (i in seq_len(nrow(info))) {
  id <- info$series[i]
  y <- ts(train[[id]], frequency = info$frequency[i])
  t0 <- sum(proc.time()[c("user.self", "sys.self")])
  fc <- forecast(auto.arima(y), h = info$h[i], level = 95)
  elapsed <- elapsed + sum(proc.time()[c("user.self", "sys.self")]) - t0
  if (i %% 20 == 0) message(sprintf("%d/%d series, %.1f s CPU", i, nrow(info), elapsed))
  out[[i]] <- data.frame(series = id, step = seq_len(info$h[i]), mean = as.numeric(fc$mean),
                         lo95 = as.numeric(fc$lower), hi95 = as.numeric(fc$upper))
}
write.csv(do.call(rbind, out), args[4], row.names = FALSE)
cat(sprintf("R auto.arima: %d series, %.2f s CPU\n", nrow(info), elapsed))
