"""Benchmark scripts (run with python -m tests.benchmarks.NAME) and their data."""
