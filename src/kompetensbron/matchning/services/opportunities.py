"""Opportunities and their workflow: draft → in review → published → filled / closed.

Members of the host organisation create and edit drafts and send them for review; a
coordinator of a university or of the region publishes (or sends back to draft); the host
closes. Every change is audited in the same transaction.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.reference.models import Kommun, SsykGroup
from kompetensbron.samverkan import validation as v
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.models import Organisation, Unit
from kompetensbron.samverkan.permissions import member_organisations

from .. import skills as sk
from ..models import (
    OPPORTUNITY_WORKFLOW,
    DegreeLevel,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    WorkMode,
)
from ..permissions import require, visible_opportunities
from ..schemas import OpportunityCreate, OpportunityUpdate, SkillRef
from .public import OPPORTUNITY_RELATED

__all__ = [
    "InvalidTransition",
    "create_opportunity",
    "find_opportunity",
    "get_opportunity",
    "host_choices",
    "host_organisations",
    "list_opportunities",
    "suggest_skills",
    "transition_opportunity",
    "with_counts",
    "update_opportunity",
]


class InvalidTransition(ValidationFailed):
    def __init__(self, current: str, to_status: str) -> None:
        allowed = ", ".join(str(OpportunityStatus(s).label) for s in OPPORTUNITY_WORKFLOW.get(current, ())) or "inga"
        label = OpportunityStatus(to_status).label if to_status in OpportunityStatus.values else to_status
        message = _("En möjlighet med status %(label)s kan inte bli %(label2)s. Tillåtna nästa steg: %(allowed)s.") % {
            "label": OpportunityStatus(current).label,
            "label2": label,
            "allowed": allowed,
        }
        super().__init__(message, errors={"status": message})


def with_counts(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """``qs`` with the related rows the public form shows and the number of places filled."""
    return qs.select_related(*OPPORTUNITY_RELATED).annotate(filled_count=Count("placements", distinct=True))


def get_opportunity(*, actor, pk: int) -> Opportunity:
    """One opportunity the actor may read (unknown and unreadable look the same)."""
    found = with_counts(visible_opportunities(actor).filter(pk=pk)).first()
    if found is None:
        raise NotFound(_("Okänd möjlighet: %(pk)s") % {"pk": pk})
    return found


def find_opportunity(pk: int) -> Opportunity:
    """Any opportunity by id, for writes: the service then checks the right (403)."""
    found = with_counts(Opportunity.objects.filter(pk=pk)).first()
    if found is None:
        raise NotFound(_("Okänd möjlighet: %(pk)s") % {"pk": pk})
    return found


def list_opportunities(
    *,
    actor,
    status: str | None = None,
    kind: str | None = None,
    host_id: int | None = None,
    host_ids: Collection[int] | None = None,
) -> QuerySet[Opportunity]:
    qs = visible_opportunities(actor)
    if host_ids is not None:
        qs = qs.filter(host__in=host_ids)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if host_id:
        qs = qs.filter(host_id=host_id)
    return with_counts(qs).order_by("-published_at", "-created_at", "title")


def host_organisations(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may post opportunities for: their own (all for administrators), by name."""
    return member_organisations(user).order_by("name")


def host_choices(opportunity: Opportunity) -> QuerySet[Organisation]:
    """The host of ``opportunity`` as the only choice of its edit form (the host does not change)."""
    return Organisation.objects.filter(pk=opportunity.host_id)


def _check(fields: dict, errors: dict[str, str], host_id: int | None) -> dict:
    """Validate fields (as given) and resolve references; returns model field values."""
    out: dict = {}
    if "title" in fields:
        errors |= v.check_required(title=(fields["title"] or "").strip())
        out["title"] = (fields["title"] or "").strip()
    if "kind" in fields:
        if fields["kind"] not in OpportunityKind.values:
            errors["kind"] = _("Okänd typ: %(kind)s.") % {"kind": fields["kind"]}
        out["kind"] = fields["kind"]
    if "level" in fields:
        level = fields["level"] or ""
        if level and level not in DegreeLevel.values:
            errors["level"] = _("Okänd nivå: %(level)s.") % {"level": level}
        out["level"] = level
    if "work_mode" in fields:
        if fields["work_mode"] not in WorkMode.values:
            errors["work_mode"] = _("Okänt arbetssätt: %(work_mode)s.") % {"work_mode": fields["work_mode"]}
        out["work_mode"] = fields["work_mode"]
    for name in ("required_skills", "desirable_skills"):
        if name in fields and fields[name] is not None:
            ids = list(dict.fromkeys(s.strip() for s in fields[name] if s and s.strip()))
            bad = sk.unknown(ids)
            if bad:
                errors[name] = _("Okända kompetenser: %(items)s.") % {"items": ", ".join(b[:40] for b in bad[:5])}
            out[name] = ids
    if "ssyk_code" in fields:
        code = fields["ssyk_code"]
        out["ssyk"] = None
        if code:
            out["ssyk"] = SsykGroup.objects.filter(pk=code, level=4).first()
            if out["ssyk"] is None:
                errors["ssyk_code"] = _("Okänd SSYK-4-grupp: %(code)s.") % {"code": code}
    if "kommun_code" in fields:
        code = fields["kommun_code"]
        out["kommun"] = None
        if code:
            out["kommun"] = Kommun.objects.filter(pk=code).first()
            if out["kommun"] is None:
                errors["kommun_code"] = _("Okänd kommunkod: %(code)s.") % {"code": code}
    if "unit_id" in fields:
        out["unit"] = None
        if fields["unit_id"]:
            out["unit"] = Unit.objects.filter(pk=fields["unit_id"], organisation_id=host_id).first()
            if out["unit"] is None:
                errors["unit_id"] = _("Enheten hör inte till värdorganisationen.")
    for name in ("description", "pay", "dual_report_note", "credits", "capacity", "period_start", "period_end"):
        if name in fields and fields[name] is not None:
            out[name] = fields[name].strip() if isinstance(fields[name], str) else fields[name]
    if "period_start" in fields and fields["period_start"] is None:
        out["period_start"] = None
    if "period_end" in fields and fields["period_end"] is None:
        out["period_end"] = None
    if "credits" in fields and fields["credits"] is None:
        out["credits"] = None
    return out


