#include "forecast/rnn/rnn_net.h"

#include <cmath>

#include "common/censored_count.h"
#include "common/random.h"
#include "forecast/negbin.h"

namespace invplan::forecast::rnn {
namespace {

using Eigen::MatrixXd;
using Map = Eigen::Map<MatrixXd>;
using CMap = Eigen::Map<const MatrixXd>;
using Eigen::VectorXd;

constexpr double kHalfLog2Pi = 0.91893853320467274178;

double Sigmoid(double a) {
  return 1.0 / (1.0 + std::exp(-a));
}
double Softplus(double a) {
  return a > 30.0 ? a : std::log1p(std::exp(a));
}

// The gate activations as array expressions on Eigen's packet exp: the scalar
// std::tanh and a scalar sigmoid do not vectorize and took about a tenth of
// the training time. Both saturate correctly when exp overflows or underflows.
template <typename X>
auto SigmoidA(const X& a) {
  return (1.0 + (-a).exp()).inverse();
}
template <typename X>
auto TanhA(const X& a) {
  return 1.0 - 2.0 / ((2.0 * a).exp() + 1.0);
}

// Column block of step t (B windows).
template <typename M>
auto Step(M& m, int t, int b) {
  return m.middleCols(static_cast<Eigen::Index>(t) * b, b);
}

class Net {
 public:
  Net(const Layout& layout, const VectorXd& params, VectorXd* grad)
      : lay_(layout), p_(params), g_(grad) {}

  CMap P(std::size_t off, int rows, int cols) const { return CMap(p_.data() + off, rows, cols); }
  Map G(std::size_t off, int rows, int cols) const { return Map(g_->data() + off, rows, cols); }

  // The embedding columns of the batch's windows (embedding × B).
  MatrixXd Embeddings(const Batch& batch) const {
    const Shape& s = lay_.shape;
    MatrixXd e(s.embedding, batch.windows);
    if (s.embedding == 0) return e;
    CMap table = P(lay_.embedding, s.embedding, s.skus);
    for (int j = 0; j < batch.windows; ++j) {
      int k = batch.sku[j];
      e.col(j) = k >= 0 ? VectorXd(table.col(k)) : VectorXd(table.rowwise().mean());
    }
    return e;
  }

  // `a` is scratch for the input contributions (G·h × T·B).
  void Forward(int l, const Batch& batch, const MatrixXd& emb, LayerState* st,
               MatrixXd* a_buf) const {
    const Shape& s = lay_.shape;
    const LayerOffsets& o = lay_.layers[l];
    const int h = s.hidden, gh = s.Gates() * h, b = batch.windows, steps = batch.steps;
    CMap w = P(o.w, gh, o.in), u = P(o.u, gh, h);
    Eigen::Map<const VectorXd> bias(p_.data() + o.b, gh);
    // Input contributions for all steps in one product.
    MatrixXd& a = *a_buf;
    if (l == 0) {
      a.noalias() = w.leftCols(s.features) * st->in;
      if (s.embedding > 0) {
        MatrixXd ea = w.rightCols(s.embedding) * emb;
        ea.colwise() += bias;
        for (int t = 0; t < steps; ++t) Step(a, t, b) += ea;
      } else {
        a.colwise() += bias;
      }
    } else {
      a.noalias() = w * st->in;
      a.colwise() += bias;
    }
    st->h.resize(h, static_cast<Eigen::Index>(steps) * b);
    if (s.cell == RnnCell::kRnn) {
      for (int t = 0; t < steps; ++t) {
        auto at = Step(a, t, b);
        if (t > 0) at.noalias() += u * Step(st->h, t - 1, b);
        Step(st->h, t, b) = TanhA(at.array()).matrix();
      }
      return;
    }
    st->gates.resize(gh, a.cols());
    st->aux.resize(h, a.cols());
    MatrixXd uh = MatrixXd::Zero(gh, b);
    if (s.cell == RnnCell::kGru) {
      Eigen::Map<const VectorXd> bhn(p_.data() + o.bhn, h);
      for (int t = 0; t < steps; ++t) {
        if (t > 0) uh.noalias() = u * Step(st->h, t - 1, b);
        auto at = Step(a, t, b);
        auto gt = Step(st->gates, t, b);
        auto hn = Step(st->aux, t, b);
        hn = uh.bottomRows(h).colwise() + bhn;
        gt.topRows(2 * h) = SigmoidA((at.topRows(2 * h) + uh.topRows(2 * h)).array()).matrix();
        gt.bottomRows(h) =
            TanhA(at.bottomRows(h).array() + gt.topRows(h).array() * hn.array()).matrix();
        auto z = gt.middleRows(h, h).array();
        auto n = gt.bottomRows(h).array();
        if (t > 0) {
          Step(st->h, t, b) = ((1.0 - z) * n + z * Step(st->h, t - 1, b).array()).matrix();
        } else {
          Step(st->h, t, b) = ((1.0 - z) * n).matrix();
        }
      }
      return;
    }
    MatrixXd cprev = MatrixXd::Zero(h, b);
    for (int t = 0; t < steps; ++t) {
      auto at = Step(a, t, b);
      if (t > 0) at.noalias() += u * Step(st->h, t - 1, b);
      auto gt = Step(st->gates, t, b);
      gt.topRows(2 * h) = SigmoidA(at.topRows(2 * h).array()).matrix();
      gt.middleRows(2 * h, h) = TanhA(at.middleRows(2 * h, h).array()).matrix();
      gt.bottomRows(h) = SigmoidA(at.bottomRows(h).array()).matrix();
      cprev = (gt.middleRows(h, h).array() * cprev.array() +
               gt.topRows(h).array() * gt.middleRows(2 * h, h).array())
                  .matrix();
      Step(st->aux, t, b) = cprev;
      Step(st->h, t, b) = (gt.bottomRows(h).array() * TanhA(cprev.array())).matrix();
    }
  }

