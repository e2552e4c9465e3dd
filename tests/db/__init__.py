"""Tests of the MLflow SQLite database source (they reuse helpers of
``tests.conformance`` and ``tests.robustness``)."""
