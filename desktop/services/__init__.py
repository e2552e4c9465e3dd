"""Use cases over sources and the store, such as importing and exporting (no Qt)."""
