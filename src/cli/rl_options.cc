#include "cli/rl_options.h"

#include <map>
#include <utility>
#include <vector>

namespace invplan::cli {
namespace {

// Option name -> EnvironmentOptions field name.
const std::vector<std::pair<const char*, const char*>>& Fields() {
  static const std::vector<std::pair<const char*, const char*>> kFields = {
      {"--lead-time", "lead_time"},
      {"--price", "price"},
      {"--unit-cost", "unit_cost"},
      {"--holding-cost", "holding_cost"},
      {"--lost-sale-penalty", "lost_sale_penalty"},
      {"--fixed-order-cost", "fixed_order_cost"},
      {"--max-inventory", "max_inventory"},
      {"--max-order", "max_order"},
      {"--order-step", "order_step"},
      {"--min-order", "min_order"},
      {"--max-backlog", "max_backlog"},
      {"--unit", "unit"},
      {"--unmet", "unmet"}};
  return kFields;
}

}  // namespace

void AddEnvironmentOptions(CLI::App& app, EnvironmentOptions* e) {
  app.add_option("--lead-time", e->lead_time, "Lead time L in periods (0 = same period)")
      ->capture_default_str();
  app.add_option("--price", e->price, "Revenue per unit sold")->capture_default_str();
  app.add_option("--unit-cost", e->unit_cost, "Purchase cost per unit ordered")
      ->capture_default_str();
  app.add_option("--holding-cost", e->holding_cost, "Cost per unit left at the end of a period")
      ->capture_default_str();
  app.add_option("--lost-sale-penalty", e->lost_sale_penalty,
                 "Penalty per unit of lost demand (backorders: per unit backordered per period)")
      ->capture_default_str();
  app.add_option("--fixed-order-cost", e->fixed_order_cost, "Fixed cost of placing an order")
      ->capture_default_str();
  app.add_option("--max-inventory", e->max_inventory,
                 "Storage limit in units; stock above it is lost (-1 = automatic)")
      ->default_str("auto");
  app.add_option("--max-order", e->max_order, "Largest order in units (-1 = automatic)")
      ->default_str("auto");
  app.add_option("--order-step", e->order_step, "Orders are multiples of this (e.g. pack size)")
      ->capture_default_str();
  app.add_option("--min-order", e->min_order, "Minimum order quantity when ordering")
      ->capture_default_str();
  app.add_option("--max-backlog", e->max_backlog,
                 "Backorders: largest backlog; demand beyond it is lost (-1 = max inventory)")
      ->default_str("auto");
  app.add_option("--unit", e->unit,
                 "Model stock and orders in lots of this many units (0 = automatic)")
      ->capture_default_str();
  app.add_option("--unmet", e->unmet, "Unmet demand is lost or backordered: lost|backorder")
      ->transform(CLI::CheckedTransformer(std::map<std::string, UnmetDemand>{
          {"lost", UnmetDemand::kLost}, {"backorder", UnmetDemand::kBackorder}}))
      ->default_str("lost");
}

std::set<std::string> GivenEnvironmentFields(const CLI::App& app) {
  std::set<std::string> given;
  for (const auto& [flag, field] : Fields()) {
    const CLI::Option* opt = app.get_option_no_throw(flag);
    if (opt && opt->count() > 0) given.insert(field);
  }
  return given;
}

void AddDemandOptions(CLI::App& app, DemandOptions* d) {
  app.add_option("--demand", d->demand,
                 "Demand: poisson:LAMBDA | negbin:MEAN,VARIANCE | empirical:sales.csv");
  app.add_option("--forecast", d->forecast,
                 "Forecast artifact: per-period means and intervals as demand");
  app.add_option("--sku", d->sku, "The SKU (empirical demand, forecast series, policy file)");
}

}  // namespace invplan::cli
