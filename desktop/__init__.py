"""mlflow-desktop: a fast, offline desktop app for MLflow experiments."""

from __future__ import annotations

DIST = "mlflow_desktop"


def __getattr__(name: str) -> str:
    # The version is read from the package metadata on first use.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = _version_from_dist_info() or _version_from_importlib()
    globals()["__version__"] = value
    return value


def _version_from_dist_info() -> str | None:
    """The ``Version:`` of the first ``mlflow_desktop-*.dist-info`` on ``sys.path``.

    Where ``importlib.metadata`` looks first, without importing it (30-100 ms,
    which ``--version``, every launch and every import worker would pay).
    """
    import os
    import sys

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.startswith(DIST + "-") and folder.endswith(".dist-info"):
                try:
                    with open(
                        os.path.join(entry, folder, "METADATA"), encoding="utf-8"
                    ) as metadata:
                        for line in metadata:
                            if line.startswith("Version:"):
                                return line.partition(":")[2].strip()
                            if not line.strip():  # end of the headers
                                break
                except OSError:
                    continue
    return None


def _version_from_importlib() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mlflow-desktop")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0+unknown"
