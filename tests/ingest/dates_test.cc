#include <gtest/gtest.h>

#include "ingest/date_parse.h"
#include "invplan/panel.h"

namespace invplan {
namespace {

std::string Iso(std::string_view text) {
  std::int64_t d;
  return ParseIsoDate(text, &d) ? FormatDay(d) : "fail";
}

std::string Fmt(std::string_view text, std::string_view format) {
  std::int64_t d;
  return ParseDateWithFormat(text, format, &d) ? FormatDay(d) : "fail";
}

TEST(IsoDates, AcceptedForms) {
  EXPECT_EQ(Iso("2024-03-05"), "2024-03-05");
  EXPECT_EQ(Iso("2009-12-01 07:45:00"), "2009-12-01");
  EXPECT_EQ(Iso("2009-12-01 07:45"), "2009-12-01");
  EXPECT_EQ(Iso("2009-12-01T07:45:00Z"), "2009-12-01");
  EXPECT_EQ(Iso("2009-12-01T07:45:00.250"), "2009-12-01");
  EXPECT_EQ(Iso("2024-03"), "2024-03-01");
  EXPECT_EQ(Iso(" 2024-03-05 "), "2024-03-05");
}

TEST(IsoDates, Rejected) {
  for (const char* bad : {"2024-13-01", "2024-02-30", "03/05/2024", "2024-3-5", "20240305",
                          "2024-03-05 7:45", "2024-03-05x", "", "yesterday", "2024-03-05 25:00"}) {
    EXPECT_EQ(Iso(bad), "fail") << bad;
  }
}

TEST(FormattedDates, Directives) {
  EXPECT_EQ(Fmt("3/5/24", "%m/%d/%y"), "2024-03-05");
  EXPECT_EQ(Fmt("12/31/99", "%m/%d/%y"), "1999-12-31");
  EXPECT_EQ(Fmt("05.03.2024", "%d.%m.%Y"), "2024-03-05");
  EXPECT_EQ(Fmt("5 Mar 2024", "%d %b %Y"), "2024-03-05");
  EXPECT_EQ(Fmt("05-March-2024 13:02", "%d-%B-%Y %H:%M"), "2024-03-05");
  EXPECT_EQ(Fmt("2/30/24", "%m/%d/%y"), "fail");
  EXPECT_EQ(Fmt("3/5/24 extra", "%m/%d/%y"), "fail");
  EXPECT_EQ(Fmt("2024-03-05", "%m/%d/%y"), "fail");
}

TEST(FormattedDates, FormatChecks) {
  EXPECT_EQ(CheckDateFormat("%m/%d/%y"), "");
  EXPECT_NE(CheckDateFormat("%j/%Y"), "");
  EXPECT_NE(CheckDateFormat("%Y"), "");  // no month
  EXPECT_NE(CheckDateFormat("%m/%d/%"), "");
}

}  // namespace
}  // namespace invplan
