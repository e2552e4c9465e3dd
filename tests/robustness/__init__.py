"""Robustness: hostile trees, kills, permissions, partial reads."""
