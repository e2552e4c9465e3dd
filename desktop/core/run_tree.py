"""Nested runs as a tree over a search's result: children under their parents.

MLflow nests a run under another with the ``mlflow.parentRunId`` tag (a grid search's
candidates, cross-validation folds, a pipeline's steps). A search returns the matching
runs in sort order; :func:`build_run_tree` puts each under its parent, keeps the
ancestors of matching runs shown (as context: they did not match themselves) and
orders siblings as the search ordered them. A family sorts by its best member: a
folded grid search sits where its best child would, and its row can show that
child's value.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Folding:
    """What the user unfolded and folded. Parents show folded, except those shown
    only for their matching children (context), which show unfolded."""

    unfolded: frozenset[int] = frozenset()
    folded: frozenset[int] = frozenset()
    """Context runs folded."""


AS_SHOWN_FIRST = Folding()
"""Parents folded, context unfolded: how a search's runs show at first."""


@dataclass(frozen=True)
class RunTree:
    """The runs a search shows, nested; every list is in display order when all
    is expanded (depth-first, siblings in search order)."""

    nodes: list[int]
    """Every shown run (matching runs and their ancestors)."""
    depths: list[int]
    """Each node's depth (0: top level)."""
    sizes: list[int]
    """How many nodes follow each node in its subtree (0: no children)."""
    counts: dict[int, int]
    """For each parent, how many of its descendants match the search."""
    best: dict[int, int]
    """For each parent whose family's first match (in search order) is one of its
    descendants, that descendant."""
    context: frozenset[int]
    """Shown runs that do not match: ancestors of matching runs."""

    def __post_init__(self) -> None:
        if not len(self.nodes) == len(self.depths) == len(self.sizes):
            raise TypeError("nodes, depths and sizes differ in length")
        if any(at + size >= len(self.nodes) for at, size in enumerate(self.sizes)):
            raise TypeError("a subtree reaches past the last node")

    @cached_property
    def position(self) -> dict[int, int]:
        """Each node's index in :attr:`nodes`."""
        return {pk: at for at, pk in enumerate(self.nodes)}

    @cached_property
    def parents(self) -> dict[int, int]:
        """Each nested node's parent."""
        found: dict[int, int] = {}
        chain: list[int] = []  # the ancestors of the current node, by depth
        for pk, depth in zip(self.nodes, self.depths, strict=True):
            del chain[depth:]
            if chain:
                found[pk] = chain[-1]
            chain.append(pk)
        return found

    def depth(self, pk: int) -> int:
        """How deep run ``pk`` is nested (0 for a top-level or unknown run)."""
        at = self.position.get(pk)
        return 0 if at is None else self.depths[at]

    def has_children(self, pk: int) -> bool:
        """Whether run ``pk`` has shown children."""
        at = self.position.get(pk)
        return at is not None and self.sizes[at] > 0

    def ancestors(self, pk: int) -> list[int]:
        """Run ``pk``'s ancestors, the top-level one first."""
        found: list[int] = []
        parent = self.parents.get(pk)
        while parent is not None:
            found.append(parent)
            parent = self.parents.get(parent)
        return found[::-1]

    def is_open(
        self, pk: int, unfolded: Collection[int], folded: Collection[int] = ()
    ) -> bool:
        """Whether run ``pk`` shows its children (see :class:`Folding`)."""
        return pk not in folded and (pk in unfolded or pk in self.context)

    def visible(self, folding: Folding = AS_SHOWN_FIRST) -> list[int]:
        """The rows shown, folded and unfolded as ``folding`` says."""
        return self._walk(0, len(self.nodes), folding.unfolded, folding.folded)

    def unfolded_below(
        self, pk: int, unfolded: Collection[int], folded: Collection[int] = ()
    ) -> list[int]:
        """The rows below run ``pk`` when it is open (its descendants under open
        parents)."""
        at = self.position[pk]
        return self._walk(at + 1, at + 1 + self.sizes[at], unfolded, folded)

    def matched(self) -> list[int]:
        """The matching runs, parents before their children (not the group rows
        of :mod:`desktop.core.run_groups`, whose ids are negative)."""
        return [pk for pk in self.nodes if pk >= 0 and pk not in self.context]

    def _walk(
        self,
        start: int,
        end: int,
        unfolded: Collection[int],
        folded: Collection[int],
    ) -> list[int]:
        nodes, sizes, context = self.nodes, self.sizes, self.context
        shown: list[int] = []
        at = start
        while at < end:
            pk = nodes[at]
            shown.append(pk)
            is_open = pk not in folded and (pk in unfolded or pk in context)
            at += 1 if is_open else sizes[at] + 1
        return shown


def build_run_tree(order: Sequence[int], links: Mapping[int, int]) -> RunTree | None:
    """The tree of the runs ``order`` (a search's result, in its order) and their
    ancestors, from ``links`` (each nested run's parent, over the whole scope);
    ``None`` when no shown run is nested."""
    parent_of = links
    rank: dict[int, int] = {}  # a family's place: its first match in ``order``
    best: dict[int, int] = {}
    for at, pk in enumerate(order):
        if pk in rank:  # reached from a descendant matching earlier
            continue
        rank[pk] = at
        parent = parent_of.get(pk)
        while parent is not None and parent not in rank:  # stops on cycles too
            rank[parent], best[parent] = at, pk
            parent = parent_of.get(parent)
    children: dict[int, list[int]] = {}
    roots: list[int] = []
    for pk in rank:
        parent = parent_of.get(pk)
        if parent is not None and parent in rank:
            children.setdefault(parent, []).append(pk)
        else:
            roots.append(pk)
    if not children:
        return None
    by_rank = rank.__getitem__
    for family in children.values():
        family.sort(key=by_rank)
    roots.sort(key=by_rank)
    nodes: list[int] = []
    depths: list[int] = []
    above: list[int] = []  # each node's parent's index (-1: top level)
    visited: set[int] = set()

    def walk(start: list[int]) -> None:
        stack = [(root, 0, -1) for root in reversed(start)]
        while stack:
            pk, depth, up = stack.pop()
            if pk in visited:
                continue
            visited.add(pk)
            at = len(nodes)
            nodes.append(pk)
            depths.append(depth)
            above.append(up)
            family = children.get(pk)
            if family:
                stack.extend([(child, depth + 1, at) for child in reversed(family)])

    walk(roots)
    cycles = len(visited) < len(rank)
    if cycles:  # a cycle of parents (hand-edited tags) has no root: its runs lead
        walk(sorted((pk for pk in rank if pk not in visited), key=by_rank))
    matched = set(order)
    sizes = [0] * len(nodes)
    below = [0] * len(nodes)  # matching runs below each node
    for at in range(len(nodes) - 1, 0, -1):
        up = above[at]
        if up >= 0:
            sizes[up] += sizes[at] + 1
            below[up] += below[at] + (nodes[at] in matched)
    if cycles:  # keep a best only where it is still below its family's head
        index = {pk: at for at, pk in enumerate(nodes)}
        best = {
            parent: pk
            for parent, pk in best.items()
            if index[parent] < index[pk] <= index[parent] + sizes[index[parent]]
        }
    return RunTree(
        nodes=nodes,
        depths=depths,
        sizes=sizes,
        counts={nodes[at]: n for at, n in enumerate(below) if n},
        best=best,
        context=frozenset(rank.keys() - matched),
    )
