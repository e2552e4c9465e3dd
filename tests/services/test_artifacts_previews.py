"""Preview kinds, text decoding and chunked reading, CSV/TSV batches."""

from __future__ import annotations

import codecs

import pytest

from desktop.services.previews import (
    PreviewKind,
    detect_kind,
    pretty_json,
    read_table_chunk,
    read_text_chunk,
    sniff_delimiter,
    sniff_encoding,
    text_type,
)


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("plot.png", b"\x89PNG\r\n\x1a\n\x00\x00", PreviewKind.IMAGE),
        ("noext", b"\x89PNG\r\n\x1a\n\x00\x00", PreviewKind.IMAGE),
        ("d.svg", b"<svg/>", PreviewKind.IMAGE),
        ("a.csv", b"a,b\n1,2\n", PreviewKind.TABLE),
        ("a.TSV", b"a\tb\n", PreviewKind.TABLE),
        ("README.md", b"# x", PreviewKind.MARKDOWN),
        ("r.html", b"<html>", PreviewKind.HTML),
        ("MLmodel", b"flavors:\n", PreviewKind.TEXT),
        ("requirements.txt", b"mlflow\n", PreviewKind.TEXT),
        ("train.log", b"INFO\n", PreviewKind.TEXT),
        ("model.pkl", b"\x80\x04\x95", PreviewKind.PICKLE),
        ("blob", b"\x80\x05\x95\x00", PreviewKind.PICKLE),
        ("weights.bin", b"\x00\x01\x02", PreviewKind.BINARY),
        ("data.parquet", b"PAR1", PreviewKind.BINARY),
        ("u16.txt", codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), PreviewKind.TEXT),
    ],
)
def test_kinds_come_from_names_and_first_bytes(name, head, kind):
    assert detect_kind(name, head, len(head)) is kind


def test_empty_files_and_text_types():
    assert detect_kind("x.txt", b"", 0) is PreviewKind.EMPTY
    assert text_type("MLmodel") == "MLmodel (YAML)"
    assert text_type("conda.yaml") == "Conda environment"
    assert text_type("params.json") == "JSON"
    assert text_type("notes") == "Text"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"plain ascii\n", "utf-8"),
        ("한국어 UTF-8\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + b"bom", "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "x".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "utf-16-be"),
        ("한국어 텍스트\n".encode("cp949"), "cp949"),
        ("café crème\n".encode("latin-1"), "latin-1"),
    ],
)
def test_encodings_are_sniffed(data, encoding):
    assert sniff_encoding(data) == encoding


def test_a_utf8_character_cut_at_the_chunk_end_is_not_held_against_utf8():
    data = "가나다".encode()[:-1]
    assert sniff_encoding(data, complete=False) == "utf-8"
    assert sniff_encoding(data, complete=True) != "utf-8"


def _read_all(path, limit):
    chunk = read_text_chunk(str(path), limit=limit)
    parts = [chunk]
    while not chunk.complete:
        chunk = read_text_chunk(str(path), chunk.end, chunk.encoding, limit)
        assert chunk.end > parts[-1].end
        parts.append(chunk)
    return parts


@pytest.mark.parametrize("encoding", ["utf-8", "cp949", "utf-16-le", "utf-8-sig"])
def test_chunks_join_into_exactly_the_file_text(tmp_path, encoding):
    extra = "" if encoding == "cp949" else " — ünïcode ✓"
    lines = [f"{i:05d} 한국어 줄{extra} {'x' * (i % 37)}" for i in range(3000)]
    text = "\n".join(lines) + "\n"
    path = tmp_path / "long.txt"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    path.write_bytes(data)
    parts = _read_all(path, 4096)
    assert len(parts) > 10
    assert "".join(p.text for p in parts) == text
    assert parts[0].encoding == ("utf-16-le" if encoding == "utf-16-le" else encoding)
    assert all(p.text.endswith("\n") for p in parts)  # cut after line breaks


def test_a_single_long_line_is_cut_on_character_boundaries(tmp_path):
    text = "가" * 10_000
    path = tmp_path / "one-line.txt"
    path.write_bytes(text.encode())
    parts = _read_all(path, 1000)
    assert "".join(p.text for p in parts) == text
    assert "\ufffd" not in "".join(p.text for p in parts)


def test_crlf_becomes_newlines_and_the_label_names_the_encoding(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("첫째 줄\r\n둘째 줄\r\n".encode("cp949"))
    chunk = read_text_chunk(str(path))
    assert chunk.text == "첫째 줄\n둘째 줄\n"
    assert chunk.encoding_label == "CP949 (Korean)"
    assert chunk.complete
    assert chunk.size == path.stat().st_size


def test_minified_json_is_formatted_but_other_text_is_not():
    minified = '{"a": 1, "b": [1, 2, 3], "name": "모델", "nested": {"x": true}}' * 1
    minified = minified.replace("}", ', "pad": "' + "p" * 40 + '"}', 1)
    formatted = pretty_json(minified)
    assert formatted is not None
    assert '\n  "a": 1' in formatted
    assert "모델" in formatted
    assert pretty_json('{\n  "a": 1\n}\n' + " " * 100) is None
    assert pretty_json("not json " * 20) is None


def test_tables_are_read_in_batches_resuming_where_they_stopped(tmp_path):
    path = tmp_path / "m.csv"
    rows = ['0,"a, with comma",x'] + [f"{i},v{i},y" for i in range(1, 25_001)]
    path.write_text("step,value,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    first = read_table_chunk(str(path))
    assert first.header == ("step", "value", "kind")
    assert first.delimiter == ","
    assert len(first.rows) == 10_000
    assert first.rows[0] == ["0", "a, with comma", "x"]
    assert not first.complete
    second = read_table_chunk(
        str(path),
        first.position,
        header=first.header,
        delimiter=first.delimiter,
        encoding=first.encoding,
    )
    assert second.rows[0] == ["10000", "v10000", "y"]
    assert not second.complete
    third = read_table_chunk(
        str(path), second.position, delimiter=",", encoding=first.encoding
    )
    assert len(third.rows) == 5_001
    assert third.rows[-1] == ["25000", "v25000", "y"]
    assert third.complete


def test_exactly_one_full_batch_is_complete(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("a\n" + "".join(f"{i}\n" for i in range(10)), encoding="utf-8")
    chunk = read_table_chunk(str(path), max_rows=10)
    assert len(chunk.rows) == 10
    assert chunk.complete


def test_delimiters_are_sniffed_and_korean_csv_decoded(tmp_path):
    assert sniff_delimiter("a;b;c\n1;2;3\n4;5;6\n", "x.csv") == ";"
    assert sniff_delimiter("a,b\n", "x.tsv") == "\t"
    path = tmp_path / "k.csv"
    path.write_bytes("이름,점수\n홍길동,90\n".encode("cp949"))
    chunk = read_table_chunk(str(path))
    assert chunk.header == ("이름", "점수")
    assert chunk.rows == [["홍길동", "90"]]
    assert chunk.encoding_label == "CP949 (Korean)"
