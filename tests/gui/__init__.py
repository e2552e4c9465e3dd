"""GUI tests (offscreen Qt, pytest-qt)."""
