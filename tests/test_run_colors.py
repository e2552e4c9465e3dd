"""Run colours: hashed from the run id, told apart where runs are drawn together."""

from __future__ import annotations

import itertools
import random
import uuid

from desktop.core.run_colors import DISTINCT, PALETTE, ColorSlots, preferred_slot
from desktop.core.run_colors import _distance as distance


def run_ids(count: int, seed: int) -> list[str]:
    """Run ids as MLflow makes them (uuid4 hex)."""
    rng = random.Random(seed)
    return [uuid.UUID(int=rng.getrandbits(128), version=4).hex for _ in range(count)]


def clashing_pair() -> tuple[str, str]:
    """Two run ids that hash to the same colour."""
    seen: dict[int, str] = {}
    for run_id in run_ids(100, seed=1):
        slot = preferred_slot(run_id)
        if slot in seen:
            return seen[slot], run_id
        seen[slot] = run_id
    raise AssertionError("100 ids in 24 slots always clash")


def test_a_run_has_its_colour_whatever_runs_are_shown_with_it():
    slots = ColorSlots()
    ids = run_ids(300, seed=2)
    alone = [slots.slot(r) for r in ids]
    assert slots.slots(ids) == alone
    assert slots.slots(reversed(ids)) == alone[::-1]
    # Spread over the whole palette, not a few colours.
    assert set(alone) == set(range(len(PALETTE)))
    assert ColorSlots().slots(ids) == alone  # the same in a new session


def test_runs_drawn_together_get_distinct_colours_far_apart():
    for seed in range(200):
        slots = ColorSlots()
        ids = run_ids(random.Random(seed).randint(2, 8), seed)
        assigned, _moved = slots.assign(ids)
        assert len(set(assigned)) == len(ids)
        nearest = min(distance(a, b) for a, b in itertools.combinations(assigned, 2))
        assert nearest >= DISTINCT, (seed, assigned)


def test_up_to_a_palette_of_runs_never_share_a_colour():
    for seed in range(50):
        assigned, _ = ColorSlots().assign(run_ids(len(PALETTE), seed))
        assert sorted(assigned) == list(range(len(PALETTE)))


def test_only_a_clashing_run_moves_and_keeps_its_new_colour_everywhere():
    first, second = clashing_pair()
    slots = ColorSlots()
    before = slots.slot(first)
    assigned, moved = slots.assign([first, second])
    assert moved == [second]
    assert assigned[0] == before != assigned[1]
    # From now on the moved run has its new colour in every view (alone, among
    # many, drawn together again), and nothing moves twice.
    assert slots.slot(second) == assigned[1]
    assert slots.slots([second, *run_ids(50, seed=3)])[0] == assigned[1]
    assert slots.assign([first, second]) == (assigned, [])
    assert slots.assign([second, first]) == (assigned[::-1], [])


def test_runs_that_do_not_clash_keep_their_hashed_colours():
    slots = ColorSlots()
    ids = run_ids(40, seed=4)
    apart: list[str] = []
    for run_id in ids:  # runs whose colours already stand apart
        if all(distance(slots.slot(run_id), slots.slot(o)) >= DISTINCT for o in apart):
            apart.append(run_id)
    assert len(apart) >= 3
    assert slots.assign(apart) == ([preferred_slot(r) for r in apart], [])


def test_more_runs_than_colours_repeat_them_and_move_nothing():
    slots = ColorSlots()
    ids = run_ids(len(PALETTE) + 1, seed=5)
    assigned, moved = slots.assign(ids)
    assert moved == []
    assert assigned == [preferred_slot(r) for r in ids]