  // dh: gradient with respect to the layer's outputs (h × T·B). Accumulates the
  // parameter gradients (the embedding's through the per-window sum over steps
  // of the pre-activation gradients); writes the gradient with respect to the
  // layer input to *din when set (layers above the first). `da_buf` is scratch.
  void Backward(int l, const Batch& batch, const MatrixXd& emb, const LayerState& st,
                const MatrixXd& dh, MatrixXd* da_buf, MatrixXd* din) const {
    const Shape& s = lay_.shape;
    const LayerOffsets& o = lay_.layers[l];
    const int h = s.hidden, gh = s.Gates() * h, b = batch.windows, steps = batch.steps;
    CMap w = P(o.w, gh, o.in), u = P(o.u, gh, h);
    Map dw = G(o.w, gh, o.in), du = G(o.u, gh, h);
    Eigen::Map<VectorXd> db(g_->data() + o.b, gh);
    MatrixXd& da = *da_buf;
    da.resize(gh, dh.cols());
    MatrixXd dnext = MatrixXd::Zero(h, b), dcnext = MatrixXd::Zero(h, b);
    MatrixXd dah(gh, b), dht(h, b), dan(h, b), zeros = MatrixXd::Zero(h, b);
    Eigen::ArrayXXd tc(h, b), dc(h, b);
    for (int t = steps - 1; t >= 0; --t) {
      dht = Step(dh, t, b) + dnext;
      auto dat = Step(da, t, b);
      const Eigen::Ref<const MatrixXd> hprev =
          t > 0 ? Eigen::Ref<const MatrixXd>(Step(st.h, t - 1, b))
                : Eigen::Ref<const MatrixXd>(zeros);
      if (s.cell == RnnCell::kRnn) {
        auto ht = Step(st.h, t, b).array();
        dat = (dht.array() * (1.0 - ht * ht)).matrix();
        if (t > 0) du.noalias() += dat * hprev.transpose();
        dnext.noalias() = u.transpose() * dat;
      } else if (s.cell == RnnCell::kGru) {
        auto gt = Step(st.gates, t, b);
        auto r = gt.topRows(h).array();
        auto z = gt.middleRows(h, h).array();
        auto n = gt.bottomRows(h).array();
        auto hn = Step(st.aux, t, b).array();
        dan = (dht.array() * (1.0 - z) * (1.0 - n * n)).matrix();
        dat.topRows(h) = (dan.array() * hn * r * (1.0 - r)).matrix();
        dat.middleRows(h, h) = (dht.array() * (hprev.array() - n) * z * (1.0 - z)).matrix();
        dat.bottomRows(h) = dan;
        dah.topRows(2 * h) = dat.topRows(2 * h);
        dah.bottomRows(h) = (dan.array() * r).matrix();
        Eigen::Map<VectorXd>(g_->data() + o.bhn, h) += dah.bottomRows(h).rowwise().sum();
        if (t > 0) du.noalias() += dah * hprev.transpose();
        dnext = (dht.array() * z).matrix();
        dnext.noalias() += u.transpose() * dah;
      } else {
        auto gt = Step(st.gates, t, b);
        auto i = gt.topRows(h).array();
        auto f = gt.middleRows(h, h).array();
        auto g = gt.middleRows(2 * h, h).array();
        auto og = gt.bottomRows(h).array();
        auto c = Step(st.aux, t, b).array();
        const Eigen::Ref<const MatrixXd> cprev =
            t > 0 ? Eigen::Ref<const MatrixXd>(Step(st.aux, t - 1, b))
                  : Eigen::Ref<const MatrixXd>(zeros);
        tc = TanhA(c);
        dc = dcnext.array() + dht.array() * og * (1.0 - tc * tc);
        dat.topRows(h) = (dc * g * i * (1.0 - i)).matrix();
        dat.middleRows(h, h) = (dc * cprev.array() * f * (1.0 - f)).matrix();
        dat.middleRows(2 * h, h) = (dc * i * (1.0 - g * g)).matrix();
        dat.bottomRows(h) = (dht.array() * tc * og * (1.0 - og)).matrix();
        dcnext = (dc * f).matrix();
        if (t > 0) du.noalias() += dat * hprev.transpose();
        dnext.noalias() = u.transpose() * dat;
      }
    }
    db += da.rowwise().sum();
    if (l == 0) {
      dw.leftCols(s.features).noalias() += da * st.in.transpose();
      if (s.embedding > 0) {
        MatrixXd sum_da = MatrixXd::Zero(gh, b);
        for (int t = 0; t < steps; ++t) sum_da += Step(da, t, b);
        dw.rightCols(s.embedding).noalias() += sum_da * emb.transpose();
        MatrixXd de = w.rightCols(s.embedding).transpose() * sum_da;
        Map table = G(lay_.embedding, s.embedding, s.skus);
        for (int j = 0; j < b; ++j) {
          int k = batch.sku[j];
          if (k >= 0) {
            table.col(k) += de.col(j);
          } else {
            table.colwise() += de.col(j) / s.skus;
          }
        }
      }
    } else {
      dw.noalias() += da * st.in.transpose();
    }
    if (din && l > 0) din->noalias() = w.transpose() * da;
  }

