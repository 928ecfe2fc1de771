"""The files of built enrichment models: one pickle per model kind and input hash.

A model is cached in ``settings.model_cache_dir`` (``KOMPETENSBRON_MODELS_DIR``, else
``var/models``) as ``<kind>-<digest[:16]>.pkl``, where the digest is
:func:`kompetensbron.enrich.pipeline.input_hash` (model format, enrichment code, input files).
A file starts with a header naming its format and full input hash; :func:`read_model` refuses
any other format, so a file is only used for the data and code it was built from. Files are
written to a unique temporary name and renamed (readers never see half a file, two processes
building the same model do not collide), and once written never change: var dirs on the same
data directory may share one models directory. :func:`remove_stale_models` deletes the files
of other digests (older data or code; the enricher is ~15 MB).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing

__all__ = ["KINDS", "model_path", "read_model", "remove_stale_models", "save_model"]

#: The model kinds cached here (file name prefixes).
KINDS = ("enricher", "skills")


def model_path(settings: Any, kind: str, digest: str) -> Path:
    """The cache file of ``kind`` for ``digest`` in the settings' models directory."""
    if kind not in KINDS:
        raise ValueError(f"unknown model kind {kind!r}")
    return Path(settings.model_cache_dir) / f"{kind}-{digest[:16]}.pkl"


def save_model(path: Path, model_format: str, digest: str, model: Any) -> None:
    """Write ``model`` with its header to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(({"format": model_format, "input_hash": digest}, model), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_model(path: Path, model_format: str, cls: type) -> tuple[str, Any]:
    """(input hash, model) of a file written by :func:`save_model` (only files this platform
    wrote); :class:`DataFileMalformed` when it is not a ``model_format`` file of a ``cls``."""
    path = Path(path)
    if not path.is_file():
        raise DataFileMissing("model file not found", path=path)
    try:
        with open(path, "rb") as fh:
            header, model = pickle.load(fh)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means a bad file
        raise DataFileMalformed(f"cannot read the model ({exc})", path=path) from exc
    if not isinstance(header, dict) or header.get("format") != model_format or not isinstance(model, cls):
        raise DataFileMalformed(f"not a {model_format} file", path=path, key="format")
    return str(header.get("input_hash", "")), model


def remove_stale_models(directory: Path, digest: str) -> list[Path]:
    """Delete the cached models of ``directory`` built for another digest; keep ``digest``'s."""
    removed = []
    for kind in KINDS:
        for old in Path(directory).glob(f"{kind}-*.pkl"):
            if old.stem != f"{kind}-{digest[:16]}":
                old.unlink(missing_ok=True)
                removed.append(old)
    return removed
