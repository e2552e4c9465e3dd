"""Which way a metric is better: the one notion behind sorting and "best run".

The runs table's first click on a metric header, the compare table's best values
and any best-run highlight all ask :func:`metric_direction`: the user's choice for
a key when there is one, else a guess from the key's name (:func:`guess_direction`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

# Substrings: they also catch ``valloss``, ``train_error_rate``, ``val_rmse``.
_LOWER_WORDS = ("loss", "error", "rmse", "mse", "mae", "mape", "smape")
# Whole tokens only: ``err`` must not match ``ferry``, nor ``time`` ``runtime_acc``.
_LOWER_TOKENS = frozenset(
    {"err", "nll", "perplexity", "ppl", "wer", "cer", "fpr", "fnr", "brier"}
    | {"regret", "latency", "cost", "time", "duration", "distance", "dist"}
    | {"rmsle", "msle", "bpc", "bpd", "fid", "eer"}
)
# scikit-learn negates lower-is-better scores (``neg_mean_squared_error``,
# ``mean_test_neg_log_loss``) so that every scorer is higher-is-better.
_NEGATED_TOKENS = frozenset({"neg", "negative"})
# Names that say higher is better (substrings, as in ``val_acc``, ``roc_auc``).
_HIGHER_WORDS = (
    "acc",
    "auc",
    "score",
    "f1",
    "precision",
    "recall",
    "r2",
    "bleu",
    "iou",
    "rouge",
    "map",
    "ndcg",
    "reward",
    "return",
    "dice",
    "kappa",
    "mcc",
)


class Direction(StrEnum):
    """Whether a metric is better when higher or when lower."""

    HIGHER = "higher"
    LOWER = "lower"

    @property
    def descending(self) -> bool:
        """Whether sorting best-first means sorting in descending order."""
        return self is Direction.HIGHER

    def flipped(self) -> Direction:
        """The other direction."""
        return Direction.LOWER if self is Direction.HIGHER else Direction.HIGHER


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9]+", name) if t]


def guess_direction(key: str) -> Direction:
    """Guess from a metric's name: lower for losses, errors and costs, else higher.

    ``val_loss``, ``train_error_rate``, ``rmse``, ``perplexity`` are lower-is-better;
    ``val_auc``, ``accuracy_score``, ``r2_score``, ``best_cv_score`` higher; the
    scikit-learn negated scores (``neg_mean_squared_error``) are higher.
    """
    name = key.lower()
    tokens = _tokens(name)
    lower = any(w in name for w in _LOWER_WORDS) or bool(
        _LOWER_TOKENS.intersection(tokens)
    )
    if _NEGATED_TOKENS.intersection(tokens):
        lower = not lower
    return Direction.LOWER if lower else Direction.HIGHER


def metric_direction(
    key: str, overrides: Mapping[str, Direction] | None = None
) -> Direction:
    """The direction the user chose for ``key``, else the guess from its name."""
    if overrides and (chosen := overrides.get(key)) is not None:
        return chosen
    return guess_direction(key)


def direction_is_known(key: str) -> bool:
    """Whether the key's name says which way is better (not merely the default)."""
    name = key.lower()
    if any(w in name for w in _LOWER_WORDS + _HIGHER_WORDS):
        return True
    return bool(_LOWER_TOKENS.intersection(_tokens(name)))
