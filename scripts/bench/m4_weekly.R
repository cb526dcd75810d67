# Reference run of R's forecast::auto.arima, forecast::ets and forecast::thetaf on the
# M4 weekly series (ts frequency 52, horizon 13), for m4_weekly.sh.
# Usage: Rscript m4_weekly.R Weekly-train.csv OUT.csv [PART PARTS]
#   PART of PARTS: only the rows i with i %% PARTS == PART - 1 (to run parts in parallel).
# Appends series,step,arima,ets,theta,cpu_arima,cpu_ets,cpu_theta (CPU seconds of the
# series, on its first step) to OUT.csv series by series, so a stopped run keeps what
# it finished, and prints the CPU seconds of each method at the end.
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
wide <- read.csv(args[1], stringsAsFactors = FALSE)
if (length(args) >= 4) {
  parts <- as.integer(args[4])
  wide <- wide[seq_len(nrow(wide)) %% parts == as.integer(args[3]) - 1, ]
}
h <- 13
cpu <- function() sum(proc.time()[c("user.self", "sys.self")])
flat <- function(y) rep(tail(y, 1), h)
t <- c(arima = 0, ets = 0, theta = 0)
cat("series,step,arima,ets,theta,cpu_arima,cpu_ets,cpu_theta\n", file = args[2])
for (i in seq_len(nrow(wide))) {
  v <- as.numeric(wide[i, -1])
  y <- ts(v[!is.na(v)], frequency = 52)
  t0 <- cpu()
  fa <- tryCatch(as.numeric(forecast(auto.arima(y), h = h)$mean), error = function(e) flat(y))
  t1 <- cpu()
  # ets() ignores a season above 24 (with a warning): non-seasonal models only.
  fe <- tryCatch(suppressWarnings(as.numeric(forecast(ets(y), h = h)$mean)),
                 error = function(e) flat(y))
  t2 <- cpu()
  ft <- tryCatch(as.numeric(thetaf(y, h = h)$mean), error = function(e) flat(y))
  t3 <- cpu()
  dt <- c(t1 - t0, t2 - t1, t3 - t2)
  t <- t + dt
  z <- rep(0, h - 1)
  write.table(data.frame(wide[i, 1], seq_len(h), fa, fe, ft, c(dt[1], z), c(dt[2], z),
                         c(dt[3], z)),
              args[2], append = TRUE, sep = ",", row.names = FALSE, col.names = FALSE)
}
cat(sprintf("cpu arima %.3f\ncpu ets %.3f\ncpu theta %.3f\n", t[1], t[2], t[3]))
