"""Fixtures of the housing tests: the real reference snapshot (kommuner, län) loaded once per
session, and a small world of organisations and users built through Samverkan's services."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from kompetensbron.config import get_settings
from kompetensbron.samverkan.models import Membership, MembershipRole, Organisation


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    if not (path / "jobtech").is_dir():
        pytest.skip(f"no data snapshot at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, data_dir):
    from kompetensbron.reference.loading import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data(data_dir)


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
def world(db) -> HousingWorld:
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
