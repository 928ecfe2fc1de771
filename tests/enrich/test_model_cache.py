"""The files of built models: atomic, headed by format and input hash, stale ones removed."""

from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest

from kompetensbron.enrich.model_cache import model_path, read_model, remove_stale_models, save_model
from kompetensbron.errors import DataFileMalformed, DataFileMissing


def test_saved_model_reads_back_with_its_hash(tmp_path):
    path = model_path(SimpleNamespace(model_cache_dir=tmp_path / "m"), "skills", "ab" * 32)
    assert path == tmp_path / "m" / f"skills-{'ab' * 8}.pkl"
    save_model(path, "test/1", "ab" * 32, {"x": 1})
    assert read_model(path, "test/1", dict) == ("ab" * 32, {"x": 1})
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    with pytest.raises(DataFileMalformed, match="format"):
        read_model(path, "test/2", dict)
    with pytest.raises(DataFileMalformed, match="format"):
        read_model(path, "test/1", list)
    with pytest.raises(DataFileMissing):
        read_model(tmp_path / "none.pkl", "test/1", dict)
    path.write_bytes(b"not a pickle")
    with pytest.raises(DataFileMalformed, match="cannot read"):
        read_model(path, "test/1", dict)


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError, match="kind"):
        model_path(SimpleNamespace(model_cache_dir=tmp_path), "other", "00" * 32)


def test_a_new_model_build_removes_stale_cached_models(tmp_path):
    digest = "a" * 64
    for name in (f"enricher-{'a' * 16}.pkl", f"skills-{'a' * 16}.pkl", "enricher-old.pkl", "skills-old.pkl"):
        (tmp_path / name).write_bytes(pickle.dumps(None))
    (tmp_path / "other.txt").write_text("keep")
    removed = remove_stale_models(tmp_path, digest)
    assert sorted(p.name for p in removed) == ["enricher-old.pkl", "skills-old.pkl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"enricher-{'a' * 16}.pkl",
        "other.txt",
        f"skills-{'a' * 16}.pkl",
    ]
