"""Keep the UI translations in step with the source code.

Usage (from the repository root)::

    uv run python packaging/translations.py update    # lupdate desktop/ into the .ts
    uv run python packaging/translations.py compile   # lrelease the .ts into the .qm
    uv run python packaging/translations.py check     # fail if either is stale

``update`` runs ``pyside6-lupdate`` over every ``.py`` file below ``desktop/``: new
strings are added as unfinished, translated ones are kept, strings gone from the
code are dropped. Source locations are not stored, so the ``.ts`` only changes when
strings do. Translate the unfinished entries (Qt Linguist: ``pyside6-linguist``, or
any editor), then ``compile``. The compiled ``.qm`` files are kept in the
repository so that ``uv run mlflow-desktop`` works from a checkout;
``tests/test_translations.py`` fails when they are out of date.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO / "desktop"
TRANSLATIONS = REPO / "resources" / "translations"
CATALOG = "mlflow_desktop"
LANGUAGES = ("ko",)
PLURAL_ONLY = ("en",)
"""Catalogs of the plural forms only ("1 run", "2 runs"): English is the source."""


def _tool(name: str) -> str:
    """The lupdate/lrelease binary shipped inside the PySide6 wheel."""
    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / (
        f"{name}.exe" if os.name == "nt" else name
    )
    if not exe.exists():
        sys.exit(f"{exe} not found: install PySide6 (uv sync)")
    return os.fspath(exe)


def ts_path(language: str) -> Path:
    """The translation source of ``language``."""
    return TRANSLATIONS / f"{CATALOG}_{language}.ts"


def qm_path(language: str) -> Path:
    """The compiled translation of ``language``."""
    return TRANSLATIONS / f"{CATALOG}_{language}.qm"


def source_files() -> list[Path]:
    """Every Python file lupdate reads."""
    return sorted(SOURCE_DIR.rglob("*.py"))


def lupdate(ts: Path, language: str) -> None:
    """Merge the strings of :func:`source_files` into ``ts`` (created if missing).

    For a :data:`PLURAL_ONLY` language only the messages with plural forms.
    """
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.lst"
        listing.write_text(
            "\n".join(os.fspath(p) for p in source_files()), encoding="utf-8"
        )
        subprocess.run(
            [
                _tool("lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                language,
                *(["-pluralonly"] if language in PLURAL_ONLY else []),
                f"@{listing}",
                "-ts",
                os.fspath(ts),
            ],
            check=True,
        )


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` (unfinished entries are left out)."""
    subprocess.run(
        [_tool("lrelease"), "-silent", os.fspath(ts), "-qm", os.fspath(qm)],
        check=True,
    )


def update(languages: tuple[str, ...] = LANGUAGES + PLURAL_ONLY) -> None:
    """Bring every ``.ts`` in step with the source code."""
    for language in languages:
        lupdate(ts_path(language), language)
        print(ts_path(language).relative_to(REPO))


def compile_all(languages: tuple[str, ...] = LANGUAGES + PLURAL_ONLY) -> None:
    """Compile every ``.ts`` into its ``.qm``."""
    for language in languages:
        lrelease(ts_path(language), qm_path(language))
        print(qm_path(language).relative_to(REPO))


def stale(languages: tuple[str, ...] = LANGUAGES + PLURAL_ONLY) -> list[str]:
    """What ``update`` or ``compile`` would change, as sentences (empty: all good)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in languages:
            ts, qm = ts_path(language), qm_path(language)
            if not ts.exists():
                problems.append(f"{ts.name} is missing: run update")
                continue
            fresh_ts = Path(tmp) / ts.name
            fresh_ts.write_bytes(ts.read_bytes())
            lupdate(fresh_ts, language)
            if fresh_ts.read_bytes() != ts.read_bytes():
                problems.append(f"{ts.name} is not up to date: run update")
            fresh_qm = Path(tmp) / qm.name
            lrelease(ts, fresh_qm)
            if not qm.exists() or not filecmp.cmp(fresh_qm, qm, shallow=False):
                problems.append(f"{qm.name} is not up to date: run compile")
    return problems


_CLASS_CONTEXT = {"tr", "QT_TR_NOOP"}
_EXPLICIT_CONTEXT = {"translate", "QT_TRANSLATE_NOOP"}


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _literal(node: ast.AST | None) -> str | None:
    return (
        node.value
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        else None
    )


def source_messages(path: Path) -> tuple[set[tuple[str, str]], list[str]]:
    """The (context, text) pairs a file asks Qt to translate at run time, and
    calls lupdate cannot extract (text not a literal, e.g. an f-string).

    Contexts follow PySide6: ``self.tr`` uses the enclosing class's name.
    """
    found: set[tuple[str, str]] = set()
    issues: list[str] = []

    def visit(node: ast.AST, cls: str) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call):
            name, args = _call_name(node), node.args
            if name in _CLASS_CONTEXT and args:
                context, text = cls, _literal(args[0])
            elif name in _EXPLICIT_CONTEXT and len(args) >= 2 and _literal(args[0]):
                # a non-literal context is a deliberate run-time lookup
                context, text = _literal(args[0]) or "", _literal(args[1])
            else:
                context, text = "", ""
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if text is None:
                issues.append(f"{where}: {name}() needs a literal string")
            elif text:
                found.add((context, text))
        for child in ast.iter_child_nodes(node):
            visit(child, cls)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found, issues


def main(argv: list[str] | None = None) -> int:
    """Run one of update, compile, check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("update", "compile", "check"))
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    else:
        problems = stale()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
