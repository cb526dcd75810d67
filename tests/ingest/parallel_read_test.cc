// Ingest cuts the file into chunks parsed on several threads: whatever the chunk
// size and the number of threads, the panel, the report and the errors are those
// of one pass over the file.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "ingest/read_panel.h"
#include "invplan/error.h"
#include "invplan/ingest.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

// A file with everything that makes cutting hard: BOM, CRLF and LF, blank lines,
// quoted SKUs and notes with commas, doubled quotes and line breaks, bad rows,
// returns, a note column that turns out not to be numeric half-way, rows out of
// date order, two stores.
std::string TrickyFile(bool with_bad_rows) {
  std::string f =
      "\xEF\xBB\xBF"
      "date,sku,store,quantity,price,on_hand,note\r\n";
  unsigned state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7fff;
  };
  for (int i = 0; i < 1500; ++i) {
    int day = 1 + static_cast<int>(next() % 28);
    int month = 1 + static_cast<int>(next() % 3);
    char date[32];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", month, day);
    int s = static_cast<int>(next() % 40);
    std::string sku = "SKU" + std::to_string(s);
    if (s % 7 == 0) sku = "\"SKU," + std::to_string(s) + "\"";             // comma inside
    if (s % 11 == 0) sku = "\"SKU\n" + std::to_string(s) + "\"\"x\"\"\"";  // line break, quotes
    std::string store = next() % 2 ? "S1" : "S2";
    int qty = static_cast<int>(next() % 30) - 3;  // some returns
    std::string price = next() % 10 ? std::to_string(1 + s % 5) + ".25" : "";
    std::string note = i < 1200 ? std::to_string(i % 3) : (i % 50 == 0 ? "\"late, text\"" : "1");
    if (i % 97 == 0 && i > 900) note = "\"multi\r\nline\"";  // first non-number: row 970
    f += std::string(date) + "," + sku + "," + store + "," + std::to_string(qty) + "," + price +
         "," + std::to_string(100 - i % 100) + "," + note + (i % 3 ? "\n" : "\r\n");
    if (i % 250 == 0) f += "\n";
    if (with_bad_rows && i % 400 == 7) f += "2024-02-30,SKU1,S1,1,1,1,1\n";
    if (with_bad_rows && i % 400 == 9) f += "2024-01-03,SKU1,S1,\"12,5\",1,1,1\n";
    if (with_bad_rows && i % 400 == 11) f += "2024-01-03,SKU1,S1,1\n";
  }
  f += "2024-03-31,LAST,S1,1,1,1,1";  // no line break at the end
  return f;
}

