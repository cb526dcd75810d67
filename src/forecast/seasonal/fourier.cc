#include "forecast/seasonal/fourier.h"

#include <cmath>

#include "common/csv_reader.h"
#include "invplan/error.h"
#include "invplan/options.h"

namespace invplan::forecast {
namespace {

// The sine of harmonic k vanishes at whole t when 2k == P exactly.
bool SineVanishes(const FourierPeriod& p, int k) {
  return 2.0 * k == p.period;
}

std::string PeriodText(double p) {
  return option_text::Number(p);
}

}  // namespace

void CheckFourier(const std::vector<FourierPeriod>& periods) {
  for (const FourierPeriod& p : periods) {
    const std::string what = PeriodText(p.period) + ":" + std::to_string(p.k);
    if (!(p.period > 1.0) || !std::isfinite(p.period)) {
      throw UsageError("--fourier " + what + ": the period must be a number above 1");
    }
    if (p.k < 1) throw UsageError("--fourier " + what + ": K must be at least 1");
    if (2.0 * p.k > p.period) {
      throw UsageError("--fourier " + what +
                       ": K must be at most P/2 = " + PeriodText(p.period / 2) +
                       " (higher harmonics repeat lower ones at whole periods)");
    }
  }
  for (std::size_t i = 0; i < periods.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (periods[i].period == periods[j].period) {
        throw UsageError("--fourier: period " + PeriodText(periods[i].period) + " is given twice");
      }
    }
  }
}

std::vector<FourierPeriod> ParseFourier(const std::string& text) {
  std::vector<FourierPeriod> out;
  for (const std::string& item : option_text::SplitList(text)) {
    const std::size_t colon = item.find(':');
    if (colon == std::string::npos) {
      throw UsageError("--fourier: expected PERIOD:K (e.g. 365.25:4), got \"" + item + "\"");
    }
    double period = 0, k = 0;
    if (!ParseNumber(item.substr(0, colon), &period) || !ParseNumber(item.substr(colon + 1), &k) ||
        k != std::floor(k) || std::abs(k) > 1e6) {
      throw UsageError("--fourier: expected PERIOD:K with a number and a whole K (e.g. " +
                       std::string("365.25:4), got \"") + item + "\"");
    }
    out.push_back(FourierPeriod{period, static_cast<int>(k)});
  }
  CheckFourier(out);
  return out;
}

std::string FourierText(const std::vector<FourierPeriod>& periods) {
  std::string s;
  for (const FourierPeriod& p : periods) {
    s += (s.empty() ? "" : ",") + PeriodText(p.period) + ":" + std::to_string(p.k);
  }
  return s;
}

std::vector<std::string> FourierNames(const std::vector<FourierPeriod>& periods) {
  std::vector<std::string> names;
  for (const FourierPeriod& p : periods) {
    for (int k = 1; k <= p.k; ++k) {
      const std::string tail = std::to_string(k) + "-" + PeriodText(p.period);
      if (!SineVanishes(p, k)) names.push_back("S" + tail);
      names.push_back("C" + tail);
    }
  }
  return names;
}

Eigen::MatrixXd FourierTerms(const std::vector<FourierPeriod>& periods, std::int64_t first,
                             std::size_t rows) {
  const std::size_t cols = FourierNames(periods).size();
  Eigen::MatrixXd x(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  Eigen::Index c = 0;
  for (const FourierPeriod& p : periods) {
    for (int k = 1; k <= p.k; ++k) {
      const bool sine = !SineVanishes(p, k);
      for (std::size_t r = 0; r < rows; ++r) {
        // The phase reduced to [0, P) first: t is large (about 20,000 days)
        // and k t / P in double would lose digits for long horizons.
        const double t =
            std::fmod(static_cast<double>(first + static_cast<std::int64_t>(r)) * k, p.period);
        const double angle = 2.0 * M_PI * t / p.period;
        if (sine) x(static_cast<Eigen::Index>(r), c) = std::sin(angle);
        x(static_cast<Eigen::Index>(r), c + (sine ? 1 : 0)) = std::cos(angle);
      }
      c += sine ? 2 : 1;
    }
  }
  return x;
}

}  // namespace invplan::forecast
