"""Fixtures of the dossier tests: the real 2024 JobTech statistics in a temporary warehouse,
and the documented example programme (docs/programme_template.csv) with two suggested links.

The programme stands on the real reference data and MIUN syllabi (``syllabi_db`` of
tests/conftest.py, put in place per test module): it names real courses and SSYK groups."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from kompetensbron.config import get_settings

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_EXAMPLE = ROOT / "docs" / "programme_template.csv"
STATISTICS = Path("jobtech/statistics")
SWEDEN = "i46j_HmG_v64"  # the country's concept id in the JobTech statistics files


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    if not (path / "jobtech" / "statistics").is_dir() or not (path / "education" / "kursplaner_miun.jsonl").is_file():
        pytest.skip(f"no data snapshot with statistics and syllabi at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def dossier_var(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """A var dir whose warehouse holds the real 2024 statistics (the skill extractor comes from
    the run's one model cache, ``shared_models_dir`` of tests/conftest.py)."""
    from kompetensbron.warehouse import import_statistics

    var = tmp_path_factory.mktemp("var-dossier")
    import_statistics(data_dir, var / "warehouse")
    return var


@pytest.fixture(autouse=True)
def _use_dossier_var(dossier_var: Path, monkeypatch: pytest.MonkeyPatch, settings) -> Iterator[None]:
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(dossier_var))
    get_settings.cache_clear()
    cache.clear()
    yield
    cache.clear()
    get_settings.cache_clear()


@pytest.fixture
def statistics_file(data_dir: Path):
    def read(name: str) -> dict:
        return json.loads((data_dir / STATISTICS / name).read_text(encoding="utf-8"))

    return read


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user(
        username="programansvarig", email="pa@example.se", password="pw-test-123"
    )


@pytest.fixture
def programme(syllabi_db, db):
    """The documented example programme, imported from docs/programme_template.csv."""
    from kompetensbron.education.models import Programme
    from kompetensbron.education.template_import import import_programme_template

    import_programme_template(TEMPLATE_EXAMPLE)
    return Programme.objects.get(institution__name="Mittuniversitetet", code="EX-SSK")


@pytest.fixture
def linked(programme):
    """The example programme with two suggested links, as the mapping code would write them."""
    from kompetensbron.education.links import suggest_link

    suggest_link(
        programme=programme,
        ssyk="2221",
        provenance="official_ssyk_sun",
        score=1.0,
        rank=1,
        evidence={"sun_field": "723a"},
    )
    suggest_link(programme=programme, ssyk="5321", provenance="skill_overlap", score=0.42, rank=2, evidence={})
    return programme
