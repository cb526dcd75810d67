#include "invplan/forecast_artifact.h"

#include <cmath>
#include <cstdint>

#include "invplan/error.h"

namespace invplan {

std::string LevelKey(const char* prefix, double level) {
  return std::string(prefix) + FormatDouble(level);
}

namespace {

double NumberOr(const Json& obj, const std::string& key, double fallback) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_number()) throw std::runtime_error("field '" + key + "' is not a number");
  return it->get<double>();
}

std::string StringOr(const Json& obj, const std::string& key, const std::string& fallback = "") {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw std::runtime_error("field '" + key + "' is not a string");
  return it->get<std::string>();
}

std::int64_t PeriodOfText(const std::string& date, Frequency f) {
  std::int64_t day;
  if (!ParseIsoDay(date, &day)) throw std::runtime_error("bad date \"" + date + "\"");
  return PeriodOfDay(day, f);
}

const std::pair<DistributionFamily, const char*> kFamilyNames[] = {
    {DistributionFamily::kNormal, "normal"},
    {DistributionFamily::kNegBin, "negbin"},
    {DistributionFamily::kPoisson, "poisson"},
    {DistributionFamily::kQuantiles, "quantiles"},
};

// Only the fields of the family are written, so a reader sees at a glance what
// the distribution is made of.
Json DistributionToJson(const PointDistribution& d) {
  Json j = Json::object();
  for (const auto& [family, name] : kFamilyNames) {
    if (family == d.family) j["family"] = name;
  }
  switch (d.family) {
    case DistributionFamily::kNormal:
      j["mu"] = d.mu;
      j["sigma"] = d.sigma;
      if (!d.transform.empty()) j["transform"] = d.transform;
      if (d.scale != 1.0) j["scale"] = d.scale;
      if (d.shift != 0.0) j["shift"] = d.shift;
      break;
    case DistributionFamily::kNegBin:
      j["mu"] = d.mu;
      j["size"] = d.size;
      break;
    case DistributionFamily::kPoisson:
      j["mu"] = d.mu;
      break;
    case DistributionFamily::kQuantiles:
      j["quantiles"] = Json::array();
      for (const auto& [p, v] : d.quantiles) j["quantiles"].push_back(Json::array({p, v}));
      break;
    case DistributionFamily::kNone:
      break;
  }
  return j;
}

PointDistribution DistributionFromJson(const Json& j) {
  if (!j.is_object()) throw std::runtime_error("'distribution' is not an object");
  PointDistribution d;
  const std::string family = StringOr(j, "family");
  d.family = DistributionFamily::kNone;
  for (const auto& [f, name] : kFamilyNames) {
    if (family == name) d.family = f;
  }
  if (d.family == DistributionFamily::kNone) {
    throw std::runtime_error("unknown distribution family \"" + family + "\"");
  }
  // Non-finite parameters are written as null and read back as NaN.
  d.mu = NumberOr(j, "mu", std::nan(""));
  if (d.family == DistributionFamily::kNormal) {
    d.sigma = NumberOr(j, "sigma", std::nan(""));
    d.transform = StringOr(j, "transform");
    d.scale = NumberOr(j, "scale", 1.0);
    d.shift = NumberOr(j, "shift", 0.0);
  } else if (d.family == DistributionFamily::kNegBin) {
    d.size = NumberOr(j, "size", std::nan(""));
  } else if (d.family == DistributionFamily::kQuantiles) {
    d.mu = 0.0;
    if (!j.contains("quantiles") || !j["quantiles"].is_array()) {
      throw std::runtime_error("a quantiles distribution without 'quantiles'");
    }
    for (const auto& q : j["quantiles"]) {
      if (!q.is_array() || q.size() != 2 || !q[0].is_number() || !q[1].is_number()) {
        throw std::runtime_error("a quantile that is not a [probability, value] pair");
      }
      d.quantiles.emplace_back(q[0].get<double>(), q[1].get<double>());
    }
  }
  return d;
}

}  // namespace

