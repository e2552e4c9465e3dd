"""Restoring and saving a runs-table column layout, without Qt."""

from __future__ import annotations

from desktop.core.column_layout import RUN_NAME, layout_entries, restore_columns
from desktop.core.columns import Column

LOSS = Column("metric", "loss")
LR = Column("param", "lr")
DEPTH = Column("param", "depth")
AVAILABLE = {c.id: c for c in (RUN_NAME, LOSS, LR, DEPTH)}


def test_without_a_saved_layout_the_defaults_show() -> None:
    assert restore_columns(None, AVAILABLE, [RUN_NAME, LOSS]) == ([RUN_NAME, LOSS], {})


def test_the_saved_order_and_widths_come_back() -> None:
    saved = [
        {"id": LR.id, "width": 80},
        {"id": RUN_NAME.id, "width": 200},
        {"id": LOSS.id, "hidden": True},
        {"id": DEPTH.id, "hidden": True},
    ]
    columns, widths = restore_columns(saved, AVAILABLE, [RUN_NAME, LOSS, LR])
    assert columns == [LR, RUN_NAME]
    assert widths == {LR.id: 80, RUN_NAME.id: 200}


def test_gone_columns_drop_and_new_defaults_appear() -> None:
    saved = [{"id": RUN_NAME.id, "width": 150}, {"id": "metric:gone", "width": 9}]
    columns, _ = restore_columns(saved, AVAILABLE, [RUN_NAME, LOSS])
    assert columns == [RUN_NAME, LOSS]


def test_the_run_name_shows_when_nothing_else_can() -> None:
    assert restore_columns(None, {}, []) == ([RUN_NAME], {})
    saved = [{"id": "metric:gone", "width": 9}]
    assert restore_columns(saved, {}, [])[0] == [RUN_NAME]


def test_the_saved_layout_lists_hidden_columns_after_shown_ones() -> None:
    entries = layout_entries([(LR.id, 80), (RUN_NAME.id, 200)], AVAILABLE.values())
    assert entries == [
        {"id": LR.id, "width": 80},
        {"id": RUN_NAME.id, "width": 200},
        {"id": LOSS.id, "hidden": True},
        {"id": DEPTH.id, "hidden": True},
    ]
    restored = restore_columns(entries, AVAILABLE, [RUN_NAME, LOSS, LR, DEPTH])
    assert restored == ([LR, RUN_NAME], {LR.id: 80, RUN_NAME.id: 200})


def test_the_star_column_joins_an_old_layout_after_the_run_name():
    from desktop.core.column_layout import restore_columns
    from desktop.core.columns import Column, available_columns, default_columns

    available = {c.id: c for c in available_columns({})}
    saved = [
        {"id": "attribute:run_name", "width": 200},
        {"id": "attribute:status", "width": 90},
    ]
    columns, _ = restore_columns(saved, available, default_columns({}, 1))
    assert columns[:3] == [
        Column("attribute", "run_name"),
        Column("local", "starred"),
        Column("attribute", "status"),
    ]
    # Hidden on purpose: it stays hidden.
    saved.append({"id": "local:starred", "hidden": True})
    columns, _ = restore_columns(saved, available, default_columns({}, 1))
    assert Column("local", "starred") not in columns
