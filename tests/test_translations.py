"""The Korean translation is complete, current with the code, and compiled.

No Qt is imported here: the checks read the ``.ts`` XML, scan the source with
``ast`` and run PySide6's ``lupdate``/``lrelease`` binaries through
``packaging/translations.py``.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.scripts import load_packaging_script

REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%[nvm]|%\d")

translations = load_packaging_script("translations")


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


@pytest.fixture(scope="module", params=translations.LANGUAGES)
def ts(request) -> Path:
    path = translations.ts_path(request.param)
    assert path.is_file(), f"{path} is missing: run packaging/translations.py update"
    return path


def test_every_message_is_translated(ts):
    messages = _messages(ts)
    assert len(messages) > 400
    unfinished = [
        f"{context}: {m.findtext('source')!r}"
        for context, m in messages
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
        or not all(text.strip() for text in _texts(m))
    ]
    assert not unfinished, "untranslated or obsolete:\n" + "\n".join(unfinished)


def test_placeholders_are_kept(ts):
    broken = []
    for context, m in _messages(ts):
        source = m.findtext("source") or ""
        for text in _texts(m):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                broken.append(f"{context}: {source!r} -> {text!r}")
    assert not broken, "placeholders differ:\n" + "\n".join(broken)


def test_accelerators_are_kept(ts):
    """A menu entry with ``&X`` keeps a mnemonic in its translation."""
    missing = [
        f"{context}: {m.findtext('source')!r}"
        for context, m in _messages(ts)
        if re.search(r"&\w", m.findtext("source") or "")
        and not any(re.search(r"&\w", t) for t in _texts(m))
    ]
    assert not missing


def test_every_translatable_string_in_the_source_is_in_the_ts(ts):
    """What the code asks Qt to translate, by context, is what the .ts holds.

    This also catches calls lupdate silently skips (``tr()`` inside an f-string,
    ``tr = self.tr`` aliases that lose the class context, a non-literal text).
    """
    in_ts = {(context, m.findtext("source")) for context, m in _messages(ts)}
    wanted: set[tuple[str, str]] = set()
    issues: list[str] = []
    for path in translations.source_files():
        found, problems = translations.source_messages(path)
        wanted |= found
        issues += problems
    assert not issues, "\n".join(issues)
    missing = sorted(wanted - in_ts)
    assert not missing, "not in the .ts (run update, then translate):\n" + "\n".join(
        f"{c}: {s!r}" for c, s in missing
    )
    unused = sorted(in_ts - wanted)
    assert not unused, "in the .ts but not asked for by the code:\n" + "\n".join(
        f"{c}: {s!r}" for c, s in unused
    )


def test_ts_and_qm_are_up_to_date():
    """lupdate into a copy changes nothing; lrelease gives the committed .qm."""
    assert translations.stale() == []


def test_a_new_untranslated_string_is_caught(tmp_path, monkeypatch):
    """The checks above fail when someone adds ``self.tr("new")`` and stops there."""
    source = tmp_path / "desktop"
    shutil.copytree(translations.SOURCE_DIR, source)
    (source / "ui" / "brand_new.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class BrandNew(QWidget):\n"
        "    def title(self):\n"
        '        return self.tr("A brand new string")\n',
        encoding="utf-8",
    )
    shutil.copytree(translations.TRANSLATIONS, tmp_path / "translations")
    monkeypatch.setattr(translations, "SOURCE_DIR", source)
    monkeypatch.setattr(translations, "TRANSLATIONS", tmp_path / "translations")
    monkeypatch.setattr(translations, "REPO", tmp_path)
    assert "mlflow_desktop_ko.ts is not up to date: run update" in translations.stale()
    translations.update()
    added = [
        m
        for context, m in _messages(translations.ts_path("ko"))
        if context == "BrandNew"
    ]
    assert [m.findtext("source") for m in added] == ["A brand new string"]
    assert added[0].find("translation").get("type") == "unfinished"


def test_english_has_a_singular_and_a_plural_for_every_count():
    """Counts use Qt's plural forms: "1 run", "2 runs", "1 group" (Korean has one
    form)."""
    korean = {
        (context, m.findtext("source"))
        for context, m in _messages(translations.ts_path("ko"))
        if m.get("numerus") == "yes"
    }
    assert korean
    english = {
        (context, m.findtext("source")): _texts(m)
        for context, m in _messages(translations.ts_path("en"))
    }
    assert set(english) == korean
    for (context, source), (one, many) in english.items():
        assert many == source, context
        assert one != many, (context, one)
        assert re.search(r"\b(run|group)\b", one), (context, one)
    for context, m in _messages(translations.ts_path("ko")):
        if m.get("numerus") == "yes":
            assert len(_texts(m)) == 1, (context, m.findtext("source"))
