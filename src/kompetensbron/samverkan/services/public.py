"""Model → Public schema: the one place that turns rows into the typed results."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..governance_rules import allowed_next, governance_of
from ..models import (
    Activity,
    Agreement,
    Body,
    Decision,
    FundingApplication,
    Governance,
    Indicator,
    Organisation,
    PartyInvitation,
    Phase,
)
from ..schemas import (
    ActivityPublic,
    AgreementPublic,
    ApprovalPublic,
    BodyPublic,
    DecisionPublic,
    DocumentPublic,
    FundingPublic,
    IndicatorPublic,
    IndicatorYearPublic,
    Named,
    OrganisationPublic,
    PartyInvitationPublic,
)

#: The clause an agreement without binding funding carries (Härnösand's annex); shown only there.
NOT_BINDING = gettext_noop(
    "Avtalet innebär ingen bindande finansiering: medel söks i varje enskilt fall. "
    "Endast beviljade belopp är säkra; sökta belopp är inte utlovade."
)


def funding_note(a: Agreement | None) -> str:
    """The "no binding funding" clause where the agreement says so (``binds_funding`` is False)."""
    return _(NOT_BINDING) if a is not None and a.binds_funding is False else ""


def phase_groups(a: Agreement, *, any_unphased: bool) -> list[tuple[str | None, str]]:
    """The rows a per-phase summary of the agreement shows, as (phase, label) in the request's
    language: each life-cycle phase, then the activities without one ("Utan fas") where there are
    any; one row of all activities where the agreement does not use the life-cycle model."""
    if not a.uses_lifecycle:
        return [(None, _("Alla aktiviteter"))]
    groups: list[tuple[str | None, str]] = [(p.value, str(p.label)) for p in Phase]
    return [*groups, (None, _("Utan fas"))] if any_unphased else groups


def named(rows) -> list[Named]:
    return [Named(id=r.pk, name=r.name) for r in rows]


def units(rows) -> list[Named]:
    return [Named(id=u.pk, name=f"{u.name} ({u.organisation.name})") for u in rows]


def _related(obj, name: str, *select: str, **filters):
    """``obj.<name>``: the prefetched rows when the query prefetched them, else one query."""
    if name in getattr(obj, "_prefetched_objects_cache", {}):
        return getattr(obj, name).all()
    return getattr(obj, name).filter(**filters).select_related(*select)


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
            DocumentPublic(id=d.pk, title=d.title, url=d.url or (d.file.url if d.file else ""))
            for d in a.documents.all()
        ],
        is_demo=a.is_demo,
        governance=a.governance,
        governance_label=str(Governance(a.governance).label),
        binds_funding=a.binds_funding,
        uses_lifecycle=a.uses_lifecycle,
        areas=named(a.areas.all()),
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
        governance=b.governance,
        governance_label=str(Governance(b.governance).label) if b.governance else "",
        units=units(_related(b, "units", "organisation")),
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
        phase=a.phase or None,
        phase_label=str(a.get_phase_display()) if a.phase else "",
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
        next_statuses=list(allowed_next(a)),
        decisions=[decision(d) for d in _decisions(a)],
        is_demo=a.is_demo,
        owner_unit_id=a.owner_unit_id,
        owner_unit=a.owner_unit.name if a.owner_unit_id else None,
        areas=named(a.areas.all()),
        units=units(_related(a, "units", "organisation")),
        governance=(g := governance_of(a)),
        governance_label=str(Governance(g).label),
        approvals=[
            approval(x) for x in _related(a, "approvals", "organisation", "body", "by", is_current=True) if x.is_current
        ],
        funding_note=funding_note(a.agreement if a.agreement_id else None),
    )


def approval(x) -> ApprovalPublic:
    return ApprovalPublic(
        id=x.pk,
        kind=x.kind,
        kind_label=str(x.get_kind_display()),
        organisation=x.organisation.name if x.organisation_id else None,
        body=x.body.name if x.body_id else None,
        by=person(x.by),
        date=x.date,
        comment=x.comment,
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
        areas=named(f.areas.all()),
        units=units(_related(f, "units", "organisation")),
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
        areas=named(i.areas.all()),
        units=units(_related(i, "units", "organisation")),
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
