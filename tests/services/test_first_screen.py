"""The first screen kept beside the store (no Qt): what a launch on an unchanged
store is answered before the store opens, and when it is not."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from desktop.core import view_codec
from desktop.core.columns import Column, SortKey
from desktop.core.search import parse_filter
from desktop.core.views import RunScope
from desktop.services.catalog import Catalog
from desktop.services.first_screen import (
    CatalogStandIn,
    FirstScreen,
    StoreNotOpen,
    first_screen_path,
)
from desktop.services.importing import run_import
from desktop.store.database import open_store
from desktop.store.peek import peek_store

DATA = Path(__file__).parents[1] / "data"
COLUMNS = [
    Column("attribute", "run_name"),
    Column("attribute", "status"),
    Column("metric", "accuracy"),
    Column("param", "max_depth"),
]


@pytest.fixture
def imported(tmp_path):
    """The sample mlruns folder imported into a new store."""
    shutil.copytree(DATA / "sample_mlruns", tmp_path / "mlruns", symlinks=True)
    store = open_store(tmp_path / "store.db")
    run_import(store, tmp_path / "mlruns", workers=1)
    yield store
    store.close()


def _first_screen(catalog):
    """What the window asks at launch: the tree, then one experiment's columns
    and first page (sorted by a metric, filtered)."""
    sources, experiments = catalog.sources_and_experiments()
    pks = [max(experiments, key=lambda e: e.run_count).pk]
    scope = RunScope(tuple(pks))
    sort = SortKey("metric", "accuracy", descending=True)
    expr = parse_filter("attributes.status = 'FINISHED'")
    return (
        (sources, experiments),
        catalog.columns_of(pks),
        catalog.search(scope, expr, sort, COLUMNS, 0, frozenset()),
        (pks, scope, expr, sort),
    )


def _launch_stand_in(store_path: Path) -> CatalogStandIn:
    peek = peek_store(store_path)
    assert peek is not None
    return CatalogStandIn(FirstScreen(peek.path, peek.signature))


def test_an_unchanged_store_is_answered_before_it_opens(imported):
    recording = CatalogStandIn(FirstScreen(imported.path, None))
    recording.attach(Catalog(imported))
    tree, columns, search, (pks, scope, expr, sort) = _first_screen(recording)
    assert len(search.pks) > 1  # a real page, not an empty answer

    stand_in = _launch_stand_in(imported.path)  # nothing attached: no store yet
    assert stand_in.sources_and_experiments() == tree
    assert stand_in.columns_of(pks) == columns
    assert stand_in.search(scope, expr, sort, COLUMNS, 0, frozenset()) == search
    assert stand_in.answered_early


def test_other_questions_wait_for_the_store(imported):
    recording = CatalogStandIn(FirstScreen(imported.path, None))
    recording.attach(Catalog(imported))
    _tree, _columns, search, (_pks, scope, expr, sort) = _first_screen(recording)

    stand_in = _launch_stand_in(imported.path)
    answers: list[object] = []
    asked = [
        # another sort, a later page and a read that is never kept
        lambda: stand_in.search(scope, expr, SortKey("metric", "accuracy"), COLUMNS),
        lambda: stand_in.search(scope, expr, sort, COLUMNS, 250, frozenset()),
        lambda: stand_in.run_overview(search.pks[0]),
    ]
    threads = [threading.Thread(target=lambda a=a: answers.append(a())) for a in asked]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(0.3)
    assert answers == []  # all waiting: the store is not open
    stand_in.attach(Catalog(imported))
    for thread in threads:
        thread.join(10)
    assert len(answers) == 3
    assert not stand_in.answered_early


def test_a_changed_store_is_not_answered_from_the_file(imported, tmp_path):
    recording = CatalogStandIn(FirstScreen(imported.path, None))
    recording.attach(Catalog(imported))
    _first_screen(recording)
    before = peek_store(imported.path)
    run_import(imported, tmp_path / "mlruns", workers=1)  # unchanged, but synced
    after = peek_store(imported.path)
    assert before is not None
    assert after is not None
    assert before.signature != after.signature

    stand_in = _launch_stand_in(imported.path)
    waiting = threading.Thread(target=stand_in.sources_and_experiments)
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive()  # not answered from the file: waits for the store
    stand_in.attach(Catalog(imported))
    waiting.join(10)


def test_reads_waiting_when_the_store_will_not_open_fail_plainly(imported):
    stand_in = _launch_stand_in(imported.path)
    failures: list[BaseException] = []

    def read() -> None:
        try:
            stand_in.run_overview(1)
        except StoreNotOpen as exc:
            failures.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    stand_in.abandon()
    thread.join(10)
    assert len(failures) == 1


def test_a_damaged_or_foreign_file_is_ignored_and_rewritten(imported):
    path = first_screen_path(imported.path)
    recording = CatalogStandIn(FirstScreen(imported.path, None))
    recording.attach(Catalog(imported))
    tree, *_rest = _first_screen(recording)
    kept = json.loads(path.read_text(encoding="utf-8"))
    # An answer naming a class the file may not build is refused, not built.
    question, answers = "sources_and_experiments", kept["answers"]
    answers[question][0][1] = {"type": "Popen", "fields": [["sh", "-c", "true"]]}
    path.write_text(json.dumps(kept), encoding="utf-8")
    stand_in = _launch_stand_in(imported.path)
    waiting = threading.Thread(target=stand_in.sources_and_experiments)
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive()  # refused: waits for the store
    stand_in.attach(Catalog(imported))
    waiting.join(10)

    path.write_text("{not json", encoding="utf-8")
    stand_in = _launch_stand_in(imported.path)
    stand_in.attach(Catalog(imported))
    assert stand_in.sources_and_experiments() == tree  # read, and kept anew
    assert _launch_stand_in(imported.path).sources_and_experiments() == tree


def test_the_codec_gives_back_the_types_it_was_given():
    value = {
        1: (0.5, float("nan"), None),
        "k": [frozenset({"b", "a"}), SortKey("metric", "loss")],
    }
    back = view_codec.loads(view_codec.dumps(value))
    assert back[1][0] == 0.5
    assert back[1][1] != back[1][1]  # NaN survives
    assert back["k"] == [frozenset({"a", "b"}), SortKey("metric", "loss")]
    assert view_codec.dumps(frozenset({"b", "a"})) == view_codec.dumps(
        frozenset({"a", "b"})
    )
    with pytest.raises(TypeError):
        view_codec.dumps(object())
    with pytest.raises(ValueError, match="not an encoded value"):
        view_codec.loads('{"type": "Path", "fields": ["/etc"]}')


def test_the_same_answer_again_does_not_rewrite_the_file(imported):
    recording = CatalogStandIn(FirstScreen(imported.path, None))
    recording.attach(Catalog(imported))
    _first_screen(recording)
    path = first_screen_path(imported.path)
    written = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    rewritten = path.stat().st_mtime_ns
    assert rewritten >= written
    recording.sources_and_experiments()  # the window reloading its tree
    assert path.stat().st_mtime_ns == rewritten
