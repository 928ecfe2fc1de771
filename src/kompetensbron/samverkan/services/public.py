"""Model → Public schema: the one place that turns rows into the typed results."""

from __future__ import annotations

from ..models import (
    WORKFLOW,
    Activity,
    Agreement,
    Body,
    Decision,
    FundingApplication,
    Indicator,
    Organisation,
    PartyInvitation,
)
from ..schemas import (
    ActivityPublic,
    AgreementPublic,
    BodyPublic,
    DecisionPublic,
    DocumentPublic,
    FundingPublic,
    IndicatorPublic,
    IndicatorYearPublic,
    OrganisationPublic,
    PartyInvitationPublic,
)


def person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def organisation(org: Organisation) -> OrganisationPublic:
    return OrganisationPublic(
        id=org.pk,
        name=org.name,
        kind=org.kind,
        kind_label=str(org.get_kind_display()),
        kommun_code=org.kommun_id,
        kommun_name=org.kommun.name if org.kommun_id else None,
        website=org.website,
        is_demo=org.is_demo,
    )


def agreement(a: Agreement) -> AgreementPublic:
    parties = list(a.parties.all())
    return AgreementPublic(
        id=a.pk,
        title=a.title,
        purpose=a.purpose,
        party_ids=[p.pk for p in parties],
        parties=[p.name for p in parties],
        period_start=a.period_start,
        period_end=a.period_end,
        area_names=[x.name for x in a.areas.all()],
        documents=[
            DocumentPublic(title=d.title, url=d.url or (d.file.url if d.file else "")) for d in a.documents.all()
        ],
        is_demo=a.is_demo,
    )


def body(b: Body) -> BodyPublic:
    return BodyPublic(
        id=b.pk,
        name=b.name,
        kind=b.kind,
        kind_label=str(b.get_kind_display()),
        agreement_id=b.agreement_id,
        parent_id=b.parent_id,
        parent_name=b.parent.name if b.parent_id else None,
        chair=person(b.chair),
        chair_title=b.chair_title,
        member_count=b.n_members if hasattr(b, "n_members") else b.memberships.count(),
        organisations=[o.name for o in b.organisations.all()],
        is_demo=b.is_demo,
    )


def decision(d: Decision) -> DecisionPublic:
    return DecisionPublic(
        id=d.pk,
        activity_id=d.activity_id,
        activity_title=d.subject_title,
        subject=d.subject,
        subject_label=str(d.get_subject_display()),
        meeting_id=d.meeting_id,
        body=d.body.name,
        decided_by=person(d.decided_by),
        date=d.date,
        outcome=d.outcome,
        outcome_label=str(d.get_outcome_display()),
        justification=d.justification,
    )


def _decisions(a: Activity):
    """The activity's decisions: prefetched (``list_activities``) or one query."""
    if "decisions" in getattr(a, "_prefetched_objects_cache", {}):
        return a.decisions.all()
    return a.decisions.select_related("body", "decided_by", "activity")


def activity(a: Activity) -> ActivityPublic:
    partners = list(a.partners.all())
    group = a.working_group
    return ActivityPublic(
        id=a.pk,
        title=a.title,
        description=a.description,
        phase=a.phase,
        phase_label=str(a.get_phase_display()),
        status=a.status,
        status_label=str(a.get_status_display()),
        target_group=a.target_group,
        owner_id=a.owner_id,
        owner=a.owner.name,
        partner_ids=[p.pk for p in partners],
        partners=[p.name for p in partners],
        agreement_id=a.agreement_id,
        working_group_id=a.working_group_id,
        working_group=group.name if group else None,
        steering_group=group.parent.name if group and group.parent_id else None,
        period_start=a.period_start,
        period_end=a.period_end,
        place=a.place,
        expected_participants=a.expected_participants,
        actual_participants=a.actual_participants,
        evaluation=a.evaluation,
        next_statuses=list(WORKFLOW[a.status]),
        decisions=[decision(d) for d in _decisions(a)],
        is_demo=a.is_demo,
    )


def funding(f: FundingApplication) -> FundingPublic:
    return FundingPublic(
        id=f.pk,
        activity_id=f.activity_id,
        activity_title=f.activity.title,
        funder=f.funder,
        programme=f.programme,
        amount_applied=f.amount_applied,
        amount_granted=f.amount_granted,
        deadline=f.deadline,
        status=f.status,
        status_label=str(f.get_status_display()),
        note=f.note,
    )


def indicator(i: Indicator) -> IndicatorPublic:
    return IndicatorPublic(
        id=i.pk,
        agreement_id=i.agreement_id,
        name=i.name,
        unit=i.unit,
        description=i.description,
        higher_is_better=i.higher_is_better,
        years=[
            IndicatorYearPublic(year=y.year, target=y.target, value=y.value, comment=y.comment) for y in i.years.all()
        ],
    )


def party_invitation(i: PartyInvitation) -> PartyInvitationPublic:
    return PartyInvitationPublic(
        id=i.pk,
        agreement_id=i.agreement_id,
        agreement_title=i.agreement.title,
        organisation_id=i.organisation_id,
        organisation=i.organisation.name,
        status=i.status,
        status_label=str(i.get_status_display()),
        created_at=i.created_at,
    )
