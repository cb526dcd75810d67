// The negative binomial helpers of the network's count head (forecast/rnn_net.h):
// log-likelihood, its gradient, CDF and quantiles, with mean μ and dispersion α
// (variance μ + α·μ²). They are the shared count distributions of
// common/count_distribution.h; this header keeps the forecast names.
#pragma once

#include "common/count_distribution.h"

namespace invplan::forecast {

using invplan::Digamma;
using invplan::NegBinCdf;
using invplan::NegBinLogPmf;
using invplan::NegBinLogPmfGradient;
using invplan::NegBinQuantile;
using invplan::RegularizedIncompleteBeta;

}  // namespace invplan::forecast
