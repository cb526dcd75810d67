// The standard normal quantile function, shared by every stage that turns
// interval widths or levels into standard deviations.
#pragma once

namespace invplan {

// Φ⁻¹(p): Acklam's rational approximation refined by one Halley step on the exact
// CDF (|error| < 1e-15 on (0, 1)); -inf at 0, +inf at 1, NaN outside [0, 1].
double NormalQuantile(double p);

}  // namespace invplan
