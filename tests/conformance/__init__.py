"""Conformance of the mlruns reader against MLflow itself."""
