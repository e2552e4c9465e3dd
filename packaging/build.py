"""Build the one-folder application with PyInstaller.

Usage (from the repository root)::

    uv run python packaging/build.py [--dist dist] [--work build] [--clean]

Renders the icons first when they are missing, runs PyInstaller on
``packaging/mlflow-desktop.spec`` and prints the built program and the folder size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
SPEC = PACKAGING / "mlflow-desktop.spec"
NAME = "mlflow-desktop"


def folder_size(path: Path) -> int:
    """Bytes of every file below ``path`` (links not followed)."""
    return sum(
        p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink()
    )


def program_path(dist: Path) -> Path:
    """The built program in ``dist`` for this platform."""
    if sys.platform == "darwin":
        return dist / f"{NAME}.app" / "Contents" / "MacOS" / NAME
    suffix = ".exe" if sys.platform == "win32" else ""
    return dist / NAME / f"{NAME}{suffix}"


def ensure_icons() -> None:
    """Render the icons from the SVG when a build needs them and they are missing."""
    icons = REPO / "resources" / "icons"
    needed = [icons / f"{NAME}-256.png", icons / f"{NAME}.ico", icons / f"{NAME}.icns"]
    if all(p.is_file() for p in needed):
        return
    sys.path.insert(0, str(PACKAGING))
    from make_icons import make_icons

    make_icons(icons / f"{NAME}.svg", icons)


def strip_interpreter(folder: Path) -> int:
    """Strip symbol tables from the bundled Python's libraries; return bytes saved.

    Only libpython and ``lib-dynload``: the libraries shipped inside wheels
    (``*.libs``) are patched with patchelf and break when stripped.
    """
    strip = shutil.which("strip")
    if strip is None or not sys.platform.startswith("linux"):
        return 0
    internal = folder / "_internal"
    targets = [
        *internal.glob("libpython*.so*"),
        *internal.glob("python3*/lib-dynload/*.so"),
    ]
    before = sum(p.stat().st_size for p in targets)
    for path in targets:
        subprocess.run([strip, "--strip-unneeded", str(path)], check=True)
    return before - sum(p.stat().st_size for p in targets)


def build(dist: Path, work: Path, *, clean: bool = False, quiet: bool = False) -> Path:
    """Run PyInstaller; return the built program."""
    import PyInstaller.__main__

    ensure_icons()
    args = [
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        args.append("--clean")
    if quiet:
        args += ["--log-level", "WARN"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # hooks import Qt
    PyInstaller.__main__.run(args)
    program = program_path(dist)
    if not program.is_file():
        raise SystemExit(f"build.py: PyInstaller did not produce {program}")
    strip_interpreter(program.parent)
    return program


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--work", type=Path, default=REPO / "build")
    parser.add_argument(
        "--clean", action="store_true", help="empty PyInstaller's cache"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="warnings only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    program = build(
        args.dist.resolve(), args.work.resolve(), clean=args.clean, quiet=args.quiet
    )
    folder = program.parents[2] if sys.platform == "darwin" else program.parent
    seconds = time.perf_counter() - started
    size = folder_size(folder)
    print(f"built {program}")
    print(f"  folder {folder}: {size / 2**20:.0f} MiB, in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
