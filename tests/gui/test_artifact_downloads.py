"""Server-file previews download one at a time; only the newest reports progress."""

from __future__ import annotations

from types import SimpleNamespace

from desktop.ui.detail import artifact_downloads
from desktop.ui.detail.artifact_downloads import PreviewDownloads


def node(path: str, *, is_dir: bool = False, size: int | None = 10):
    entry = SimpleNamespace(is_dir=is_dir, size=size)
    return SimpleNamespace(path=path, name=path.rsplit("/", 1)[-1], entry=entry)


def test_a_new_download_cancels_the_previous_one_and_owns_the_progress(
    qtbot, monkeypatch
) -> None:
    def fake_preview(server, root, path, name, size, progress, cancelled, tables):
        return path, size, progress, cancelled

    monkeypatch.setattr(artifact_downloads.loading, "load_remote_preview", fake_preview)
    downloads = PreviewDownloads()
    seen: list[tuple[object, object]] = []
    downloads.progress.connect(lambda done, total: seen.append((done, total)))

    path, size, old_progress, old_cancelled = downloads.preview_work(
        None, None, node("a/model.pkl", size=10)
    )()
    assert (path, size, old_cancelled()) == ("a/model.pkl", 10, False)
    old_progress(4, 10)
    assert seen == [(4, 10)]

    _path, _size, progress, cancelled = downloads.preview_work(
        None, None, node("b.txt", size=None)
    )()
    assert old_cancelled()
    assert not cancelled()
    old_progress(8, 10)  # the old download's late progress is dropped
    progress(3, None)
    assert seen == [(4, 10), (3, None)]


def test_a_server_folder_is_listed_not_downloaded(monkeypatch) -> None:
    monkeypatch.setattr(
        artifact_downloads.loading,
        "load_remote_folder",
        lambda server, root, path, name: ("folder", path, name),
    )
    work = PreviewDownloads().preview_work(None, None, node("a/b", is_dir=True))
    assert work() == ("folder", "a/b", "b")
