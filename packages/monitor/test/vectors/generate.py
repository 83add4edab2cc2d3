"""Known-answer vectors for @modelsec/monitor's statistics.

Run: python3 packages/monitor/test/vectors/generate.py  (needs numpy and scipy; vectors were
produced with the versions recorded in each file's _source). It writes stats.json and special.json
next to itself. Expected values come from SciPy calls; the evidently quantities (PSI, Jensen-Shannon,
normed Wasserstein, z-test) are recomputed here from evidently's published formulas (legacy
stattests/{utils,psi,jensenshannon,wasserstein_distance_norm,z_stattest}.py) on top of NumPy/SciPy,
because evidently itself is not installable on this machine. The MMD statistic is recomputed from
alibi-detect's formulas (sigma_median, GaussianRBF, mmd2_from_kernel_matrix) with NumPy.
"""
import json
import math
import os
import random

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261128)


def r(x, d=3):
    return [float(round(v, d)) for v in np.asarray(x, dtype=float)]


def src(extra):
    return f"scipy {scipy.__version__}, numpy {np.__version__}: {extra}"


# ---------------------------------------------------------------- special functions
special_vectors = {
    "_source": src("scipy.special / scipy.stats calls, generate.py in this folder"),
    "kolmogorovSf": [],
    "smirnovSf": [],
    "besselK": [],
    "gammaQ": [],
    "normCdf": [],
    "chi2Sf": [],
}
for n in [1, 2, 3, 5, 10, 20, 50, 100, 140, 141, 500, 1000, 5000, 20000, 100000, 100001, 500000]:
    for x in [0.0005, 0.002, 0.01, 0.03, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.95]:
        special_vectors["kolmogorovSf"].append([n, x, float(stats.kstwo.sf(x, n))])
for n in [2, 5, 10, 11, 50, 200, 1000, 10000, 500000]:
    for x in [0.001, 0.01, 0.05, 0.1, 0.3, 0.6, 0.9]:
        special_vectors["smirnovSf"].append([n, x, float(special.smirnov(n, x))])
for x in [1e-4, 0.01, 0.1, 0.5, 1, 2, 5, 10, 50, 100, 300]:
    special_vectors["besselK"].append([0.25, x, float(special.kv(0.25, x))])
for a, x in [(0.5, 0.1), (0.5, 3), (1, 3), (2.5, 0.01), (10, 30), (100, 90), (100, 130), (500, 600), (3, 40)]:
    special_vectors["gammaQ"].append([a, x, float(special.gammaincc(a, x))])
for x in [-30, -10, -5, -1.5, -0.3, 0, 0.7, 2, 6]:
    special_vectors["normCdf"].append([x, float(special.ndtr(x))])
for x, k in [(0.5, 1), (3.84, 1), (10, 3), (50, 10), (200, 150), (1e-3, 2)]:
    special_vectors["chi2Sf"].append([x, k, float(stats.chi2.sf(x, k))])

# ---------------------------------------------------------------- KS
ks_cases = []


def add_ks(name, a, b, branch):
    res = stats.ks_2samp(a, b)
    ks_cases.append({
        "name": name, "branch": branch, "reference": list(a), "current": list(b),
        "statistic": float(res.statistic), "pValue": float(res.pvalue),
        "statisticLocation": float(res.statistic_location), "statisticSign": int(res.statistic_sign),
    })


