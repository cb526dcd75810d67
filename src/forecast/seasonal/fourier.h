// Fourier terms of long or non-integer seasonal periods (--fourier P:K), as
// R's forecast::fourier(): for each period P and k = 1..K the pair
//   S_k(t) = sin(2π k t / P),  C_k(t) = cos(2π k t / P)
// at the period index t of the series' frequency (days since 1970-01-01 for
// daily data, invplan/panel.h), so the terms of a date are the same in every
// run whatever the history's start: a nightly rerun, --update-from and a
// backtest see the same values, and history and horizon join continuously.
// A sine whose 2k equals P is zero at every whole t and is left out (R too).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "invplan/forecast.h"

namespace invplan::forecast {

// Parses "P:K[,P:K...]": P > 1 (may be fractional, e.g. 365.25), K whole,
// 1 <= K <= P/2. Throws Error(kUsage) naming --fourier with what is wrong.
std::vector<FourierPeriod> ParseFourier(const std::string& text);
// The text ParseFourier reads back ("365.25:4,7:2").
std::string FourierText(const std::vector<FourierPeriod>& periods);
// Throws Error(kUsage) when a period breaks ParseFourier's rules.
void CheckFourier(const std::vector<FourierPeriod>& periods);

// Column names in R's style: S1-365.25, C1-365.25, S2-365.25, ...
std::vector<std::string> FourierNames(const std::vector<FourierPeriod>& periods);

// The terms at period indices first, first + 1, ..., first + rows - 1
// (rows × FourierNames().size()).
Eigen::MatrixXd FourierTerms(const std::vector<FourierPeriod>& periods, std::int64_t first,
                             std::size_t rows);

}  // namespace invplan::forecast
