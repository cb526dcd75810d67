// RnnModel's state, shared by its training/forecasting and serialization files.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "forecast/rnn/rnn.h"
#include "forecast/rnn/rnn_features.h"
#include "forecast/rnn/rnn_net.h"

namespace invplan::forecast {

struct RnnModel::Impl {
  bool trained = false;
  RnnConfig config;
  rnn::FeatureSpec spec;
  std::vector<std::string> skus;  // embedding column k belongs to skus[k]
  std::map<std::string, int> sku_index;
  std::shared_ptr<const rnn::Layout> layout;
  Eigen::VectorXd params;
  RnnTrainResult result;

  int SkuIndex(const std::string& sku) const {
    auto it = sku_index.find(sku);
    return it == sku_index.end() ? -1 : it->second;
  }
  void BuildLayout();
};

// Checks one series against the model's configuration (regressor columns and
// lengths, negative values with log1p); throws InputError naming the SKU.
void CheckSeries(const RnnConfig& config, const RnnSeriesInput& s, bool future);

}  // namespace invplan::forecast
