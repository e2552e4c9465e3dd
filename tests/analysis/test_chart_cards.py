"""Chart-card layouts: defaults per metric, the grid's rows, what settings keep."""

from __future__ import annotations

from desktop.analysis.chart_cards import (
    CardKind,
    CardSize,
    CardSpec,
    ChartsLayout,
    default_cards,
    rows_of,
)
from desktop.analysis.curves import XAxis


def test_histories_get_line_cards_and_single_values_bars():
    cards = default_cards({"loss": 20, "acc": 20, "f1": 1}, preferred=["acc"])
    assert [(c.kind, c.metric) for c in cards] == [
        (CardKind.LINE, "acc"),
        (CardKind.LINE, "loss"),
        (CardKind.BAR, "f1"),
    ]
    assert cards[2].size is CardSize.SMALL


def test_cards_fill_rows_of_six_columns():
    cards = [
        CardSpec(CardKind.LINE, metric="a"),  # 3
        CardSpec(CardKind.BAR, metric="b", size=CardSize.SMALL),  # 2
        CardSpec(CardKind.LINE, metric="c"),  # 3: does not fit beside them
        CardSpec(CardKind.PARALLEL, size=CardSize.LARGE),  # 6
    ]
    assert rows_of(cards) == [[(0, 0, 3), (1, 3, 2)], [(2, 0, 3)], [(3, 0, 6)]]


def test_a_layout_survives_the_settings_and_ignores_what_it_cannot_read():
    layout = ChartsLayout(
        [
            CardSpec(CardKind.LINE, metric="loss", size=CardSize.LARGE),
            CardSpec(CardKind.BAR, metric="f1", stat="max"),
            CardSpec(CardKind.SCATTER, x="param:lr", y="metric:loss"),
            CardSpec(CardKind.PARALLEL, axes=("param:lr", "metric:loss")),
        ],
        XAxis.RELATIVE_TIME,
        0.6,
        True,
    )
    assert ChartsLayout.from_json(layout.to_json()) == layout
    data = layout.to_json()
    data["cards"] += [{"kind": "pie"}, {"kind": "line"}, "x", {"kind": "scatter"}]
    data["smoothing"] = "much"
    read = ChartsLayout.from_json(data)
    assert read is not None
    assert read.cards == layout.cards
    assert read.smoothing == 0.0
    assert ChartsLayout.from_json({"cards": "none"}) is None
    assert ChartsLayout.from_json(None) is None
