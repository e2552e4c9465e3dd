"""Pure-Python domain: records, enums and analysis (no Qt, no SQLAlchemy)."""
