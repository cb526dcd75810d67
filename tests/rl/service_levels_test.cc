// Fill-rate targets per SKU: the items master's service_level, else its
// service_class's target, else --service-level.
#include "rl/service_levels.h"

#include <gtest/gtest.h>

#include "invplan/error.h"

namespace invplan::rl {
namespace {

TEST(ServiceLevels, ParsesClassTargets) {
  const auto classes = ParseClassServiceLevels("A:0.98,B:0.95,slow movers:0.9");
  ASSERT_EQ(classes.size(), 3u);
  EXPECT_DOUBLE_EQ(classes.at("A"), 0.98);
  EXPECT_DOUBLE_EQ(classes.at("slow movers"), 0.9);
  EXPECT_TRUE(ParseClassServiceLevels("").empty());
  for (const char* bad : {"A", "A:", ":0.9", "A:1", "A:0", "A:95", "A:0.9x", "A:0.9,A:0.8"}) {
    EXPECT_THROW(ParseClassServiceLevels(bad), Error) << bad;
  }
  try {
    ParseClassServiceLevels("A:0.9,B:95");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("got \"B:95\""), std::string::npos) << e.what();
  }
}

TEST(ServiceLevels, ItemBeatsClassBeatsOption) {
  const auto classes = ParseClassServiceLevels("A:0.98,B:0.9");
  Item own, in_a, unknown_class, plain;
  own.service_level = 0.93;
  own.service_class = "A";
  in_a.service_class = "A";
  unknown_class.service_class = "Z";
  ServiceTarget t = ServiceTargetFor(&own, classes, 0.8);
  EXPECT_EQ(t.level, 0.93);
  EXPECT_EQ(t.from, "items");
  t = ServiceTargetFor(&in_a, classes, 0.8);
  EXPECT_EQ(t.level, 0.98);
  EXPECT_EQ(t.from, "class A");
  t = ServiceTargetFor(&unknown_class, classes, 0.8);
  EXPECT_EQ(t.level, 0.8);
  EXPECT_EQ(t.from, "option");
  t = ServiceTargetFor(&plain, classes, std::nullopt);
  EXPECT_FALSE(t.level.has_value());
  EXPECT_EQ(ServiceTargetFor(nullptr, classes, 0.7).level, 0.7);
}

}  // namespace
}  // namespace invplan::rl
