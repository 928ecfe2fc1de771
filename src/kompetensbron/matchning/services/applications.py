"""Rolling allocation: apply → shortlist → offer → accept / decline (or withdraw / reject).

The student applies to a published opportunity (with consent to matching); the host
shortlists, offers or rejects; the student accepts or declines an offer, or withdraws. An
accepted offer is a :class:`~..models.Placement`; when the placements reach the capacity the
opportunity becomes *filled* and the other open applications are rejected.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.samverkan.audit import record, snapshot

from ..models import (
    APPLICATION_WORKFLOW,
    Application,
    ApplicationStatus,
    Opportunity,
    OpportunityStatus,
    Placement,
    PlacementSource,
    StudentProfile,
)
from ..permissions import require, student_profile, visible_applications
from ..schemas import ApplyIn

__all__ = [
    "apply",
    "days_since_published",
    "fill_if_full",
    "find_application",
    "get_application",
    "own_applications",
    "applications_by_id",
    "has_applied",
    "transition_application",
]

STUDENT_MOVES = (ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN)


def get_application(*, actor, pk: int) -> Application:
    found = visible_applications(actor).filter(pk=pk).select_related("opportunity__host", "student__user").first()
    if found is None:
        raise NotFound(_("Okänd ansökan: %(pk)s") % {"pk": pk})
    return found


def find_application(pk: int) -> Application:
    found = Application.objects.filter(pk=pk).select_related("opportunity__host", "student__user").first()
    if found is None:
        raise NotFound(_("Okänd ansökan: %(pk)s") % {"pk": pk})
    return found


def own_applications(*, actor) -> QuerySet[Application]:
    profile = student_profile(actor)
    if profile is None:
        return Application.objects.none()
    return profile.applications.select_related("opportunity__host", "student").order_by("-created_at")


def applications_by_id(opportunity: Opportunity) -> dict[int, Application]:
    """The applications to ``opportunity`` by id, each with its student (for the applicants' actions)."""
    return {a.pk: a for a in Application.objects.filter(opportunity=opportunity).select_related("student")}


def has_applied(opportunity: Opportunity, profile: StudentProfile | None) -> bool:
    """Whether the student ``profile`` (none: not a student) has applied to ``opportunity``."""
    return profile is not None and Application.objects.filter(opportunity=opportunity, student=profile).exists()


def apply(*, actor, opportunity: Opportunity, data: ApplyIn) -> Application:
    require(actor, "apply", None, _("Endast studenter kan söka."))
    profile = student_profile(actor)
    if not profile.consent_matching:
        raise ValidationFailed(
            _("Ge samtycke till matchning i din profil innan du söker."), errors={"consent_matching": _("krävs")}
        )
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise NotFound(
            _("Okänd möjlighet: %(pk)s") % {"pk": opportunity.pk}
        )  # an unpublished one is invisible to students
    try:
        with transaction.atomic():
            application = Application.objects.create(
                opportunity=opportunity, student=profile, message=data.message.strip()
            )
            record(actor=actor, action="apply", obj=application, after=snapshot(application))
    except IntegrityError:
        raise ValidationFailed(
            _("Du har redan sökt den här möjligheten."), errors={"opportunity": _("redan sökt")}
        ) from None
    return application


def days_since_published(opportunity: Opportunity, when) -> int | None:
    if opportunity.published_at is None:
        return None
    return max(0, (when - opportunity.published_at).days)


def fill_if_full(*, actor, opportunity_id: int) -> bool:
    """Mark a published opportunity filled once its placements reach capacity (call in a transaction)."""
    opp = Opportunity.objects.select_for_update().get(pk=opportunity_id)
    if opp.status != OpportunityStatus.PUBLISHED or opp.placements.count() < opp.capacity:
        return False
    before = snapshot(opp)
    opp.status = OpportunityStatus.FILLED
    opp.save()
    record(actor=actor, action=f"status:{OpportunityStatus.FILLED}", obj=opp, before=before, after=snapshot(opp))
    for other in Application.objects.filter(
        opportunity=opp, status__in=(ApplicationStatus.APPLIED, ApplicationStatus.SHORTLISTED)
    ):
        b = snapshot(other)
        other.status = ApplicationStatus.REJECTED
        other.save()
        record(actor=actor, action=f"status:{ApplicationStatus.REJECTED}", obj=other, before=b, after=snapshot(other))
    return True


def transition_application(*, actor, application: Application, to_status: str) -> Application:
    """Host: shortlist / offer / reject. Student: accept / decline / withdraw."""
    if to_status not in ApplicationStatus.values:
        raise ValidationFailed(
            _("Okänd status: %(to_status)s.") % {"to_status": to_status}, errors={"to_status": _("okänd status")}
        )
    if to_status in STUDENT_MOVES:
        side = "student"
        require(
            actor,
            "answer_application",
            application,
            _("Endast studenten själv svarar på ett erbjudande eller återkallar."),
        )
    else:
        side = "host"
        require(
            actor,
            "decide_application",
            application,
            _("Endast värdorganisationen hanterar ansökningarna till sina möjligheter."),
        )
    with transaction.atomic():
        current = (
            Application.objects.select_for_update().select_related("opportunity", "student").get(pk=application.pk)
        )
        allowed = APPLICATION_WORKFLOW[side].get(current.status, ())
        if to_status not in allowed:
            names = ", ".join(str(ApplicationStatus(s).label) for s in allowed) or _("inga")
            message = (
                _("En ansökan med status %(status)s kan inte bli %(label)s av studenten. Tillåtna steg: %(names)s.")
                if side == "student"
                else _("En ansökan med status %(status)s kan inte bli %(label)s av värden. Tillåtna steg: %(names)s.")
            ) % {"status": current.get_status_display(), "label": ApplicationStatus(to_status).label, "names": names}
            raise ValidationFailed(message, errors={"status": message})
        opportunity = current.opportunity
        if (
            to_status in (ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED)
            and opportunity.status != OpportunityStatus.PUBLISHED
        ):
            raise ValidationFailed(_("Möjligheten är inte längre öppen."), errors={"status": opportunity.status})
        if to_status == ApplicationStatus.ACCEPTED and opportunity.placements.count() >= opportunity.capacity:
            raise ValidationFailed(_("Platserna är redan tillsatta."), errors={"status": "fullt"})
        before = snapshot(current)
        current.status = to_status
        current.save()
        record(actor=actor, action=f"status:{to_status}", obj=current, before=before, after=snapshot(current))
        if to_status == ApplicationStatus.ACCEPTED:
            now = timezone.now()
            placement = Placement.objects.create(
                opportunity=opportunity,
                student=current.student,
                university=current.student.university,
                source=PlacementSource.APPLICATION,
                application=current,
                matched_at=now,
                days_to_match=days_since_published(opportunity, now),
                is_demo=opportunity.is_demo,
            )
            record(actor=actor, action="create", obj=placement, after=snapshot(placement))
            fill_if_full(actor=actor, opportunity_id=opportunity.pk)
    current.refresh_from_db()
    return current
