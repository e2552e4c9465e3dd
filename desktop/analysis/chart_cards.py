"""The cards of the runs charts view: what each shows, how wide, in which order.

A layout is plain data (kept as JSON in the settings per experiment and store):
cards with a kind, the variables they plot and a size, plus the options every line
chart shares (x axis, smoothing, log y).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from desktop.analysis.curves import XAxis
from desktop.analysis.group_curves import Band

MAX_DEFAULT_CARDS = 24
"""At most this many cards are made for an experiment seen for the first time."""


class CardKind(StrEnum):
    """What a card draws."""

    LINE = "line"  # a metric's history, one line per run
    BAR = "bar"  # a metric's latest, min or max, one bar per run
    SCATTER = "scatter"  # one point per run: x and y from params or metrics
    PARALLEL = "parallel"  # parallel coordinates of params and metrics


class CardSize(StrEnum):
    """How wide a card is: a third, half or all of the grid."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


GRID_COLUMNS = 6
"""The grid's columns; a card spans :data:`SPANS` of them."""
SPANS = {CardSize.SMALL: 2, CardSize.MEDIUM: 3, CardSize.LARGE: 6}
STATS = ("latest", "min", "max")


@dataclass(frozen=True, slots=True)
class CardSpec:
    """One card: its kind, the variables it plots, its size.

    ``metric`` is the metric of a line or bar card (``stat``: the bar's latest, min
    or max); ``x`` and ``y`` are variable ids (``param:lr``, ``metric:loss``) of a
    scatter card; ``axes`` those of a parallel-coordinates card (empty: defaults).
    """

    kind: CardKind
    metric: str = ""
    stat: str = "latest"
    x: str = ""
    y: str = ""
    axes: tuple[str, ...] = ()
    size: CardSize = CardSize.MEDIUM

    def to_json(self) -> dict[str, object]:
        """A plain dict for the settings."""
        out: dict[str, object] = {"kind": self.kind.value, "size": self.size.value}
        if self.kind in (CardKind.LINE, CardKind.BAR):
            out["metric"] = self.metric
        if self.kind is CardKind.BAR:
            out["stat"] = self.stat
        if self.kind is CardKind.SCATTER:
            out["x"], out["y"] = self.x, self.y
        if self.kind is CardKind.PARALLEL and self.axes:
            out["axes"] = list(self.axes)
        return out

    @classmethod
    def from_json(cls, data: object) -> CardSpec | None:
        """A card read back from the settings (``None``: not a card)."""
        if not isinstance(data, Mapping):
            return None
        try:
            kind = CardKind(str(data.get("kind", "")))
            size = CardSize(data.get("size", CardSize.MEDIUM.value))
        except ValueError:
            return None
        stat = str(data.get("stat", "latest"))
        axes = data.get("axes", [])
        spec = cls(
            kind,
            metric=str(data.get("metric", "")),
            stat=stat if stat in STATS else "latest",
            x=str(data.get("x", "")),
            y=str(data.get("y", "")),
            axes=tuple(str(a) for a in axes) if isinstance(axes, list) else (),
            size=size,
        )
        if kind in (CardKind.LINE, CardKind.BAR) and not spec.metric:
            return None
        if kind is CardKind.SCATTER and not (spec.x and spec.y):
            return None
        return spec

    def resized(self, size: CardSize) -> CardSpec:
        """The same card at another size."""
        return replace(self, size=size)


@dataclass(slots=True)
class ChartsLayout:
    """Every card in order and the line charts' shared options."""

    cards: list[CardSpec] = field(default_factory=list)
    x_axis: XAxis = XAxis.STEP
    smoothing: float = 0.0
    log_y: bool = False
    band: Band = Band.RANGE
    """Around a group's mean (when the runs are grouped): min to max, or ±1 std."""

    def to_json(self) -> dict[str, object]:
        """A plain dict for the settings."""
        return {
            "cards": [c.to_json() for c in self.cards],
            "x": self.x_axis.value,
            "smoothing": self.smoothing,
            "log_y": self.log_y,
            "band": self.band.value,
        }

    @classmethod
    def from_json(cls, data: object) -> ChartsLayout | None:
        """A layout read back from the settings (``None``: nothing usable)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("cards"), list):
            return None
        cards = [c for c in map(CardSpec.from_json, data["cards"]) if c is not None]
        try:
            axis = XAxis(data.get("x", XAxis.STEP.value))
        except ValueError:
            axis = XAxis.STEP
        try:
            smoothing = min(max(float(data.get("smoothing", 0.0)), 0.0), 0.99)
        except (TypeError, ValueError):
            smoothing = 0.0
        try:
            band = Band(data.get("band", Band.RANGE.value))
        except ValueError:
            band = Band.RANGE
        return cls(cards, axis, smoothing, bool(data.get("log_y", False)), band)


def default_cards(
    history_lengths: Mapping[str, int], preferred: Sequence[str] = ()
) -> list[CardSpec]:
    """A card per metric: a line chart for a metric some run logged more than once,
    a bar chart of the latest value for one logged once per run (as MLflow does).

    ``history_lengths``: the most points a run logged, by metric key;
    ``preferred``: keys to put first (the most telling metrics), the rest by name.
    """
    order = [k for k in preferred if k in history_lengths]
    order += sorted(k for k in history_lengths if k not in order)
    lines = [k for k in order if history_lengths[k] > 1]
    bars = [k for k in order if history_lengths[k] <= 1]
    cards = [CardSpec(CardKind.LINE, metric=k) for k in lines]
    cards += [CardSpec(CardKind.BAR, metric=k, size=CardSize.SMALL) for k in bars]
    return cards[:MAX_DEFAULT_CARDS]


def rows_of(cards: Sequence[CardSpec]) -> list[list[tuple[int, int, int]]]:
    """Cards laid out in rows of :data:`GRID_COLUMNS`: per row, each card's
    ``(index, first column, span)``; a card that does not fit starts a new row."""
    rows: list[list[tuple[int, int, int]]] = []
    used = GRID_COLUMNS
    for index, card in enumerate(cards):
        span = SPANS[card.size]
        if used + span > GRID_COLUMNS:
            rows.append([])
            used = 0
        rows[-1].append((index, used, span))
        used += span
    return rows