 private:
  const Layout& lay_;
  const VectorXd& p_;
  VectorXd* g_;
};

// Variational dropout mask (one per window, same for every step).
MatrixXd DropoutMask(const Batch& batch, int layer, int h, double rate) {
  MatrixXd m(h, batch.windows);
  const double keep = 1.0 - rate;
  for (int j = 0; j < batch.windows; ++j) {
    Rng rng(DeriveSeed(batch.dropout_seed[j], static_cast<std::uint64_t>(layer)));
    for (int k = 0; k < h; ++k) m(k, j) = rng.Uniform() < keep ? 1.0 / keep : 0.0;
  }
  return m;
}

void ApplyMask(const MatrixXd& mask, int steps, MatrixXd* x) {
  const int b = static_cast<int>(mask.cols());
  for (int t = 0; t < steps; ++t) Step(*x, t, b).array() *= mask.array();
}

bool Censored(const Batch& batch, Eigen::Index c) {
  return c < batch.censored.cols() && batch.censored(0, c) != 0.0;
}

// log P(Y >= y) of the negative binomial (mean μ, dispersion α) and its
// derivatives by central differences: the incomplete beta function behind it
// has no cheap derivative in its parameters, and only censored targets (a few
// stock-out periods) take this path. y is a whole count (the product of the
// scaled target and its scale, rounded off).
double CensoredNegBin(double y, double mu, double alpha, double* d_mu, double* d_alpha) {
  const double whole = std::ceil(y - 1e-9);
  auto f = [&](double m, double a) {
    return CountLogSurvival(CountDistribution::NegBin(m, 1.0 / a), whole);
  };
  const double hm = 1e-5 * mu, ha = 1e-5 * alpha;
  *d_mu = (f(mu + hm, alpha) - f(mu - hm, alpha)) / (2.0 * hm);
  *d_alpha = (f(mu, alpha + ha) - f(mu, alpha - ha)) / (2.0 * ha);
  return f(mu, alpha);
}

}  // namespace

int Shape::Gates() const {
  switch (cell) {
    case RnnCell::kRnn:
      return 1;
    case RnnCell::kGru:
      return 3;
    case RnnCell::kLstm:
      return 4;
  }
  return 1;
}

Layout::Layout(const Shape& s) : shape(s) {
  std::size_t off = 0;
  auto take = [&](std::size_t n, bool is_weight) {
    std::size_t at = off;
    off += n;
    decay.insert(decay.end(), n, is_weight ? 1 : 0);
    return at;
  };
  embedding = take(static_cast<std::size_t>(s.embedding) * s.skus, true);
  const std::size_t gh = static_cast<std::size_t>(s.Gates()) * s.hidden;
  for (int l = 0; l < s.layers; ++l) {
    LayerOffsets o;
    o.in = l == 0 ? s.features + s.embedding : s.hidden;
    o.w = take(gh * o.in, true);
    o.u = take(gh * s.hidden, true);
    o.b = take(gh, false);
    if (s.cell == RnnCell::kGru) o.bhn = take(s.hidden, false);
    layers.push_back(o);
  }
  head_w = take(2 * static_cast<std::size_t>(s.hidden), true);
  head_b = take(2, false);
  size = off;
}

void InitParameters(const Layout& layout, std::uint64_t seed, Eigen::VectorXd* params) {
  const Shape& s = layout.shape;
  params->setZero(static_cast<Eigen::Index>(layout.size));
  Rng rng(DeriveSeed(seed, 0x1417));
  double* p = params->data();
  const double k = 1.0 / std::sqrt(static_cast<double>(s.hidden));
  for (std::size_t i = 0; i < layout.head_w; ++i) p[i] = rng.Uniform(-k, k);
  for (std::size_t i = layout.embedding; i < layout.layers.front().w; ++i)
    p[i] = 0.1 * rng.Normal();
  if (s.cell == RnnCell::kLstm) {
    for (const LayerOffsets& o : layout.layers) {
      for (int i = 0; i < s.hidden; ++i) p[o.b + s.hidden + i] = 1.0;
    }
  }
  for (int i = 0; i < 2 * s.hidden; ++i) p[layout.head_w + i] = rng.Uniform(-0.1, 0.1) * k;
  if (layout.shape.likelihood == RnnLikelihood::kNegBin) {
    p[layout.head_b] = std::log(std::expm1(0.5));      // half the window's scale
    p[layout.head_b + 1] = std::log(std::expm1(0.5));  // α = 0.5
  } else {
    p[layout.head_b] = 0.0;
    p[layout.head_b + 1] = std::log(std::expm1(0.3));  // σ ≈ 0.3 at the start
  }
}

double RunBatch(const Layout& layout, const Eigen::VectorXd& params, const Batch& batch,
                double dropout, Eigen::VectorXd* grad, std::size_t* count, Eigen::MatrixXd* mu,
                Eigen::MatrixXd* sigma, Workspace* ws) {
  Workspace local;
  Workspace& w = ws ? *ws : local;
  const Shape& s = layout.shape;
  const int h = s.hidden, b = batch.windows, steps = batch.steps;
  const int targets = steps - batch.first_target;
  Net net(layout, params, grad);
  const MatrixXd emb = net.Embeddings(batch);

  std::vector<LayerState>& st = w.layers;
  st.resize(s.layers);
  for (int l = 0; l < s.layers; ++l) {
    st[l].in = l == 0 ? batch.x : st[l - 1].h;
    if (l > 0 && dropout > 0.0) ApplyMask(st[l - 1].mask, steps, &st[l].in);
    net.Forward(l, batch, emb, &st[l], &w.a);
    if (dropout > 0.0) st[l].mask = DropoutMask(batch, l, h, dropout);
  }
  // Head on the horizon steps of the top layer.
  const Eigen::Index first = static_cast<Eigen::Index>(batch.first_target) * b;
  const Eigen::Index nt = static_cast<Eigen::Index>(targets) * b;
  MatrixXd& top = w.top;
  top = st.back().h.middleCols(first, nt);
  if (dropout > 0.0) ApplyMask(st.back().mask, targets, &top);
  CMap wo(params.data() + layout.head_w, 2, h);
  MatrixXd& z = w.z;
  z.noalias() = wo * top;
  z.row(0).array() += params[layout.head_b];
  z.row(1).array() += params[layout.head_b + 1];

  double loss = 0.0;
  std::size_t n = 0;
  MatrixXd& dz = w.dz;
  dz.setZero(2, nt);
  if (mu) mu->resize(1, nt);
  if (sigma) sigma->resize(1, nt);
  const bool negbin = s.likelihood == RnnLikelihood::kNegBin;
  for (Eigen::Index c = 0; c < nt; ++c) {
    const double y = batch.y.cols() > 0 ? batch.y(0, c) : std::nan("");
    if (negbin) {
      // The count and its mean in the data's units: the window's scale fixes
      // them. The dispersion shrinks with 1/√scale (as DeepAR does): large counts
      // are relatively less dispersed, and one output range then suits a shop
      // selling thousands a day as well as an item selling one a week.
      const double scale = batch.scale[static_cast<std::size_t>(c % b)];
      const double root = std::sqrt(scale);
      const double m = Softplus(z(0, c)) + kMinMean;
      const double alpha = (Softplus(z(1, c)) + kMinAlpha) / root;
      if (mu) (*mu)(0, c) = m;
      if (sigma) (*sigma)(0, c) = alpha;
      if (std::isnan(y)) continue;
      const double target = std::max(y * scale, 0.0), mean = m * scale;
      double d_mean, d_alpha;
      if (Censored(batch, c)) {
        loss -= CensoredNegBin(target, mean, alpha, &d_mean, &d_alpha);
      } else {
        loss -= NegBinLogPmf(target, mean, alpha);
        NegBinLogPmfGradient(target, mean, alpha, &d_mean, &d_alpha);
      }
      ++n;
      dz(0, c) = -d_mean * scale * Sigmoid(z(0, c));
      dz(1, c) = -d_alpha / root * Sigmoid(z(1, c));
      continue;
    }
    const double m = z(0, c), sd = Softplus(z(1, c)) + kMinSigma;
    if (mu) (*mu)(0, c) = m;
    if (sigma) (*sigma)(0, c) = sd;
    if (std::isnan(y)) continue;
    const double r = (y - m) / sd;
    ++n;
    if (Censored(batch, c)) {
      // -log Q(r), Q the normal survival function; d/dr = φ(r)/Q(r) (the
      // inverse Mills ratio), r itself far in the tail.
      const double q = 0.5 * std::erfc(r / std::sqrt(2.0));
      const double lambda =
          q > 1e-300 ? std::exp(-0.5 * r * r - kHalfLog2Pi) / q : std::max(r, 0.0);
      loss -= std::log(std::max(q, 1e-300));
      dz(0, c) = -lambda / sd;
      dz(1, c) = -lambda * r / sd * Sigmoid(z(1, c));
      continue;
    }
    loss += std::log(sd) + 0.5 * r * r + kHalfLog2Pi;
    dz(0, c) = -r / sd;
    dz(1, c) = (1.0 / sd - r * r / sd) * Sigmoid(z(1, c));
  }
  if (count) *count = n;
  if (!grad) return loss;

  Map(grad->data() + layout.head_w, 2, h).noalias() += dz * top.transpose();
  (*grad)[layout.head_b] += dz.row(0).sum();
  (*grad)[layout.head_b + 1] += dz.row(1).sum();
  MatrixXd& dh = w.dh;
  dh.setZero(h, static_cast<Eigen::Index>(steps) * b);
  dh.middleCols(first, nt).noalias() = wo.transpose() * dz;
  if (dropout > 0.0) ApplyMask(st.back().mask, steps, &dh);
  MatrixXd din;
  for (int l = s.layers - 1; l >= 0; --l) {
    net.Backward(l, batch, emb, st[l], dh, &w.da, l > 0 ? &din : nullptr);
    if (l > 0) {
      dh.swap(din);
      if (dropout > 0.0) ApplyMask(st[l - 1].mask, steps, &dh);
    }
  }
  return loss;
}

}  // namespace invplan::forecast::rnn
