"""Governance per agreement or body (issue 12 item 1): the workflow follows it.

Steering group (Härnösand): idea → proposed by the working group → decided by the steering group.
Direct (Huddinge ↔ Södertörn): both parties' coordinators approve; no steering group.
Council notes (Högskolerådet): the council notes, decides nothing; the parties start the activity.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import ActivityStatus, AuditEntry
from kompetensbron.samverkan.schemas import ActivityCreate, ActivityUpdate, AgreementCreate, BodyCreate, BodyUpdate

from .conftest import make_user


@pytest.fixture
def direct(world):
    """A direct agreement between the world's kommun and university, each with a coordinator."""
    agreement = services.create_agreement(
        actor=world.admin,
        data=AgreementCreate(
            title="Direktavtal",
            party_ids=[world.kommun.pk, world.uni.pk],
            period_start=dt.date(2024, 1, 1),
            governance="direct",
            uses_lifecycle=False,
            area_names=["Samhällsbyggnad", "Likvärdig vård"],
        ),
    )
    uni_coordinator = make_user("institution@test.invalid")
    services.set_membership(actor=world.admin, user=uni_coordinator, organisation=world.uni, role="coordinator")
    activity = services.create_activity(
        actor=world.coordinator,
        data=ActivityCreate(
            title="VFU", owner_id=world.kommun.pk, partner_ids=[world.uni.pk], agreement_id=agreement.pk
        ),
    )
    return agreement, activity, uni_coordinator


def test_direct_both_parties_approve_and_it_runs_without_a_steering_group(world, direct):
    agreement, activity, uni_coordinator = direct
    assert activity.phase == "" and activity.status == ActivityStatus.IDEA  # no life-cycle model here
    with pytest.raises(ValidationFailed, match="styrgrupp"):
        services.submit_proposal(actor=world.coordinator, activity=activity)
    steps = services.next_steps(activity, world.coordinator)
    assert (
        steps[0].action == "approve"
        and steps[0].can_take
        and "Väntar på: Testkommun, Testuniversitetet" in steps[0].text
    )

    services.agree_activity(actor=world.coordinator, activity=activity, organisation_id=world.kommun.pk, approve=True)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PROPOSED
    with pytest.raises(ValidationFailed, match="redan svarat"):
        services.agree_activity(
            actor=world.coordinator, activity=activity, organisation_id=world.kommun.pk, approve=True
        )
    with pytest.raises(PermissionDenied):  # a coordinator answers only for their own party
        services.agree_activity(actor=world.coordinator, activity=activity, organisation_id=world.uni.pk, approve=True)
    with pytest.raises(PermissionDenied):  # not a party's coordinator
        services.agree_activity(actor=world.outsider, activity=activity, organisation_id=world.uni.pk, approve=True)

    services.agree_activity(actor=uni_coordinator, activity=activity, organisation_id=world.uni.pk, approve=True)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DECIDED and activity.decisions.count() == 0
    # the university's coordinator may start it (a party's coordinator under direct governance)
    services.transition_activity(actor=uni_coordinator, activity=activity, to_status="running")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.RUNNING
    assert AuditEntry.objects.filter(model="samverkan.activityapproval").count() == 2


