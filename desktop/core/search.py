"""MLflow's run search grammar, extended with OR and parentheses.

``parse_filter`` turns a filter string into a small expression tree and validates it
with MLflow's rules (mlflow-formats.md §5): metrics compare with numbers; params and
tags with quoted strings (``=``, ``!=``, ``LIKE``, ``ILIKE``, ``IS [NOT] NULL``);
string attributes with quoted strings (``IN`` only for ``run_id``); ``start_time``,
``end_time`` and ``created`` (also ``started`` and ``ended``, the runs table's titles)
with numbers of milliseconds or a quoted local date and time (``'2025-06-25'``,
``'2025-06-25 14:30'``); ``dataset.name|digest|context`` with
strings or lists; the user's own marks (kept in our store, never in the source)
with ``local.starred`` and ``local.hidden`` (``= true``/``false``) and
``local.note`` (a string, or ``IS [NOT] NULL``). Text without any operator is a
case-insensitive run-name search (``CONTAINS``). Errors raise :class:`SearchError`
with the character position, for an inline message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from desktop.core.i18n import QT_TRANSLATE_NOOP

ENTITY_ALIASES = {
    "metric": "metric",
    "metrics": "metric",
    "param": "param",
    "params": "param",
    "parameter": "param",
    "parameters": "param",
    "tag": "tag",
    "tags": "tag",
    "attribute": "attribute",
    "attributes": "attribute",
    "attr": "attribute",
    "run": "attribute",
    "dataset": "dataset",
    "datasets": "dataset",
    "local": "local",
}
STRING_ATTRIBUTES = {"run_id", "run_name", "status", "user_id", "artifact_uri"}
NUMERIC_ATTRIBUTES = {"start_time", "end_time"}
ATTRIBUTE_ALIASES = {
    "created": "start_time",
    "Created": "start_time",
    "started": "start_time",
    "Started": "start_time",
    "ended": "end_time",
    "Ended": "end_time",
    "run name": "run_name",
    "Run name": "run_name",
    "Run Name": "run_name",
}
DATASET_KEYS = {"name", "digest", "context"}
LOCAL_FLAGS = {"starred", "hidden"}
LOCAL_KEYS = LOCAL_FLAGS | {"note"}
FLAG_VALUES = {"true": "true", "false": "false", "1": "true", "0": "false"}
NUMERIC_OPS = ("=", "!=", "<", "<=", ">", ">=")
STRING_OPS = ("=", "!=", "LIKE", "ILIKE")


class SearchError(ValueError):
    """A filter that MLflow's grammar rejects; ``position`` is a character offset."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True, slots=True)
class Comparison:
    """``<kind>.<key> <op> <value>``; ``kind`` is metric/param/tag/attribute/dataset
    or local (the user's marks; a flag's value is ``"true"`` or ``"false"``).

    ``value`` is a float for numeric comparisons, a string, a tuple of strings for
    ``IN``/``NOT IN`` and ``None`` for ``IS [NOT] NULL``.
    """

    kind: str
    key: str
    op: str
    value: float | str | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class BoolOp:
    """``AND``/``OR`` over two or more expressions."""

    op: str
    items: tuple[Expr, ...]


