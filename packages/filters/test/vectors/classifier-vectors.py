"""Known-answer vectors for the classifier output rules of @modelsec/filters.

Our own numpy implementation of the formulas IBM ART (adversarial-robustness-toolbox, MIT) publishes in
art/defences/postprocessor/{reverse_sigmoid,rounded,class_labels,high_confidence}.py, operation by
operation in float64 (numpy's np.log/np.exp/np.sum/np.around), plus top-k (a stable descending sort).
It also records what ART's ClassLabels returns for a batch (`class_labels[:, index_labels] = 1` sets
every row's winning column in every row; ART PR #2824, open in 2026), which modelsec must NOT reproduce,
and the expectations of ART's own unit tests (float32 model outputs, compared to 4 decimals there).

Run: python3 packages/filters/test/vectors/classifier-vectors.py > packages/filters/test/vectors/classifier.json
"""
import json
import sys

import numpy as np


def reverse_sigmoid(preds, beta, gamma):
    # Lee et al. 2018 (arXiv:1806.00054), as ART's ReverseSigmoid.__call__ computes it.
    clip_min = 1e-9
    clip_max = 1.0 - clip_min

    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    pc = np.clip(preds, clip_min, clip_max)
    if preds.shape[1] > 1:
        r = beta * (sigmoid(-gamma * np.log((1.0 - pc) / pc)) - 0.5)
        pp = np.clip(preds - r, 0.0, 1.0)
        alpha = 1.0 / np.sum(pp, axis=-1, keepdims=True)
        return alpha * pp
    p1, p2 = preds, 1.0 - preds
    c1, c2 = pc, 1.0 - pc
    r1 = beta * (sigmoid(-gamma * np.log((1.0 - c1) / c1)) - 0.5)
    r2 = beta * (sigmoid(-gamma * np.log((1.0 - c2) / c2)) - 0.5)
    q1 = np.clip(p1 - r1, 0.0, 1.0)
    q2 = np.clip(p2 - r2, 0.0, 1.0)
    return (1.0 / (q1 + q2)) * q1


def rounded(preds, decimals):
    return np.around(preds, decimals=decimals)


def class_labels_correct(preds):
    out = np.zeros_like(preds)
    if preds.shape[1] > 1:
        out[np.arange(preds.shape[0]), np.argmax(preds, axis=1)] = 1
    else:
        out[preds > 0.5] = 1
    return out


def class_labels_art(preds):
    # ART 1.x ClassLabels.__call__, including its batch bug.
    out = np.zeros_like(preds)
    if preds.shape[1] > 1:
        index_labels = np.argmax(preds, axis=1)
        out[:, index_labels] = 1
    else:
        out[preds > 0.5] = 1
    return out


def top_k(preds, k):
    out = np.zeros_like(preds)
    for r in range(preds.shape[0]):
        order = np.argsort(-preds[r], kind="stable")[:k]
        out[r, order] = preds[r, order]
    return out


rng = np.random.default_rng(20261128)


def dirichlet_rows(n, k, alpha):
    return rng.dirichlet(np.full(k, alpha), size=n)


def rows_for(k):
    n = 1 if k > 100 else 4  # 130 classes exercise numpy's pairwise summation above 128 values
    sets = [dirichlet_rows(n, k, 0.3), dirichlet_rows(n, k, 1.0), dirichlet_rows(min(n, 2), k, 5.0)]
    edge = np.zeros((2, k))
    edge[0, 0] = 1.0
    edge[1, :] = 1.0 / k
    return np.vstack(sets + [edge])


tolist = lambda a: [[float(x) for x in row] for row in a]

cases = {"reverseSigmoid": [], "roundProbabilities": [], "topK": [], "labelOnly": []}
for k in (2, 3, 10, 17, 130):
    preds = rows_for(k)
    for beta, gamma in ((1.0, 0.1), (0.75, 0.1), (1.0, 0.5), (0.3, 2.0), (2.5, 0.05)):
        with np.errstate(divide="ignore", invalid="ignore"):
            out = reverse_sigmoid(preds, beta, gamma)
        ok = np.all(np.isfinite(out), axis=1)
        cases["reverseSigmoid"].append(
            {"beta": beta, "gamma": gamma, "numClasses": k, "input": tolist(preds[ok]), "output": tolist(out[ok])}
        )
    for decimals in (1, 2, 3, 6):
        cases["roundProbabilities"].append(
            {"decimals": decimals, "numClasses": k, "input": tolist(preds), "output": tolist(rounded(preds, decimals))}
        )
    for kk in (1, 2, 3, 5):
        if kk < k:
            cases["topK"].append({"k": kk, "numClasses": k, "input": tolist(preds), "output": tolist(top_k(preds, kk))})
    cases["labelOnly"].append(
        {
            "numClasses": k,
            "input": tolist(preds),
            "output": tolist(class_labels_correct(preds)),
            "artBatchOutput": tolist(class_labels_art(preds)),
        }
    )

