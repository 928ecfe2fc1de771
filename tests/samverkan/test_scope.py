"""Writes stay inside one's own organisation (issue 8, items 4 and the low workflow items).

- an activity's owner, agreement and working group must be the user's own (403);
- naming an organisation as party only invites it: its coordinator accepts;
- a party is removed only by its own coordinator or an administrator;
- forms offer only what the user may choose; the organisations API lists what the page lists;
- the proposer cannot decide their own proposal; a decision cannot predate the proposal.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.samverkan import services
from kompetensbron.samverkan.forms import ActivityForm
from kompetensbron.samverkan.models import Activity, AuditEntry, PartyInvitation
from kompetensbron.samverkan.schemas import (
    ActivityUpdate,
    AgreementCreate,
    AgreementUpdate,
    BodyCreate,
    OrganisationCreate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(world):
    """Another organisation's agreement and working group (the kommun is no party)."""
    agreement = services.create_agreement(
        actor=world.admin,
        data=AgreementCreate(
            title="Annat avtal", party_ids=[world.other.pk, world.uni.pk], period_start=dt.date(2024, 1, 1)
        ),
    )
    steering = services.create_body(
        actor=world.admin, data=BodyCreate(name="Annan styrgrupp", kind="steering_group", agreement_id=agreement.pk)
    )
    working = services.create_body(
        actor=world.admin,
        data=BodyCreate(
            name="Annan arbetsgrupp", kind="working_group", agreement_id=agreement.pk, parent_id=steering.pk
        ),
    )
    return agreement, working


@pytest.mark.parametrize(
    ("field", "actor"),
    [
        ("owner_id", "wg_member"),
        ("agreement_id", "wg_member"),
        ("working_group_id", "coordinator"),
        ("partner_ids", "wg_member"),
    ],
)
def test_activity_outside_ones_organisation_is_refused(world, foreign, field, actor):
    """The working-group member (or the owner's coordinator) was accepted before (3 of 3)."""
    agreement, working = foreign
    invisible = services.create_organisation(
        actor=world.admin, data=OrganisationCreate(name="Osynlig AB", kind="company")
    )
    value = {
        "owner_id": world.other.pk,
        "agreement_id": agreement.pk,
        "working_group_id": working.pk,
        "partner_ids": [invisible.pk],
    }[field]
    with pytest.raises(PermissionDenied):
        services.create_activity(actor=getattr(world, actor), data=world.activity_data(**{field: value}))
    assert not Activity.objects.exists()


def test_activity_update_cannot_move_to_a_foreign_agreement(world, foreign):
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    with pytest.raises(PermissionDenied):
        services.update_activity(
            actor=world.wg_member, activity=activity, data=ActivityUpdate(agreement_id=foreign[0].pk)
        )
    activity.refresh_from_db()
    assert activity.agreement_id == world.agreement.pk


def test_activity_api_refuses_a_foreign_owner(world):
    client = Client()
    client.force_login(world.wg_member)
    body = world.activity_data(owner_id=world.other.pk).model_dump(mode="json")
    assert client.post("/api/v1/samverkan/activities", body, content_type="application/json").status_code == 403


def test_activity_form_offers_only_own_choices(world, foreign):
    form = ActivityForm(user=world.wg_member)
    assert list(form.fields["owner"].queryset) == [world.kommun]
    assert list(form.fields["agreement"].queryset) == [world.agreement]
    assert list(form.fields["working_group"].queryset) == [world.working]
    assert world.other not in form.fields["partners"].queryset
    assert ActivityForm(user=world.admin).fields["owner"].queryset.count() == 3


def test_naming_a_party_only_invites_it_until_its_coordinator_accepts(world):
    services.update_agreement(
        actor=world.coordinator,
        agreement=world.agreement,
        data=AgreementUpdate(party_ids=[world.kommun.pk, world.uni.pk, world.other.pk]),
    )
    assert set(world.agreement.parties.all()) == {world.kommun, world.uni}
    invitation = PartyInvitation.objects.get(agreement=world.agreement, organisation=world.other)
    assert invitation.status == "pending"
    with pytest.raises(PermissionDenied):  # the inviter cannot accept on the other's behalf
        services.accept_party_invitation(actor=world.coordinator, invitation=invitation)
    assert list(services.pending_invitations(world.outsider)) == [invitation]
    services.accept_party_invitation(actor=world.outsider, invitation=invitation)
    assert world.other in world.agreement.parties.all()
    assert AuditEntry.objects.filter(model="samverkan.partyinvitation", action="accepted").exists()
    with pytest.raises(ValidationFailed):
        services.decline_party_invitation(actor=world.outsider, invitation=invitation)


