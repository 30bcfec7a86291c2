"""Test R² of scikit-learn's MLPRegressor((100,)) on California housing, on the split of
test/estimators-housing.test.ts (row i is a test row when i % 5 == 0), with the features and the
target standardised on the training rows. Input: the CSV of scripts/export-housing.ts.
Run: /usr/bin/python3 -W ignore scripts/sklearn-housing.py housing.csv [random states]
"""
import sys

import numpy as np
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
x, y = d[:, :8], d[:, 8]
test = np.arange(len(y)) % 5 == 0
sx = StandardScaler().fit(x[~test])
sy = StandardScaler().fit(y[~test, None])
for seed in range(int(sys.argv[2]) if len(sys.argv) > 2 else 3):
    m = MLPRegressor((100,), random_state=seed).fit(sx.transform(x[~test]), sy.transform(y[~test, None]).ravel())
    pred = sy.inverse_transform(m.predict(sx.transform(x[test]))[:, None]).ravel()
    r2 = 1 - ((pred - y[test]) ** 2).sum() / ((y[test] - y[test].mean()) ** 2).sum()
    print(f'random_state {seed}: test R² {r2:.4f} after {m.n_iter_} iterations')
