# R's forecast::ets intervals on the yearly, quarterly and monthly M3 series, for
# ets_coverage.sh. Usage: Rscript ets_coverage.R M3_long.csv M3_info.csv OUT.csv
# Writes sku,step,mean,lo80,hi80,lo95,hi95 and prints the CPU seconds.
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
long <- read.csv(args[1], stringsAsFactors = FALSE)
info <- read.csv(args[2], stringsAsFactors = FALSE)
info <- info[info$period %in% c("YEARLY", "QUARTERLY", "MONTHLY"), ]
train <- split(long$value[long$split == "train"], long$series[long$split == "train"])
out <- vector("list", nrow(info))
cpu <- 0
for (i in seq_len(nrow(info))) {
  y <- ts(train[[info$series[i]]], frequency = info$frequency[i])
  t0 <- sum(proc.time()[c("user.self", "sys.self")])
  fc <- forecast(ets(y), h = info$h[i], level = c(80, 95))
  cpu <- cpu + sum(proc.time()[c("user.self", "sys.self")]) - t0
  out[[i]] <- data.frame(sku = info$series[i], step = seq_len(info$h[i]),
                         mean = as.numeric(fc$mean), lo80 = as.numeric(fc$lower[, 1]),
                         hi80 = as.numeric(fc$upper[, 1]), lo95 = as.numeric(fc$lower[, 2]),
                         hi95 = as.numeric(fc$upper[, 2]))
}
write.csv(do.call(rbind, out), args[3], row.names = FALSE)
cat(sprintf("R ets: %d series, %.1f s CPU\n", nrow(info), cpu))
