"""Checks ONNX files with onnx's own checker (full_check: shape inference too).
Needs a Python with onnx (Debian: apt-get install python3-onnx). Usage: python3 scripts/check-onnx.py a.onnx ..."""
import sys

import onnx

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    print(f"{path}: ok (ir_version {model.ir_version}, opset {opsets}, {len(model.graph.node)} nodes)")