add_ks("tiny 1 vs 1", [0.5], [1.5], "exact n1==n2")
add_ks("tiny 2 vs 3", [0.1, 0.9], [0.5, 2.0, 3.0], "exact inside method")
add_ks("equal sizes", r(rng.normal(0, 1, 40)), r(rng.normal(0.5, 1, 40)), "exact n1==n2")
add_ks("unequal sizes", r(rng.normal(0, 1, 37)), r(rng.normal(0.3, 1.2, 53)), "exact inside method")
add_ks("ties", [float(v) for v in rng.integers(0, 5, 30)], [float(v) for v in rng.integers(1, 6, 45)], "exact inside method")
add_ks("identical", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0], "exact h=0")
add_ks("constant columns", [2.0] * 12, [2.0] * 7, "exact h=0")
add_ks("disjoint", [1.0, 2.0, 3.0, 4.0], [10.0, 11.0], "exact inside method")
add_ks("large exact", r(rng.normal(0, 1, 3000), 2), r(rng.normal(0.05, 1, 2500), 2), "exact inside method")
add_ks("asymp small en", r(rng.normal(0, 1, 10001), 2), r(rng.normal(0.4, 1, 60), 2), "asymp kstwo n<=140")
add_ks("asymp large en", r(rng.normal(0, 1, 12000), 2), r(rng.normal(0.02, 1, 11000), 2), "asymp kstwo n>140")
add_ks("asymp drift", r(rng.normal(0, 1, 12000), 2), r(rng.normal(0.08, 1, 11000), 2), "asymp 2*smirnov")

# ---------------------------------------------------------------- Cramér-von Mises
cvm_cases = []
for name, a, b in [
    ("exact small", r(rng.normal(0, 1, 7)), r(rng.normal(1, 1, 9))),
    ("exact ties", [1.0, 2, 2, 3, 4, 4, 5], [2.0, 3, 3, 5, 6, 6]),
    ("exact 20x20", r(rng.normal(0, 1, 20)), r(rng.normal(0.5, 1, 20))),
    ("exact 2x2", [0.0, 1.0], [2.0, 3.0]),
    ("asymptotic", r(rng.normal(0, 1, 150)), r(rng.normal(0.3, 1, 120))),
    ("asymptotic ties", [float(v) for v in rng.integers(0, 8, 80)], [float(v) for v in rng.integers(0, 9, 90)]),
    ("asymptotic far", r(rng.normal(0, 1, 60)), r(rng.normal(1.5, 1, 70))),
]:
    res = stats.cramervonmises_2samp(a, b)
    cvm_cases.append({"name": name, "reference": a, "current": b, "statistic": float(res.statistic), "pValue": float(res.pvalue)})

# ---------------------------------------------------------------- chi2_contingency
chi_cases = []
for name, table, corr in [
    ("2x2 yates", [[12, 5], [7, 16]], True),
    ("2x2 no correction", [[12, 5], [7, 16]], False),
    ("2x2 small diff (yates capped)", [[10, 10], [10, 11]], True),
    ("2x3", [[20, 15, 30], [25, 40, 10]], True),
    ("3x4", [[5, 9, 3, 7], [8, 2, 6, 4], [1, 7, 9, 2]], True),
    ("empty bin in one row", [[10, 0, 7], [3, 6, 9]], True),
    ("1xk degenerate", [[3, 4, 5]], True),
]:
    res = stats.chi2_contingency(table, correction=corr)
    chi_cases.append({"name": name, "table": table, "correction": corr, "statistic": float(res.statistic),
                      "pValue": float(res.pvalue), "dof": int(res.dof), "expected": res.expected_freq.tolist()})

# ---------------------------------------------------------------- evidently formulas
def binned(ref, cur, numeric, fill):
    ref = np.asarray(ref)
    cur = np.asarray(cur)
    if numeric and len(set(ref.tolist())) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = list(set(ref.tolist()) | set(cur.tolist()))
        rp = np.array([np.sum(ref == k) / len(ref) for k in keys])
        cp = np.array([np.sum(cur == k) / len(cur) for k in keys])
    if fill:
        for p in (rp, cp):
            mn = min(p[p != 0])
            np.place(p, p == 0, mn / 10**6 if mn <= 0.0001 else 0.0001)
    return rp, cp


def psi(ref, cur, numeric):
    rp, cp = binned(ref, cur, numeric, True)
    return float(np.sum((rp - cp) * np.log(rp / cp)))


def js(ref, cur, numeric):
    rp, cp = binned(ref, cur, numeric, False)
    return float(distance.jensenshannon(rp, cp))