# One binary column (P(class 1)), as ART supports.
binary = np.concatenate([rng.random(12), [0.0, 1.0, 0.5, 1e-12, 1 - 1e-12]]).reshape(-1, 1)
for beta, gamma in ((1.0, 0.1), (0.75, 0.1), (1.0, 0.5)):
    cases["reverseSigmoid"].append(
        {"beta": beta, "gamma": gamma, "numClasses": 1, "input": tolist(binary), "output": tolist(reverse_sigmoid(binary, beta, gamma))}
    )
cases["labelOnly"].append(
    {"numClasses": 1, "input": tolist(binary), "output": tolist(class_labels_correct(binary)), "artBatchOutput": tolist(class_labels_art(binary))}
)

# Halfway cases of np.around (round half to even after scaling by 10^d in float64).
halves = np.array([[0.125, 0.375, 0.5, 0.0], [0.25, 0.35, 0.45, 0.0045], [0.0005, 0.0015, 0.9995, 0.00025]])
for decimals in (1, 2, 3):
    cases["roundProbabilities"].append(
        {"decimals": decimals, "numClasses": 4, "input": tolist(halves), "output": tolist(rounded(halves, decimals))}
    )

# ART's own unit tests: outputs of its Keras MNIST classifier on x_test[0] (float32), expected values
# from tests/defences/test_reverse_sigmoid.py, test_rounded.py and test_class_labels.py (4 decimals there).
art_preds = [0.12109935, 0.0498215, 0.0993958, 0.06410096, 0.11366928, 0.04645343, 0.06419807, 0.30685693, 0.07616714, 0.05823757]
art_tests = {
    "_source": "Trusted-AI/adversarial-robustness-toolbox tests/defences/test_reverse_sigmoid.py, test_rounded.py, test_class_labels.py (expected arrays, float32, assert_array_almost_equal decimal=4)",
    "input": art_preds,
    "reverseSigmoid": [
        {"beta": 1.0, "gamma": 0.1, "output": [0.10733664, 0.07743666, 0.09712707, 0.08230411, 0.10377649, 0.0764482, 0.08234023, 0.20600921, 0.08703023, 0.08019119]},
        {"beta": 0.75, "gamma": 0.1, "output": [0.1097239, 0.07264659, 0.09752058, 0.07914664, 0.10549247, 0.07124537, 0.07919333, 0.22350204, 0.08514594, 0.07638316]},
        {"beta": 1.0, "gamma": 0.5, "output": [0.09699764, 0.10062696, 0.09689676, 0.09873781, 0.0968849, 0.10121989, 0.0987279, 0.11275949, 0.09774373, 0.09940492]},
    ],
    "binaryInput": 0.5301345,
    "reverseSigmoidBinary": [
        {"beta": 1.0, "gamma": 0.1, "output": 0.52711743},
        {"beta": 0.75, "gamma": 0.1, "output": 0.5278717},
        {"beta": 1.0, "gamma": 0.5, "output": 0.51505363},
    ],
    "rounded": [
        {"decimals": 2, "output": [0.12, 0.05, 0.1, 0.06, 0.11, 0.05, 0.06, 0.31, 0.08, 0.06]},
        {"decimals": 3, "output": [0.121, 0.05, 0.099, 0.064, 0.114, 0.046, 0.064, 0.307, 0.076, 0.058]},
    ],
    "classLabels": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
}

json.dump(
    {
        "_source": "packages/filters/test/vectors/classifier-vectors.py: our numpy (%s) implementation of the formulas of IBM ART's postprocessors (ReverseSigmoid, Rounded, ClassLabels) and a stable top-k; artBatchOutput = ART 1.x ClassLabels on a batch (its bug); artTests = expectations copied from ART's unit tests" % np.__version__,
        "cases": cases,
        "artTests": art_tests,
    },
    sys.stdout,
)
sys.stdout.write("\n")
