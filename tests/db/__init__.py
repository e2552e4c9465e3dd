"""Tests of the MLflow SQLite database source.

They reuse helpers of ``tests/conformance`` and ``tests/robustness`` (plain modules
there, not packages), so those folders are put on the import path here.
"""

import sys
from pathlib import Path

for _name in ("conformance", "robustness"):
    _folder = str(Path(__file__).resolve().parents[1] / _name)
    if _folder not in sys.path:
        sys.path.insert(0, _folder)
