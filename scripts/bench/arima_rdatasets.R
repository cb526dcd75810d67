# Reference fits of R's forecast::auto.arima on classic series of R's
# datasets package, for scripts/bench/rdatasets.sh.
# Usage: Rscript arima_rdatasets.R OUTDIR
# Writes OUTDIR/{M,Q,Y}_train.csv (date,sku,quantity), OUTDIR/test.csv
# (sku,step,value,scale) and OUTDIR/r.csv (sku,spec,mase).
suppressMessages(library(forecast))
out <- commandArgs(TRUE)[1]
pick <- function(name, y) list(name = name, y = y)
sb <- Seatbelts
series <- list(
  pick("AirPassengers", AirPassengers), pick("co2", co2), pick("nottem", nottem),
  pick("ldeaths", ldeaths), pick("mdeaths", mdeaths), pick("fdeaths", fdeaths),
  pick("UKDriverDeaths", UKDriverDeaths), pick("USAccDeaths", USAccDeaths),
  pick("Seatbelts.DriversKilled", sb[, "DriversKilled"]), pick("Seatbelts.drivers", sb[, "drivers"]),
  pick("Seatbelts.front", sb[, "front"]), pick("Seatbelts.rear", sb[, "rear"]),
  pick("Seatbelts.kms", sb[, "kms"]), pick("Seatbelts.VanKilled", sb[, "VanKilled"]),
  pick("sunspots", sunspots), pick("nhtemp.m", ts(as.numeric(nottem) + 0, frequency = 12)),
  pick("austres", austres), pick("JohnsonJohnson", JohnsonJohnson), pick("UKgas", UKgas),
  pick("qgdp.presidents", ts(na.interp(presidents), frequency = 4)),
  pick("sunspot.year", sunspot.year), pick("lynx", lynx), pick("Nile", Nile),
  pick("LakeHuron", LakeHuron), pick("WWWusage", WWWusage), pick("BJsales", BJsales),
  pick("airmiles", airmiles), pick("discoveries", discoveries), pick("uspop", uspop),
  pick("nhtemp", nhtemp), pick("lh", lh), pick("Mauna.annual", aggregate(co2, FUN = mean)))
series <- Filter(function(s) s$name != "nhtemp.m", series)
code <- function(f) if (f == 12) "M" else if (f == 4) "Q" else "Y"
horizon <- function(f) if (f == 12) 18 else if (f == 4) 8 else 6
rows <- list(M = list(), Q = list(), Y = list())
test <- list()
ref <- list()
for (s in series) {
  y <- as.numeric(s$y)
  f <- frequency(s$y)
  h <- horizon(f)
  n <- length(y) - h
  tr <- ts(y[1:n], frequency = f)
  fit <- auto.arima(tr)
  fc <- forecast(fit, h = h)
  m <- if (f > 1 && n > f) f else 1
  scale <- mean(abs(diff(y[1:n], lag = m)))
  mase <- mean(abs(y[(n + 1):(n + h)] - as.numeric(fc$mean))) / scale
  ref[[length(ref) + 1]] <- data.frame(sku = s$name, spec = as.character(fit), mase = mase)
  test[[length(test) + 1]] <- data.frame(sku = s$name, step = 1:h, value = y[(n + 1):(n + h)],
                                         scale = scale)
  k <- code(f)
  # Dates ending together per frequency: series of one panel share the end date.
  end <- as.Date("2019-12-01")
  by <- if (k == "M") "-1 month" else if (k == "Q") "-3 months" else "-1 year"
  dates <- rev(seq(end, by = by, length.out = n))
  rows[[k]][[length(rows[[k]]) + 1]] <- data.frame(date = format(dates), sku = s$name, quantity = y[1:n])
}
for (k in names(rows)) {
  write.csv(do.call(rbind, rows[[k]]), file.path(out, paste0(k, "_train.csv")), row.names = FALSE,
            quote = FALSE)
}
write.csv(do.call(rbind, test), file.path(out, "test.csv"), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, ref), file.path(out, "r.csv"), row.names = FALSE)
