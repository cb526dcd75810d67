// Fill-rate targets per SKU end to end: train-rl over a forecast and an items
// master whose service_class and service_level columns pick each SKU's target.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "plan_fixture.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

TEST(ServiceLevelsCli, EachSkuMeetsTheTargetOfItsClass) {
  TempDir dir;
  const std::string sales = dir.Write("sales.csv", testing::SmallSales());
  const std::string forecast = dir.File("f.json");
  auto r = RunInvplan("forecast -q -i " + sales + " --model snaive -H 14 -o " + forecast);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string items =
      dir.Write("items.csv",
                "sku,unit_cost,price,holding_cost,lead_time,service_class,service_level\n"
                "A,5,9,0.01,1,fast,\n"
                "B,3,6,0.01,1,slow,0.97\n"
                "C,8,15,0.02,1,,\n");
  const std::string out = dir.File("p.json");
  r = RunInvplan("train-rl -q --forecast " + forecast + " --items " + items +
                 " --method s-S --eval-periods 20000 --service-level 0.8 "
                 "--class-service-levels fast:0.95,slow:0.9 -o " +
                 out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(testing::ReadFile(out));
  const struct {
    const char* sku;
    double level;
    const char* from;
  } want[] = {{"A", 0.95, "class fast"}, {"B", 0.97, "items"}, {"C", 0.8, "option"}};
  ASSERT_EQ(doc["policies"].size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& p = doc["policies"][i];
    SCOPED_TRACE(want[i].sku);
    EXPECT_EQ(p["sku"], want[i].sku);
    EXPECT_EQ(p["status"], "ok");
    EXPECT_DOUBLE_EQ(p["service_level"].get<double>(), want[i].level);
    EXPECT_EQ(p["service_level_from"], want[i].from);
    EXPECT_GE(p["evaluation"]["policy"]["fill_rate"].get<double>(), want[i].level - 0.005);
  }
  r = RunInvplan("train-rl -q --forecast " + forecast + " --items " + items +
                 " --method s-S --class-service-levels fast:95 -o " + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--class-service-levels: expected CLASS:FILL_RATE"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace invplan
