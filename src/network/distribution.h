// One distribution centre (DC) feeding stores under the stochastic-service
// model, and the split of the DC's stock when it cannot cover every store.
//
// Policy (Clark–Scarf with the balance assumption, after Eppen & Schrage 1981
// and Federgruen & Zipkin 1984). Store i sees normal demand over its exposure
// (lead time from the DC plus one review period) with mean mu_i and standard
// deviation sigma_i; the DC sees the stores' summed demand over its own lead
// time. ASSUMPTION (balance): the DC can always split its echelon stock so that
// every store ends at the same normal score z, i.e. no store ever holds more
// than its share. Under it the stores act as one aggregate store with mean
// sum mu_i and standard deviation sum sigma_i (no pooling below the DC), and the
// system is a two-stage serial system solved exactly by Chen–Zheng
// (network/serial_ssm.h): stage 1 the aggregate store, stage 2 the DC. Stores
// with different holding or stockout costs enter the aggregate with their
// cost weighted by sigma_i (exact when every store has the same cost ratio).
// Then store i's base stock is mu_i + z sigma_i with z the aggregate's score,
// and the DC's installation base stock is its echelon level minus the stores'.
#pragma once

#include <cstdint>
#include <vector>

namespace invplan::network {

struct StoreParams {
  double mean = 0.0, sd = 0.0;  // demand over the store's exposure
  double holding = 0.0;         // local holding cost per unit and period
  double stockout = 0.0;        // backorder/lost-sale cost per unit, > 0
};

struct DcParams {
  double mean = 0.0, sd = 0.0;  // the stores' summed demand over the DC's lead time
  double holding = 0.0;         // per unit and period
};

struct DistributionPolicy {
  double dc_echelon_base_stock = 0.0;  // S_DC (echelon: DC + stores + in transit)
  double dc_base_stock = 0.0;          // installation level S_DC - sum store levels
  std::vector<double> store_base_stock;
  double store_score = 0.0;    // z shared by the stores
  double expected_cost = 0.0;  // Chen–Zheng's C* per period (aggregate)
};

DistributionPolicy PlanDistribution(const DcParams& dc, const std::vector<StoreParams>& stores);

// Store i's expected end-of-exposure cost at inventory position y:
// holding E[(y - D)^+] + stockout E[(D - y)^+], D normal (mean, sd).
double StoreCost(const StoreParams& s, double y);

// StoreCost(s, y) - StoreCost(s, y + 1), computed without cancellation.
double UnitGain(const StoreParams& s, double y);

// Splits `available` whole units among stores that each want need[i] units at
// inventory position position[i]: maximises the expected-profit gain
// sum_i StoreCost(position_i) - StoreCost(position_i + q_i) over whole q_i with
// 0 <= q_i <= need_i and sum q_i <= available. Each store's gain is concave in
// q_i (StoreCost is convex), so taking units one at a time in order of largest
// marginal gain is exact for this separable concave problem (Gross 1956); a
// unit whose gain is not positive is not shipped. Ties go to the lower index.
// Above `heap_limit` units to hand out, the units with gain above a threshold
// lambda are first taken in bulk (lambda found by bisection, each store's count
// by binary search on its decreasing gains), and only the few units at the
// threshold one at a time: the same optimum in time that does not grow with
// the quantities.
std::vector<std::int64_t> AllocateStock(const std::vector<StoreParams>& stores,
                                        const std::vector<double>& position,
                                        const std::vector<std::int64_t>& need,
                                        std::int64_t available, std::int64_t heap_limit = 100000);

}  // namespace invplan::network
