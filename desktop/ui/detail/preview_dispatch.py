"""Which presenter shows a preview result: one registration per result type.

A new preview kind is a result type (see :mod:`desktop.ui.detail.artifact_loading`),
one presenter that shows it and one :meth:`PreviewPresenters.register` call. A
result nobody registered fails loudly instead of leaving the old preview shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")

Presenter = Callable[[Any], None]


class UnknownPreview(TypeError):
    """A preview result of a type no presenter was registered for."""


class PreviewPresenters:
    """A table from preview result type to the presenter that shows it."""

    def __init__(self) -> None:
        self._presenters: dict[type, Presenter] = {}

    def register(self, kind: type[R], presenter: Callable[[R], None]) -> None:
        """Show results of type ``kind`` (and its subclasses) with ``presenter``."""
        if kind in self._presenters:
            raise ValueError(f"A presenter for {kind.__name__} is registered already")
        self._presenters[kind] = presenter

    def presenter_for(self, result: object) -> Presenter:
        """The presenter of ``result``'s type (the nearest registered base type)."""
        for kind in type(result).__mro__:
            if (presenter := self._presenters.get(kind)) is not None:
                return presenter
        raise UnknownPreview(
            f"No presenter is registered for preview results of type "
            f"{type(result).__name__}"
        )

    def present(self, result: object) -> None:
        """Show ``result`` with its presenter."""
        self.presenter_for(result)(result)

    def kinds(self) -> list[type]:
        """The registered result types."""
        return list(self._presenters)
