"""Writes test/fixtures/pandas-parity.json: how pandas' read_csv reads generated cells and CSV documents.

Run with Debian's /usr/bin/python3 (python3-pandas): /usr/bin/python3 scripts/pandas-parity.py
test/csv-pandas-parity.test.ts reads the fixture and checks backprop's reader against it, naming
each deliberate difference (README, "CSV rules"). The inputs come from a seeded generator, so a
rerun writes the same inputs; only a different pandas version can change the answers.

cells: one cell in a column of numbers ("a,b\\n<cell>,1\\n2,3\\n"): pandas' reading of it:
  a number, "missing" (NaN), "infinite" or "text" (the column became object).
documents: small CSV documents (quotes, line ends, blank lines, ragged rows) read with
  dtype=str, keep_default_na=False, header=None: the rows of strings, or pandas' error.
"""
import csv
import io
import json
import math
import random

import pandas as pd

rng = random.Random(20261203)

PIECES = ['', '+', '-', ' ', '\t', '0', '1', '00', '12', '3.5', '.', 'e', 'E', 'e5', 'e-3', 'E+2', '_', ',', 'x',
          '0x1f', 'inf', 'Inf', 'infinity', 'Infinity', 'nan', 'NaN', 'NAN', 'na', 'NA', 'N/A', '1e400', '1e-400',
          '3.4e38', '3.5e38', 'd', 'f', '%', '$', '0b1', '١', '１', '½', '−', 'true', 'TRUE', '1.', '.5', '5.',
          '..', '1.2.3', '--1', '+-1', ' 1 ', '1 2', '#N/A', 'null', 'None', 'none', '<NA>', '-nan', 'n/a',
          'NULL', '1,000', '1.000,5', '0.0', '-0', '1e', 'e1', '1e+', '00012', '1_000']


def cell_tokens(count):
    tokens = list(dict.fromkeys(PIECES))
    seen = set(tokens)
    while len(tokens) < count:
        token = ''.join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
        if token not in seen:
            seen.add(token)
            tokens.append(token)
    return tokens


def pandas_cell(token):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator='\n')
    writer.writerows([['a', 'b'], [token, '1'], ['2', '3']])
    column = pd.read_csv(io.StringIO(buffer.getvalue()))['a']
    value = column.iloc[0]
    if isinstance(value, str):
        return 'text'
    value = float(value)
    if math.isnan(value):
        return 'missing'
    return 'infinite' if math.isinf(value) else value


PLAIN = ['1', '2.5', 'x', 'red', 'a b', '-3', 'NA', '', 'é', '日本', '1e5', 'q', '6\'2"', 'a""b']
QUOTED = ['"a,b"', '"he said ""hi"""', '"line\nbreak"', '"cr\r\nlf"', '""', '" sp "', '"1"', '"x"""', '""""']


def document():
    width = rng.randint(1, 4)
    end = rng.choice(['\n', '\r\n'])
    lines = [','.join(f'c{j}' for j in range(width))]
    for _ in range(rng.randint(1, 5)):
        cells = [rng.choice(PLAIN) if rng.random() < 0.6 else rng.choice(QUOTED) for _ in range(width)]
        if rng.random() < 0.05:
            cells = cells[:-1] or cells
        lines.append(','.join(cells))
        if rng.random() < 0.1:
            lines.append('')
    text = end.join(lines) + (end if rng.random() < 0.7 else '')
    return '\ufeff' + text if rng.random() < 0.1 else text


def pandas_document(text):
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, header=None)
        return {'rows': frame.values.tolist()}
    except Exception as error:  # pandas' ParserError and friends: recorded, not raised
        return {'error': f'{type(error).__name__}: {str(error).strip()[:100]}'}


cells = [{'cell': t, 'pandas': pandas_cell(t)} for t in cell_tokens(1500)]
documents = [{'text': t, 'pandas': pandas_document(t)} for t in (document() for _ in range(600))]
with open('test/fixtures/pandas-parity.json', 'w', encoding='utf-8') as out:
    json.dump({'pandas': pd.__version__, 'cells': cells, 'documents': documents}, out, ensure_ascii=False, separators=(',', ':'))
    out.write('\n')
print(f'pandas {pd.__version__}: {len(cells)} cells, {len(documents)} documents')
