"""Errors of cloud artifact access, with translatable messages that name the
bucket and never carry credentials."""

from __future__ import annotations

from desktop.core.i18n import QT_TRANSLATE_NOOP, Text


class CloudError(Exception):
    """Listing or downloading from a bucket failed; ``args[0]`` says why (a
    translatable :class:`~desktop.core.i18n.Text`)."""


class MissingExtra(CloudError):
    """The client library of a storage service is not installed."""


EXTRAS = {
    "gs": ("gcs", "Google Cloud Storage", "google-cloud-storage"),
    "azure": ("azure", "Azure Blob Storage", "azure-storage-blob, azure-identity"),
}


def missing_extra(service: str) -> MissingExtra:
    """The error saying which optional extra reads ``service`` (``gs``/``azure``)."""
    extra, name, packages = EXTRAS[service]
    return MissingExtra(install_hint(extra, name, packages))


def install_hint(extra: str, name: str, packages: str) -> Text:
    """What to install to read artifacts stored in ``name``."""
    return QT_TRANSLATE_NOOP(
        "Artifacts",
        "Reading artifacts stored in {1} needs the optional extra '{0}' "
        "({2}), which is not installed. From a source checkout run "
        "'uv sync --extra {0}' (or 'pip install \"mlflow-desktop[{0}]\"'), "
        "then restart mlflow-desktop.",
    ).format(extra, name, packages)
