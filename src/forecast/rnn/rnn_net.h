// The recurrent network behind RnnModel: parameter layout, forward pass and
// backpropagation through time for a batch of windows, on Eigen.
//
// All parameters live in one flat vector (the optimizer and the gradient checks
// see a single array); Layout gives each block's offset. Per layer l with G gates
// (rnn 1, gru 3, lstm 4) and hidden size h:
//   W_l (G·h × in_l), U_l (G·h × h), b_l (G·h), and for gru b_hn (h)
// with in_0 = features + embedding and in_l = h above. Gate order: gru [r; z; n]
// with n = tanh(W_n x + b_n + r ⊙ (U_n h + b_hn)) (the cuDNN/PyTorch form);
// lstm [i; f; g; o]. The head maps the top layer's (dropped-out) output at each
// horizon step to two outputs z = W_o·h + b_o. Gaussian head: μ = z_1 and
// σ = softplus(z_2) + kMinSigma, the loss is the negative log-likelihood of the
// scaled target. Negative-binomial head: mean m = softplus(z_1) + kMinMean in
// units of the window's scale (the count's mean is scale·m) and dispersion
// α = (softplus(z_2) + kMinAlpha) / √scale; the loss is the negative
// log-likelihood of the count scale·y.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "forecast/rnn/rnn.h"

namespace invplan::forecast::rnn {

inline constexpr double kMinSigma = 1e-3;
inline constexpr double kMinMean = 1e-6;
inline constexpr double kMinAlpha = 1e-4;

struct Shape {
  RnnCell cell = RnnCell::kGru;
  int features = 0;   // per-step inputs, embedding excluded
  int embedding = 0;  // embedding size
  int skus = 0;       // embedding columns
  int hidden = 40;
  int layers = 1;
  RnnLikelihood likelihood = RnnLikelihood::kGaussian;
  int Gates() const;
};

struct LayerOffsets {
  std::size_t w = 0, u = 0, b = 0, bhn = 0;  // bhn only for gru
  int in = 0;
};

struct Layout {
  explicit Layout(const Shape& shape);
  Shape shape;
  std::size_t embedding = 0;  // E (embedding × skus)
  std::vector<LayerOffsets> layers;
  std::size_t head_w = 0, head_b = 0;  // W_o (2 × h), b_o (2)
  std::size_t size = 0;
  // 1 for weight matrices (L2 applies), 0 for biases.
  std::vector<char> decay;
};

// A batch of windows: X holds the per-step features with step-major columns
// (column t·B + j is step t of window j), Y the scaled targets of the horizon
// steps in the same order (NaN: no target), sku the embedding column of each
// window (-1: the mean embedding).
struct Batch {
  int steps = 0, first_target = 0, windows = 0;
  Eigen::MatrixXd x;  // features × steps·B
  Eigen::MatrixXd y;  // 1 × (steps − first_target)·B
  // Like y: 1 where the target is a lower bound (censored), else 0; empty
  // without targets.
  Eigen::MatrixXd censored;
  std::vector<int> sku;
  std::vector<double> scale;                // per window (the negative-binomial head's unit)
  std::vector<std::uint64_t> dropout_seed;  // per window (used when dropout > 0)
};

// Forward state of one layer over all steps, kept for the backward pass.
struct LayerState {
  Eigen::MatrixXd in;     // layer input (in × T·B); for layer 0 the features only
  Eigen::MatrixXd gates;  // activated gates (G·h × T·B); rnn: h itself
  Eigen::MatrixXd h;      // outputs (h × T·B)
  Eigen::MatrixXd aux;    // gru: U_n h_{t-1} + b_hn; lstm: cell state c
  Eigen::MatrixXd mask;   // dropout mask on h (h × B), empty when no dropout
};

// Buffers of one RunBatch caller, kept between calls: the per-window matrices
// are large enough that allocating them afresh for every batch costs page
// faults, a fifth of the training time. One workspace per concurrent caller.
struct Workspace {
  Batch batch;
  std::vector<LayerState> layers;
  Eigen::MatrixXd a, da, dh, top, z, dz;
  Eigen::VectorXd grad;
};

// Random initial weights (uniform ±1/√h as usual for recurrent cells, forget
// gate bias 1, small embedding and head).
void InitParameters(const Layout& layout, std::uint64_t seed, Eigen::VectorXd* params);

// Sum of the negative log-likelihood over the batch's targets; the number of
// targets in *count. If grad is set, adds the gradient of that sum to it. If mu
// and sigma are set they receive the head's outputs (1 × targets, Y's order):
// μ and σ, or for the negative-binomial head m and α.
// `ws` (optional) supplies reusable buffers; `batch` may be ws->batch.
double RunBatch(const Layout& layout, const Eigen::VectorXd& params, const Batch& batch,
                double dropout, Eigen::VectorXd* grad, std::size_t* count,
                Eigen::MatrixXd* mu = nullptr, Eigen::MatrixXd* sigma = nullptr,
                Workspace* ws = nullptr);

}  // namespace invplan::forecast::rnn
