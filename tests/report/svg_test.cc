// The report's SVG toolkit: escaping, number text, scales, nice ticks, date
// axes and the writer.
#include "report/svg.h"

#include <gtest/gtest.h>

#include <cmath>

#include "invplan/panel.h"

namespace invplan::report {
namespace {

TEST(SvgEscape, DataNeverBecomesMarkup) {
  EXPECT_EQ(Escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(Escape("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(Escape("O'Brien & Sons"), "O&#39;Brien &amp; Sons");
  EXPECT_EQ(Escape("a\x01"
                   "b\tc"),
            "a b\tc");                        // control characters are not valid XML
  EXPECT_EQ(Escape("Müller-Ø"), "Müller-Ø");  // UTF-8 passes through
  EXPECT_EQ(Escape(""), "");
}

TEST(SvgNum, RoundsToOneDecimalWithoutNegativeZero) {
  EXPECT_EQ(Num(3), "3");
  EXPECT_EQ(Num(3.04), "3");
  EXPECT_EQ(Num(3.06), "3.1");
  EXPECT_EQ(Num(-12.34), "-12.3");
  EXPECT_EQ(Num(-0.5), "-0.5");
  EXPECT_EQ(Num(-0.04), "0");
  EXPECT_EQ(Num(1e6), "1000000");
  EXPECT_EQ(Num(NAN), "0");
}

TEST(SvgTickLabel, ShortAndRound) {
  EXPECT_EQ(TickLabel(0), "0");
  EXPECT_EQ(TickLabel(250), "250");
  EXPECT_EQ(TickLabel(0.25), "0.25");
  EXPECT_EQ(TickLabel(12000), "12k");
  EXPECT_EQ(TickLabel(2500000), "2.5M");
  EXPECT_EQ(TickLabel(-0.0), "0");
}

TEST(SvgScale, MapsLinearlyIncludingInvertedRanges) {
  const LinearScale x{0, 10, 100, 200};
  EXPECT_DOUBLE_EQ(x(0), 100);
  EXPECT_DOUBLE_EQ(x(5), 150);
  EXPECT_DOUBLE_EQ(x(12), 220);          // not clamped
  const LinearScale y{0, 100, 250, 50};  // SVG y grows downwards
  EXPECT_DOUBLE_EQ(y(0), 250);
  EXPECT_DOUBLE_EQ(y(100), 50);
  EXPECT_DOUBLE_EQ(y(25), 200);
  const LinearScale flat{3, 3, 0, 10};
  EXPECT_DOUBLE_EQ(flat(3), 5);
}

TEST(SvgTicks, NiceStepsCoverTheRange) {
  EXPECT_EQ(NiceTicks(0, 97, 5), (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(NiceTicks(0.3, 2.7, 5), (std::vector<double>{0, 0.5, 1, 1.5, 2, 2.5, 3}));
  EXPECT_EQ(NiceTicks(-7, 12, 4), (std::vector<double>{-10, -5, 0, 5, 10, 15}));
  EXPECT_EQ(NiceTicks(0, 1, 5), (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}));
  // A single value still gets an axis around it.
  const auto one = NiceTicks(5, 5, 5);
  ASSERT_GE(one.size(), 2u);
  EXPECT_LE(one.front(), 5);
  EXPECT_GE(one.back(), 5);
  // Properties over many ranges: covering, evenly spaced, about `target` ticks.
  for (double lo : {-1234.5, -3.0, 0.0, 0.001, 17.0}) {
    for (double span : {0.004, 1.0, 7.3, 99.0, 12345.0}) {
      const auto t = NiceTicks(lo, lo + span, 5);
      ASSERT_GE(t.size(), 2u);
      EXPECT_LE(t.front(), lo + 1e-12);
      EXPECT_GE(t.back(), lo + span - 1e-12);
      EXPECT_LE(t.size(), 12u) << lo << " " << span;
      const double step = t[1] - t[0];
      for (std::size_t i = 2; i < t.size(); ++i) EXPECT_NEAR(t[i] - t[i - 1], step, step * 1e-6);
      const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-6));
      EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-6 || std::fabs(mantissa - 2) < 1e-6 ||
                  std::fabs(mantissa - 5) < 1e-6)
          << step;
    }
  }
}

std::vector<std::string> Labels(const std::vector<DateTick>& ticks) {
  std::vector<std::string> out;
  for (const auto& t : ticks) out.push_back(t.label);
  return out;
}

TEST(SvgDateTicks, CalendarSteps) {
  const auto day = [](int y, int m, int d) { return DaysFromCivil(y, m, d); };
  // A year: every second month.
  EXPECT_EQ(
      Labels(DateTicks(day(2024, 1, 1), day(2024, 12, 31), 6)),
      (std::vector<std::string>{"2024-01", "2024-03", "2024-05", "2024-07", "2024-09", "2024-11"}));
  // Ten days: every second day.
  EXPECT_EQ(Labels(DateTicks(day(2024, 3, 1), day(2024, 3, 10), 6)),
            (std::vector<std::string>{"2024-03-01", "2024-03-03", "2024-03-05", "2024-03-07",
                                      "2024-03-09"}));
  // Six weeks: every second Monday, starting at the first Monday.
  EXPECT_EQ(Labels(DateTicks(day(2024, 1, 3), day(2024, 2, 15), 6)),
            (std::vector<std::string>{"2024-01-08", "2024-01-22", "2024-02-05"}));
  // Months start on the first boundary inside the range.
  EXPECT_EQ(Labels(DateTicks(day(2023, 11, 15), day(2024, 4, 20), 6)),
            (std::vector<std::string>{"2023-12", "2024-01", "2024-02", "2024-03", "2024-04"}));
  // Decades: every five years.
  EXPECT_EQ(Labels(DateTicks(day(2000, 1, 1), day(2029, 6, 1), 6)),
            (std::vector<std::string>{"2000", "2005", "2010", "2015", "2020", "2025"}));
  // Ticks are inside the range and increasing.
  const auto t = DateTicks(day(2019, 6, 17), day(2021, 2, 2), 8);
  ASSERT_FALSE(t.empty());
  EXPECT_GE(t.front().day, day(2019, 6, 17));
  EXPECT_LE(t.back().day, day(2021, 2, 2));
  for (std::size_t i = 1; i < t.size(); ++i) EXPECT_LT(t[i - 1].day, t[i].day);
  // One day.
  EXPECT_EQ(Labels(DateTicks(day(2024, 2, 29), day(2024, 2, 29), 6)),
            (std::vector<std::string>{"2024-02-29"}));
}

TEST(SvgWriter, EscapesTitlesAndTipsAndIsDeterministic) {
  auto draw = [] {
    Svg svg(100, 50, "Demand of <b>\"x\"</b>");
    svg.Circle(10, 10, 3, "#fff", "</title><script>alert(1)</script>");
    svg.Text(5, 5, "a<b");
    svg.Path({0, 1, 2, 3}, {1, NAN, 2, 3}, "#000");
    return svg.Finish();
  };
  const std::string a = draw();
  EXPECT_EQ(a, draw());
  EXPECT_EQ(a.find("<script"), std::string::npos);
  EXPECT_EQ(a.find("<b>"), std::string::npos);
  EXPECT_NE(a.find("&lt;/title&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(a.find(">a&lt;b</text>"), std::string::npos);
  EXPECT_NE(a.find("d=\"M0 1 M2 2 3 3\""), std::string::npos) << a;  // broken at NaN
  EXPECT_EQ(a.find("xmlns"), std::string::npos);
  Svg standalone(10, 10, "t");
  EXPECT_EQ(standalone.Finish(true).rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
}

TEST(SvgColors, CategoriesKeepTheirColour) {
  EXPECT_STREQ(CategoryColor("spike"), CategoryColor("spike"));
  EXPECT_EQ(std::string(CategoryColor("spike")).size(), 7u);
}

}  // namespace
}  // namespace invplan::report
