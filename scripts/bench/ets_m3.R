# Reference run of R's forecast::ets and forecast::thetaf on M3 series, for ets.sh.
# Usage: Rscript ets_m3.R M3_long.csv M3_info.csv STRIDE OUT.csv
# Writes series,step,ets,theta,spec (the ETS model) and prints the CPU seconds of each method.
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
long <- read.csv(args[1], stringsAsFactors = FALSE)
info <- read.csv(args[2], stringsAsFactors = FALSE)
stride <- as.integer(args[3])
info <- info[seq(1, nrow(info), by = stride), ]
train <- split(long$value[long$split == "train"], long$series[long$split == "train"])
cpu <- function() sum(proc.time()[c("user.self", "sys.self")])
out <- vector("list", nrow(info))
t_ets <- 0
t_theta <- 0
specs <- character(nrow(info))
for (i in seq_len(nrow(info))) {
  y <- ts(train[[info$series[i]]], frequency = info$frequency[i])
  h <- info$h[i]
  t0 <- cpu()
  fit <- tryCatch(ets(y), error = function(e) NULL)
  fe <- if (is.null(fit)) rep(tail(y, 1), h) else as.numeric(forecast(fit, h = h)$mean)
  t1 <- cpu()
  ft <- tryCatch(as.numeric(thetaf(y, h = h)$mean), error = function(e) rep(tail(y, 1), h))
  t2 <- cpu()
  t_ets <- t_ets + t1 - t0
  t_theta <- t_theta + t2 - t1
  specs[i] <- if (is.null(fit)) "failed" else fit$method
  out[[i]] <- data.frame(series = info$series[i], step = seq_len(h), ets = fe, theta = ft,
                         spec = specs[i])
  if (i %% 200 == 0) message(sprintf("R: %d/%d series, ets %.0f s, theta %.0f s CPU", i,
                                     nrow(info), t_ets, t_theta))
}
write.csv(do.call(rbind, out), args[4], row.names = FALSE)
cat(sprintf("cpu ets %.3f\ncpu theta %.3f\n", t_ets, t_theta))
tab <- table(specs)
cat("R ETS models chosen:", paste(names(tab), tab, collapse = "; "), "\n")
