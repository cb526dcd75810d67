#!/usr/bin/python3
"""Writes the outlier benchmark tables used by scripts/bench.sh detect.

Every table is a CSV with feature columns f0..f{d-1} and a 0/1 `label` column
(1 = outlier). Built deterministically (fixed seeds), from scikit-learn's bundled
data sets where one fits the classic construction (a minority class as the
outliers), and otherwise generated to the shape and outlier share of the ODDS
set it stands in for (the ODDS files themselves are not available offline).
"""
import os
import sys

import numpy as np
from sklearn import datasets


def write(path, x, y):
    cols = ",".join(f"f{i}" for i in range(x.shape[1])) + ",label"
    data = np.column_stack([x, y.astype(int)])
    fmt = ["%.6g"] * x.shape[1] + ["%d"]
    np.savetxt(path, data, delimiter=",", header=cols, comments="", fmt=fmt)


def wine():
    # ODDS "wine": classes 2 and 3 are inliers, 10 rows of class 1 the outliers.
    d = datasets.load_wine()
    inl = d.data[d.target != 0]
    out = d.data[d.target == 0][:10]
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


def breast_cancer():
    # WDBC (the diagnostic sibling of ODDS "breastw"): malignant = outliers, 37%.
    d = datasets.load_breast_cancer()
    return d.data, (d.target == 0).astype(float)


def digits():
    # Like ODDS "optdigits": digits 1-9 are inliers, zeros the outliers (2.9%).
    d = datasets.load_digits()
    inl = d.data[d.target != 0]
    out = d.data[d.target == 0][:48]
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


def iris():
    # Versicolor and virginica inliers, 5 setosa outliers (4.8%).
    d = datasets.load_iris()
    inl = d.data[d.target != 0]
    out = d.data[d.target == 0][:5]
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


def clusters(rng, n, d, k, spread, scale):
    centers = rng.normal(scale=scale, size=(k, d))
    which = rng.integers(0, k, size=n)
    mix = rng.normal(size=(k, d, d)) * spread / np.sqrt(d)
    z = rng.normal(size=(n, d))
    return centers[which] + np.einsum("nd,nde->ne", z, mix[which])


def shuttle_like():
    # Shape of ODDS "shuttle": 49,097 x 9, 7% outliers. Inliers: 3 tight,
    # correlated clusters; outliers: small far clusters plus scattered points.
    rng = np.random.default_rng(101)
    n_out = 3511
    inl = clusters(rng, 49097 - n_out, 9, 3, 1.0, 6.0)
    out = np.vstack([clusters(rng, n_out - 1000, 9, 4, 1.5, 14.0),
                     rng.uniform(-25, 25, size=(1000, 9))])
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


def satellite_like():
    # Shape of ODDS "satellite": 6,435 x 36, 32% outliers, low-rank structure
    # (spectral bands); outliers are other clusters that partly overlap.
    rng = np.random.default_rng(102)
    basis = rng.normal(size=(6, 36))
    n_out = 2036
    zi = clusters(rng, 6435 - n_out, 6, 3, 1.0, 3.0)
    zo = clusters(rng, n_out, 6, 3, 1.6, 4.5)
    noise = lambda n: rng.normal(scale=0.5, size=(n, 36))
    inl, out = zi @ basis + noise(len(zi)), zo @ basis + noise(len(zo))
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


def pima_like():
    # Shape of ODDS "pima": 768 x 8, 35% outliers, a hard set: outliers are a
    # moderately shifted, wider copy of the inlier distribution.
    rng = np.random.default_rng(103)
    a = rng.normal(size=(8, 8))
    cov = a @ a.T / 8 + np.eye(8) * 0.5
    n_out = 268
    inl = rng.multivariate_normal(np.zeros(8), cov, size=768 - n_out)
    out = rng.multivariate_normal(np.r_[1.2, 0.8, 0, 0.6, 0, 1.0, 0, 0.5], cov * 1.5, size=n_out)
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


def ionosphere_like():
    # Shape of ODDS "ionosphere": 351 x 33, 36% outliers: inliers near a
    # 3-dimensional curved manifold, outliers diffuse.
    rng = np.random.default_rng(104)
    n_out = 126
    t = rng.uniform(-1, 1, size=(351 - n_out, 3))
    basis = rng.normal(size=(6, 33))
    feats = np.column_stack([t, np.sin(2 * t)])
    inl = np.tanh(feats @ basis * 0.6) + rng.normal(scale=0.08, size=(len(t), 33))
    out = rng.uniform(-1, 1, size=(n_out, 33)) * 0.9
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


def mammography_like():
    # Shape of ODDS "mammography": 11,183 x 6, 2.3% outliers, skewed features.
    rng = np.random.default_rng(105)
    n_out = 260
    inl = rng.lognormal(mean=0.0, sigma=0.6, size=(11183 - n_out, 6))
    out = rng.lognormal(mean=0.9, sigma=0.7, size=(n_out, 6))
    return np.vstack([inl, out]), np.r_[np.zeros(len(inl)), np.ones(len(out))]


SETS = {
    "wine": wine,
    "breast_cancer": breast_cancer,
    "digits": digits,
    "iris": iris,
    "shuttle_like": shuttle_like,
    "satellite_like": satellite_like,
    "pima_like": pima_like,
    "ionosphere_like": ionosphere_like,
    "mammography_like": mammography_like,
}


def speed_table(path, rows, seed=7):
    """rows x 9 gaussian table with 1% shifted rows, label column."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 9))
    y = np.zeros(rows)
    idx = rng.choice(rows, size=rows // 100, replace=False)
    x[idx] += rng.normal(scale=4.0, size=(len(idx), 9))
    y[idx] = 1
    write(path, x, y)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, make in SETS.items():
        x, y = make()
        write(os.path.join(out, name + ".csv"), x, y)
        print(f"{name}: {x.shape[0]} x {x.shape[1]}, {int(y.sum())} outliers ({y.mean():.1%})")
    speed_table(os.path.join(out, "speed_50k.csv"), 50000)
    speed_table(os.path.join(out, "block_1m.csv"), 1000000, seed=8)
