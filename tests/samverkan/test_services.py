"""Service layer: rights, workflow order, validation, audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import Activity, AuditEntry, Decision, FundingApplication
from kompetensbron.samverkan.schemas import FundingCreate, IndicatorCreate, IndicatorYearIn, OrganisationUpdate
from kompetensbron.samverkan.services import InvalidTransition


def test_working_group_member_proposes_and_steering_group_decides(world):
    activity = world.proposed()
    assert activity.status == "proposed" and activity.proposed_by == world.wg_member
    decision = services.decide_activity(
        actor=world.sg_member,
        activity=activity,
        decision="approve",
        justification="Ryms i avtalet.",
        date=dt.date(2025, 3, 1),
    )
    activity.refresh_from_db()
    assert activity.status == "decided"
    assert decision.body == world.steering and decision.outcome == "approve"


@pytest.mark.parametrize("who", ["outsider", "coordinator", "sg_member", "admin"])
def test_only_working_group_members_propose(world, who):
    before = (Activity.objects.count(), AuditEntry.objects.count())
    with pytest.raises(PermissionDenied):
        services.propose_activity(actor=getattr(world, who), data=world.activity_data())
    assert (Activity.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("who", ["outsider", "wg_member", "coordinator", "admin"])
def test_only_steering_group_members_decide(world, who):
    activity = world.proposed()
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.decide_activity(
            actor=getattr(world, who),
            activity=activity,
            decision="approve",
            justification="x",
            date=dt.date(2025, 3, 1),
        )
    activity.refresh_from_db()
    assert activity.status == "proposed"
    assert not Decision.objects.exists()
    assert AuditEntry.objects.count() == before


def test_member_of_another_steering_group_cannot_decide(world):
    from kompetensbron.samverkan.schemas import BodyCreate

    other_sg = services.create_body(actor=world.admin, data=BodyCreate(name="Annan styrgrupp", kind="steering_group"))
    services.add_body_member(actor=world.admin, body=other_sg, user=world.outsider)
    activity = world.proposed()
    with pytest.raises(PermissionDenied):
        services.decide_activity(
            actor=world.outsider, activity=activity, decision="approve", justification="x", date=dt.date(2025, 3, 1)
        )


def test_workflow_runs_in_order(world):
    activity = world.decided()
    for status in ("running", "completed"):
        activity = services.transition_activity(
            actor=world.wg_member, activity=activity, to_status=status, actual_participants=12
        )
        assert activity.status == status
    activity = services.transition_activity(
        actor=world.coordinator, activity=activity, to_status="evaluated", evaluation="Lyckat."
    )
    assert activity.status == "evaluated" and activity.actual_participants == 12


@pytest.mark.parametrize(
    ("start", "to_status"),
    [
        ("idea", "running"),
        ("idea", "completed"),
        ("proposed", "running"),
        ("decided", "completed"),
        ("decided", "evaluated"),
    ],
)
def test_workflow_refuses_skipping(world, start, to_status):
    if start == "idea":
        activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    elif start == "proposed":
        activity = world.proposed()
    else:
        activity = world.decided()
    before = AuditEntry.objects.count()
    with pytest.raises(InvalidTransition):
        services.transition_activity(actor=world.wg_member, activity=activity, to_status=to_status, evaluation="x")
    activity.refresh_from_db()
    assert activity.status == start
    assert AuditEntry.objects.count() == before


def test_decision_only_on_proposals_and_not_as_status_change(world):
    activity = world.decided()
    with pytest.raises(InvalidTransition):
        services.decide_activity(
            actor=world.sg_member, activity=activity, decision="reject", justification="x", date=dt.date(2025, 3, 2)
        )
    idea = services.create_activity(actor=world.wg_member, data=world.activity_data(title="Idé"))
    with pytest.raises(InvalidTransition):
        services.decide_activity(
            actor=world.sg_member, activity=idea, decision="approve", justification="x", date=dt.date(2025, 3, 2)
        )
    proposal = world.proposed(title="Förslag")
    with pytest.raises(InvalidTransition):
        services.transition_activity(actor=world.wg_member, activity=proposal, to_status="decided")


def test_rejected_proposal_can_be_reworked(world):
    activity = world.proposed()
    services.decide_activity(
        actor=world.sg_member,
        activity=activity,
        decision="reject",
        justification="Saknar finansiering.",
        date=dt.date(2025, 3, 1),
    )
    activity.refresh_from_db()
    assert activity.status == "rejected"
    activity = services.transition_activity(actor=world.wg_member, activity=activity, to_status="idea")
    activity = services.submit_proposal(actor=world.wg_member, activity=activity)
    assert activity.status == "proposed"


def test_decision_needs_justification_and_past_date(world):
    activity = world.proposed()
    with pytest.raises(ValidationFailed) as exc:
        services.decide_activity(
            actor=world.sg_member,
            activity=activity,
            decision="approve",
            justification=" ",
            date=dt.date.today() + dt.timedelta(days=3),
        )
    assert set(exc.value.errors) == {"justification", "date"}


def test_proposal_needs_a_working_group_with_a_steering_group(world):
    from kompetensbron.samverkan.schemas import BodyCreate

    orphan = services.create_body(actor=world.admin, data=BodyCreate(name="Fristående grupp", kind="working_group"))
    services.add_body_member(actor=world.admin, body=orphan, user=world.wg_member)
    with pytest.raises(ValidationFailed) as exc:
        world.proposed(working_group_id=orphan.pk)
    assert "working_group_id" in exc.value.errors


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period_start": dt.date(2025, 9, 1), "period_end": dt.date(2025, 8, 1)}, "period_end"),
        ({"expected_participants": -3}, "expected_participants"),
        ({"owner_id": 999999}, "owner_id"),
        ({"partner_ids": [999998]}, "partner_ids"),
        ({"title": "  "}, "title"),
    ],
)
def test_bad_activity_input_is_refused_and_stores_nothing(world, overrides, field):
    before = (Activity.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        world.proposed(**overrides)
    assert field in exc.value.errors
    assert (Activity.objects.count(), AuditEntry.objects.count()) == before


def test_funding_applications_and_totals(world):
    activity = world.decided()
    app = services.create_funding_application(
        actor=world.wg_member,
        activity=activity,
        data=FundingCreate(
            funder="Vinnova",
            programme="Utmaningsdriven innovation",
            amount_applied=Decimal("200000"),
            deadline=dt.date(2025, 4, 1),
        ),
    )
    services.create_funding_application(
        actor=world.coordinator,
        activity=activity,
        data=FundingCreate(
            funder="Länsstyrelsen",
            amount_applied=Decimal("50000"),
            amount_granted=Decimal("40000"),
            status="granted",
            deadline=dt.date(2025, 2, 1),
        ),
    )
    totals = services.funding_totals(agreement=world.agreement)
    stim = next(r for r in totals.rows if r.phase == "stimulate")
    assert stim.applications == 2 and stim.applied == Decimal("250000") and stim.granted == Decimal("40000")
    assert stim.pending == Decimal("200000")
    assert totals.granted == Decimal("40000") and "bindande" in totals.note
    assert app.status == "planned"


@pytest.mark.parametrize(
    "amounts",
    [
        {"amount_applied": Decimal("-1")},
        {"amount_applied": Decimal("1"), "amount_granted": Decimal("-5"), "status": "granted"},
    ],
)
def test_negative_amounts_refused(world, amounts):
    activity = world.decided()
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationFailed):
        services.create_funding_application(
            actor=world.wg_member, activity=activity, data=FundingCreate(funder="X", **amounts)
        )
    assert not FundingApplication.objects.exists() and AuditEntry.objects.count() == before


def test_funding_refused_for_outsider(world):
    activity = world.decided()
    with pytest.raises(PermissionDenied):
        services.create_funding_application(
            actor=world.outsider, activity=activity, data=FundingCreate(funder="X", amount_applied=Decimal("1"))
        )


def test_only_own_coordinators_edit_an_organisation(world):
    services.update_organisation(
        actor=world.coordinator, organisation=world.kommun, data=OrganisationUpdate(website="https://example.invalid")
    )
    for who in (world.outsider, world.wg_member):
        with pytest.raises(PermissionDenied):
            services.update_organisation(actor=who, organisation=world.kommun, data=OrganisationUpdate(name="Kapad"))
    world.kommun.refresh_from_db()
    assert world.kommun.name == "Testkommun"


def test_indicators_and_yearly_report(world):
    ind = services.create_indicator(
        actor=world.coordinator,
        agreement=world.agreement,
        data=IndicatorCreate(name="Examensarbeten i kommunen", unit="st"),
    )
    services.set_indicator_year(
        actor=world.coordinator, indicator=ind, year=2025, data=IndicatorYearIn(target=Decimal(10), value=Decimal(12))
    )
    with pytest.raises(PermissionDenied):
        services.set_indicator_year(
            actor=world.outsider, indicator=ind, year=2025, data=IndicatorYearIn(target=Decimal(1))
        )
    world.decided()
    world.proposed(title="Mentorsprogram", phase="stimulate")
    world.proposed(title="Traineeprogram", phase="retain")
    report = services.yearly_report(actor=world.wg_member, agreement=world.agreement, year=2025)
    by_phase = {p.phase: p for p in report.phases}
    assert by_phase["stimulate"].total == 2 and by_phase["stimulate"].by_status["decided"] == 1
    assert by_phase["retain"].by_status["proposed"] == 1
    assert len(report.decisions) == 1
    assert report.indicators[0].reached is True
    with pytest.raises(PermissionDenied):
        services.yearly_report(actor=world.outsider, agreement=world.agreement, year=2025)


def test_audit_log_records_every_accepted_change(world):
    start = AuditEntry.objects.count()
    activity = world.proposed()
    services.decide_activity(
        actor=world.sg_member, activity=activity, decision="approve", justification="OK", date=dt.date(2025, 3, 1)
    )
    entries = list(AuditEntry.objects.order_by("id")[start:])
    assert [(e.action, e.model) for e in entries] == [
        ("propose", "samverkan.activity"),
        ("create", "samverkan.decision"),
        ("decide", "samverkan.activity"),
    ]
    decide = entries[-1]
    assert decide.actor == world.sg_member
    assert decide.before["status"] == "proposed" and decide.after["status"] == "decided"
    assert entries[0].after["partners"] == [world.uni.pk]


def test_reading_follows_membership(world):
    activity = world.proposed()
    from kompetensbron.samverkan.permissions import visible_activities, visible_agreements

    for who in ("wg_member", "sg_member", "coordinator", "admin"):
        assert activity in visible_activities(getattr(world, who))
        assert world.agreement in visible_agreements(getattr(world, who))
    assert activity not in visible_activities(world.outsider)
    assert world.agreement not in visible_agreements(world.outsider)
