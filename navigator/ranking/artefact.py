"""Save and load the learned ranker's artefact with its metadata, and check it when loaded.

Only artefacts that ``navigator ranking train`` writes into the repository are loaded: the
metadata records the SHA-256 of the model file, the scikit-learn version range it was built
for and the feature names; a mismatch refuses the file (the app then falls back to the rule
order).
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from navigator.ranking.features import FEATURE_NAMES
from navigator.ranking.trees import write_sidecar

ARTEFACT_DIR = Path(__file__).parent / "artefacts"


class ArtefactError(RuntimeError):
    """The artefact is missing, altered or incompatible."""


@dataclass(frozen=True)
class ModelMeta:
    """What the artefact's JSON records."""

    version: str
    sklearn_version: str
    sklearn_range: str
    feature_names: list[str]
    data_fingerprint: str
    rows: int
    profiles: int
    scores: dict[str, dict[str, Any]]
    created_on: str
    command: str
    model_sha256: str
    model_file: str


def sklearn_version() -> str:
    """Return the installed scikit-learn version, without importing scikit-learn (slow)."""
    from importlib.metadata import version

    return version("scikit-learn")


def sklearn_range() -> str:
    """Return the compatible scikit-learn range for the installed version (same minor)."""
    current = Version(sklearn_version())
    return f">={current.major}.{current.minor},<{current.major}.{current.minor + 1}"


def save(model: Any, meta: ModelMeta, directory: Path) -> Path:
    """Write ``ranker-<version>.joblib`` and its ``.json``; return the JSON path."""
    import joblib

    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / f"ranker-{meta.version}.joblib"
    joblib.dump(model, model_path, compress=3)
    digest = hashlib.sha256(model_path.read_bytes()).hexdigest()
    write_sidecar(model, model_path, digest)
    meta = ModelMeta(**{**asdict(meta), "model_sha256": digest, "model_file": model_path.name})
    json_path = directory / f"ranker-{meta.version}.json"
    json_path.write_text(
        json.dumps(asdict(meta), indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return json_path


def latest(directory: Path = ARTEFACT_DIR) -> Path | None:
    """Return the metadata file of the highest version in a directory, if any."""
    found = sorted(
        directory.glob("ranker-*.json"), key=lambda p: Version(p.stem.removeprefix("ranker-"))
    )
    return found[-1] if found else None


def load(meta_path: Path) -> tuple[Any, ModelMeta]:
    """Load and check an artefact.

    Raises:
        ArtefactError: when the metadata or model file is missing, the file hash differs, the
            installed scikit-learn is outside the recorded range, or the features differ.
    """
    import joblib

    model_path, meta = checked(meta_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # InconsistentVersionWarning becomes an error here
        try:
            model = joblib.load(model_path)
        except Exception as error:
            raise ArtefactError(f"cannot load {meta.model_file}: {error}") from None
    return model, meta


def checked(meta_path: Path) -> tuple[Path, ModelMeta]:
    """Check an artefact without loading the model; return the model file and the metadata.

    Raises:
        ArtefactError: as ``load``.
    """
    try:
        meta = ModelMeta(**json.loads(meta_path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as error:
        raise ArtefactError(f"cannot read {meta_path.name}: {error}") from None
    model_path = meta_path.with_name(meta.model_file)
    if not model_path.is_file():
        raise ArtefactError(f"{meta.model_file} is missing")
    if hashlib.sha256(model_path.read_bytes()).hexdigest() != meta.model_sha256:
        raise ArtefactError(f"{meta.model_file} differs from the file the repository built")
    installed = sklearn_version()
    if Version(installed) not in SpecifierSet(meta.sklearn_range):
        raise ArtefactError(f"scikit-learn {installed} is outside {meta.sklearn_range}")
    if tuple(meta.feature_names) != FEATURE_NAMES:
        raise ArtefactError("the artefact's features differ from navigator.ranking.features")
    return model_path, meta