bool SameValues(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

void ExpectSamePanels(const Panel& a, const IngestReport& ra, const Panel& b,
                      const IngestReport& rb) {
  EXPECT_EQ(a.frequency, b.frequency);
  EXPECT_EQ(a.extra_names, b.extra_names);
  ASSERT_EQ(a.series.size(), b.series.size());
  for (std::size_t i = 0; i < a.series.size(); ++i) {
    const Series &x = a.series[i], &y = b.series[i];
    EXPECT_EQ(x.sku, y.sku);
    EXPECT_EQ(x.location, y.location);
    EXPECT_EQ(x.start, y.start);
    EXPECT_TRUE(SameValues(x.quantity, y.quantity)) << x.sku;
    EXPECT_EQ(x.source_line, y.source_line) << x.sku;
    ASSERT_EQ(x.extras.size(), y.extras.size());
    for (std::size_t k = 0; k < x.extras.size(); ++k) {
      EXPECT_TRUE(SameValues(x.extras[k], y.extras[k])) << x.sku << " extra " << k;
    }
    EXPECT_EQ(ra.series[i].rows, rb.series[i].rows);
    EXPECT_EQ(ra.series[i].negatives, rb.series[i].negatives);
  }
  EXPECT_EQ(ra.rows_read, rb.rows_read);
  EXPECT_EQ(ra.rows_used, rb.rows_used);
  EXPECT_EQ(ra.rows_skipped, rb.rows_skipped);
  EXPECT_EQ(ra.rows_dropped_negative, rb.rows_dropped_negative);
  EXPECT_EQ(ra.skipped_examples, rb.skipped_examples);
  EXPECT_EQ(ra.ignored_columns, rb.ignored_columns);
  EXPECT_EQ(ra.frequency_inferred, rb.frequency_inferred);
}

TEST(ParallelRead, SameResultWhateverTheChunksAndThreads) {
  TempDir dir;
  IngestOptions o;
  o.input = dir.Write("t.csv", TrickyFile(true));
  o.location_col = "store";
  o.on_bad_row = BadRowPolicy::kSkip;
  for (NegativePolicy neg : {NegativePolicy::kZero, NegativePolicy::kDrop}) {
    o.negatives = neg;
    for (const char* freq : {"", "W"}) {
      o.frequency = freq;
      IngestReport base_rep;
      Panel base = ReadPanelThreaded(o, 1, &base_rep, nullptr, std::size_t(1) << 22);
      // The file itself: quoted keys were read as one field, the note column was
      // dropped where it stopped being numeric, bad rows were skipped.
      EXPECT_EQ(base_rep.rows_read, 1500u + 1u + 3u * 4u);
      EXPECT_EQ(base_rep.rows_skipped, 3u * 4u);
      EXPECT_EQ(base_rep.ignored_columns, std::vector<std::string>{"note"});
      // Daily, the days after the 28th have no row of any SKU: closed days.
      std::vector<std::string> names{"price", "on_hand"};
      if (!*freq) names.push_back("closed");
      EXPECT_EQ(base.extra_names, names);
      bool multiline = false;
      for (const Series& s : base.series) multiline |= s.sku == "SKU\n22\"x\"";
      EXPECT_TRUE(multiline);
      for (int threads : {1, 2, 4}) {
        for (std::size_t chunk : {std::size_t(1), std::size_t(100), std::size_t(4096)}) {
          if (chunk == 1 && threads > 2) continue;  // a task per record: slow, no news
          SCOPED_TRACE("threads " + std::to_string(threads) + ", chunk " + std::to_string(chunk) +
                       ", freq '" + freq + "'");
          IngestReport rep;
          Panel p = ReadPanelThreaded(o, threads, &rep, nullptr, chunk);
          ExpectSamePanels(base, base_rep, p, rep);
        }
      }
    }
  }
}

TEST(ParallelRead, FirstBadRowWinsWhateverTheThreads) {
  TempDir dir;
  IngestOptions o;
  o.input = dir.Write("t.csv", TrickyFile(true));
  std::string first;
  try {
    ReadPanelThreaded(o, 1, nullptr);
    FAIL();
  } catch (const Error& e) {
    first = e.what();
  }
  EXPECT_NE(first.find(": column 'date': expected a date"), std::string::npos) << first;
  for (int threads : {2, 4}) {
    for (std::size_t chunk : {std::size_t(1), std::size_t(512)}) {
      try {
        ReadPanelThreaded(o, threads, nullptr, nullptr, chunk);
        FAIL();
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
        EXPECT_EQ(std::string(e.what()), first);
      }
    }
  }
}

TEST(ParallelRead, ReaderErrorsComeAfterEarlierBadRows) {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 200; ++i) body += "2024-01-01,A,1\n";
  IngestOptions o;
  // A bad row, then a quoted field that never closes: the bad row is reported.
  o.input = dir.Write("a.csv", "date,sku,quantity\n" + body + "2024-01-01,A,x\n" + body +
                                   "2024-01-02,\"open,1\n" + body);
  for (int threads : {1, 2}) {
    try {
      ReadPanelThreaded(o, threads, nullptr, nullptr, 64);
      FAIL();
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(":202: column 'quantity'"), std::string::npos)
          << e.what();
    }
  }
  // Skipping bad rows, the unterminated field is the error, at the line it starts.
  o.on_bad_row = BadRowPolicy::kSkip;
  for (int threads : {1, 2}) {
    try {
      ReadPanelThreaded(o, threads, nullptr, nullptr, 64);
      FAIL();
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
      EXPECT_EQ(std::string(e.what()), o.input + ":403: unterminated quoted field");
    }
  }
}

TEST(ParallelRead, ChecksumCoversTheWholeFile) {
  TempDir dir;
  IngestOptions o;
  std::string text = TrickyFile(false);
  o.input = dir.Write("t.csv", text);
  RunInfo one, two;
  ReadPanelThreaded(o, 1, nullptr, &one);
  ReadPanelThreaded(o, 3, nullptr, &two, 100);
  ASSERT_EQ(one.inputs.size(), 1u);
  EXPECT_EQ(one.inputs[0].bytes, text.size());
  EXPECT_EQ(one.inputs[0].sha256, two.inputs[0].sha256);
  EXPECT_EQ(one.inputs[0].sha256.size(), 64u);
}

}  // namespace
}  // namespace invplan