def create_opportunity(*, actor, data: OpportunityCreate, is_demo: bool = False) -> Opportunity:
    """A member of the host organisation posts a draft."""
    errors: dict[str, str] = {}
    host = v.organisation(data.host_id, "host_id", errors)
    v.raise_if(errors)
    draft = Opportunity(host=host)
    require(
        actor, "add_opportunity", draft, _("Endast medlemmar i värdorganisationen får lägga upp möjligheter för den.")
    )
    values = _check(data.model_dump(exclude={"host_id"}), errors, host.pk)
    errors |= v.check_period(values.get("period_start"), values.get("period_end"))
    v.raise_if(errors, _("Möjligheten kunde inte sparas."))
    with transaction.atomic():
        opportunity = Opportunity.objects.create(host=host, created_by=actor, is_demo=is_demo, **values)
        record(actor=actor, action="create", obj=opportunity, after=snapshot(opportunity))
    return find_opportunity(opportunity.pk)


def update_opportunity(*, actor, opportunity: Opportunity, data: OpportunityUpdate) -> Opportunity:
    require(actor, "change_opportunity", opportunity, _("Endast värdorganisationens medlemmar får ändra möjligheten."))
    if opportunity.status in (OpportunityStatus.FILLED, OpportunityStatus.CLOSED):
        raise ValidationFailed(_("En tillsatt eller stängd möjlighet kan inte ändras."), errors={"status": _("stängd")})
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    values = _check(changes, errors, opportunity.host_id)
    errors |= v.check_period(
        values.get("period_start", opportunity.period_start), values.get("period_end", opportunity.period_end)
    )
    v.raise_if(errors, _("Möjligheten kunde inte sparas."))
    with transaction.atomic():
        current = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        before = snapshot(current)
        for field, value in values.items():
            setattr(current, field, value)
        if current.status == OpportunityStatus.PUBLISHED and set(values) & {
            "title",
            "description",
            "required_skills",
            "kind",
        }:
            current.status = OpportunityStatus.IN_REVIEW  # a changed posting is reviewed again
        current.save()
        record(actor=actor, action="update", obj=current, before=before, after=snapshot(current))
    return find_opportunity(opportunity.pk)


def transition_opportunity(*, actor, opportunity: Opportunity, to_status: str) -> Opportunity:
    """Move along the workflow: publishing (and sending back) is the publishers' right."""
    if to_status == OpportunityStatus.PUBLISHED or (
        to_status == OpportunityStatus.DRAFT
        and opportunity.status == OpportunityStatus.IN_REVIEW
        and not actor.has_perm("matchning.change_opportunity", opportunity)
    ):
        require(
            actor,
            "publish_opportunity",
            opportunity,
            _("Endast samordnare vid ett lärosäte eller regionen publicerar möjligheter."),
        )
    else:
        require(
            actor, "change_opportunity", opportunity, _("Endast värdorganisationens medlemmar får ändra möjligheten.")
        )
    if to_status not in OpportunityStatus.values:
        raise ValidationFailed(
            _("Okänd status: %(to_status)s.") % {"to_status": to_status}, errors={"to_status": _("okänd status")}
        )
    with transaction.atomic():
        current = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if to_status not in OPPORTUNITY_WORKFLOW[current.status]:
            raise InvalidTransition(current.status, to_status)
        if to_status == OpportunityStatus.IN_REVIEW and not current.description.strip():
            raise ValidationFailed(_("Beskriv möjligheten innan den granskas."), errors={"description": _(v.REQUIRED)})
        before = snapshot(current)
        current.status = to_status
        if to_status == OpportunityStatus.PUBLISHED:
            current.published_by = actor
            current.published_at = timezone.now()
        current.save()
        record(actor=actor, action=f"status:{to_status}", obj=current, before=before, after=snapshot(current))
    return find_opportunity(opportunity.pk)


def suggest_skills(*, actor, text: str, extractor=None) -> list[SkillRef]:
    """Skills the extractor finds in a posting's text (nothing is stored)."""
    if actor is None or not actor.is_authenticated:
        from kompetensbron.errors import PermissionDenied

        raise PermissionDenied(_("Logga in för att få förslag."))
    ids = sk.extract(text, extractor)
    return sk.refs(ids)