ForecastSet ReadForecastArtifact(const std::string& path, InputInfo* info) {
  Json doc = ReadJsonArtifact(path, kForecastFormat, kForecastSchema, info);
  // Schema 1 has no distributions: its points keep family kNone.
  const std::int64_t schema = doc["schema_version"].get<std::int64_t>();
  const bool has_distributions = schema >= 2;
  // Schema 3 adds quantiles and the cumulative demand.
  const bool has_cumulative = schema >= 3;
  const std::string name = path == "-" ? "<stdin>" : path;
  ForecastSet set;
  std::string where = "";
  try {
    if (!ParseFrequency(StringOr(doc, "frequency"), &set.frequency)) {
      throw std::runtime_error("missing or unknown 'frequency'");
    }
    const bool has_horizon = doc.contains("horizon") && !doc["horizon"].is_null();
    set.horizon =
        has_horizon
            ? static_cast<int>(ArtifactInt(doc["horizon"], name + ": horizon", 0, INT32_MAX))
            : 0;
    set.levels.clear();
    if (!doc.contains("levels") || !doc["levels"].is_array()) {
      throw std::runtime_error("missing 'levels'");
    }
    for (const auto& l : doc["levels"]) set.levels.push_back(l.get<double>());
    if (has_cumulative && doc.contains("quantiles")) {
      if (!doc["quantiles"].is_array()) throw std::runtime_error("'quantiles' is not an array");
      for (const auto& q : doc["quantiles"]) {
        if (!q.is_number() || !(q.get<double>() > 0.0 && q.get<double>() < 1.0)) {
          throw std::runtime_error("a quantile level outside (0, 1)");
        }
        set.quantiles.push_back(q.get<double>());
      }
    }
    if (doc.contains("clipped_at_zero")) set.clipped_at_zero = doc["clipped_at_zero"].get<bool>();
    if (!doc.contains("series") || !doc["series"].is_array()) {
      throw std::runtime_error("missing 'series'");
    }
    std::vector<std::string> lo_keys, hi_keys, q_keys;
    for (double l : set.levels) {
      lo_keys.push_back(LevelKey("lo", l));
      hi_keys.push_back(LevelKey("hi", l));
    }
    for (double q : set.quantiles) q_keys.push_back(LevelKey("q", q));
    for (const auto& js : doc["series"]) {
      SeriesForecast s;
      s.sku = StringOr(js, "sku");
      where = "series '" + s.sku + "': ";
      s.location = StringOr(js, "location");
      if (js.contains("model") && js["model"].is_object()) {
        s.model = js["model"];
        s.model_name = StringOr(s.model, "name");
        s.spec = StringOr(s.model, "spec");
      }
      s.demand_class = StringOr(js, "demand_class");
      s.status = StringOr(js, "status", "ok");
      s.reason = StringOr(js, "reason");
      s.history_end = PeriodOfText(StringOr(js, "history_end"), set.frequency);
      if (js.contains("backtest")) s.backtest = js["backtest"];
      if (const auto c = js.find("censored_periods");
          c != js.end() && c->is_number_integer() && c->get<std::int64_t>() >= 0) {
        s.censored_periods = c->get<std::int64_t>();
      }
      if (!js.contains("forecast") || !js["forecast"].is_array()) {
        throw std::runtime_error("missing 'forecast'");
      }
      for (const auto& jp : js["forecast"]) {
        ForecastPoint p;
        p.period = PeriodOfText(StringOr(jp, "date"), set.frequency);
        p.mean = NumberOr(jp, "mean", std::nan(""));
        if (!std::isfinite(p.mean)) throw std::runtime_error("a point without a finite 'mean'");
        for (std::size_t k = 0; k < set.levels.size(); ++k) {
          p.lo.push_back(NumberOr(jp, lo_keys[k], p.mean));
          p.hi.push_back(NumberOr(jp, hi_keys[k], p.mean));
        }
        for (const std::string& key : q_keys) p.quantiles.push_back(NumberOr(jp, key, p.mean));
        if (has_distributions && jp.contains("distribution")) {
          p.distribution = DistributionFromJson(jp["distribution"]);
        }
        s.points.push_back(std::move(p));
      }
      if (has_cumulative && js.contains("cumulative")) {
        if (!js["cumulative"].is_array()) throw std::runtime_error("'cumulative' is not an array");
        for (const auto& jc : js["cumulative"]) {
          CumulativePoint c;
          c.mean = NumberOr(jc, "mean", std::nan(""));
          c.variance = NumberOr(jc, "variance", std::nan(""));
          if (!(c.mean >= 0.0) || !(c.variance >= 0.0) || !std::isfinite(c.mean) ||
              !std::isfinite(c.variance)) {
            throw std::runtime_error("a cumulative entry without a finite mean and variance >= 0");
          }
          const std::string sum = StringOr(jc, "sum", "count");
          if (sum != "count" && sum != "lognormal") {
            throw std::runtime_error("cumulative 'sum' \"" + sum +
                                     "\" is neither count nor lognormal");
          }
          c.counts = sum == "count";
          for (const std::string& key : q_keys) c.quantiles.push_back(NumberOr(jc, key, c.mean));
          s.cumulative.push_back(std::move(c));
        }
        if (s.cumulative.size() > s.points.size()) {
          throw std::runtime_error("more cumulative entries than forecast points");
        }
      }
      set.series.push_back(std::move(s));
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw ArtifactError(name + ": malformed forecast artifact: " + where + e.what());
  }
  return set;
}

Json SeriesForecastToJson(const SeriesForecast& s, Frequency f, const std::vector<double>& levels,
                          const std::vector<double>& quantiles) {
  Json js = Json::object();
  js["sku"] = s.sku;
  if (!s.location.empty()) js["location"] = s.location;
  Json model = s.model.is_object() ? s.model : Json::object();
  model["name"] = s.model_name;
  model["spec"] = s.spec;
  js["model"] = model;
  js["demand_class"] = s.demand_class;
  js["status"] = s.status;
  if (!s.reason.empty()) js["reason"] = s.reason;
  js["history_end"] = FormatPeriod(s.history_end, f);
  if (s.fit.is_object())
    for (auto it = s.fit.begin(); it != s.fit.end(); ++it) js[it.key()] = it.value();
  Json points = Json::array();
  for (const auto& p : s.points) {
    Json jp = Json::object();
    jp["date"] = FormatPeriod(p.period, f);
    jp["mean"] = p.mean;
    for (std::size_t k = 0; k < levels.size() && k < p.lo.size(); ++k) {
      jp[LevelKey("lo", levels[k])] = p.lo[k];
      jp[LevelKey("hi", levels[k])] = p.hi[k];
    }
    for (std::size_t k = 0; k < quantiles.size() && k < p.quantiles.size(); ++k) {
      jp[LevelKey("q", quantiles[k])] = p.quantiles[k];
    }
    if (p.distribution.family != DistributionFamily::kNone) {
      jp["distribution"] = DistributionToJson(p.distribution);
    }
    points.push_back(std::move(jp));
  }
  js["forecast"] = std::move(points);
  if (!s.cumulative.empty()) {
    Json cumulative = Json::array();
    for (std::size_t h = 0; h < s.cumulative.size(); ++h) {
      const CumulativePoint& c = s.cumulative[h];
      Json jc = Json::object();
      if (h < s.points.size()) jc["through"] = FormatPeriod(s.points[h].period, f);
      jc["periods"] = h + 1;
      jc["mean"] = c.mean;
      jc["variance"] = c.variance;
      jc["sum"] = c.counts ? "count" : "lognormal";
      for (std::size_t k = 0; k < quantiles.size() && k < c.quantiles.size(); ++k) {
        jc[LevelKey("q", quantiles[k])] = c.quantiles[k];
      }
      cumulative.push_back(std::move(jc));
    }
    js["cumulative"] = std::move(cumulative);
  }
  if (!s.backtest.is_null()) js["backtest"] = s.backtest;
  if (!s.excluded.is_null()) js["excluded"] = s.excluded;
  if (s.censored_periods >= 0) js["censored_periods"] = s.censored_periods;
  return js;
}

}  // namespace invplan
