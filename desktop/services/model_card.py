"""A model card for an MLflow model folder, read from its ``MLmodel`` file.

Only text files are read (``MLmodel`` with ``yaml.safe_load``, the input example,
``requirements.txt``); model files themselves, pickled or not, are never loaded.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass

import yaml

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.services.artifact_browser import (
    ArtifactError,
    PathRefused,
    folder_summary,
    list_folder,
    resolve_inside,
)
from desktop.services.previews import (
    PICKLE_EXTENSIONS,
    extension,
    format_json,
    sniff_encoding,
)
from desktop.sources.safe_files import open_regular

MLMODEL = "MLmodel"
MAX_MLMODEL_BYTES = 1 << 20
MAX_EXAMPLE_BYTES = 64 * 1024
MAX_REQUIREMENTS = 200


class ModelCardError(ArtifactError):
    """A folder has no readable ``MLmodel``."""


@dataclass(frozen=True, slots=True)
class SignatureField:
    """One input, output or parameter of a model signature."""

    name: str
    type: str
    shape: str = ""
    required: bool = True
    default: str = ""


@dataclass(frozen=True, slots=True)
class Flavor:
    """A model flavor with its settings, e.g. ``sklearn`` and ``sklearn_version``."""

    name: str
    settings: tuple[tuple[str, str], ...]

    def setting(self, key: str) -> str | None:
        """The value of one setting, if present."""
        return dict(self.settings).get(key)


@dataclass(frozen=True, slots=True)
class ModelCard:
    """What an ``MLmodel`` folder holds and how to load it.

    ``inputs``/``outputs`` are ``None`` when the model has no signature;
    ``examples`` holds ``(file name, text)`` of the saved input examples.
    """

    path: str
    load_uri: str
    flavors: tuple[Flavor, ...]
    inputs: tuple[SignatureField, ...] | None
    outputs: tuple[SignatureField, ...] | None
    params: tuple[SignatureField, ...]
    examples: tuple[tuple[str, str], ...]
    python_version: str | None
    mlflow_version: str | None
    model_uuid: str | None
    model_id: str | None
    run_id: str | None
    created: str | None
    model_size_bytes: int | None
    total_size: int
    file_count: int
    requirements: tuple[str, ...]
    pickled_files: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def flavor_names(self) -> tuple[str, ...]:
        """Flavor names in ``MLmodel`` order."""
        return tuple(f.name for f in self.flavors)

    @property
    def snippet(self) -> str:
        """Python code that loads the model with MLflow."""
        literal = json.dumps(self.load_uri, ensure_ascii=False)
        names = self.flavor_names
        if "python_function" in names or not names:
            return (
                "import mlflow\n\n"
                f"model = mlflow.pyfunc.load_model({literal})\n"
                "predictions = model.predict(data)\n"
            )
        flavor = names[0]
        module = flavor if flavor.isidentifier() else "pyfunc"
        return f"import mlflow\n\nmodel = mlflow.{module}.load_model({literal})\n"


def is_model_folder(root: str, relative: str) -> bool:
    """Whether the folder at ``relative`` holds an ``MLmodel`` file (inside root)."""
    try:
        path = resolve_inside(root, _join(relative, MLMODEL))
    except PathRefused:
        return False
    return os.path.isfile(path)


def read_model_card(root: str, relative: str, load_uri: str) -> ModelCard:
    """Read the model folder at ``relative`` below ``root``.

    Raises :class:`ModelCardError` when there is no readable ``MLmodel`` and
    :class:`PathRefused` for a path outside the root.
    """
    folder = resolve_inside(root, relative)
    data = _load_mlmodel(root, relative)
    problems: list[str] = []
    flavors = _flavors(data.get("flavors"))
    signature = data.get("signature")
    inputs = outputs = None
    params: tuple[SignatureField, ...] = ()
    if isinstance(signature, dict):
        inputs = _schema(
            signature.get("inputs"),
            QT_TRANSLATE_NOOP("ModelCard", "inputs"),
            problems,
        )
        outputs = _schema(
            signature.get("outputs"),
            QT_TRANSLATE_NOOP("ModelCard", "outputs"),
            problems,
        )
        params = (
            _schema(
                signature.get("params"),
                QT_TRANSLATE_NOOP("ModelCard", "params"),
                problems,
            )
            or ()
        )
    pyfunc = next((f for f in flavors if f.name == "python_function"), None)
    python_version = pyfunc.setting("python_version") if pyfunc else None
    summary = folder_summary(root, relative)
    return ModelCard(
        path=folder,
        load_uri=load_uri,
        flavors=flavors,
        inputs=inputs,
        outputs=outputs,
        params=params,
        examples=_examples(root, relative, data.get("saved_input_example_info")),
        python_version=python_version,
        mlflow_version=_text(data.get("mlflow_version")),
        model_uuid=_text(data.get("model_uuid")),
        model_id=_text(data.get("model_id")),
        run_id=_text(data.get("run_id")),
        created=_text(data.get("utc_time_created")),
        model_size_bytes=_int(data.get("model_size_bytes")),
        total_size=summary.size,
        file_count=summary.files,
        requirements=_requirements(root, relative),
        pickled_files=_pickled_files(root, relative),
        problems=tuple(problems),
    )


def _join(relative: str, name: str) -> str:
    relative = relative.strip("/")
    return f"{relative}/{name}" if relative else name


def _load_mlmodel(root: str, relative: str) -> dict:
    path = resolve_inside(root, _join(relative, MLMODEL))
    try:
        with open_regular(path) as handle:
            raw = handle.read(MAX_MLMODEL_BYTES + 1)
    except FileNotFoundError as exc:
        raise ModelCardError(
            QT_TRANSLATE_NOOP("ModelCard", "There is no MLmodel file in {0}.").format(
                relative or "/"
            )
        ) from exc
    except OSError as exc:
        raise ModelCardError(
            QT_TRANSLATE_NOOP("ModelCard", "Cannot read {0}: {1}.").format(
                path, exc.strerror or exc
            )
        ) from exc
    if len(raw) > MAX_MLMODEL_BYTES:
        raise ModelCardError(
            QT_TRANSLATE_NOOP(
                "ModelCard", "{0} is too large to be an MLmodel file."
            ).format(path)
        )
    try:
        data = yaml.safe_load(raw.decode(sniff_encoding(raw), errors="replace"))
    except yaml.YAMLError as exc:
        raise ModelCardError(
            QT_TRANSLATE_NOOP("ModelCard", "{0} is not valid YAML: {1}").format(
                path, exc
            )
        ) from exc
    if not isinstance(data, dict):
        raise ModelCardError(
            QT_TRANSLATE_NOOP("ModelCard", "{0} does not describe a model.").format(
                path
            )
        )
    return data


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: object) -> int | None:
    try:
        return int(value) if value is not None else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _flavors(value: object) -> tuple[Flavor, ...]:
    if not isinstance(value, dict):
        return ()
    flavors = []
    for name, config in value.items():
        settings: list[tuple[str, str]] = []
        if isinstance(config, dict):
            for key, item in config.items():
                if item is None or isinstance(item, dict | list):
                    continue
                settings.append((str(key), str(item)))
        flavors.append(Flavor(str(name), tuple(settings)))
    return tuple(flavors)


def _schema(
    value: object, what: str, problems: list[str]
) -> tuple[SignatureField, ...] | None:
    """Parse a signature schema (a JSON string in MLmodel) into fields."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            problems.append(
                QT_TRANSLATE_NOOP(
                    "ModelCard", "The signature {0} are not valid JSON."
                ).format(what)
            )
            return None
    if isinstance(value, dict) and isinstance(value.get("params"), list):
        value = value["params"]
    if not isinstance(value, list):
        problems.append(
            QT_TRANSLATE_NOOP(
                "ModelCard", "The signature {0} have an unknown layout."
            ).format(what)
        )
        return None
    return tuple(_field(spec) for spec in value if isinstance(spec, dict))