def wnorm(ref, cur):
    norm = max(float(np.std(ref)), 0.001)
    return float(stats.wasserstein_distance(ref, cur) / norm)


dist_cases = []
for name, a, b, numeric in [
    ("numeric sturges", r(rng.normal(0, 1, 500)), r(rng.normal(0.3, 1.1, 400)), True),
    ("numeric empty bins", r(np.concatenate([rng.normal(0, 1, 200), rng.normal(8, 0.5, 20)])), r(rng.normal(0, 1, 150)), True),
    ("numeric few values", [float(v) for v in rng.integers(0, 6, 300)], [float(v) for v in rng.integers(0, 8, 200)], True),
    ("categorical", ["a", "b", "c", "a", "a", "b"] * 10, ["a", "c", "c", "d", "b", "c"] * 9, False),
    ("categorical value only in current", ["x"] * 40 + ["y"] * 10, ["x"] * 20 + ["y"] * 20 + ["z"], False),
    ("constant column", [3.0] * 30, [3.0] * 25, True),
]:
    case = {"name": name, "reference": a, "current": b, "type": "numerical" if numeric else "categorical",
            "psi": psi(a, b, numeric), "jensenShannon": js(a, b, numeric)}
    if numeric:
        case["wasserstein"] = wnorm(a, b)
        case["wassersteinDistance"] = float(stats.wasserstein_distance(a, b))
    dist_cases.append(case)

# ---------------------------------------------------------------- z-test (evidently)
def ztest(ref, cur):
    keys = sorted(set(ref) | set(cur))
    if len(set(ref)) == 1 and len(set(cur)) == 1 and ref[0] == cur[0]:
        return 1.0, 0.0
    r1 = [0 if x == keys[0] else 1 for x in ref]
    c1 = [0 if x == keys[0] else 1 for x in cur]
    n1, n2 = len(r1), len(c1)
    p1, p2 = sum(r1) / n1, sum(c1) / n2
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    return float(2 * stats.norm.sf(abs(z))), float(z)


z_cases = []
for name, a, b in [
    ("binary numbers", [0] * 30 + [1] * 20, [0] * 15 + [1] * 35),
    ("binary strings", ["no"] * 70 + ["yes"] * 30, ["no"] * 60 + ["yes"] * 45),
    ("same constant", ["k"] * 10, ["k"] * 12),
    ("strong shift", [0] * 500 + [1] * 20, [0] * 100 + [1] * 400),
]:
    p, z = ztest(a, b)
    z_cases.append({"name": name, "reference": a, "current": b, "pValue": p, "statistic": z})

# ---------------------------------------------------------------- Shapiro-Wilk
sw_cases = []
for name, x in [
    ("n=3", [1.0, 2.0, 4.0]),
    ("n=3 equal spacing", [1.0, 2.0, 3.0]),
    ("n=4", [2.3, 1.1, 4.0, 3.3]),
    ("n=6", r(rng.normal(0, 1, 6))),
    ("n=11", r(rng.exponential(1, 11))),
    ("n=12", r(rng.normal(5, 2, 12))),
    ("n=50 normal", r(rng.normal(0, 1, 50))),
    ("n=200 exponential", r(rng.exponential(1, 200))),
    ("n=1000 uniform", r(rng.uniform(0, 1, 1000), 4)),
    ("n=5000 normal", r(rng.normal(0, 1, 5000), 3)),
    ("ties", [1.0, 1, 2, 2, 2, 3, 3, 4, 5, 5, 5, 5]),
    ("constant", [7.0] * 10),
]:
    res = stats.shapiro(x)
    sw_cases.append({"name": name, "x": x, "statistic": float(res.statistic), "pValue": float(res.pvalue)})

# ---------------------------------------------------------------- multiple testing
ps = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]
corr_cases = {
    "pValues": ps,
    "bonferroni": [min(1.0, p * len(ps)) for p in ps],
    "benjaminiHochberg": [float(v) for v in stats.false_discovery_control(ps, method="bh")],
}

