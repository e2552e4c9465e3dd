"""The fast meta.yaml reader agrees with PyYAML's safe loader or steps aside."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
import yaml

from desktop.sources.mlruns.flatyaml import parse_flat_yaml

DATA = Path(__file__).parent / "data"
TRICKY = [
    "",
    "0",
    "01",
    "017",
    "1_000",
    "1.5",
    ".5",
    "-.5",
    "+.5",
    "1e5",
    "1.0e+5",
    "12e3",
    "-1",
    "+3",
    "-0",
    "0x1A",
    "+0x1f",
    "0o17",
    "0b101",
    "1:20",
    "12:30:00",
    "190:20:30",
    "1:2:3.5",
    "yes",
    "No",
    "on",
    "OFF",
    "null",
    "~",
    "true",
    ".inf",
    "-.Inf",
    ".nan",
    "inf",
    "NaN",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    " lead",
    "trail ",
    "a: b",
    "a #b",
    "#x",
    "- x",
    "@x",
    "%x",
    "'q'",
    "q'q",
    '"',
    "[1]",
    "{a: 1}",
    "=",
    "<<",
    "1__0",
    "0.",
    "._",
    "1_",
    "_1",
    "1,000",
    "1_0.5",
    "6305205711d59d2462522530472a912b",
    "08b59664b8ceb8d55ee957abc98468e9",
    "file:///tmp/a b/c",
    "고객_이탈_예측",
    "a\tb",
]
ALPHABET = string.printable + "한글값ü€ '\":#-?[]{}&*!|>%@`,"


def _random_value(rng: random.Random) -> object:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(TRICKY)
    if pick < 0.5:
        return rng.randint(-(10**15), 10**15)
    if pick < 0.55:
        return "".join(rng.choice("0123456789abcdef") for _ in range(32))
    if pick < 0.65:
        return rng.random() * 10 ** rng.randint(-8, 8)
    if pick < 0.7:
        return None
    if pick < 0.75:
        return rng.choice([True, False])
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))


def test_random_flat_mappings_read_exactly_like_pyyaml():
    rng = random.Random(20261127)
    fast = 0
    for _ in range(4000):
        data = {f"key_{i}": _random_value(rng) for i in range(rng.randint(1, 8))}
        text = yaml.safe_dump(
            data, default_flow_style=False, allow_unicode=True, sort_keys=True
        )
        parsed = parse_flat_yaml(text)
        if parsed is None:
            continue
        fast += 1
        expected = yaml.safe_load(text)
        assert parsed == expected, text
        assert [type(v) for v in parsed.values()] == [
            type(v) for v in expected.values()
        ], text
    assert fast > 1000  # the fast path really is taken for ordinary files


@pytest.mark.parametrize("raw", TRICKY)
def test_plain_scalars_resolve_like_pyyaml_or_fall_back(raw):
    text = f"k: {raw}\n"
    parsed = parse_flat_yaml(text)
    if parsed is not None:
        expected = yaml.safe_load(text)
        assert parsed == expected
        assert type(parsed["k"]) is type(expected["k"])


def test_every_sample_meta_yaml_reads_the_same():
    files = sorted(DATA.rglob("meta.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        parsed = parse_flat_yaml(text)
        if parsed is not None:
            assert parsed == yaml.safe_load(text), path


@pytest.mark.parametrize(
    "text",
    [
        "tags:\n  a: 1\n",  # nested block
        "schema: '{\"a\":\n  1}'\n",  # folded continuation line
        "a: 1\na: 2\n",  # duplicate key
        'k: "double quoted"\n',
        "k: !!python/object:os.system x\n",  # tags are never handled here
        "- a\n- b\n",
    ],
)
def test_anything_unusual_is_left_to_pyyaml(text):
    assert parse_flat_yaml(text) is None
