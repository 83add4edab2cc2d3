# Known-answer vectors for @modelsec/validators' numeric-input code, computed with the reference tools
# (numpy, scipy.ndimage, scikit-learn, scikit-image from Debian bookworm). Regenerate with:
#   /usr/bin/python3 packages/validators/test/vectors/input-vectors.py
import json, os, sys
import numpy as np
import scipy, sklearn, skimage
from scipy import ndimage
from scipy.spatial.distance import mahalanobis
from sklearn.covariance import LedoitWolf
from sklearn.metrics import roc_auc_score
from skimage.restoration import denoise_nl_means

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261128)
versions = f"numpy {np.__version__}, scipy {scipy.__version__}, scikit-learn {sklearn.__version__}, scikit-image {skimage.__version__}"

def r(a):
    return np.asarray(a, dtype=np.float64).round(12).tolist()

# --- squeezers ---------------------------------------------------------------------------------------
# float32 inputs (what models take), squeezed in float64: 0.5 is an exact tie at 1 bit (rint → 0).
bit_values = np.concatenate([rng.random(20), [0, 1, 0.5, 0.25, 0.75, 1 / 6, 0.5 / 7, 1.5 / 7, 2.5 / 31]]).astype(np.float32).astype(np.float64)
bit_depth = [{"bits": b, "input": r(bit_values), "output": r(np.rint(bit_values * (2**b - 1)) / (2**b - 1))} for b in (1, 3, 5)]

gray = rng.random((7, 9))
rgb = rng.random((6, 5, 3))
median = []
for size in (2, 3):
    median.append({"size": size, "layout": "hw", "shape": [7, 9], "input": r(gray.ravel()),
                   "output": r(ndimage.median_filter(gray, size=(size, size), mode="reflect").ravel())})
    median.append({"size": size, "layout": "hwc", "shape": [6, 5, 3], "input": r(rgb.ravel()),
                   "output": r(ndimage.median_filter(rgb, size=(size, size, 1), mode="reflect").ravel())})

nlm = []
img = np.clip(np.kron(rng.random((3, 3, 3)), np.ones((3, 3, 1)))[:8, :8] + 0.05 * rng.standard_normal((8, 8, 3)), 0, 1)
out = denoise_nl_means(img, patch_size=3, patch_distance=2, h=0.1, fast_mode=False, channel_axis=-1)
nlm.append({"patchSize": 3, "searchDistance": 2, "h": 0.1, "layout": "hwc", "shape": [8, 8, 3], "input": r(img.ravel()), "output": r(out.ravel())})
g = np.clip(np.kron(rng.random((4, 4)), np.ones((3, 3))) + 0.08 * rng.standard_normal((12, 12)), 0, 1)
out = denoise_nl_means(g, patch_size=5, patch_distance=3, h=0.15, fast_mode=False)
nlm.append({"patchSize": 5, "searchDistance": 3, "h": 0.15, "layout": "hw", "shape": [12, 12], "input": r(g.ravel()), "output": r(out.ravel())})

json.dump({
    "_source": f"input-vectors.py: numpy.rint (bit depth, Xu et al.'s reduce_precision), scipy.ndimage.median_filter(mode='reflect'), skimage.restoration.denoise_nl_means(fast_mode=False); {versions}. skimage uses a fast exp approximation (Schraudolph), so NLM outputs match to ~1e-2, not bit for bit.",
    "bitDepth": bit_depth, "median": median, "nonLocalMeans": nlm,
}, open(os.path.join(here, "input-squeezers.json"), "w"), indent=1)

# --- profile statistics --------------------------------------------------------------------------------
n, d = 40, 6
mix = rng.standard_normal((d, d))
X = rng.standard_normal((n, d)) @ mix + rng.random(d) * 3
X[:, 2] = np.round(X[:, 2])  # ties, for quantiles and the MAD
lw = LedoitWolf().fit(X)
med = np.median(X, axis=0)
levels = [0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999]
points = rng.standard_normal((5, d)) @ mix + rng.random(d) * 3
prec = np.linalg.inv(lw.covariance_)
X2 = rng.random((30, 7))
lw2 = LedoitWolf().fit(X2)
json.dump({
    "_source": f"input-vectors.py: sklearn.covariance.LedoitWolf, numpy.quantile (linear), numpy.median, scipy.spatial.distance.mahalanobis; {versions}",
    "cases": [{
        "n": n, "d": d, "samples": r(X.ravel()),
        "mean": r(X.mean(axis=0)), "std": r(X.std(axis=0)), "min": r(X.min(axis=0)), "max": r(X.max(axis=0)),
        "median": r(med), "mad": r(np.median(np.abs(X - med), axis=0)), "meanAbsDev": r(np.mean(np.abs(X - med), axis=0)),
        "levels": levels, "quantiles": [r(np.quantile(X, q, axis=0)) for q in levels],
        "shrinkage": float(lw.shrinkage_), "covariance": r(lw.covariance_.ravel()),
        "points": r(points.ravel()), "mahalanobis": [float(mahalanobis(p, lw.location_, prec)) for p in points],
    }, {
        "n": 30, "d": 7, "samples": r(X2.ravel()), "shrinkage": float(lw2.shrinkage_), "covariance": r(lw2.covariance_.ravel()),
    }],
}, open(os.path.join(here, "input-profile.json"), "w"), indent=1)

# --- AUROC -------------------------------------------------------------------------------------------
auc = []
for trial in range(4):
    neg = np.round(rng.standard_normal(25 + trial * 10), 1)
    pos = np.round(rng.standard_normal(15 + trial * 7) + trial * 0.7, 1)  # rounding makes ties
    y = np.concatenate([np.zeros(len(neg)), np.ones(len(pos))])
    auc.append({"negatives": r(neg), "positives": r(pos), "auroc": float(roc_auc_score(y, np.concatenate([neg, pos])))})
json.dump({"_source": f"input-vectors.py: sklearn.metrics.roc_auc_score; {versions}", "cases": auc},
          open(os.path.join(here, "input-auroc.json"), "w"), indent=1)
print("ok")
