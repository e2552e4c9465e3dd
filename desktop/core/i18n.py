"""Translatable messages from the Qt-free layers.

``QT_TRANSLATE_NOOP("Context", "text {0}")`` is the marker ``pyside6-lupdate``
looks for (it only extracts literal strings from calls with known names), so the
text lands in the ``.ts`` file under ``Context``. Here it returns a :class:`Text`:
a plain English ``str`` that also remembers its context, its source text and the
arguments given to :meth:`Text.format`. The UI translates it at the boundary
(``desktop.ui.i18n.translated``); code that just needs a string keeps working.
"""

from __future__ import annotations

from typing import Any

__all__ = ["QT_TRANSLATE_NOOP", "Text"]


class Text(str):
    """An English message that knows how to be looked up in a translation."""

    __slots__ = ("args", "context", "kwargs", "source")

    context: str
    source: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def __new__(
        cls,
        context: str,
        source: str,
        args: tuple[Any, ...] = (),
        kwargs: dict[str, Any] | None = None,
    ) -> Text:
        kwargs = kwargs or {}
        english = source.format(*args, **kwargs) if args or kwargs else source
        text = super().__new__(cls, english)
        text.context, text.source, text.args, text.kwargs = (
            context,
            source,
            args,
            kwargs,
        )
        return text

    def format(self, *args: Any, **kwargs: Any) -> Text:
        """Fill the placeholders, keeping the untranslated source for the UI."""
        return Text(self.context, self.source, args, kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.context, self.source, self.args, self.kwargs))


def message_of(exc: BaseException) -> str:
    """The message of ``exc``: its :class:`Text` (translatable) when it has one."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Text):
        return exc.args[0]
    return str(exc)


def QT_TRANSLATE_NOOP(context: str, source: str) -> Text:
    """Mark ``source`` for translation under ``context`` (see the module doc)."""
    return Text(context, source)
