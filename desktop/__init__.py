"""mlflow-desktop: a fast, offline desktop app for MLflow experiments."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mlflow-desktop")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0+unknown"
