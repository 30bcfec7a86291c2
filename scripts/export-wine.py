"""Exports scikit-learn's wine data set (178 rows, 13 features, integer classes 0-2) to
test/fixtures/wine.csv, and prints the test accuracy of scikit-learn's MLPClassifier((100,)) on
the split the accuracy test uses: rows whose index i has i % 4 == 0 are the test part (45 rows),
the others train (133 rows). Run with Debian's Python: /usr/bin/python3 scripts/export-wine.py
"""
import sys
from pathlib import Path

import numpy as np
from sklearn.datasets import load_wine
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

wine = load_wine()
x, y = wine.data, wine.target
out = Path(__file__).resolve().parent.parent / 'test' / 'fixtures' / 'wine.csv'
header = ','.join(name.replace('/', '_') for name in wine.feature_names) + ',class'
rows = [','.join(repr(float(v)) for v in row) + f',{int(label)}' for row, label in zip(x, y)]
out.write_text(header + '\n' + '\n'.join(rows) + '\n')
print(f'wrote {out} ({len(rows)} rows)')

test = np.arange(len(y)) % 4 == 0
seeds = range(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
for scaled in (False, True):
    scores = []
    for seed in seeds:
        mlp = MLPClassifier((100,), random_state=seed, max_iter=200)
        model = make_pipeline(StandardScaler(), mlp) if scaled else mlp
        model.fit(x[~test], y[~test])
        scores.append(model.score(x[test], y[test]))
    label = 'StandardScaler + MLPClassifier((100,))' if scaled else 'MLPClassifier((100,)) on raw features'
    print(f'{label}: test accuracy per random_state {[round(s, 4) for s in scores]}, mean {np.mean(scores):.4f}')
