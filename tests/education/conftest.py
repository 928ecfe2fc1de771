"""Fixtures of the education tests: users, and the documented example programme of
Mittuniversitetet built through the real services.

``miun`` (and so ``programme``, ``suggested``, ``coordinator``) stand on the real reference
data and MIUN syllabi (``syllabi_db`` of tests/conftest.py, put in place per test module):
the example programme names real courses, SUN codes and SSYK groups."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from kompetensbron.config import get_settings

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_EXAMPLE = ROOT / "docs" / "programme_template.csv"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    if not (path / "jobtech").is_dir() or not (path / "education" / "kursplaner_miun.jsonl").is_file():
        pytest.skip(f"no data snapshot with syllabi at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, *, staff: bool = False, perms: tuple[str, ...] = ()):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.se", password="pw-test-123"
    )
    user.is_staff = staff
    user.save()
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="education", codename=codename))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def staff(db):
    return make_user("planerare", staff=True)


def member_of(user, institution, *, role: str = "coordinator"):
    """Make ``user`` a member of the Samverkan organisation linked to ``institution`` (created when missing)."""
    from kompetensbron.samverkan.models import Membership, Organisation

    if institution.organisation_id is None:
        institution.organisation = Organisation.objects.create(name=institution.name, kind="university")
        institution.save(update_fields=["organisation"])
    Membership.objects.get_or_create(user=user, organisation_id=institution.organisation_id, defaults={"role": role})
    return user


@pytest.fixture
def coordinator(db, miun):
    """A coordinator of Mittuniversitetet's organisation: adds and changes its programmes."""
    return member_of(make_user("samordnare"), miun)


@pytest.fixture
def other_coordinator(db):
    """A coordinator of another university's organisation (an institution of its own)."""
    from kompetensbron.education.models import Institution

    other = Institution.objects.create(name="Annat universitet")
    return member_of(make_user("annan-samordnare"), other)


@pytest.fixture
def reader(db):
    return make_user("lasare")


@pytest.fixture
def miun(syllabi_db, db):
    from kompetensbron.education.models import Institution

    return Institution.objects.get(name="Mittuniversitetet")


@pytest.fixture
def programme(db, staff, miun):
    """The documented example programme, imported from docs/programme_template.csv."""
    from kompetensbron.education.models import Programme
    from kompetensbron.education.template_import import import_programme_template

    import_programme_template(TEMPLATE_EXAMPLE)
    return Programme.objects.get(institution=miun, code="EX-SSK")


@pytest.fixture
def suggested(programme):
    """Two suggested links of the example programme, as the mapping code would write them."""
    from kompetensbron.education.links import suggest_link

    official, _ = suggest_link(
        programme=programme,
        ssyk="2221",
        provenance="official_ssyk_sun",
        score=1.0,
        rank=1,
        evidence={"sun_field": "723a"},
    )
    overlap, _ = suggest_link(
        programme=programme,
        ssyk="5321",
        provenance="skill_overlap",
        score=0.42,
        rank=2,
        evidence={"skills": ["omvårdnad"]},
    )
    return official, overlap
