#include "forecast/model_state.h"

namespace invplan::forecast {

const Json& ModelState(const Json& model) {
  if (!model.is_object() || !model.contains("state") || !model["state"].is_object()) {
    throw ModelFitError("no model state");
  }
  return model["state"];
}

double StateNumber(const Json& state, const char* key) {
  if (!state.contains(key) || !state[key].is_number()) {
    throw ModelFitError(std::string("model state without a number '") + key + "'");
  }
  const double v = state[key].get<double>();
  if (!std::isfinite(v)) throw ModelFitError(std::string("model state '") + key + "' not finite");
  return v;
}

bool StateBool(const Json& state, const char* key) {
  if (!state.contains(key) || !state[key].is_boolean()) {
    throw ModelFitError(std::string("model state without '") + key + "'");
  }
  return state[key].get<bool>();
}

int StateInt(const Json& state, const char* key) {
  if (!state.contains(key) || !state[key].is_number_integer()) {
    throw ModelFitError(std::string("model state without an integer '") + key + "'");
  }
  const auto v = state[key].get<std::int64_t>();
  if (v < -1000000000 || v > 1000000000) {
    throw ModelFitError(std::string("model state '") + key + "' out of range");
  }
  return static_cast<int>(v);
}

std::vector<double> StateNumbers(const Json& state, const char* key) {
  if (!state.contains(key) || !state[key].is_array()) {
    throw ModelFitError(std::string("model state without an array '") + key + "'");
  }
  std::vector<double> out;
  for (const Json& v : state[key]) {
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
      throw ModelFitError(std::string("model state '") + key + "' holds a non-number");
    }
    out.push_back(v.get<double>());
  }
  return out;
}

}  // namespace invplan::forecast
