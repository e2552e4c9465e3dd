"""Which way a metric is better, decided from its name or by the user (no Qt)."""

from __future__ import annotations

import pytest

from desktop.core.metric_direction import (
    Direction,
    direction_is_known,
    guess_direction,
    metric_direction,
)

HIGHER, LOWER = Direction.HIGHER, Direction.LOWER


@pytest.mark.parametrize(
    ("key", "direction"),
    [
        ("val_loss", LOWER),
        ("training_log_loss", LOWER),
        ("train_error_rate", LOWER),
        ("val/rmse", LOWER),
        ("mse", LOWER),
        ("test_mae", LOWER),
        ("perplexity", LOWER),
        ("val_ppl", LOWER),
        ("wer", LOWER),
        ("epoch_time", LOWER),
        ("top1_err", LOWER),
        ("neg_mean_squared_error", HIGHER),
        ("mean_test_neg_log_loss", HIGHER),
        ("val_auc", HIGHER),
        ("roc_auc", HIGHER),
        ("accuracy", HIGHER),
        ("accuracy_score", HIGHER),
        ("best_cv_score", HIGHER),
        ("r2_score", HIGHER),
        ("f1", HIGHER),
        ("precision", HIGHER),
        ("recall", HIGHER),
        ("ferry_count", HIGHER),  # "err" only as a whole word
        ("reward", HIGHER),
    ],
)
def test_direction_is_guessed_from_the_key_name(key, direction):
    assert guess_direction(key) is direction


def test_a_users_choice_wins_over_the_guess():
    overrides = {"val_loss": HIGHER}
    assert metric_direction("val_loss", overrides) is HIGHER
    assert metric_direction("val_loss") is LOWER
    assert metric_direction("val_auc", overrides) is HIGHER


def test_best_first_is_descending_only_when_higher_is_better():
    assert HIGHER.descending
    assert not LOWER.descending
    assert HIGHER.flipped() is LOWER
    assert LOWER.flipped() is HIGHER


def test_only_named_directions_are_known():
    """``roc_auc`` and ``val_loss`` say which way is better; ``zz_other`` does not."""
    for key in ("roc_auc", "val_loss", "training_accuracy_score", "rmse", "latency"):
        assert direction_is_known(key), key
    for key in ("zz_other", "epoch", "n_trees"):
        assert not direction_is_known(key), key
