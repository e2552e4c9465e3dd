"""Metric file parsing: every line format MLflow wrote, and damaged files."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.sources.mlruns.metrics import (
    build_history,
    parse_metric_files,
    parse_metric_text,
)


def history(text: str):
    rows, bad, ranked = parse_metric_text(text)
    return build_history("m", rows, ranked), bad


def test_three_field_lines_are_sorted_by_step_and_deduplicated():
    h, bad = history("1700000000002 0.5 1\n1700000000001 1.0 0\n1700000000001 1.0 0\n")
    assert bad == []
    assert h.steps.tolist() == [0, 1]
    assert h.values.tolist() == [1.0, 0.5]
    assert h.values[h.latest_index] == 0.5


def test_two_field_lines_from_pre_1_0_have_step_zero():
    h, _ = history("1700000000000 3.5\n")
    assert h.steps.tolist() == [0]
    assert h.values.tolist() == [3.5]


def test_five_and_more_field_lines_carry_dataset_names_with_spaces():
    h, bad = history(
        "1700000000000 0.1 0 train ds abcdef\n1700000000001 0.2 1 val abcdef\n"
    )
    assert bad == []
    assert h.values.tolist() == [0.1, 0.2]


def test_non_finite_values_are_kept_and_latest_follows_mlflow():
    h, _ = history("1700000000000 nan 0\n1700000000000 inf 1\n1700000000000 -inf 2\n")
    assert math.isnan(h.values[0])
    assert h.values[1:].tolist() == [math.inf, -math.inf]
    assert h.values[h.latest_index] == -math.inf


def test_latest_is_max_by_step_then_timestamp_not_last_line():
    h, _ = history("1700000000005 9.0 3\n1700000000009 7.0 3\n1700000000001 1.0 10\n")
    assert h.values[h.latest_index] == 1.0
    h, _ = history("1700000000005 9.0 3\n1700000000009 7.0 3\n")
    assert h.values[h.latest_index] == 7.0


def test_windows_line_endings_and_blank_lines():
    h, bad = history("1700000000000 1.5 0\r\n1700000000001 2.5 1\r\n\r\n")
    assert bad == []
    assert h.values.tolist() == [1.5, 2.5]


def test_truncated_and_garbage_lines_are_reported_and_skipped():
    h, bad = history("1700000000000 1.0 0\n1700000000001 2.0 1\ngarbage here\n17000000")
    assert h.values.tolist() == [1.0, 2.0]
    assert [number for number, _ in bad] == [3, 4]


def test_seconds_timestamps_from_mlflow_1_0_become_milliseconds():
    h, _ = history("1560000000 1.0 0\n")
    assert h.timestamps.tolist() == [1560000000000]


def test_large_steps_and_negative_steps_stay_exact():
    big = 2**62 + 1
    h, _ = history(f"1700000000000 1.0 {big}\n1700000000000 2.0 -5\n")
    assert h.steps.dtype == np.int64
    assert h.steps.tolist() == [-5, big]


@pytest.mark.parametrize("text", ["", "\n", "\n\n"])
def test_empty_files_give_empty_histories(text):
    h, bad = history(text)
    assert len(h) == 0
    assert bad == []


def test_values_are_exactly_what_python_reads_for_every_kind_of_float():
    rng = np.random.default_rng(7)
    values = np.concatenate(
        [
            rng.random(2000),
            rng.standard_normal(2000) * 10.0 ** rng.integers(-300, 300, 2000),
            np.array([5e-324, 2.2250738585072014e-308, 1.7976931348623157e308]),
            np.array([0.1, 0.3, 1 / 3, 2 / 3, 1e23, 9007199254740993.0, -0.0]),
        ]
    )
    tokens = [repr(float(v)) for v in values] + ["1e-05", "1E5", ".5", "5.", "+2.5"]
    text = "".join(f"{1700000000000 + i} {t} {i}\n" for i, t in enumerate(tokens))
    (_ts, parsed, steps), bad, _ranked = parse_metric_text(text)
    assert bad == []
    expected = np.array([float(t) for t in tokens])
    assert parsed.view(np.int64).tolist() == expected.view(np.int64).tolist()
    assert steps.tolist() == list(range(len(tokens)))


IRREGULAR_FILES = [
    "1700000000000 0.5 0\n1700000000001 0.25 1\n",
    "1700000000000 3.5\n",  # pre-1.0: two fields
    "1700000000000 0.1 0 train ds abcdef\n",  # five fields
    "1700000000000 1.5 0\r\n1700000000001 2.5 1\r\n",
    "1700000000000 1.0 0\n\n1700000000001 2.0 1\n",  # a blank line inside
    "1700000000000 1.0 0\n17000",  # truncated last line, no newline
    "1700000000000 1.0 0\ngarbage here\n",
    "1700000000000  1.0 0\n",  # double blank
    f"1700000000000 1.0 {2**63}\n",  # step beyond int64
    "1700000000000 1.0 1.5\n",  # fractional step
    "",
    "\n",
    "1700000000000 nan 0\n1700000000000 inf 1\n1700000000000 -inf 2\n",
    "1700000000000 1.0 7",  # last line complete but unterminated
]


def _together(texts: list[str]):
    data = [t.encode() for t in texts]
    return parse_metric_files(data, lambda i: texts[i])


def _assert_same(text: str, parsed) -> None:
    (ts, values, steps), bad, _ = parsed
    (ts1, values1, steps1), bad1, _ = parse_metric_text(text)
    assert ts.tolist() == ts1.tolist()
    assert values.view(np.int64).tolist() == values1.view(np.int64).tolist()
    assert steps.tolist() == steps1.tolist()
    assert bad == bad1


@pytest.mark.parametrize("split", range(len(IRREGULAR_FILES)))
def test_parsing_files_together_equals_parsing_each_alone(split):
    # Any mix of regular and irregular files, in any position, parses as if alone.
    texts = IRREGULAR_FILES[split:] + IRREGULAR_FILES[:split]
    for text, parsed in zip(texts, _together(texts), strict=True):
        _assert_same(text, parsed)


def test_a_big_batch_with_a_few_irregular_files_parses_as_each_alone():
    # Big enough for pyarrow; the irregular files make it split the batch.
    rng = np.random.default_rng(3)
    texts = []
    for _ in range(300):
        lines = [
            f"{1700000000000 + s} {v!r} {s}\n"
            for s, v in enumerate(rng.standard_normal(40).tolist())
        ]
        texts.append("".join(lines))
    texts[17] = "1700000000000 0.5\n" + texts[17]  # a 2-field line first
    texts[150] = texts[150] + "garbage here\n"
    texts[151] = texts[151].replace(" 3\n", " 3.5\n", 1)  # a fractional step
    texts[299] = texts[299][:-5]  # truncated
    for text, parsed in zip(texts, _together(texts), strict=True):
        _assert_same(text, parsed)


def test_undecodable_bytes_reach_the_careful_parser_through_decode():
    data = [b"1700000000000 0.5 0\n", b"1700000000000 \xff 0\n"]
    asked = []

    def decode(i):
        asked.append(i)
        return data[i].decode("utf-8", errors="replace")

    ((first, _, _), (cols, bad, _)) = parse_metric_files(data, decode)
    assert {1} <= set(asked)  # the undecodable file went through decode
    assert first[1].tolist() == [0.5]
    assert cols[1].size == 0
    assert [number for number, _ in bad] == [1]


def test_regular_files_in_a_batch_keep_their_own_lines():
    texts = ["1700000000000 0.5 0\n1700000000001 0.25 1\n", "1700000000002 9.0 4\n"]
    (a, _, _), (b, _, _) = _together(texts)
    assert a[1].tolist() == [0.5, 0.25]
    assert a[2].tolist() == [0, 1]
    assert b[1].tolist() == [9.0]
    assert b[2].tolist() == [4]


def test_values_in_a_big_batch_are_exactly_what_python_reads():
    rng = np.random.default_rng(11)
    values = rng.standard_normal(20000) * 10.0 ** rng.integers(-300, 300, 20000)
    tokens = [repr(float(v)) for v in values] + ["nan", "inf", "-inf", "1e-05"]
    text = "".join(f"{1700000000000 + i} {t} {i}\n" for i, t in enumerate(tokens))
    ((_ts, parsed, _steps), bad, _) = _together([text, text])[1]
    assert bad == []
    expected = np.array([float(t) for t in tokens])
    assert parsed.view(np.int64).tolist() == expected.view(np.int64).tolist()


@pytest.mark.parametrize(
    ("stamps", "expected"),
    [
        ((1, 2, 3), 0.3),  # in time order: the last line
        ((1, 2, 2), 0.4),  # steps 1 and 2 in the same millisecond: the larger value
        ((1, 3, 2), 0.4),  # a later timestamp wins over a later step
    ],
)
def test_the_latest_of_dataset_lines_is_mlflows(tmp_path, stamps, expected):
    """MLflow 3's FileStore reads step 0 from 5-field lines (metrics logged with a
    dataset), so its latest value is the one of the latest timestamp; the history
    keeps the written steps."""
    import os

    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow.store.tracking.file_store import FileStore

    lines = "".join(
        f"{1700000000000 + t} {v} {step} train 1a2b3c\n"
        for step, (t, v) in enumerate(zip(stamps, (0.5, 0.4, 0.3), strict=True))
    )
    (tmp_path / "val_loss").write_text(lines, encoding="utf-8")
    theirs = FileStore._get_metric_from_file(str(tmp_path), "val_loss", "r", "0")
    h, bad = history(lines)
    assert bad == []
    assert h.values[h.latest_index] == theirs.value == expected
    assert h.steps.tolist() == [0, 1, 2]
