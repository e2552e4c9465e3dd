"""The order of a logged table sorted by a column (computed off the GUI thread),
checked against a plain stable Python sort of the same cells."""

from __future__ import annotations

import math
import random
import threading

import pytest

from desktop.services.table_order import SortCancelled, sort_rows


def reference(rows, column: int, descending: bool) -> list[int]:
    """Positions sorted the slow way: numbers, then text (case-folded), equal
    cells in row order in both directions; empty/NaN cells, then gaps, last."""
    values, empty, gaps = [], [], []
    for i, row in enumerate(rows):
        if row is None:
            gaps.append(i)
            continue
        value = row[column]
        if value is None or (isinstance(value, float) and math.isnan(value)):
            empty.append(i)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values.append(((0, float(value), ""), i))
        else:
            text = {True: "true", False: "false"}.get(value, value)  # type: ignore[call-overload]
            values.append(((1, 0.0, str(text).casefold()), i))
    ordered = sorted(values, key=lambda v: v[0], reverse=descending)  # stable
    return [i for _, i in ordered] + empty + gaps


def mixed_rows(count: int, seed: int) -> list:
    pick = random.Random(seed)
    cells = [
        lambda: pick.randint(-5, 5),
        lambda: pick.choice([0.5, -0.0, 2.25, math.inf, -math.inf, math.nan]),
        lambda: pick.choice(["b", "B", "a", "Zeta", "ä", ""]),
        lambda: None,
        lambda: pick.choice([True, False]),
    ]
    rows: list = []
    for n in range(count):
        if pick.random() < 0.05:
            rows.append(None)  # a gap of an aligned table
        else:
            rows.append((pick.choice(cells)(), n))
    return rows


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mixed_cells_sort_like_a_stable_python_sort(seed, descending) -> None:
    rows = mixed_rows(400, seed)
    result = sort_rows(rows, 0, descending)
    assert result.permutation.tolist() == reference(rows, 0, descending)


def test_empty_and_nan_stay_last_and_the_ranks_serve_the_other_direction() -> None:
    rows = [(2,), (None,), (math.nan,), ("x",), (1.5,), (2,), None]
    up = sort_rows(rows, 0, False)
    assert up.permutation.tolist() == [4, 0, 5, 3, 1, 2, 6]
    down = sort_rows(rows, 0, True, ranks=up.ranks)  # no second ranking
    assert down.permutation.tolist() == [3, 0, 5, 4, 1, 2, 6]
    assert down.permutation.tolist() == reference(rows, 0, True)


def test_short_rows_and_huge_integers() -> None:
    rows = [(1,), (), (10**400,), (-(10**400),), (3.0, "x")]
    assert sort_rows(rows, 0, False).permutation.tolist() == [3, 0, 4, 2, 1]


def test_a_cancelled_sort_stops() -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(SortCancelled):
        sort_rows(mixed_rows(10, 0), 0, False, cancel)


@pytest.mark.parametrize("descending", [False, True])
def test_long_texts_sorted_by_a_prefix_then_whole(monkeypatch, descending) -> None:
    """Texts too long for the numpy array are cut to a prefix, then the rows
    sharing one are ordered by their whole text (still stable)."""
    from desktop.services import table_order

    pick = random.Random(5)
    stems = ["alpha ", "Alpha ", "beta ", "b"]
    rows = [
        (pick.choice(stems) + pick.choice(["x", "y", "yy", ""]) * pick.randint(0, 3),)
        for _ in range(300)
    ] + [(None,), (7,)]
    monkeypatch.setattr(table_order, "TEXT_BYTES", 4 * 300 * 3)  # 3-char prefixes
    result = sort_rows(rows, 0, descending)
    assert result.permutation.tolist() == reference(rows, 0, descending)
