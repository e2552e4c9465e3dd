"""Preview results reach their presenter through one registration per type."""

from __future__ import annotations

import pytest

from desktop.services.catalog import Catalog
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.detail.artifacts_panel import ArtifactsPanel
from desktop.ui.detail.preview_dispatch import PreviewPresenters, UnknownPreview


class Base:
    pass


class Derived(Base):
    pass


def test_a_result_goes_to_the_presenter_of_its_type() -> None:
    shown: list[tuple[str, object]] = []
    presenters = PreviewPresenters()
    presenters.register(int, lambda r: shown.append(("int", r)))
    presenters.register(Base, lambda r: shown.append(("base", r)))
    derived = Derived()
    presenters.present(3)
    presenters.present(derived)
    assert shown == [("int", 3), ("base", derived)]


def test_an_unknown_result_fails_clearly() -> None:
    presenters = PreviewPresenters()
    presenters.register(int, lambda r: None)
    with pytest.raises(UnknownPreview, match="Derived"):
        presenters.present(Derived())


def test_a_type_is_registered_once() -> None:
    presenters = PreviewPresenters()
    presenters.register(int, lambda r: None)
    with pytest.raises(ValueError, match="int"):
        presenters.register(int, lambda r: None)


def test_the_panel_presents_every_preview_result_type(qtbot, store) -> None:
    panel = ArtifactsPanel(Catalog(store))
    qtbot.addWidget(panel)
    kinds = {
        loading.Message,
        loading.ImageResult,
        loading.TextResult,
        loading.TableResult,
        loading.LoggedTableResult,
        loading.MarkdownResult,
        loading.HtmlResult,
        loading.CardResult,
    }
    assert set(panel.presenters.kinds()) == kinds
    with pytest.raises(UnknownPreview):
        panel._on_preview_loaded(object())
