"""Known-answer vectors for @modelsec/redteam, computed independently with NumPy and SciPy.

FGSM and PGD follow the update rules IBM ART implements (art.attacks.evasion.FastGradientMethod and
ProjectedGradientDescent, numpy framework): x' = clip(x + eps * sign(grad)) for L-inf, grad / ||grad||_2
for L2, targeted attacks step against the target's loss gradient, PGD projects onto the eps-ball then the
[0, 1] box after every step. The model is the 3-class linear softmax model of test/helpers.ts with its
exact cross-entropy gradient. ROC AUC is scipy.stats.mannwhitneyu's U / (n1 * n0) (ties count half),
the same quantity as sklearn.metrics.roc_auc_score. Run: python3 generate.py > reference.json
"""
import json

import numpy as np
import scipy
from scipy.stats import mannwhitneyu

W = np.array([[1.5, -2, 0.5, 1], [-1, 1, 2, -0.5], [0.3, 0.2, -1.2, 2]])
b = np.array([0.1, -0.2, 0.05])
X = np.array([[0.9, 0.1, 0.2, 0.3], [0.8, 0.2, 0.1, 0.2], [0.2, 0.7, 0.6, 0.1], [0.5, 0.5, 0.5, 0.5]], dtype=np.float32)
Y = np.array([0, 0, 1, 2])
T = np.array([1, 2, 2, 0])


def grad(x, y):
    z = W @ x.astype(np.float64) + b
    p = np.exp(z - z.max())
    p /= p.sum()
    p[y] -= 1
    return W.T @ p  # d CE(y) / dx


def direction(g, norm):
    if norm == "linf":
        return np.sign(g)
    n = np.linalg.norm(g)
    return g / n if n > 0 else g


def project(x, x0, eps, norm):
    if norm == "linf":
        x = np.clip(x, x0 - eps, x0 + eps)
    else:
        n = np.linalg.norm(x - x0)
        if n > eps:
            x = x0 + (x - x0) * (eps / n)
    return np.clip(x, 0, 1)


def fgsm(eps, norm, targeted):
    out = []
    for x, y, t in zip(X, Y, T):
        g = grad(x, t) if targeted else grad(x, y)
        s = -1 if targeted else 1
        out.append(np.clip(x + s * eps * direction(g, norm), 0, 1))
    return np.array(out)


def pgd(eps, norm, steps, step):
    out = []
    for x0, y in zip(X, Y):
        x = x0.astype(np.float64).copy()
        for _ in range(steps):
            x = project(x + step * direction(grad(x, y), norm), x0, eps, norm)
        out.append(x)
    return np.array(out)


rng = np.random.default_rng(7)
members = np.round(rng.normal(0.6, 0.2, 40), 2)  # rounding makes ties
non_members = np.round(rng.normal(0.5, 0.2, 30), 2)
u = mannwhitneyu(members, non_members, alternative="two-sided").statistic

vectors = {
    "_source": f"packages/redteam/test/vectors/generate.py: NumPy {np.__version__}, SciPy {scipy.__version__}; update rules of IBM ART FastGradientMethod / ProjectedGradientDescent (numpy), AUC = scipy.stats.mannwhitneyu U / (n1 n0)",
    "model": {"W": W.tolist(), "b": b.tolist()},
    "inputs": X.flatten().tolist(),
    "labels": Y.tolist(),
    "targets": T.tolist(),
    "fgsm": [
        {"eps": 0.1, "norm": "linf", "targeted": False, "adversarial": fgsm(0.1, "linf", False).flatten().tolist()},
        {"eps": 0.3, "norm": "l2", "targeted": False, "adversarial": fgsm(0.3, "l2", False).flatten().tolist()},
        {"eps": 0.2, "norm": "linf", "targeted": True, "adversarial": fgsm(0.2, "linf", True).flatten().tolist()},
    ],
    "pgd": [
        {"eps": 0.3, "norm": "linf", "steps": 7, "stepSize": 0.05, "adversarial": pgd(0.3, "linf", 7, 0.05).flatten().tolist()},
        {"eps": 0.5, "norm": "l2", "steps": 6, "stepSize": 0.15, "adversarial": pgd(0.5, "l2", 6, 0.15).flatten().tolist()},
    ],
    "auc": {"members": members.tolist(), "nonMembers": non_members.tolist(), "auc": float(u) / (len(members) * len(non_members))},
}
print(json.dumps(vectors, indent=1))
