"""Competence needs and the universities' answers, followed up like activities.

An organisation's members register a need in its name (and of one of its units); members of a
university answer in the university's name — commissioned education, a catalogue course
(which must be one of the university's own, through ``education.Institution.organisation``), a
distance offer or a study hub. The first answer marks the need *answered*; the need's
organisation accepts or declines answers and moves the need on (:data:`~.models.NEED_WORKFLOW`);
the answering university runs, completes or withdraws its answer
(:data:`~.models.ANSWER_WORKFLOW`). Every step is audited; a step outside the workflow is a 422.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed

from .. import validation as v
from ..audit import record, snapshot
from ..models import (
    ANSWER_STEPS_OF_NEED_OWNER,
    ANSWER_WORKFLOW,
    NEED_WORKFLOW,
    AnswerKind,
    AnswerStatus,
    CompetenceNeed,
    NeedAnswer,
    NeedStatus,
    Unit,
)
from ..permissions import require, visible_agreements
from ..permissions_meetings import visible_needs
from ..schemas_meetings import AnswerCreate, NeedCreate, NeedUpdate
from .knowledge import resolve_region, resolve_ssyk

__all__ = [
    "list_needs",
    "get_need",
    "find_need",
    "find_answer",
    "create_need",
    "update_need",
    "transition_need",
    "answer_need",
    "transition_answer",
]

MAX_HEADCOUNT = 100_000


def list_needs(*, actor, status: str | None = None) -> QuerySet[CompetenceNeed]:
    qs = visible_needs(actor).select_related("organisation", "unit", "kommun", "lan", "ssyk").prefetch_related("areas")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def get_need(*, actor, pk: int) -> CompetenceNeed:
    found = list_needs(actor=actor).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Okänt kompetensbehov: %(pk)s") % {"pk": pk})
    return found


def find_need(pk: int) -> CompetenceNeed:
    found = CompetenceNeed.objects.filter(pk=pk).select_related("organisation").first()
    if found is None:
        raise NotFound(_("Okänt kompetensbehov: %(pk)s") % {"pk": pk})
    return found


def find_answer(pk: int) -> NeedAnswer:
    found = NeedAnswer.objects.filter(pk=pk).select_related("need", "organisation").first()
    if found is None:
        raise NotFound(_("Okänt svar: %(pk)s") % {"pk": pk})
    return found


def _need_fields(changes: dict, need: CompetenceNeed | None, organisation, errors: dict[str, str]) -> dict:
    """The model fields of the sent ``changes`` (create: all of them; update: those sent), validated
    like the need's creation; the unsent ones keep ``need``'s values for the cross-field checks."""
    out: dict = {}
    for name in ("title", "description", "headcount", "needed_from", "needed_until"):
        if name in changes:
            value = changes[name]
            out[name] = (value or "").strip() if name in ("title", "description") else value
    if "title" in out:
        errors |= v.check_required(title=out["title"])
    if "headcount" in out and not 1 <= (out["headcount"] or 0) <= MAX_HEADCOUNT:
        errors["headcount"] = _("Antalet personer ska vara mellan 1 och %(most)s.") % {"most": MAX_HEADCOUNT}
    errors |= v.check_period(
        out.get("needed_from", need.needed_from if need else None),
        out.get("needed_until", need.needed_until if need else None),
        end_field="needed_until",
    )
    if "unit_id" in changes:
        out["unit"] = None
        if changes["unit_id"] is not None:
            out["unit"] = Unit.objects.filter(pk=changes["unit_id"], organisation=organisation).first()
            if out["unit"] is None:
                errors["unit_id"] = _("Enheten hör inte till organisationen.")
    if "region_code" in changes:
        out |= {"kommun": None, "lan": None}
        out |= resolve_region(changes["region_code"], errors) if changes["region_code"] else {}
    if "ssyk_code" in changes:
        out["ssyk"] = resolve_ssyk(changes["ssyk_code"], errors) if changes["ssyk_code"] else None
    if "agreement_id" in changes:
        out["agreement"] = v.agreement(changes["agreement_id"], "agreement_id", errors)
    agreement = out["agreement"] if "agreement" in out else (need.agreement if need else None)
    if changes.get("area_ids"):
        if agreement is None:
            errors["area_ids"] = _("Knyt behovet till ett avtal för att välja avtalets områden.")
        else:
            out["areas"] = v.areas(changes["area_ids"], "area_ids", errors, agreement)
    elif "area_ids" in changes:
        out["areas"] = []
    return out


def _check_agreement(actor, fields: dict) -> None:
    agreement = fields.get("agreement")
    if agreement is not None and not visible_agreements(actor).filter(pk=agreement.pk).exists():
        raise PermissionDenied(_("Du kan bara knyta behovet till ett avtal som din organisation är part i."))


def create_need(*, actor, data: NeedCreate, is_demo: bool = False) -> CompetenceNeed:
    errors: dict[str, str] = v.check_required(title=data.title)
    organisation = v.organisation(data.organisation_id, "organisation_id", errors)
    v.raise_if(errors, _("Behovet kunde inte sparas."))
    require(actor, "add_competence_need", organisation, _("Du kan bara registrera behov för din egen organisation."))
    fields = _need_fields(data.model_dump(exclude={"organisation_id"}), None, organisation, errors)
    v.raise_if(errors, _("Behovet kunde inte sparas."))
    _check_agreement(actor, fields)
    areas = fields.pop("areas", [])
    with transaction.atomic():
        need = CompetenceNeed.objects.create(organisation=organisation, created_by=actor, is_demo=is_demo, **fields)
        need.areas.set(areas)
        record(actor=actor, action="create", obj=need, after=snapshot(need))
    return need


def update_need(*, actor, need: CompetenceNeed, data: NeedUpdate) -> CompetenceNeed:
    """Change what, how many, when, where (and the status, along the workflow) of a need: the
    need's own organisation, as for its status steps; one audit row with before and after."""
    require(actor, "change_competence_need", need, _("Endast behovets egen organisation ändrar behovet."))
    changes = data.model_dump(exclude_unset=True)
    to_status = changes.pop("status", None)
    errors: dict[str, str] = {}
    fields = _need_fields(changes, need, need.organisation, errors)
    v.raise_if(errors, _("Behovet kunde inte sparas."))
    _check_agreement(actor, fields)
    with transaction.atomic():
        need = CompetenceNeed.objects.select_for_update().select_related("organisation").get(pk=need.pk)
        before = snapshot(need)
        if to_status and to_status != need.status:
            _check_step(need, to_status)
            need.status = _reopened(need, to_status)
        areas = fields.pop("areas", None)
        if "agreement" in fields and areas is None and fields["agreement"] != need.agreement:
            areas = []  # another agreement: the old agreement's areas no longer apply
        for name, value in fields.items():
            setattr(need, name, value)
        need.save()
        if areas is not None:
            need.areas.set(areas)
        record(actor=actor, action="update", obj=need, before=before, after=snapshot(need))
    return need


