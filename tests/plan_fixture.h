// A small plan for the tests of `invplan run`: three SKUs, 70 days of daily
// sales with a weekly pattern, an items master and a plan file whose forecast
// uses seasonal naive (fast).
#pragma once

#include <string>

#include "test_util.h"

namespace invplan::testing {

inline std::string SmallSales() {
  std::string csv = "date,sku,quantity,promo\n";
  const char* skus[] = {"A", "B", "C"};
  for (int d = 0; d < 70; ++d) {
    char date[32];
    // 2025-01-01 + d days (January has 31 days, February 28).
    int day = d, month = 1;
    if (day >= 31) day -= 31, month = 2;
    if (month == 2 && day >= 28) day -= 28, month = 3;
    std::snprintf(date, sizeof date, "2025-%02d-%02d", month, day + 1);
    for (int s = 0; s < 3; ++s) {
      const int qty = 10 + 5 * s + (d % 7 == 5 ? 6 : 0) + (d * 7 + s * 3) % 4;
      csv += std::string(date) + "," + skus[s] + "," + std::to_string(qty) + "," +
             (d % 10 == 0 ? "1" : "0") + "\n";
    }
  }
  return csv;
}

inline const char* kSmallItems =
    "sku,unit_cost,price,holding_cost,pack_size,moq,lead_time,volume,supplier,on_hand\n"
    "A,5,9,0.01,1,1,3,0.1,ACME,20\n"
    "B,3,6,0.01,5,10,2,0.1,ACME,10\n"
    "C,8,15,0.02,1,1,4,0.2,BOLT,0\n";

// Writes sales.csv, items.csv and plan.toml (with `extra` appended) into `dir`;
// the plan's out is dir/out. Returns the plan file's path.
inline std::string WriteSmallPlan(const TempDir& dir, const std::string& extra = "",
                                  const std::string& forecast_keys = "") {
  dir.Write("sales.csv", SmallSales());
  dir.Write("items.csv", kSmallItems);
  return dir.Write(
      "plan.toml",
      "[run]\nsales = \"" + dir.File("sales.csv") + "\"\nitems = \"" + dir.File("items.csv") +
          "\"\nout = \"" + dir.File("out") +
          "\"\n\n[forecast]  # seasonal naive: fast\nmodel = \"snaive\"\nhorizon = 14\n" +
          forecast_keys + "\n[optimize]\nbudget = 500\n" + extra);
}

}  // namespace invplan::testing
