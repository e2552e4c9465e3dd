"""A fast reader for the flat ``meta.yaml`` files MLflow writes.

MLflow dumps run and experiment metadata with ``yaml.safe_dump`` as a flat mapping of
scalars, one ``key: value`` per line. Parsing those with PyYAML costs more than reading
the file, so this module reads exactly that shape (resolving plain scalars the way
PyYAML's safe loader does) and returns ``None`` for anything else, which the caller
then hands to ``yaml.safe_load``. It never evaluates anything.
"""

from __future__ import annotations

import re

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})
_FALSE = frozenset({"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})
# A plain scalar may not start with these indicators (YAML 1.1 spec, 9.1.3).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SPECIAL_FLOATS = frozenset(
    {
        ".inf",
        ".Inf",
        ".INF",
        "+.inf",
        "+.Inf",
        "+.INF",
        "-.inf",
        "-.Inf",
        "-.INF",
        ".nan",
        ".NaN",
        ".NAN",
    }
)
# The rest of PyYAML's implicit int, float and timestamp resolvers.
_OTHER_IMPLICIT = re.compile(
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
    r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_flat_yaml(text: str) -> dict[str, object] | None:
    """Parse a flat mapping of scalars, or return ``None`` if the text is not one."""
    result: dict[str, object] = {}
    for line in text.split("\n"):
        if not line:
            continue
        key, sep, raw = line.partition(": ")
        if not sep:
            if line.endswith(":") and _KEY.fullmatch(line[:-1]):
                return None  # a nested block follows
            return None
        if not _KEY.fullmatch(key) or key in result:
            return None
        value = _scalar(raw)
        if value is _FAIL:
            return None
        result[key] = value
    return result


_FAIL = object()


def _scalar(raw: str) -> object:
    if raw != raw.strip(" \t\r") or "\t" in raw:
        return _FAIL
    if raw == "[]":
        return []
    if raw == "{}":
        return {}
    first = raw[:1]
    if first == "'":
        if len(raw) < 2 or not raw.endswith("'"):
            return _FAIL
        inner = raw[1:-1]
        if inner.replace("''", "").count("'"):
            return _FAIL
        return inner.replace("''", "'")
    if first in _INDICATORS or " #" in raw or ": " in raw or raw.endswith(":"):
        return _FAIL
    if raw in ("=", "<<"):
        return _FAIL  # YAML value and merge keys
    if raw in _NULLS:
        return None
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    if _INT.fullmatch(raw):
        return int(raw.replace("_", ""))
    if _FLOAT.fullmatch(raw):
        try:
            return float(raw.replace("_", ""))
        except ValueError:
            return _FAIL
    if raw in _SPECIAL_FLOATS or _OTHER_IMPLICIT.fullmatch(raw):
        return _FAIL  # octal, hex, sexagesimal, dates...: leave them to PyYAML
    return raw