def _refuse_step(label_from: str, label_to: str, allowed: list[str]) -> ValidationFailed:
    message = _("Status %(label_from)s kan inte bli %(label_to)s. Tillåtna nästa steg: %(steps)s.") % {
        "label_from": label_from,
        "label_to": label_to,
        "steps": ", ".join(allowed) or _("inga"),
    }
    return ValidationFailed(message, errors={"to_status": message})


def _check_step(need: CompetenceNeed, to_status: str) -> None:
    if to_status not in NEED_WORKFLOW[need.status]:
        raise _refuse_step(
            str(need.get_status_display()),
            str(NeedStatus(to_status).label) if to_status in NeedStatus.values else to_status,
            [str(NeedStatus(s).label) for s in NEED_WORKFLOW[need.status]],
        )


def _reopened(need: CompetenceNeed, to_status: str) -> str:
    """A need reopened with answers on it is *answered*, not *open*."""
    return NeedStatus.ANSWERED if to_status == NeedStatus.OPEN and need.answers.exists() else to_status


def transition_need(*, actor, need: CompetenceNeed, to_status: str) -> CompetenceNeed:
    require(actor, "change_competence_need", need, _("Endast behovets egen organisation följer upp behovet."))
    with transaction.atomic():
        need = CompetenceNeed.objects.select_for_update().get(pk=need.pk)
        _check_step(need, to_status)
        before = snapshot(need)
        to_status = _reopened(need, to_status)
        need.status = to_status
        need.save()
        record(actor=actor, action=f"status:{to_status}", obj=need, before=before, after=snapshot(need))
    return need


