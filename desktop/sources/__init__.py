"""Readers of MLflow data (no Qt)."""
