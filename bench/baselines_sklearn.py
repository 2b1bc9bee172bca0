# Anchor for bench:baselines: the same train/test split fitted with Debian's scikit-learn.
# XGBoost's Python package is not in Debian, so gradient boosting is anchored by
# HistGradientBoostingClassifier (the same histogram algorithm); the forest by
# RandomForestClassifier and the isolation forest by IsolationForest, each configured to
# match reslab's defaults. Reads raw float32/uint8 files named in the JSON spec (argv[1]),
# prints one JSON line of ROC-AUC, PR-AUC and seconds per model.
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, IsolationForest, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline

spec = json.loads(sys.argv[1])
f = spec["f"]
xtr = np.fromfile(spec["xtrain"], dtype=np.float32).reshape(-1, f)
ytr = np.fromfile(spec["ytrain"], dtype=np.uint8)
xte = np.fromfile(spec["xtest"], dtype=np.float32).reshape(-1, f)
yte = np.fromfile(spec["ytest"], dtype=np.uint8)
seed, threads = spec["seed"], spec["threads"]

models = {
    # xgboost: 200 rounds, eta 0.1, depth 6, positives weighted by the class ratio
    "xgboost": HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.1, max_depth=6, max_leaf_nodes=None, min_samples_leaf=1,
        l2_regularization=1.0, early_stopping=False, class_weight="balanced", random_state=seed),
    # random_forest: 100 trees, depth 12, sqrt(f) features per split, 63.2 % row samples
    "random_forest": RandomForestClassifier(
        n_estimators=100, max_depth=12, max_features="sqrt", max_samples=0.632, class_weight="balanced",
        n_jobs=threads, random_state=seed),
    # isolation_forest: 100 trees on 256-row subsamples
    "isolation_forest": IsolationForest(n_estimators=100, max_samples=256, n_jobs=threads, random_state=seed),
    # logistic: L2, standardised features, positives weighted
    "logistic": make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000)),
}

out = {"sklearn": sklearn.__version__, "threads": threads, "models": {}}
for name in spec["models"]:
    m = models[name]
    t = time.perf_counter()
    if name == "isolation_forest":
        m.fit(xtr)
    else:
        m.fit(xtr, ytr)
    fit_s = time.perf_counter() - t
    t = time.perf_counter()
    # higher = more anomalous / more likely positive
    if name == "isolation_forest":
        s = -m.score_samples(xte)
    elif name == "random_forest":
        s = m.predict_proba(xte)[:, 1]
    else:
        s = m.decision_function(xte)
    score_s = time.perf_counter() - t
    out["models"][name] = {"roc_auc": float(roc_auc_score(yte, s)), "pr_auc": float(average_precision_score(yte, s)),
                           "fit_s": fit_s, "score_s": score_s}
print(json.dumps(out))