def _field(spec: dict) -> SignatureField:
    shape = ""
    if spec.get("type") == "tensor":
        tensor = spec.get("tensor-spec") or {}
        kind = f"tensor<{tensor.get('dtype', '?')}>"
        dims = tensor.get("shape")
        if isinstance(dims, list):
            shape = "(" + ", ".join(str(d) for d in dims) + ")"
    else:
        kind = type_text(spec)
        if isinstance(spec.get("shape"), list):
            shape = "(" + ", ".join(str(d) for d in spec["shape"]) + ")"
    default = spec.get("default")
    return SignatureField(
        str(spec.get("name") or ""),
        kind,
        shape,
        bool(spec.get("required", True)),
        "" if default is None else json.dumps(default, ensure_ascii=False),
    )


def type_text(spec: object) -> str:
    """A compact type name: ``double``, ``array<string>``, ``object{a: long}``."""
    if not isinstance(spec, dict):
        return str(spec)
    kind = spec.get("type", "?")
    if kind == "array":
        return f"array<{type_text(spec.get('items'))}>"
    if kind == "map":
        return f"map<string, {type_text(spec.get('values'))}>"
    if kind == "object":
        props = spec.get("properties")
        if isinstance(props, dict):
            inner = ", ".join(f"{k}: {type_text(v)}" for k, v in props.items())
            return "object{" + inner + "}"
    return str(kind)


def _read_small_text(root: str, relative: str, limit: int) -> str | None:
    try:
        path = resolve_inside(root, relative)
        with open_regular(path) as handle:
            raw = handle.read(limit + 1)
    except (OSError, PathRefused):
        return None
    cut = len(raw) > limit
    raw = raw[:limit]
    text = raw.decode(sniff_encoding(raw, not cut), errors="replace")
    return text + "\n…" if cut else text


def _examples(root: str, relative: str, info: object) -> tuple[tuple[str, str], ...]:
    names = ["input_example.json", "serving_input_example.json"]
    if isinstance(info, dict):
        listed = [info.get("artifact_path"), info.get("serving_input_path")]
        names = [n for n in listed if isinstance(n, str) and n] or names
    out = []
    for name in dict.fromkeys(names):
        text = _read_small_text(root, _join(relative, name), MAX_EXAMPLE_BYTES)
        if text is None:
            continue
        with contextlib.suppress(ValueError):
            text = format_json(json.loads(text))
        out.append((name, text))
    return tuple(out)


def _requirements(root: str, relative: str) -> tuple[str, ...]:
    text = _read_small_text(root, _join(relative, "requirements.txt"), 64 * 1024)
    if text is None:
        return ()
    lines = [line.strip() for line in text.splitlines()]
    return tuple(line for line in lines if line and not line.startswith("#"))[
        :MAX_REQUIREMENTS
    ]


def _pickled_files(root: str, relative: str) -> tuple[str, ...]:
    try:
        entries = list_folder(root, relative)
    except ArtifactError:
        return ()
    return tuple(
        e.name
        for e in entries
        if not e.is_dir and extension(e.name) in PICKLE_EXTENSIONS
    )
