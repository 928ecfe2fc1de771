"""Decisions on occupation links: confirm, reject (with a reason), add a manual link.

The mapping code (official SSYK–SUN key, skill overlap) writes *suggested* links with
:func:`suggest_link`; people review them here. Every function is keyword-only, checks the
actor's right (:mod:`.permissions`: ``education.decide_link`` on the link, ``change_programme``
for a manual link), validates (``ValidationFailed`` with per-field messages) and writes in one
transaction with its audit entry. The link keeps who decided, when and why.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.samverkan.audit import record, snapshot

from . import validation as v
from .models import Course, LinkProvenance, LinkStatus, OccupationLink, Programme
from .permissions import require

__all__ = ["get_link", "confirm_link", "reject_link", "add_manual_link", "suggest_link", "REASON_REQUIRED"]

REASON_REQUIRED = gettext_noop("En motivering krävs.")
DECIDE_REFUSED = gettext_noop("Du får bara besluta om yrkeskopplingar för ditt eget lärosätes program och kurser.")


def get_link(pk: int) -> OccupationLink:
    try:
        return OccupationLink.objects.select_related("ssyk", "programme", "course", "author").get(pk=pk)
    except OccupationLink.DoesNotExist:
        raise NotFound(_("Det finns ingen yrkeskoppling med id %(pk)s.") % {"pk": pk}) from None


def _decide(link: OccupationLink, *, actor, status: str, reason: str) -> OccupationLink:
    with transaction.atomic():
        link = OccupationLink.objects.select_for_update().get(pk=link.pk)
        before = snapshot(link)
        link.status = status
        link.reason = reason
        link.author = actor
        link.decided_at = timezone.now()
        link.save(update_fields=["status", "reason", "author", "decided_at", "updated_at"])
        record(
            actor=actor,
            action="confirm" if status == LinkStatus.CONFIRMED else "reject",
            obj=link,
            before=before,
            after=snapshot(link),
        )
    return get_link(link.pk)


def confirm_link(*, actor, link: OccupationLink, reason: str = "") -> OccupationLink:
    """Confirm a link; a reason is optional (kept when given)."""
    require(actor, "decide_link", link, _(DECIDE_REFUSED))
    return _decide(link, actor=actor, status=LinkStatus.CONFIRMED, reason=(reason or "").strip() or link.reason)


def reject_link(*, actor, link: OccupationLink, reason: str) -> OccupationLink:
    """Reject a link; the reason is required."""
    require(actor, "decide_link", link, _(DECIDE_REFUSED))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("En avvisning måste motiveras."), errors={"reason": _(REASON_REQUIRED)})
    return _decide(link, actor=actor, status=LinkStatus.REJECTED, reason=reason)


def add_manual_link(
    *,
    actor,
    ssyk: str,
    reason: str,
    programme: Programme | None = None,
    course: Course | None = None,
    score: float = 1.0,
) -> OccupationLink:
    """Link a programme or a course (exactly one) to an SSYK-4 group by hand: confirmed at once."""
    if programme is not None:
        require(actor, "change_programme", programme, _(DECIDE_REFUSED))
    elif course is not None:
        require(actor, "decide_link", OccupationLink(course=course), _(DECIDE_REFUSED))
    else:
        require(actor, "add_programme", None, _(DECIDE_REFUSED))
    errors: dict[str, str] = {}
    if (programme is None) == (course is None):
        errors["target"] = _("Ange antingen ett program eller en kurs.")
    ssyk = (ssyk or "").strip()
    errors.update(v.check_ssyk4(ssyk))
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _(REASON_REQUIRED)
    if not 0 <= score <= 1:
        errors["score"] = _("Poängen ska ligga mellan 0 och 1.")
    if not errors:
        existing = OccupationLink.objects.filter(ssyk_id=ssyk, provenance=LinkProvenance.MANUAL)
        existing = existing.filter(programme=programme) if programme is not None else existing.filter(course=course)
        if existing.exists():
            errors["ssyk"] = _("Det finns redan en manuell koppling till SSYK %(ssyk)s.") % {"ssyk": ssyk}
    v.raise_if(errors, _("Kopplingen kunde inte sparas."))
    with transaction.atomic():
        link = OccupationLink.objects.create(
            programme=programme,
            course=course,
            ssyk_id=ssyk,
            provenance=LinkProvenance.MANUAL,
            score=score,
            status=LinkStatus.CONFIRMED,
            reason=reason,
            author=actor,
            decided_at=timezone.now(),
        )
        record(actor=actor, action="create", obj=link, after=snapshot(link))
    return get_link(link.pk)


def suggest_link(
    *,
    ssyk: str,
    provenance: str,
    score: float,
    rank: int | None = None,
    evidence: dict | list | None = None,
    programme: Programme | None = None,
    course: Course | None = None,
) -> tuple[OccupationLink, bool]:
    """Create or refresh a suggested link (for the mapping code); returns ``(link, created)``.

    A link that people have already confirmed or rejected keeps its status, reason and
    author; only its score, rank and evidence are refreshed.
    """
    errors: dict[str, str] = {}
    if (programme is None) == (course is None):
        errors["target"] = _("Ange antingen ett program eller en kurs.")
    if provenance not in (LinkProvenance.OFFICIAL, LinkProvenance.SKILL_OVERLAP):
        errors["provenance"] = _(
            "Förslag kommer från official_ssyk_sun eller skill_overlap, inte ”%(provenance)s”."
        ) % {"provenance": provenance}
    if not 0 <= score <= 1:
        errors["score"] = _("Poängen ska ligga mellan 0 och 1.")
    errors.update(v.check_ssyk4(ssyk))
    v.raise_if(errors, _("Förslaget kunde inte sparas."))
    with transaction.atomic():
        link, created = OccupationLink.objects.update_or_create(
            programme=programme,
            course=course,
            ssyk_id=ssyk,
            provenance=provenance,
            defaults=dict(score=score, rank=rank, evidence=evidence or {}),
        )
    return link, created
