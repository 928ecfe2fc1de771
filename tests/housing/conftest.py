"""Fixtures of the housing tests: a small world of organisations and users built through
Samverkan's services, standing on the real reference data (kommuner, län: ``reference_db``
of tests/conftest.py, put in place per test module)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from kompetensbron.samverkan.models import Membership, MembershipRole, Organisation


@pytest.fixture(scope="session")
def data_dir(snapshot_dir: Path) -> Path:
    return snapshot_dir


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, *, superuser: bool = False, password: str = "pw-test-123"):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.se", password=password)
    user.is_superuser = user.is_staff = superuser
    user.save()
    return user


@dataclass
class HousingWorld:
    admin: object
    region: Organisation
    company: Organisation
    other_company: Organisation
    region_coordinator: object
    company_coordinator: object
    company_member: object
    outsider: object


@pytest.fixture
def world(reference_db, db) -> HousingWorld:
    """Organisations in real kommuner (Stockholm, Uppsala): the pages draw the real maps."""
    region = Organisation.objects.create(name="Region Stockholm", kind="region", kommun_id="0180")
    company = Organisation.objects.create(name="Studentbostäder i Stockholm", kind="housing", kommun_id="0180")
    other = Organisation.objects.create(name="Uppsala Studentbostäder", kind="housing", kommun_id="0380")
    users = {}
    for name, org, role in (
        ("regionsam", region, MembershipRole.COORDINATOR),
        ("bosam", company, MembershipRole.COORDINATOR),
        ("bomedlem", company, MembershipRole.MEMBER),
        ("utomstaende", other, MembershipRole.COORDINATOR),
    ):
        users[name] = make_user(name)
        Membership.objects.create(user=users[name], organisation=org, role=role)
    return HousingWorld(
        admin=make_user("admin", superuser=True),
        region=region,
        company=company,
        other_company=other,
        region_coordinator=users["regionsam"],
        company_coordinator=users["bosam"],
        company_member=users["bomedlem"],
        outsider=users["utomstaende"],
    )