# ---------------------------------------------------------------- MMD statistic (alibi-detect formulas)
def mmd2(x, y):
    x = np.asarray(x, dtype=float).reshape(len(x), -1)
    y = np.asarray(y, dtype=float).reshape(len(y), -1)
    z = np.concatenate([x, y])
    d = ((z[:, None, :] - z[None, :, :]) ** 2).sum(-1)
    cross = ((x[:, None, :] - y[None, :, :]) ** 2).sum(-1)
    n = min(len(x), len(y))
    n = n if x.shape == y.shape and (x[:n] == y[:n]).all() else 0
    n_median = n + (cross.size - n) // 2 - 1
    sigma = (0.5 * np.sort(cross.flatten())[n_median]) ** 0.5
    k = np.exp(-d / (2 * sigma**2))
    np.fill_diagonal(k, 0)
    nx, ny = len(x), len(y)
    kxx, kyy, kxy = k[:nx, :nx], k[nx:, nx:], k[nx:, :nx]
    return float(kxx.sum() / (nx * (nx - 1)) + kyy.sum() / (ny * (ny - 1)) - 2 * kxy.mean()), float(sigma)


mmd_cases = []
for name, a, b in [
    ("1-D shift", r(rng.normal(0, 1, 40)), r(rng.normal(1, 1, 30))),
    ("2-D", [r(v) for v in rng.normal(0, 1, (25, 2))], [r(v) for v in rng.normal(0.2, 1, (35, 2))]),
]:
    stat, sigma = mmd2(a, b)
    mmd_cases.append({"name": name, "reference": a, "current": b, "statistic": stat, "sigma": sigma})

# ---------------------------------------------------------------- river detector streams (docstring examples)
def river_streams():
    out = {}
    g = random.Random(12345)
    out["adwin_ph_kswin"] = g.choices([0, 1], k=1000) + g.choices(range(4, 8), k=1000)
    g = random.Random(42)
    out["binary"] = g.choices([0, 1], k=1000) + g.choices([0, 1], k=1000, weights=[0.3, 0.7])
    return out


streams = river_streams()
stream_vectors = {
    "_source": "Python random.Random streams from river's docstring examples (river/drift/adwin.py, "
    "page_hinkley.py, binary/ddm.py, binary/eddm.py, binary/hddm_a.py at online-ml/river main); the expected "
    "indices are the outputs printed in those docstrings (river itself is not installed here).",
    "adwin": {"stream": streams["adwin_ph_kswin"], "drifts": [1023]},
    "pageHinkley": {"stream": streams["adwin_ph_kswin"], "drifts": [1006]},
    "ddm": {"stream": streams["binary"], "firstWarning": 1084, "drifts": [1334], "warningAfterDrift": 1492},
    "eddm": {"stream": streams["binary"], "options": {"alpha": 0.8, "beta": 0.75}, "firstWarning": 1059, "drifts": [1278]},
    "hddmA": {"stream": streams["binary"], "firstWarning": 451, "drifts": [1206]},
}

stats_vectors = {
    "_source": src("scipy.stats.ks_2samp / cramervonmises_2samp / chi2_contingency / shapiro / "
                   "false_discovery_control with default arguments; PSI, Jensen-Shannon, normed Wasserstein and z-test "
                   "recomputed from evidently's legacy stattests formulas; MMD from alibi-detect's formulas; see generate.py"),
    "ks": ks_cases, "cvm": cvm_cases, "chi2": chi_cases, "distances": dist_cases, "ztest": z_cases,
    "shapiro": sw_cases, "correction": corr_cases, "mmd": mmd_cases,
}

with open(os.path.join(HERE, "special.json"), "w") as f:
    json.dump(special_vectors, f)
with open(os.path.join(HERE, "stats.json"), "w") as f:
    json.dump(stats_vectors, f)
with open(os.path.join(HERE, "streams.json"), "w") as f:
    json.dump(stream_vectors, f)
print("wrote special.json, stats.json, streams.json")
