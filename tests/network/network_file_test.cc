// Reading and validating network.csv.
#include "network/network_file.h"

#include <gtest/gtest.h>

#include "invplan/error.h"
#include "network/policy.h"
#include "test_util.h"

namespace invplan::network {
namespace {

using testing::TempDir;

std::string ErrorOf(const std::string& path) {
  try {
    const Network net = ReadNetwork(path);
    CheckTwoEchelons(net);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    return e.what();
  }
  return "";
}

TEST(NetworkFile, ReadsRolesAndSuppliers) {
  TempDir dir;
  const Network net = ReadNetwork(dir.Write("n.csv",
                                            "location,parent,lead_time,holding_cost,capacity\n"
                                            "DC,ACME,7,0.02,1000\n"
                                            "S1,DC,1,0.05,\n"
                                            "S2,DC,2,0.05,\n"
                                            "S3,BOLT,3,0.05,\n"));
  ASSERT_EQ(net.locations.size(), 4u);
  EXPECT_EQ(net.locations[0].parent_index, -1);
  EXPECT_EQ(net.locations[0].children, (std::vector<int>{1, 2}));
  EXPECT_EQ(net.locations[1].parent_index, 0);
  EXPECT_EQ(net.locations[1].depth, 1);
  EXPECT_EQ(net.locations[3].parent_index, -1);
  EXPECT_DOUBLE_EQ(net.locations[0].capacity, 1000.0);
  EXPECT_LT(net.locations[1].capacity, 0.0);
  EXPECT_EQ(net.locations[2].lead_time, 2);
}

TEST(NetworkFile, CycleNamesTheRow) {
  TempDir dir;
  const std::string e = ErrorOf(dir.Write("n.csv",
                                          "location,parent,lead_time,holding_cost\n"
                                          "DC,S1,7,0.02\n"
                                          "S1,DC,1,0.05\n"));
  EXPECT_NE(e.find("n.csv:2: location 'DC' has no path to a supplier: cycle DC -> S1 -> DC"),
            std::string::npos)
      << e;
}

TEST(NetworkFile, SelfParentIsACycle) {
  TempDir dir;
  const std::string e =
      ErrorOf(dir.Write("n.csv", "location,parent,lead_time,holding_cost\nA,X,1,1\nB,B,1,1\n"));
  EXPECT_NE(e.find("n.csv:3: location 'B' has no path to a supplier"), std::string::npos) << e;
}

TEST(NetworkFile, BadRowsNameFileLineAndColumn) {
  TempDir dir;
  EXPECT_NE(ErrorOf(dir.Write("a.csv", "location,parent,lead_time,holding_cost\nA,X,1.5,1\n"))
                .find("a.csv:2: column 'lead_time': expected a whole number between 0 and 3650, "
                      "got \"1.5\""),
            std::string::npos);
  EXPECT_NE(ErrorOf(dir.Write("b.csv", "location,parent,lead_time,holding_cost\nA,,1,1\n"))
                .find("b.csv:2: column 'parent': expected a location or supplier"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(dir.Write("c.csv", "location,parent,lead_time,holding_cost\nA,X,1,1\nA,X,1,1\n"))
          .find("c.csv:3: location 'A' is listed twice (first on line 2)"),
      std::string::npos);
  EXPECT_NE(ErrorOf(dir.Write("d.csv", "location,parent,lead_time,holding_cost\nA,X,1,-1\n"))
                .find("d.csv:2: column 'holding_cost'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(dir.Write("e.csv", "location,parent,holding_cost\nA,X,1\n")).find("lead_time"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(dir.Write("f.csv", "location,parent,lead_time,holding_cost\n")).find("no locations"),
      std::string::npos);
}

TEST(NetworkFile, DeeperThanTwoEchelonsIsRefusedNamingTheRow) {
  TempDir dir;
  const std::string e = ErrorOf(dir.Write("n.csv",
                                          "location,parent,lead_time,holding_cost\n"
                                          "CDC,ACME,7,0.01\n"
                                          "RDC,CDC,2,0.02\n"
                                          "S1,RDC,1,0.05\n"));
  EXPECT_NE(e.find("n.csv:4: location 'S1' is 3 echelons below its supplier"), std::string::npos)
      << e;
}

}  // namespace
}  // namespace invplan::network