def test_creating_an_agreement_invites_the_other_parties(world):
    agreement = services.create_agreement(
        actor=world.coordinator,
        data=AgreementCreate(
            title="Nytt", party_ids=[world.kommun.pk, world.other.pk], period_start=dt.date(2025, 1, 1)
        ),
    )
    assert list(agreement.parties.all()) == [world.kommun]
    assert PartyInvitation.objects.filter(agreement=agreement, organisation=world.other, status="pending").exists()


def test_removing_another_party_needs_its_coordinator_or_an_administrator(world):
    with pytest.raises(PermissionDenied):
        services.update_agreement(
            actor=world.coordinator, agreement=world.agreement, data=AgreementUpdate(party_ids=[world.kommun.pk])
        )
    assert set(world.agreement.parties.all()) == {world.kommun, world.uni}
    services.update_agreement(
        actor=world.admin, agreement=world.agreement, data=AgreementUpdate(party_ids=[world.kommun.pk])
    )
    assert list(world.agreement.parties.all()) == [world.kommun]


def test_invitation_api_and_page(world):
    services.update_agreement(
        actor=world.coordinator,
        agreement=world.agreement,
        data=AgreementUpdate(party_ids=[world.kommun.pk, world.uni.pk, world.other.pk]),
    )
    invitation = PartyInvitation.objects.get()
    client = Client()
    client.force_login(world.coordinator)
    assert client.post(f"/api/v1/samverkan/party-invitations/{invitation.pk}/accept").status_code == 403
    assert client.post(f"/samverkan/inbjudningar/{invitation.pk}/acceptera/").status_code == 403
    client.force_login(world.outsider)
    assert [i["id"] for i in client.get("/api/v1/samverkan/party-invitations").json()] == [invitation.pk]
    assert "Samverkansavtal test" in client.get("/samverkan/organisationer/").content.decode()
    assert client.post(f"/samverkan/inbjudningar/{invitation.pk}/avboj/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "declined" and world.other not in world.agreement.parties.all()


def test_organisations_api_shows_what_the_page_shows(world):
    client = Client()
    client.force_login(world.outsider)
    names = {o["name"] for o in client.get("/api/v1/samverkan/organisations").json()}
    assert names == {"Annan AB"}
    page = client.get("/samverkan/organisationer/").content.decode()
    assert "Annan AB" in page and "Testkommun" not in page
    client.force_login(world.admin)
    assert len(client.get("/api/v1/samverkan/organisations").json()) == 3


def test_the_proposer_cannot_decide_their_own_proposal(world):
    services.add_body_member(actor=world.admin, body=world.steering, user=world.wg_member, organisation=world.kommun)
    activity = world.proposed()
    assert not world.wg_member.has_perm("samverkan.decide_activity", activity)  # the page offers no decision form
    with pytest.raises(PermissionDenied):
        services.decide_activity(
            actor=world.wg_member, activity=activity, decision="approve", justification="Bra.", date=dt.date(2025, 3, 1)
        )
    client = Client()
    client.force_login(world.wg_member)
    response = client.post(
        f"/api/v1/samverkan/activities/{activity.pk}/decision",
        {"decision": "approve", "justification": "x", "date": "2025-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == "proposed" and not activity.decisions.exists()


def test_a_decision_cannot_predate_its_proposal(world):
    activity = world.proposed()  # proposed on 2025-01-15
    with pytest.raises(ValidationFailed) as err:
        services.decide_activity(
            actor=world.sg_member,
            activity=activity,
            decision="approve",
            justification="Bra.",
            date=dt.date(2025, 1, 14),
        )
    assert "date" in err.value.errors
    services.decide_activity(
        actor=world.sg_member, activity=activity, decision="approve", justification="Bra.", date=dt.date(2025, 1, 15)
    )
