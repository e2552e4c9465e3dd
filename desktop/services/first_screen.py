"""The first screen at launch, before the store is open: the answers the panes got
last time, while the store has not changed since.

Opening the store loads SQLAlchemy and the store's modules: about half a second
before the first rows could show. The panes ask the same few questions at every
launch (the tree; the columns and the first page of the experiment they open on),
so :class:`FirstScreen` keeps the latest answers to those beside the store
(``<store>.first-screen.json``, tagged JSON: :mod:`desktop.core.view_codec`) with
the store's signature when they were read (its sources, their last imports, its
runs: :data:`desktop.store.peek.SIGNATURE_SQL`). At the next launch, if the
signature is unchanged, :class:`CatalogStandIn` answers those questions from the
file at once; every other read, and every question asked differently, waits for
the store. Once the store is open the window reads the first screen again, so a
kept answer that was stale would show for a moment at most.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

VERSION = 1
KEPT_PER_QUESTION = 4
"""Answers kept per question: the experiment opened at launch and a few others."""
MAX_RUNS = 50_000
"""Searches that found more runs are not kept (their file would be large)."""
READS = (
    "sources",
    "experiment_keys",
    "row_page",
    "rows_as_text",
    "run_overview",
    "metric_histories",
    "run_artifacts",
    "run_set",
    "histories_of_runs",
    "params_with_metric",
    "server_options",
    "registered_models",
    "model_versions",
    "run_model_versions",
)
"""The catalog's other reads: they wait until the store is open."""


class StoreNotOpen(Exception):
    """The window closed, or the store failed to open, before this read ran."""


def first_screen_path(store_path: Path) -> Path:
    """Where the answers kept for the store at ``store_path`` live."""
    return store_path.with_name(store_path.name + ".first-screen.json")


class FirstScreen:
    """The answers kept for one store: read at launch, written as they change.

    ``signature`` is the store's at launch (``None``: unknown, nothing is
    answered from the file, new answers are still kept).
    """

    def __init__(self, store_path: Path, signature: str | None) -> None:
        self.path = first_screen_path(store_path)
        self._lock = threading.Lock()
        self._signature: str | None = None
        self._answers: dict[str, list[list[Any]]] = {}
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
            if kept.get("version") == VERSION and isinstance(kept["answers"], dict):
                self._signature = str(kept["signature"])
                self._answers = kept["answers"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or unreadable: this launch writes a new one
        self.usable = signature is not None and signature == self._signature

    def answer(self, question: str, key: str) -> tuple[bool, Any]:
        """``(True, answer)`` kept for ``question`` asked as ``key`` when the store
        has not changed since; else ``(False, None)``."""
        if not self.usable:
            return False, None
        from desktop.core import view_codec

        with self._lock:
            for kept_key, plain in self._answers.get(question, []):
                if kept_key == key:
                    try:
                        return True, view_codec.from_plain(plain)
                    except ValueError:
                        return False, None
        return False, None

    def keep(self, question: str, key: str, value: Any, signature: str) -> None:
        """Keep ``value`` as the answer to ``question`` asked as ``key`` while the
        store has ``signature``; writes the file (a failed write is ignored)."""
        from desktop.core import view_codec

        plain = view_codec.to_plain(value)
        with self._lock:
            if signature != self._signature:  # the store changed: the rest is old
                self._signature, self._answers = signature, {}
            elif self._answers.get(question, [None])[0] == [key, plain]:
                return  # asked again (a reload during an import): already kept
            kept = [a for a in self._answers.get(question, []) if a[0] != key]
            self._answers[question] = [[key, plain], *kept][:KEPT_PER_QUESTION]
            text = json.dumps(
                {"version": VERSION, "signature": signature, "answers": self._answers},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            partial = self.path.with_name(self.path.name + ".partial")
            try:
                partial.write_text(text, encoding="utf-8")
                os.replace(partial, self.path)
            except OSError:
                partial.unlink(missing_ok=True)


class CatalogStandIn:
    """The catalog the panes hold from the first paint on.

    Until :meth:`attach` hands it the store's :class:`Catalog`, it answers the
    first screen's questions from the :class:`FirstScreen` when it can, and every
    other read waits (they run on worker threads, never on the GUI thread). Once
    attached, it reads through the catalog and keeps the first screen's answers.
    """

    def __init__(self, first_screen: FirstScreen | None = None) -> None:
        self._first_screen = first_screen
        self._catalog: Catalog | None = None
        self._ready = threading.Event()
        #: Whether some answer came from the file (the window reads it again).
        self.answered_early = False
        for name in READS:
            setattr(self, name, self._read(name))

    def sources_and_experiments(self) -> Any:
        """:meth:`Catalog.sources_and_experiments`, kept for the first screen."""
        return self._ask("sources_and_experiments", (), {})

    def columns_of(self, *args: Any, **kwargs: Any) -> Any:
        """:meth:`Catalog.columns_of`, kept for the first screen."""
        return self._ask("columns_of", args, kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        """:meth:`Catalog.search`, its first page kept for the first screen."""
        return self._ask("search", args, kwargs)

    def attach(self, catalog: Catalog) -> None:
        """The store is open: read through ``catalog`` from now on."""
        self._catalog = catalog
        self._ready.set()

    def abandon(self) -> None:
        """The store will not open: reads waiting for it raise :class:`StoreNotOpen`."""
        self._ready.set()

    @property
    def store(self) -> object:
        """The catalog's store (waits for it)."""
        return self.catalog.store

    @property
    def session(self) -> object:
        """The catalog's sign-in session (waits for it)."""
        return self.catalog.session

    @property
    def catalog(self) -> Catalog:
        """The store's catalog, once attached (waits; raises :class:`StoreNotOpen`)."""
        self._ready.wait()
        if self._catalog is None:
            raise StoreNotOpen
        return self._catalog

    def _read(self, name: str) -> Callable[..., Any]:
        def read(*args: Any, **kwargs: Any) -> Any:
            return getattr(self.catalog, name)(*args, **kwargs)

        read.__name__ = name
        return read

    def _ask(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        screen = self._first_screen
        key = _question_key(name, args, kwargs) if screen is not None else None
        if screen is not None and key is not None and not self._ready.is_set():
            found, value = screen.answer(name, key)
            if found:
                self.answered_early = True
                return value
        catalog = self.catalog
        if key is None or screen is None:
            return getattr(catalog, name)(*args, **kwargs)
        before = catalog.signature()
        value = getattr(catalog, name)(*args, **kwargs)
        small = name != "search" or len(value.pks) <= MAX_RUNS
        if small and catalog.signature() == before:  # nothing written meanwhile
            screen.keep(name, key, value, before)
        return value


def _question_key(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> str | None:
    """What identifies a question in the file; ``None``: not kept (a search's
    later pages, or arguments the file cannot hold)."""
    if name == "search" and kwargs.get("first_row", args[4] if len(args) > 4 else 0):
        return None  # only the first page is on the first screen
    from desktop.core import view_codec  # with the panes, not before the window

    try:
        return view_codec.dumps([name, list(args), kwargs])
    except TypeError:
        return None
