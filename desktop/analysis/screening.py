"""Which params are worth analysing: varying, present in most runs, not estimator ids.

Autologged runs of different estimators share few params; most exist in a few runs
only, and some (``random_state``, ``n_jobs``) differ only because the estimators
differ. A param is kept when it is present in more than half of the runs, takes
two or more values among them, and varies within at least one group of runs that
logged the same param keys (an "estimator type") when there are several groups.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Screen:
    """Param keys kept for analysis and those left out, by reason."""

    kept: tuple[str, ...]
    constant: tuple[str, ...] = ()
    sparse: tuple[str, ...] = ()
    by_type: tuple[str, ...] = ()

    @property
    def left_out(self) -> int:
        """How many params were left out."""
        return len(self.constant) + len(self.sparse) + len(self.by_type)


def is_most(present: int, total: int) -> bool:
    """Whether ``present`` of ``total`` runs is "most" of them (more than half)."""
    return total > 0 and present * 2 > total


def screen_params(params: Sequence[Mapping[str, str]]) -> Screen:
    """Sort each param key of these runs into kept, constant, sparse or by type."""
    total = len(params)
    keys = sorted({k for p in params for k in p})
    groups: dict[frozenset[str], list[Mapping[str, str]]] = {}
    for p in params:
        groups.setdefault(frozenset(p), []).append(p)
    kept, constant, sparse, by_type = [], [], [], []
    for key in keys:
        values = [p[key] for p in params if key in p]
        if not is_most(len(values), total):
            sparse.append(key)
        elif len(set(values)) < 2:
            constant.append(key)
        elif len(groups) > 1 and _constant_per_group(key, groups.values()):
            by_type.append(key)
        else:
            kept.append(key)
    return Screen(tuple(kept), tuple(constant), tuple(sparse), tuple(by_type))


def _constant_per_group(key: str, groups) -> bool:
    """Whether every group of runs holding ``key`` has a single value of it."""
    return all(len({p[key] for p in g if key in p}) <= 1 for g in groups)
