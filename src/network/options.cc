// The options of `invplan network`, declared once (see invplan/options.h).
#include "invplan/error.h"
#include "invplan/network.h"

namespace invplan {
namespace {

OptionTable<NetworkOptions> MakeTable() {
  using O = NetworkOptions;
  OptionTable<O> t;
  t.Group("Inputs");
  t.Text("network", &O::network,
         "Network CSV: location,parent,lead_time,holding_cost[,capacity][,transport_cost]", "FILE")
      .Required();
  t.Text("forecast", &O::forecast, "Forecast artifact with a location per series (the stores)",
         "FILE")
      .Required();
  t.Text("stock", &O::stock, "Stock CSV sku,location,on_hand[,on_order] (missing rows: 0)", "FILE");
  t.Text("items", &O::items,
         "Items master CSV; a row with a location overrides the SKU's default row there "
         "(lead_time, holding_cost, service_level, pack_size, moq, unit_cost, ...)",
         "FILE");
  t.Text("anomalies", &O::anomalies,
         "Anomalies artifact (invplan detect): recent data_error records block the SKU's orders "
         "at their location, supply_delay records leave its on_order out of tonight's position",
         "FILE");
  t.Int("anomaly-days", &O::anomaly_days,
        "Anomaly records act when dated within this many days of the forecasts' latest history "
        "day",
        1, 3650);
  t.Group("Policy");
  t.Number("service-level", &O::service_level,
           "Target service at the stores: stockout cost = s/(1-s) x holding cost", 0.5, 0.9999);
  t.Flag("transfers", &O::transfers,
         "Plan lateral transfers of on-hand units between stores under one DC where the "
         "expected gain pays for the receiving store's transport_cost");
  t.Flag("gsm", &O::gsm,
         "Also place each SKU's safety stock by the guaranteed-service model (Graves-Willems): "
         "committed service times, net lead times, safety stock and base stock per location");
  t.Group("Purchase constraints");
  t.OptionalNumber("budget", &O::budget,
                   "Tonight's purchases (unit_cost x quantity, items master) may not exceed this",
                   0.0, std::nullopt);
  t.Text("supplier-minimums", &O::supplier_minimums,
         "CSV supplier,min_value: a supplier with any purchase gets at least its minimum "
         "(supplier: the item's, else the buying location's parent)",
         "FILE");
  t.Group("Simulation");
  t.Number("alone-service-level", &O::alone_service_level,
           "Target service of the every-location-alone comparison (0: --service-level)", 0.0,
           0.9999)
      .Check([](const O& o) {
        if (o.alone_service_level != 0.0 && o.alone_service_level < 0.5) {
          throw UsageError("--alone-service-level: must be 0 or between 0.5 and 0.9999, got " +
                           option_text::Number(o.alone_service_level));
        }
      });
  t.Int("simulate", &O::simulate,
        "Days to simulate the plan's policy against every location planning alone (0: none)", 0,
        100000);
  t.Int("replications", &O::replications, "Simulation replications (95% intervals over them)", 2,
        10000);
  t.Int("warmup", &O::warmup, "Days simulated before statistics start", 0, 100000);
  t.Group("Output");
  t.Text("output", &O::output, "The network plan artifact", "FILE").Short('o').Required();
  t.Text("orders", &O::orders,
         "Also write the lines as an orders artifact (optimize's format, each line with from, "
         "to and kind) for the report",
         "FILE");
  t.Rule([](const O& o) {
    if (o.network.empty()) throw UsageError("network: --network is required");
    if (o.forecast.empty()) throw UsageError("network: --forecast is required");
    if (o.output.empty()) throw UsageError("network: --output is required");
  });
  return t;
}

}  // namespace

const OptionTable<NetworkOptions>& NetworkOptionTable() {
  static const OptionTable<NetworkOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
