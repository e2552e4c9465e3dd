"""mlflow-desktop: a fast, offline desktop app for MLflow experiments."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is read from the package metadata on first use: importing
    # importlib.metadata costs ~90 ms, which every import worker would pay too.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("mlflow-desktop")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        value = "0.0.0+unknown"
    globals()["__version__"] = value
    return value
