"""The reads that pages and API routes need, named: the routes hold no ORM query.

Each function returns model rows (or plain values) loaded with what the page or route renders —
the related rows selected or prefetched once, so the number of SQL queries does not grow with
the number of rows (``tests/samverkan/test_query_counts.py``). Visibility is the permission
module's (:mod:`kompetensbron.samverkan.permissions`); functions named ``visible_*`` or taking
``actor`` answer only what the actor may see.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound

from ..models import (
    Activity,
    Agreement,
    ApprovalKind,
    Body,
    BodyMembership,
    FundingApplication,
    Indicator,
    IndicatorYear,
    KnowledgeLink,
    Organisation,
    Unit,
)
from ..permissions import body_ids, visible_agreements, visible_bodies, visible_organisations
from ..permissions_meetings import answering_organisations, needing_organisations, visible_meetings

__all__ = [
    "activity_count",
    "agreement_area_names",
    "agreement_bodies",
    "answered_party_ids",
    "body_with_members",
    "body_members",
    "body_relations",
    "board_agreements",
    "decision_links_of_meeting",
    "funding_of",
    "indicator_year",
    "indicators_of",
    "is_noted",
    "list_agreements",
    "list_bodies",
    "list_organisations",
    "may_answer_needs",
    "may_register_needs",
    "meetings_of_my_bodies",
    "need_answers",
    "organisations",
    "units_of",
]

_LINKED = ("programme", "course", "ssyk", "kommun", "lan")


# ------------------------------------------------------------------ agreements and indicators


def list_agreements(actor) -> list[Agreement]:
    return list(visible_agreements(actor))


def board_agreements(actor) -> list[Agreement]:
    """The agreements on the board, with their parties, areas and documents."""
    return list(visible_agreements(actor).prefetch_related("parties", "areas", "documents"))


def activity_count(agreement: Agreement) -> int:
    return agreement.activities.count()


def agreement_area_names(agreement: Agreement) -> list[str]:
    return [a.name for a in agreement.areas.all()]


def indicators_of(agreement: Agreement) -> list[Indicator]:
    """An agreement's indicators with their years, areas and units."""
    return list(agreement.indicators.prefetch_related("years", "areas", "units__organisation"))


def indicator_year(indicator: Indicator, year: int) -> IndicatorYear | None:
    return indicator.years.filter(year=year).first()


# ------------------------------------------------------------------ activities


def funding_of(activity: Activity) -> list[FundingApplication]:
    return list(activity.funding_applications.select_related("activity"))


def answered_party_ids(activity: Activity) -> set[int]:
    """The organisations whose current answer (approval or refusal) the activity has."""
    return set(activity.approvals.filter(is_current=True).values_list("organisation_id", flat=True))


def is_noted(activity: Activity) -> bool:
    """Whether a council has noted the activity (its current note)."""
    return activity.approvals.filter(is_current=True, kind=ApprovalKind.NOTE).exists()


def organisations(ids: Iterable[int] | None = None):
    """Organisations by id (all when ``ids`` is None), as a queryset for a form's choices."""
    rows = Organisation.objects.all()
    return rows if ids is None else rows.filter(pk__in=list(ids))


def units_of(organisation: Organisation) -> list[Unit]:
    return list(organisation.units.all())


def list_organisations(actor) -> list[Organisation]:
    return list(visible_organisations(actor))


# ------------------------------------------------------------------ bodies


def _members() -> Prefetch:
    return Prefetch(
        "memberships", queryset=BodyMembership.objects.select_related("user", "organisation").order_by("pk")
    )


def list_bodies(actor, *, with_members: bool = False) -> list[Body]:
    """The bodies the actor may see with parent, chair, organisations and units (and, with
    ``with_members``, the memberships and ``n_members``), ordered by name."""
    rows = visible_bodies(actor).select_related("parent", "chair")
    if not with_members:
        return list(rows.prefetch_related("organisations", "units__organisation"))
    bodies = list(rows.prefetch_related("organisations", "units__organisation", _members()).order_by("name"))
    for b in bodies:
        b.n_members = len(b.memberships.all())
    return bodies


def agreement_bodies(actor, agreement: Agreement) -> list[Body]:
    """The agreement's bodies the actor may see, with parent, chair, organisations and the
    member count in a fixed number of queries (the count as a subquery, not one COUNT per body)."""
    members = (
        BodyMembership.objects.filter(body=OuterRef("pk")).order_by().values("body").annotate(n=Count("pk")).values("n")
    )
    return list(
        visible_bodies(actor)
        .filter(agreement=agreement)
        .select_related("parent", "chair")
        .prefetch_related("organisations", "units__organisation")
        .annotate(n_members=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)))
    )


def body_with_members(actor, pk: int) -> Body:
    """One visible body with its agreement, organisations, units and memberships (``n_members``)."""
    body = (
        visible_bodies(actor)
        .filter(pk=pk)
        .select_related("parent", "chair", "agreement")
        .prefetch_related("organisations", "units__organisation", _members())
        .first()
    )
    if body is None:
        raise NotFound(_("Okänt organ: %(pk)s") % {"pk": pk})
    body.n_members = len(body.memberships.all())
    return body


def body_members(body: Body) -> list[BodyMembership]:
    return list(body.memberships.all())


def body_relations(body: Body) -> dict[str, list]:
    """A body's organisations, units and areas (the body edit form's initial choices)."""
    return {
        "organisations": list(body.organisations.all()),
        "units": list(body.units.all()),
        "areas": list(body.areas.all()),
    }


# ------------------------------------------------------------------ meetings and needs


def decision_links_of_meeting(meeting) -> dict[int, list[KnowledgeLink]]:
    """The knowledge links of a meeting's decisions, by decision id."""
    links: dict[int, list[KnowledgeLink]] = {}
    for k in KnowledgeLink.objects.filter(decision__meeting=meeting).select_related(*_LINKED):
        links.setdefault(k.decision_id, []).append(k)
    return links


def meetings_of_my_bodies(actor, limit: int = 5) -> list:
    """The latest meetings of the bodies the actor sits on (the board links to them), newest first."""
    mine = body_ids(actor)
    if not mine:
        return []
    return list(
        visible_meetings(actor).filter(body_id__in=mine).select_related("body").order_by("-date", "-pk")[:limit]
    )


def need_answers(need) -> list:
    return list(need.answers.select_related("need"))


def may_register_needs(actor) -> bool:
    return needing_organisations(actor).exists()


def may_answer_needs(actor) -> bool:
    return answering_organisations(actor).exists()
