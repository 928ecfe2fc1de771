"""Direct governance (Huddinge's departments ↔ Södertörn's institutions): where the activity
names units of a party, only a coordinator of one of those units — or of the whole party — may
approve for that party (issue 12, point 1 with point 2's units)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kompetensbron.errors import PermissionDenied
from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import ActivityStatus, Membership, Unit
from kompetensbron.samverkan.schemas import ActivityCreate, AgreementCreate

from .conftest import make_user


def _coordinator(world, email: str, organisation, unit=None):
    user = make_user(email)
    services.set_membership(actor=world.admin, user=user, organisation=organisation, role="coordinator")
    Membership.objects.filter(user=user, organisation=organisation).update(unit=unit)
    return user


@pytest.fixture
def departments(world):
    agreement = services.create_agreement(
        actor=world.admin,
        data=AgreementCreate(
            title="Direktavtal med enheter",
            party_ids=[world.kommun.pk, world.uni.pk],
            period_start=dt.date(2024, 1, 1),
            governance="direct",
            uses_lifecycle=False,
        ),
    )
    units = {
        name: Unit.objects.create(organisation=org, name=name)
        for org, name in (
            (world.kommun, "Barn- och utbildningsförvaltningen"),
            (world.kommun, "Socialförvaltningen"),
            (world.uni, "Institutionen för kultur och lärande"),
            (world.uni, "Institutionen för samhällsvetenskaper"),
        )
    }
    people = {
        "buf": _coordinator(world, "buf@test.invalid", world.kommun, units["Barn- och utbildningsförvaltningen"]),
        "soc": _coordinator(world, "soc@test.invalid", world.kommun, units["Socialförvaltningen"]),
        "kultur": _coordinator(world, "kultur@test.invalid", world.uni, units["Institutionen för kultur och lärande"]),
        "samhall": _coordinator(world, "samh@test.invalid", world.uni, units["Institutionen för samhällsvetenskaper"]),
    }

    def activity(title: str, *unit_names: str, owner_unit: str | None = None):
        return services.create_activity(
            actor=world.coordinator,
            data=ActivityCreate(
                title=title,
                owner_id=world.kommun.pk,
                partner_ids=[world.uni.pk],
                agreement_id=agreement.pk,
                owner_unit_id=units[owner_unit].pk if owner_unit else None,
                unit_ids=[units[n].pk for n in unit_names],
            ),
        )

    return activity, people


def _approve(user, activity, organisation):
    services.agree_activity(actor=user, activity=activity, organisation_id=organisation.pk, approve=True)


def test_only_the_named_units_coordinators_approve_for_their_party(world, departments):
    make, people = departments
    vfu = make(
        "VFU i förskolan",
        "Institutionen för kultur och lärande",
        owner_unit="Barn- och utbildningsförvaltningen",
    )
    with pytest.raises(PermissionDenied, match="Barn- och utbildningsförvaltningen"):
        _approve(people["soc"], vfu, world.kommun)  # another department of the same kommun
    with pytest.raises(PermissionDenied, match="Institutionen för kultur och lärande"):
        _approve(people["samhall"], vfu, world.uni)  # another institution
    assert not people["soc"].has_perm("samverkan.approve_activity", vfu)
    assert not services.next_steps(vfu, people["samhall"])[0].can_take
    assert services.next_steps(vfu, people["buf"])[0].can_take
    _approve(people["buf"], vfu, world.kommun)
    _approve(people["kultur"], vfu, world.uni)
    vfu.refresh_from_db()
    assert vfu.status == ActivityStatus.DECIDED


def test_a_party_without_named_units_and_a_whole_party_coordinator(world, departments):
    make, people = departments
    # the activity names only a kommun unit: any university coordinator answers for the university
    social = make("Socionompraktik", "Socialförvaltningen")
    _approve(people["kultur"], social, world.uni)
    # the kommun's coordinator for the whole organisation (no unit) answers for a named department
    assert Membership.objects.get(user=world.coordinator, organisation=world.kommun).unit is None
    _approve(world.coordinator, social, world.kommun)
    social.refresh_from_db()
    assert social.status == ActivityStatus.DECIDED


def test_the_page_offers_and_refuses_by_unit(world, departments):
    make, people = departments
    vfu = make("VFU", owner_unit="Barn- och utbildningsförvaltningen")
    url = f"/samverkan/aktiviteter/{vfu.pk}/godkann/"
    soc, buf = Client(), Client()
    soc.force_login(people["soc"])
    buf.force_login(people["buf"])
    assert url.encode() not in soc.get(f"/samverkan/aktiviteter/{vfu.pk}/").content
    assert url.encode() in buf.get(f"/samverkan/aktiviteter/{vfu.pk}/").content
    body = {"organisation": world.kommun.pk, "approve": "1", "comment": ""}
    assert soc.post(url, body).status_code == 403
    assert buf.post(url, body).status_code == 302
    assert vfu.approvals.filter(is_current=True, organisation=world.kommun).get().by == people["buf"]
