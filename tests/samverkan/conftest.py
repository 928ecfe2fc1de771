"""Factories of the Samverkan tests, built on the real service layer.

``world`` is a small collaboration: a municipality and a university with an agreement, a
steering group and a working group under it, and one user per role plus an outsider.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import Activity, Agreement, AuditEntry, Body, Organisation
from kompetensbron.samverkan.schemas import ActivityCreate, AgreementCreate, BodyCreate, OrganisationCreate

PROPOSED_AT = dt.datetime(2025, 1, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(email: str, *, superuser: bool = False, password: str | None = None):
    User = get_user_model()
    user = User(username=email, email=email, first_name=email.split("@")[0].capitalize(), last_name="Testsson")
    user.is_superuser = user.is_staff = superuser
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@dataclass
class World:
    admin: object
    kommun: Organisation
    uni: Organisation
    other: Organisation
    agreement: Agreement
    steering: Body
    working: Body
    wg_member: object  # member of the working group (and of the kommun)
    sg_member: object  # member of the steering group (and of the university)
    coordinator: object  # coordinator of the kommun
    outsider: object  # coordinator of an unrelated organisation, in no body

    def activity_data(self, **overrides) -> ActivityCreate:
        data = dict(
            title="Sommarpraktik",
            phase="stimulate",
            target_group="Studenter",
            owner_id=self.kommun.pk,
            partner_ids=[self.uni.pk],
            agreement_id=self.agreement.pk,
            working_group_id=self.working.pk,
            period_start=dt.date(2025, 6, 1),
            period_end=dt.date(2025, 8, 31),
            place="Härnösand",
            expected_participants=10,
        )
        data.update(overrides)
        return ActivityCreate(**data)

    def proposed(self, **overrides) -> Activity:
        """A proposal made on 15 January 2025 (so decisions dated 2025 come after it)."""
        activity = services.propose_activity(actor=self.wg_member, data=self.activity_data(**overrides))
        Activity.objects.filter(pk=activity.pk).update(proposed_at=PROPOSED_AT)
        activity.refresh_from_db()
        return activity

    def decided(self, **overrides) -> Activity:
        activity = self.proposed(**overrides)
        services.decide_activity(
            actor=self.sg_member, activity=activity, decision="approve", justification="Bra.", date=dt.date(2025, 3, 1)
        )
        activity.refresh_from_db()
        return activity


@pytest.fixture
def world(db) -> World:
    admin = make_user("admin@test.invalid", superuser=True)
    kommun = services.create_organisation(actor=admin, data=OrganisationCreate(name="Testkommun", kind="municipality"))
    uni = services.create_organisation(
        actor=admin, data=OrganisationCreate(name="Testuniversitetet", kind="university")
    )
    other = services.create_organisation(actor=admin, data=OrganisationCreate(name="Annan AB", kind="company"))
    agreement = services.create_agreement(
        actor=admin,
        data=AgreementCreate(
            title="Samverkansavtal test",
            party_ids=[kommun.pk, uni.pk],
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2027, 12, 31),
            area_names=["Kompetensförsörjning"],
            binds_funding=False,  # like Härnösand's annex: "ingen bindande finansiering"
        ),
    )
    steering = services.create_body(
        actor=admin, data=BodyCreate(name="Styrgruppen", kind="steering_group", agreement_id=agreement.pk)
    )
    working = services.create_body(
        actor=admin,
        data=BodyCreate(name="Arbetsgruppen", kind="working_group", agreement_id=agreement.pk, parent_id=steering.pk),
    )
    wg_member = make_user("arbetsgrupp@test.invalid")
    sg_member = make_user("styrgrupp@test.invalid")
    coordinator = make_user("samordnare@test.invalid")
    outsider = make_user("utomstaende@test.invalid")
    services.set_membership(actor=admin, user=wg_member, organisation=kommun, role="member")
    services.set_membership(actor=admin, user=sg_member, organisation=uni, role="member")
    services.set_membership(actor=admin, user=coordinator, organisation=kommun, role="coordinator")
    services.set_membership(actor=admin, user=outsider, organisation=other, role="coordinator")
    services.add_body_member(actor=admin, body=working, user=wg_member, organisation=kommun)
    services.add_body_member(actor=admin, body=steering, user=sg_member, organisation=uni)
    return World(admin, kommun, uni, other, agreement, steering, working, wg_member, sg_member, coordinator, outsider)


@pytest.fixture
def audit_count(db):
    return lambda: AuditEntry.objects.count()


@pytest.fixture(name="make_user")
def make_user_fixture(db):
    return make_user