Expr = Comparison | BoolOp

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<ident>[A-Za-z_]+\.(?:`[^`]*`|"[^"]*"|'[^']*'))
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<backtick>`[^`]*`)
  | (?P<op><=|>=|!=|<>|=|<|>)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
  | (?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.]))
  | (?P<word>[^\s'"`()=<>!,]+)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ILIKE"}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    pos: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            if text[pos] in "'\"`":
                raise SearchError(
                    QT_TRANSLATE_NOOP("Filter", "unterminated quote"), pos
                )
            raise SearchError(
                QT_TRANSLATE_NOOP("Filter", "unexpected character {0!r}").format(
                    text[pos]
                ),
                pos,
            )
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "word" and value.upper() in _KEYWORDS:
            kind, value = "keyword", value.upper()
        if kind != "ws":
            tokens.append(_Token(kind, value, pos))
        pos = match.end()
    return tokens


def is_plain_text(text: str) -> bool:
    """Whether ``text`` holds no operator at all (a quick run-name search)."""
    try:
        tokens = _tokenize(text)
    except SearchError:
        return False
    return bool(tokens) and all(t.kind in ("word", "number") for t in tokens)


def parse_filter(text: str) -> Expr | None:
    """Parse a filter; ``None`` for an empty one. Raises :class:`SearchError`."""
    if not text.strip():
        return None
    if is_plain_text(text):
        return Comparison("attribute", "run_name", "CONTAINS", text.strip())
    parser = _Parser(_tokenize(text), len(text))
    expr = parser.parse_or()
    if parser.peek() is not None:
        token = parser.peek()
        assert token is not None
        raise SearchError(
            QT_TRANSLATE_NOOP("Filter", "unexpected {0!r}").format(token.text),
            token.pos,
        )
    return expr


class _Parser:
    def __init__(self, tokens: list[_Token], end: int) -> None:
        self.tokens = tokens
        self.index = 0
        self.end = end

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise SearchError(
                QT_TRANSLATE_NOOP("Filter", "the filter ends too early"), self.end
            )
        self.index += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "keyword" and token.text == word:
            self.index += 1
            return True
        return False

    def parse_or(self) -> Expr:
        items = [self.parse_and()]
        while self.keyword("OR"):
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else BoolOp("OR", tuple(items))

    def parse_and(self) -> Expr:
        items = [self.parse_atom()]
        while self.keyword("AND"):
            items.append(self.parse_atom())
        return items[0] if len(items) == 1 else BoolOp("AND", tuple(items))

    def parse_atom(self) -> Expr:
        token = self.peek()
        if token is not None and token.kind == "lparen":
            self.take()
            expr = self.parse_or()
            closing = self.take()
            if closing.kind != "rparen":
                raise SearchError(
                    QT_TRANSLATE_NOOP("Filter", "expected ')'"), closing.pos
                )
            return expr
        return self.parse_comparison()

    def parse_comparison(self) -> Comparison:
        ident = self.take()
        if ident.kind not in ("word", "ident", "backtick", "string"):
            raise SearchError(
                QT_TRANSLATE_NOOP(
                    "Filter", "expected a name such as metrics.loss, got {0!r}"
                ).format(ident.text),
                ident.pos,
            )
        kind, key = _identifier(ident)
        op_token = self.take()
        op = op_token.text
        if op_token.kind == "op":
            op = "!=" if op == "<>" else op
            value_token = self.take()
            return _validate(kind, key, op, value_token)
        if op_token.kind != "keyword":
            raise SearchError(
                QT_TRANSLATE_NOOP("Filter", "expected a comparison after {0!r}").format(
                    ident.text
                ),
                op_token.pos,
            )
        if op in ("LIKE", "ILIKE"):
            return _validate(kind, key, op, self.take())
        if op == "IS":
            negate = self.keyword("NOT")
            if not self.keyword("NULL"):
                raise SearchError(
                    QT_TRANSLATE_NOOP("Filter", "expected NULL after IS"), op_token.pos
                )
            if kind not in ("param", "tag") and (kind, key) != ("local", "note"):
                raise SearchError(
                    QT_TRANSLATE_NOOP(
                        "Filter", "IS NULL works only on params and tags"
                    ),
                    op_token.pos,
                )
            return Comparison(kind, key, "IS NOT NULL" if negate else "IS NULL", None)
        if op in ("IN", "NOT"):
            if op == "NOT" and not self.keyword("IN"):
                raise SearchError(
                    QT_TRANSLATE_NOOP("Filter", "expected IN after NOT"), op_token.pos
                )
            op = "NOT IN" if op == "NOT" else "IN"
            values = self.parse_list()
            if not (kind == "attribute" and key == "run_id") and kind != "dataset":
                raise SearchError(
                    QT_TRANSLATE_NOOP(
                        "Filter", "{0} works only on run_id and dataset fields"
                    ).format(op),
                    op_token.pos,
                )
            return Comparison(kind, key, op, values)
        raise SearchError(
            QT_TRANSLATE_NOOP("Filter", "unexpected {0!r}").format(op), op_token.pos
        )

    def parse_list(self) -> tuple[str, ...]:
        opening = self.take()
        if opening.kind != "lparen":
            raise SearchError(
                QT_TRANSLATE_NOOP("Filter", "expected '(' to start a list"), opening.pos
            )
        values: list[str] = []
        while True:
            token = self.take()
            if token.kind != "string":
                raise SearchError(
                    QT_TRANSLATE_NOOP("Filter", "list items must be quoted strings"),
                    token.pos,
                )
            values.append(token.text[1:-1])
            sep = self.take()
            if sep.kind == "rparen":
                return tuple(values)
            if sep.kind != "comma":
                raise SearchError(
                    QT_TRANSLATE_NOOP("Filter", "expected ',' or ')'"), sep.pos
                )


def _identifier(token: _Token) -> tuple[str, str]:
    text = token.text
    if token.kind in ("backtick", "string"):
        name = text[1:-1]
        if name in ATTRIBUTE_ALIASES:
            return "attribute", ATTRIBUTE_ALIASES[name]
        return _attribute(name, token.pos)
    head, dot, rest = text.partition(".")
    entity = head.strip("`")
    if dot and entity in ENTITY_ALIASES:
        kind = ENTITY_ALIASES[entity]
        key = _unquote_key(rest, token.pos)
        if kind == "attribute":
            return _attribute(key, token.pos)
        if kind == "local" and key not in LOCAL_KEYS:
            raise SearchError(
                QT_TRANSLATE_NOOP(
                    "Filter", "unknown local field {0!r} (starred, hidden or note)"
                ).format(key),
                token.pos,
            )
        if kind == "dataset" and key not in DATASET_KEYS:
            raise SearchError(
                QT_TRANSLATE_NOOP(
                    "Filter", "unknown dataset field {0!r} (name, digest or context)"
                ).format(key),
                token.pos,
            )
        return kind, key
    if dot:
        raise SearchError(
            QT_TRANSLATE_NOOP(
                "Filter",
                "unknown prefix {0!r}: use metrics., params., tags. or attributes.",
            ).format(head),
            token.pos,
        )
    return _attribute(text, token.pos)


def _attribute(name: str, pos: int) -> tuple[str, str]:
    name = ATTRIBUTE_ALIASES.get(name, name)
    if name not in STRING_ATTRIBUTES | NUMERIC_ATTRIBUTES:
        raise SearchError(
            QT_TRANSLATE_NOOP(
                "Filter",
                "unknown attribute {0!r}; searchable attributes are run_id, run_name, "
                "status, user_id, artifact_uri, start_time (or created, started) and "
                "end_time (or ended)",
            ).format(name),
            pos,
        )
    return "attribute", name


def _unquote_key(key: str, pos: int) -> str:
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "`\"'":
        return key[1:-1]
    if not key:
        raise SearchError(
            QT_TRANSLATE_NOOP("Filter", "missing name after the dot"), pos
        )
    return key


def _epoch_ms(value: _Token) -> float:
    """A quoted local date (and time) as MLflow's milliseconds since the epoch."""
    text = value.text[1:-1].strip()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise SearchError(
            QT_TRANSLATE_NOOP(
                "Filter",
                "expected a date such as '2025-06-25' or '2025-06-25 14:30', got {0}",
            ).format(value.text),
            value.pos,
        ) from None
    return float(round(when.timestamp() * 1000))


def _flag(key: str, op: str, value: _Token) -> Comparison:
    """``local.starred`` or ``local.hidden`` compared with true or false."""
    if op not in ("=", "!="):
        raise SearchError(
            QT_TRANSLATE_NOOP("Filter", "only = and != work on {0}").format(
                f"local.{key}"
            ),
            value.pos,
        )
    text = value.text[1:-1] if value.kind == "string" else value.text
    flag = FLAG_VALUES.get(text.lower())
    if flag is None:
        raise SearchError(
            QT_TRANSLATE_NOOP(
                "Filter", "expected true or false for {0!r}, got {1}"
            ).format(f"local.{key}", value.text),
            value.pos,
        )
    return Comparison("local", key, op, flag)


def _validate(kind: str, key: str, op: str, value: _Token) -> Comparison:
    if kind == "local" and key in LOCAL_FLAGS:
        return _flag(key, op, value)
    numeric = kind == "metric" or (kind == "attribute" and key in NUMERIC_ATTRIBUTES)
    if numeric:
        if op not in NUMERIC_OPS:
            raise SearchError(
                QT_TRANSLATE_NOOP("Filter", "{0} does not work on numbers").format(op),
                value.pos,
            )
        if kind == "attribute" and value.kind == "string":
            return Comparison(kind, key, op, _epoch_ms(value))
        if value.kind != "number":
            raise SearchError(
                QT_TRANSLATE_NOOP(
                    "Filter", "expected a number for {0!r}, got {1}"
                ).format(key, value.text),
                value.pos,
            )
        return Comparison(kind, key, op, float(value.text))
    if op not in STRING_OPS:
        raise SearchError(
            QT_TRANSLATE_NOOP("Filter", "{0} does not work on {1}s").format(op, kind),
            value.pos,
        )
    if value.kind != "string":
        raise SearchError(
            QT_TRANSLATE_NOOP(
                "Filter", "expected a quoted string for {0!r} (e.g. '{1}')"
            ).format(key, value.text),
            value.pos,
        )
    return Comparison(kind, key, op, value.text[1:-1])
