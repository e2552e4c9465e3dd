"""Safe artifact paths: refusals, listings, walks and copies (no MLflow needed)."""

from __future__ import annotations

import os

import pytest

from desktop.services.artifact_browser import (
    ArtifactError,
    PathRefused,
    copy_out,
    explain_missing,
    folder_summary,
    format_size,
    list_folder,
    locate_root,
    natural_key,
    resolve_inside,
)


@pytest.fixture
def tree(tmp_path):
    """root/{a.txt, sub/b.txt, sub/inner_link -> ../a.txt, out_link -> ../secret,
    out_dir -> ../private/, broken -> missing}; secret and private/ are outside."""
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.txt").write_text("bb")
    (tmp_path / "secret").write_text("secret")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "key").write_text("key")
    os.symlink("../a.txt", root / "sub" / "inner_link")
    os.symlink(tmp_path / "secret", root / "out_link")
    os.symlink(tmp_path / "private", root / "out_dir", target_is_directory=True)
    os.symlink(root / "missing", root / "broken")
    return root


@pytest.mark.parametrize(
    ("relative", "reason"),
    [
        ("../secret", "'..'"),
        ("sub/../../secret", "'..'"),
        ("/etc/passwd", "absolute"),
        ("out_link", "outside"),
        ("out_dir/key", "outside"),
    ],
)
def test_paths_leaving_the_root_are_refused_with_the_path_named(tree, relative, reason):
    with pytest.raises(PathRefused) as refused:
        resolve_inside(str(tree), relative)
    assert relative in str(refused.value)
    assert reason in str(refused.value)


def test_paths_inside_the_root_resolve_including_inside_links(tree):
    assert resolve_inside(str(tree), "sub/b.txt") == str(tree / "sub" / "b.txt")
    assert resolve_inside(str(tree), "sub/inner_link") == str(tree / "a.txt")
    assert resolve_inside(str(tree), "./sub//b.txt") == str(tree / "sub" / "b.txt")
    assert resolve_inside(str(tree), "") == str(tree)
    # ".." inside a name is an ordinary name, not a parent reference
    (tree / "v1..v2.txt").write_text("x")
    assert resolve_inside(str(tree), "v1..v2.txt").endswith("v1..v2.txt")


def test_listing_marks_links_and_never_follows_them_out(tree):
    entries = {e.name: e for e in list_folder(str(tree))}
    assert next(e.name for e in list_folder(str(tree))) == "sub"  # folders first
    assert entries["a.txt"].size == 1
    assert entries["a.txt"].link == ""
    assert entries["out_link"].link == "outside"
    assert not entries["out_link"].openable
    assert entries["out_link"].target == str(tree.parent / "secret")
    assert entries["out_dir"].link == "outside"
    assert not entries["out_dir"].is_dir
    assert entries["broken"].link == "broken"
    inner = {e.name: e for e in list_folder(str(tree), "sub")}
    assert inner["inner_link"].link == "inside"
    assert inner["inner_link"].openable
    assert inner["b.txt"].path == "sub/b.txt"
    assert inner["b.txt"].mtime is not None
    with pytest.raises(PathRefused):
        list_folder(str(tree), "out_dir")
    with pytest.raises(ArtifactError, match="does not exist"):
        list_folder(str(tree), "nope")


def test_summary_and_copy_skip_links_pointing_outside(tree, tmp_path):
    summary = folder_summary(str(tree))
    assert (summary.files, summary.size) == (3, 1 + 2 + 1)  # a, sub/b, inner_link
    assert summary.skipped_links == 3
    assert summary.folders == 1
    assert not summary.truncated
    target = tmp_path / "copy"
    report = copy_out(str(tree), "", str(target))
    assert report.files == 3
    assert set(report.skipped) == {"out_link", "out_dir", "broken"}
    assert (target / "sub" / "b.txt").read_text() == "bb"
    assert not (target / "out_link").exists()
    assert not (target / "out_dir").exists()
    single = tmp_path / "b-copy.txt"
    assert copy_out(str(tree), "sub/b.txt", str(single)).files == 1
    assert single.read_text() == "bb"
    with pytest.raises(ArtifactError, match="already exists"):
        copy_out(str(tree), "sub", str(target))
    with pytest.raises(ArtifactError, match="into itself"):
        copy_out(str(tree), "", str(tree / "sub" / "again"))
    with pytest.raises(PathRefused):
        copy_out(str(tree), "out_link", str(tmp_path / "leak"))


def test_roots_explain_why_they_cannot_be_shown(tmp_path):
    here = locate_root("run", "Run", "file:///x", str(tmp_path), "runs:/r")
    assert here.path == str(tmp_path)
    assert here.problem is None
    gone = locate_root("run", "Run", "file:///x", str(tmp_path / "gone"), "runs:/r")
    assert gone.path is None
    assert "no longer exists" in gone.problem
    assert str(tmp_path / "gone") in gone.problem
    s3 = explain_missing("s3://bucket/a/b/artifacts", None)
    assert "Amazon S3" in s3
    assert "bucket" in s3
    assert "s3://bucket/a/b" in s3
    proxied = explain_missing("mlflow-artifacts:/1/abc/artifacts", None)
    assert "tracking server" in proxied
    assert "mlartifacts" in proxied
    assert "no artifact location" in explain_missing(None, None)
    assert "does not exist" in explain_missing("/nowhere/artifacts", None)
    assert "Windows" in explain_missing("file:///C:/mlruns/1/r/artifacts", None)
    # an empty local folder standing in for remote artifacts is explained
    empty = tmp_path / "empty"
    empty.mkdir()
    remote = locate_root("run", "Run", "s3://b/p", str(empty), "runs:/r")
    assert remote.path is None
    assert "Amazon S3" in remote.problem
    (empty / "downloaded.txt").write_text("x")
    local_copy = locate_root("run", "Run", "s3://b/p", str(empty), "runs:/r")
    assert local_copy.path == str(empty)


def test_natural_order_and_sizes():
    names = ["epoch_10", "Epoch_2", "epoch_1", "b"]
    assert sorted(names, key=natural_key) == ["b", "epoch_1", "Epoch_2", "epoch_10"]
    assert format_size(1) == "1 byte"
    assert format_size(532) == "532 bytes"
    assert format_size(12_700) == "12.4 KB"
    assert format_size(3 * 1024 * 1024) == "3.0 MB"
    assert format_size(1024 * 1024 - 40) == "1.0 MB"
    assert format_size(1023) == "1023 bytes"
    assert format_size(None) == ""
