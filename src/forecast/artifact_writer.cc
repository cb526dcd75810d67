#include "forecast/artifact_writer.h"

#include <cmath>

#include "common/csv_reader.h"

namespace invplan::forecast {

ForecastWriter::ForecastWriter(const std::string& json_path, const std::string& csv_path,
                               const Json& header, Frequency frequency,
                               const std::vector<double>& levels,
                               const std::vector<double>& quantiles, bool has_location)
    : frequency_(frequency), levels_(levels), quantiles_(quantiles), has_location_(has_location) {
  if (!json_path.empty()) {
    json_ = std::make_unique<OutputFile>(json_path);
    std::string text = DumpJson(header, 1);
    // Reopen the object: drop the closing brace and continue with the series.
    text.erase(text.find_last_of('}'));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    json_->stream() << text << (header.empty() ? "" : ",") << "\n \"series\": [";
  }
  if (!csv_path.empty()) {
    csv_ = std::make_unique<OutputFile>(csv_path);
    std::ostream& out = csv_->stream();
    out << "sku" << (has_location_ ? ",location" : "") << ",date,mean";
    for (double l : levels_) out << ',' << LevelKey("lo", l) << ',' << LevelKey("hi", l);
    for (double q : quantiles_) out << ',' << LevelKey("q", q);
    out << ",model,status\n";
  }
}

void ForecastWriter::Add(const SeriesForecast& s) {
  if (json_) {
    json_->stream() << (count_ ? ",\n  " : "\n  ")
                    << DumpJson(SeriesForecastToJson(s, frequency_, levels_, quantiles_));
  }
  ++count_;
  if (!csv_) return;
  std::ostream& out = csv_->stream();
  const std::string prefix = CsvEscape(s.sku) + (has_location_ ? "," + CsvEscape(s.location) : "");
  // Three decimals: the flat CSV is for spreadsheets (the JSON keeps every digit).
  auto num = [](double v) { return std::isfinite(v) ? FormatDecimals(v, 3) : std::string(); };
  for (const auto& p : s.points) {
    out << prefix << ',' << FormatPeriod(p.period, frequency_) << ',' << num(p.mean);
    for (std::size_t k = 0; k < levels_.size(); ++k) {
      out << ',' << (k < p.lo.size() ? num(p.lo[k]) : "") << ','
          << (k < p.hi.size() ? num(p.hi[k]) : "");
    }
    for (std::size_t k = 0; k < quantiles_.size(); ++k) {
      out << ',' << (k < p.quantiles.size() ? num(p.quantiles[k]) : "");
    }
    out << ',' << CsvEscape(s.model_name) << ',' << s.status << '\n';
  }
}

void ForecastWriter::Commit(const Json& trailer) {
  if (json_) {
    std::ostream& out = json_->stream();
    out << (count_ ? "\n ]" : "]");
    for (auto it = trailer.begin(); it != trailer.end(); ++it) {
      out << ",\n " << DumpJson(Json(it.key())) << ": " << DumpJson(it.value());
    }
    out << "\n}\n";
    json_->Commit();
  }
  if (csv_) csv_->Commit();
}

}  // namespace invplan::forecast
