"""An import pauses automatic garbage collection and always restores it."""

from __future__ import annotations

import gc
from pathlib import Path

from desktop.services.importing import import_mlruns

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample_project" / "mlruns"


def test_collection_is_off_during_an_import_and_back_on_after(store):
    assert gc.isenabled()
    generator = import_mlruns(store, SAMPLE, workers=1)
    during = set()
    for _progress in generator:
        during.add(gc.isenabled())
    assert during == {False}
    assert gc.isenabled()


def test_an_abandoned_import_restores_collection(store):
    generator = import_mlruns(store, SAMPLE, workers=1)
    next(generator)
    next(generator)
    assert not gc.isenabled()
    generator.close()
    assert gc.isenabled()


def test_collection_switched_off_by_the_caller_stays_off(store):
    gc.disable()
    try:
        for _progress in import_mlruns(store, SAMPLE, workers=1):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_start_up_runs_without_collection_until_it_is_frozen():
    from desktop.core.gc_tuning import freeze_startup_objects, startup_paused

    try:
        with startup_paused():
            assert not gc.isenabled()  # modules load without collections
            freeze_startup_objects()
            assert gc.isenabled()  # the app runs with them
        with startup_paused():
            assert not gc.isenabled()
        assert gc.isenabled()  # every way out restores collection
    finally:
        gc.unfreeze()


def test_the_command_line_leaves_collection_on(capsys):
    import contextlib

    from desktop.cli import main

    with contextlib.suppress(SystemExit):
        main(["--version"])
    assert "mlflow-desktop" in capsys.readouterr().out
    assert gc.isenabled()


def test_an_import_started_during_start_up_collects_after_it():
    from desktop.core.gc_tuning import (
        collection_paused,
        freeze_startup_objects,
        startup_paused,
    )

    try:
        with startup_paused():
            with collection_paused():
                freeze_startup_objects()  # start-up ends while an import runs
                assert not gc.isenabled()
            assert gc.isenabled()
    finally:
        gc.unfreeze()