def test_direct_a_refusal_rejects_and_a_reworked_idea_needs_new_approvals(world, direct):
    agreement, activity, uni_coordinator = direct
    services.agree_activity(actor=world.coordinator, activity=activity, organisation_id=world.kommun.pk, approve=True)
    services.agree_activity(
        actor=uni_coordinator, activity=activity, organisation_id=world.uni.pk, approve=False, comment="Inte i år."
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.REJECTED
    services.transition_activity(actor=world.coordinator, activity=activity, to_status="idea")
    activity.refresh_from_db()
    assert activity.approvals.filter(is_current=True).count() == 0 and activity.approvals.count() == 2
    services.agree_activity(actor=world.coordinator, activity=activity, organisation_id=world.kommun.pk, approve=True)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PROPOSED


def test_direct_decided_and_rejected_are_no_status_change(world, direct):
    _, activity, _ = direct
    for status in ("decided", "rejected", "running"):
        with pytest.raises(ValidationFailed):
            services.transition_activity(actor=world.coordinator, activity=activity, to_status=status)


def test_steering_group_approval_route_is_refused_and_idea_cannot_start(world):
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    with pytest.raises(PermissionDenied):
        services.agree_activity(
            actor=world.coordinator, activity=activity, organisation_id=world.kommun.pk, approve=True
        )
    with pytest.raises(ValidationFailed):
        services.transition_activity(actor=world.wg_member, activity=activity, to_status="running")
    steps = services.next_steps(activity, world.wg_member)
    assert steps[0].action == "propose" and steps[0].can_take and "Styrgruppen" in steps[0].text


@pytest.fixture
def council(world):
    body = services.create_body(
        actor=world.admin,
        data=BodyCreate(
            name="Högskolerådet",
            kind="council",
            governance="council_notes",
            organisation_ids=[world.kommun.pk, world.uni.pk],
        ),
    )
    services.add_body_member(actor=world.admin, body=body, user=world.sg_member, organisation=world.uni)
    activity = services.create_activity(
        actor=world.coordinator,
        data=ActivityCreate(title="Rekryteringsdag", owner_id=world.kommun.pk, working_group_id=body.pk),
    )
    return body, activity


def test_council_notes_and_the_parties_start_the_activity(world, council):
    body, activity = council
    with pytest.raises(ValidationFailed, match="noterar"):
        services.submit_proposal(actor=world.coordinator, activity=activity)
    with pytest.raises(ValidationFailed):
        services.decide_activity(
            actor=world.sg_member, activity=activity, decision="approve", justification="x", date=dt.date.today()
        )
    with pytest.raises(PermissionDenied):  # not a council member
        services.note_activity(actor=world.outsider, activity=activity)
    note = services.note_activity(actor=world.sg_member, activity=activity, comment="Diskuterades.")
    assert note.body == body and note.kind == "note"
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IDEA  # noting decides nothing
    with pytest.raises(ValidationFailed, match="redan noterat"):
        services.note_activity(actor=world.sg_member, activity=activity)
    services.transition_activity(actor=world.coordinator, activity=activity, to_status="running")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.RUNNING and activity.decisions.count() == 0


def test_a_body_overrides_the_agreements_governance(world):
    services.update_body(actor=world.admin, body=world.working, data=BodyUpdate(governance="direct"))
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    with pytest.raises(ValidationFailed):
        services.submit_proposal(actor=world.wg_member, activity=activity)
    assert services.public.activity(activity).governance == "direct"
    with pytest.raises(PermissionDenied):  # only administrators and the chair change a body
        services.update_body(actor=world.coordinator, body=world.working, data=BodyUpdate(governance=""))


def test_phase_is_needed_only_where_the_agreement_uses_the_model(world, direct):
    with pytest.raises(ValidationFailed, match="livscykelmodellen"):
        services.create_activity(actor=world.wg_member, data=world.activity_data(phase=None))
    assert direct[1].phase == ""


def test_areas_must_be_the_agreements_and_units_of_the_organisations_involved(world, direct):
    agreement, activity, _ = direct
    other_area = world.agreement.areas.get()  # Kompetensförsörjning: not an area of this agreement
    with pytest.raises(ValidationFailed, match="Området"):
        services.create_activity(
            actor=world.coordinator,
            data=ActivityCreate(
                title="X", owner_id=world.kommun.pk, agreement_id=agreement.pk, area_ids=[other_area.pk]
            ),
        )
    foreign = services.create_unit(actor=world.admin, organisation=world.other, name="Annan avdelning")
    with pytest.raises(ValidationFailed, match="Enheten"):
        services.create_activity(
            actor=world.coordinator,
            data=ActivityCreate(title="X", owner_id=world.kommun.pk, agreement_id=agreement.pk, unit_ids=[foreign.pk]),
        )
    social = services.create_unit(actor=world.coordinator, organisation=world.kommun, name="Socialförvaltningen")
    area = agreement.areas.get(name="Likvärdig vård")
    made = services.create_activity(
        actor=world.coordinator,
        data=ActivityCreate(
            title="Y", owner_id=world.kommun.pk, agreement_id=agreement.pk, area_ids=[area.pk], owner_unit_id=social.pk
        ),
    )
    public = services.public.activity(made)
    assert [a.name for a in public.areas] == ["Likvärdig vård"] and public.owner_unit == "Socialförvaltningen"


def test_no_binding_funding_note_only_where_the_agreement_says_so(world, direct):
    agreement, activity, _ = direct
    assert services.public.activity(activity).funding_note == ""
    assert services.funding_totals(agreement=agreement).note == ""
    assert "bindande" in services.funding_totals(agreement=world.agreement).note  # binds_funding=False


def test_yearly_report_has_a_section_per_area(world, direct):
    agreement, activity, _ = direct
    area = agreement.areas.get(name="Samhällsbyggnad")
    services.update_activity(actor=world.coordinator, activity=activity, data=ActivityUpdate(area_ids=[area.pk]))
    report = services.yearly_report(actor=world.coordinator, agreement=agreement, year=2025)
    sections = {s.area: s for s in report.areas}
    assert sections["Samhällsbyggnad"].activity_titles == ["VFU"] and sections["Likvärdig vård"].total == 0
    assert [p.phase for p in report.phases] == [None]  # no life-cycle model: one row of all activities


def test_the_english_activity_page_explains_the_next_step_in_english(world, direct, client, settings):
    """The next-step explanation and a service's refusal follow the page's language."""
    _agreement, activity, _uni = direct
    client.force_login(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/samverkan/aktiviteter/{activity.pk}/").content.decode()
    assert "No steering group decides: the parties agree directly." in page
    assert "Waiting for: Testkommun, Testuniversitetet." in page
    assert "Ingen styrgrupp beslutar" not in page
    answer = client.post(
        f"/api/v1/samverkan/activities/{activity.pk}/approval",
        {"organisation_id": world.uni.pk, "approve": True},
        content_type="application/json",
    )
    assert answer.status_code == 403 and answer.json()["detail"] == "You are not a coordinator for that party."