def answer_need(*, actor, need: CompetenceNeed, data: AnswerCreate, is_demo: bool = False) -> NeedAnswer:
    from kompetensbron.education.models import Course

    errors: dict[str, str] = v.check_required(title=data.title)
    organisation = v.organisation(data.organisation_id, "organisation_id", errors)
    v.raise_if(errors, _("Svaret kunde inte sparas."))
    require(
        actor, "answer_competence_need", organisation, _("Endast ett lärosätes medlemmar svarar i lärosätets namn.")
    )
    if data.places is not None and not 1 <= data.places <= MAX_HEADCOUNT:
        errors["places"] = _("Antalet platser ska vara mellan 1 och %(most)s.") % {"most": MAX_HEADCOUNT}
    course = None
    if data.kind == AnswerKind.COURSE:
        if data.course_id is None:
            errors["course_id"] = _("Välj kursen ur katalogen.")
        else:
            course = Course.objects.filter(pk=data.course_id).select_related("institution").first()
            if course is None:
                errors["course_id"] = _("Okänd kurs: %(course_id)s.") % {"course_id": data.course_id}
            elif course.institution.organisation_id != organisation.pk:
                errors["course_id"] = _("Kursen ges inte av det svarande lärosätet.")
    v.raise_if(errors, _("Svaret kunde inte sparas."))
    with transaction.atomic():
        locked = CompetenceNeed.objects.select_for_update().get(pk=need.pk)
        if locked.status in (NeedStatus.MET, NeedStatus.CLOSED):  # read under the lock, not from the caller
            message = _("Behovet är %(status)s och tar inte emot fler svar.") % {
                "status": locked.get_status_display().lower()
            }
            raise ValidationFailed(message, errors={"need": message})
        answer = NeedAnswer.objects.create(
            need=locked,
            organisation=organisation,
            kind=data.kind,
            title=data.title.strip(),
            description=data.description,
            course=course,
            url=data.url,
            places=data.places,
            starts=data.starts,
            created_by=actor,
            is_demo=is_demo,
        )
        record(actor=actor, action="create", obj=answer, after=snapshot(answer))
        if locked.status == NeedStatus.OPEN:
            before = snapshot(locked)
            locked.status = NeedStatus.ANSWERED
            locked.save()
            record(actor=actor, action="status:answered", obj=locked, before=before, after=snapshot(locked))
    return answer


def transition_answer(*, actor, answer: NeedAnswer, to_status: str) -> NeedAnswer:
    """The need's organisation accepts or declines; the answering university does the rest."""
    if to_status in ANSWER_STEPS_OF_NEED_OWNER:
        require(actor, "accept_need_answer", answer, _("Endast behovets organisation antar eller avböjer svar."))
    else:
        require(actor, "change_need_answer", answer, _("Endast det svarande lärosätet följer upp sitt svar."))
    with transaction.atomic():
        answer = NeedAnswer.objects.select_for_update().get(pk=answer.pk)
        if to_status not in ANSWER_WORKFLOW[answer.status]:
            raise _refuse_step(
                str(answer.get_status_display()),
                str(AnswerStatus(to_status).label) if to_status in AnswerStatus.values else to_status,
                [str(AnswerStatus(s).label) for s in ANSWER_WORKFLOW[answer.status]],
            )
        before = snapshot(answer)
        answer.status = to_status
        answer.save()
        record(actor=actor, action=f"status:{to_status}", obj=answer, before=before, after=snapshot(answer))
    return answer
