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
