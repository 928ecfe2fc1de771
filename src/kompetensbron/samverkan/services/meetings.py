"""Meetings of a body: agenda, attendees, minutes, documents, ideas and decisions.

A body's members and chair record its meetings (``samverkan.record_meeting`` /
``change_meeting``). An idea presented at a meeting becomes an activity in one step
(:func:`idea_to_activity`) through :func:`.activities.create_activity` — its rules (owner among
the actor's organisations, working group within their bodies, who may file or propose) apply
unchanged. A decision taken at a meeting on an activity is the activity's usual decision
(:func:`.activities.decide_activity`: the steering group above the working group); on the
agreement (the model) or on a programme's adoption it is recorded for the meeting's body.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed

from .. import validation as v
from ..audit import record, snapshot
from ..models import Activity, Body, Decision, DecisionSubject, Meeting, MeetingAttendee, MeetingDocument, MeetingIdea
from ..permissions import require, visible_agreements, visible_bodies, visible_organisations
from ..permissions_meetings import visible_meetings
from ..schemas_meetings import AttendeeIn, IdeaIn, IdeaToActivityIn, MeetingCreate, MeetingDecisionIn, MeetingUpdate
from .activities import create_activity, decide_activity, find_activity

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "DOCUMENT_TYPES",
    "get_visible_body",
    "list_meetings",
    "meetings_of_agreement_year",
    "get_meeting",
    "find_meeting",
    "create_meeting",
    "update_meeting",
    "add_attendee",
    "add_document",
    "add_idea",
    "find_idea",
    "idea_to_activity",
    "record_meeting_decision",
    "deciding_organisations",
]

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: allowed uploads: extension → the content types a browser may send for it
DOCUMENT_TYPES: dict[str, tuple[str, ...]] = {
    ".pdf": ("application/pdf",),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
    ".odt": ("application/vnd.oasis.opendocument.text",),
    ".txt": ("text/plain",),
}
#: the first bytes each kind of file starts with (the declared type is not trusted alone)
_MAGIC = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".pptx": b"PK\x03\x04", ".odt": b"PK"}

_CHANGE = gettext_noop("Endast organets ledamöter och ordförande får föra in uppgifter om dess möten.")


def get_visible_body(*, actor, pk: int) -> Body:
    found = visible_bodies(actor).filter(pk=pk).select_related("agreement", "chair").first()
    if found is None:
        raise NotFound(_("Okänt organ: %(pk)s") % {"pk": pk})
    return found


def _with_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("body").prefetch_related("ideas", "samverkan_decisions")


def list_meetings(*, actor, body: Body) -> QuerySet[Meeting]:
    return _with_counts(visible_meetings(actor).filter(body=body)).order_by("-date", "-id")


def meetings_of_agreement_year(*, agreement, year: int) -> QuerySet[Meeting]:
    """The meetings of one agreement year: linked to the agreement, or held by its bodies."""
    qs = Meeting.objects.filter(Q(agreement=agreement) | Q(agreement__isnull=True, body__agreement=agreement))
    return _with_counts(qs.filter(date__year=year)).order_by("date", "id")


def get_meeting(*, actor, pk: int) -> Meeting:
    found = visible_meetings(actor).filter(pk=pk).select_related("body", "agreement").first()
    if found is None:
        raise NotFound(_("Okänt möte: %(pk)s") % {"pk": pk})
    return found


def find_meeting(pk: int) -> Meeting:
    """Any meeting by id, for writes: the service then checks the right (403)."""
    found = Meeting.objects.filter(pk=pk).select_related("body", "agreement").first()
    if found is None:
        raise NotFound(_("Okänt möte: %(pk)s") % {"pk": pk})
    return found


def _check_date(date: dt.date | None, errors: dict[str, str], field: str = "date") -> None:
    if date is None:
        errors[field] = _(v.REQUIRED)
    elif not dt.date(1990, 1, 1) <= date <= timezone.localdate() + dt.timedelta(days=3 * 366):
        errors[field] = _("Datumet ligger utanför det rimliga (1990 till tre år framåt).")


def create_meeting(*, actor, body: Body, data: MeetingCreate, is_demo: bool = False) -> Meeting:
    require(actor, "record_meeting", body, _(_CHANGE))
    errors: dict[str, str] = {}
    _check_date(data.date, errors)
    agreement = v.agreement(data.agreement_id, "agreement_id", errors) if data.agreement_id else body.agreement
    v.raise_if(errors, _("Mötet kunde inte sparas."))
    if data.agreement_id and not visible_agreements(actor).filter(pk=data.agreement_id).exists():
        raise PermissionDenied(_("Du kan bara knyta mötet till ett avtal som din organisation är part i."))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body,
            agreement=agreement,
            date=data.date,
            title=data.title.strip(),
            place=data.place.strip(),
            agenda=data.agenda,
            minutes=data.minutes,
            created_by=actor,
            is_demo=is_demo,
        )
        record(actor=actor, action="create", obj=meeting, after=snapshot(meeting))
    return meeting


def update_meeting(*, actor, meeting: Meeting, data: MeetingUpdate) -> Meeting:
    """Change the date, title, place, agenda or minutes (the minutes are usually written after)."""
    require(actor, "change_meeting", meeting, _(_CHANGE))
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    if "date" in changes:
        _check_date(changes["date"], errors)
    for key in ("title", "place"):
        if changes.get(key) is None and key in changes:
            errors[key] = _(v.REQUIRED)
    v.raise_if(errors, _("Mötet kunde inte sparas."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        before = snapshot(meeting)
        for key, value in changes.items():
            setattr(meeting, key, value.strip() if key in ("title", "place") else value)
        meeting.save()
        record(actor=actor, action="update", obj=meeting, before=before, after=snapshot(meeting))
    return meeting


def _organisation_in_scope(actor, pk: int | None, errors: dict[str, str]):
    if pk is None:
        return None
    org = v.organisation(pk, "organisation_id", errors)
    if org is not None and not visible_organisations(actor).filter(pk=org.pk).exists():
        raise PermissionDenied(_("Välj en organisation som du samverkar med."))
    return org


def add_attendee(*, actor, meeting: Meeting, data: AttendeeIn) -> MeetingAttendee:
    """A user of the platform or a named person, with the organisation they represent."""
    from django.contrib.auth import get_user_model

    require(actor, "change_meeting", meeting, _(_CHANGE))
    errors: dict[str, str] = {}
    user = None
    if data.user_id is not None:
        user = get_user_model().objects.filter(pk=data.user_id, is_active=True).first()
        seated = user is not None and meeting.body.memberships.filter(user=user).exists()
        if user is None or not (
            seated or user.samverkan_memberships.filter(organisation__in=visible_organisations(actor)).exists()
        ):  # a user of the body or of an organisation the actor works with; others look unknown
            errors["user_id"] = _("Okänd användare: %(user_id)s.") % {"user_id": data.user_id}
        elif MeetingAttendee.objects.filter(meeting=meeting, user=user).exists():
            errors["user_id"] = _("Personen finns redan bland deltagarna.")
    elif not data.name.strip():
        errors["name"] = _("Ange en användare eller ett namn.")
    organisation = _organisation_in_scope(actor, data.organisation_id, errors)
    if user is not None and organisation is None:
        seat = meeting.body.memberships.filter(user=user).select_related("organisation").first()
        organisation = seat.organisation if seat else None
    v.raise_if(errors, _("Deltagaren kunde inte sparas."))
    with transaction.atomic():
        row = MeetingAttendee.objects.create(
            meeting=meeting, user=user, name=data.name.strip(), role=data.role.strip(), organisation=organisation
        )
        record(actor=actor, action="create", obj=row, after=snapshot(row))
    return row


def _check_upload(file: UploadedFile, errors: dict[str, str]) -> None:
    suffix = PurePosixPath(file.name or "").suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        errors["file"] = _("Tillåtna filtyper: %(types)s.") % {"types": ", ".join(sorted(DOCUMENT_TYPES))}
        return
    if file.size is None or file.size > MAX_DOCUMENT_BYTES:
        errors["file"] = _("Filen får vara högst %(mb)s MB.") % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)}
        return
    declared = (file.content_type or "").split(";")[0].strip().lower()
    if declared and declared not in DOCUMENT_TYPES[suffix] and declared != "application/octet-stream":
        errors["file"] = _("Filens typ (%(declared)s) stämmer inte med filändelsen %(suffix)s.") % {
            "declared": declared,
            "suffix": suffix,
        }
        return
    head = file.read(8)
    file.seek(0)
    magic = _MAGIC.get(suffix)
    if magic is not None and not head.startswith(magic):
        errors["file"] = _("Filens innehåll är inte en %(suffix)s-fil.") % {"suffix": suffix}
    elif magic is None and b"\x00" in file.read(4096):
        errors["file"] = _("En textfil får inte innehålla binära data.")
    file.seek(0)


def add_document(*, actor, meeting: Meeting, title: str, url: str = "", file: UploadedFile | None = None):
    """A link (http/https, checked by the schema or form) or an uploaded file of a bounded size
    and type (:data:`DOCUMENT_TYPES`, at most :data:`MAX_DOCUMENT_BYTES`)."""
    require(actor, "change_meeting", meeting, _(_CHANGE))
    errors = v.check_required(title=title)
    if not url and file is None:
        errors["url"] = _("Ange en länk eller ladda upp en fil.")
    if file is not None:
        _check_upload(file, errors)
    v.raise_if(errors, _("Dokumentet kunde inte sparas."))
    with transaction.atomic():
        doc = MeetingDocument(meeting=meeting, title=title.strip(), url=url)
        if file is not None:
            doc.file.save(PurePosixPath(file.name).name[-100:], file, save=False)
        doc.save()
        record(actor=actor, action="create", obj=doc, after=snapshot(doc))
    return doc


def add_idea(*, actor, meeting: Meeting, data: IdeaIn) -> MeetingIdea:
    require(actor, "change_meeting", meeting, _(_CHANGE))
    errors = v.check_required(title=data.title)
    organisation = _organisation_in_scope(actor, data.organisation_id, errors)
    v.raise_if(errors, _("Idén kunde inte sparas."))
    with transaction.atomic():
        idea = MeetingIdea.objects.create(
            meeting=meeting,
            title=data.title.strip(),
            description=data.description,
            presented_by=data.presented_by.strip(),
            organisation=organisation,
        )
        record(actor=actor, action="create", obj=idea, after=snapshot(idea))
    return idea


def find_idea(pk: int) -> MeetingIdea:
    found = MeetingIdea.objects.filter(pk=pk).select_related("meeting__body", "activity").first()
    if found is None:
        raise NotFound(_("Okänd idé: %(pk)s") % {"pk": pk})
    return found


def idea_to_activity(*, actor, idea: MeetingIdea, data: IdeaToActivityIn, is_demo: bool = False) -> Activity:
    """The idea becomes an activity in one step, through the usual activity creation."""
    require(actor, "change_meeting", idea.meeting, _(_CHANGE))
    if idea.activity_id is not None:
        raise ValidationFailed(
            _("Idén har redan blivit en aktivitet."),
            errors={"idea": _("Redan aktivitet %(activity_id)s.") % {"activity_id": idea.activity_id}},
        )
    fields = data.model_dump()
    fields["title"] = (data.title or idea.title).strip()
    fields["description"] = data.description or idea.description
    if fields["agreement_id"] is None and idea.meeting.agreement_id is not None:
        fields["agreement_id"] = idea.meeting.agreement_id
    with transaction.atomic():
        locked = MeetingIdea.objects.select_for_update().get(pk=idea.pk)
        if locked.activity_id is not None:
            raise ValidationFailed(_("Idén har redan blivit en aktivitet."), errors={"idea": _("Redan aktivitet.")})
        activity = create_activity(actor=actor, data=type(data).model_validate(fields), is_demo=is_demo)
        before = snapshot(locked)
        locked.activity = activity
        locked.save(update_fields=["activity"])
        record(actor=actor, action="to_activity", obj=locked, before=before, after=snapshot(locked))
    return activity


def deciding_organisations(meeting: Meeting) -> set[int]:
    """The organisations a body decides for: its own and the parties of the meeting's agreement
    (the decision form offers the programmes of exactly these organisations' institutions)."""
    orgs = set(meeting.body.organisations.values_list("pk", flat=True))
    if meeting.agreement_id is not None:
        orgs |= set(meeting.agreement.parties.values_list("pk", flat=True))
    return orgs


def record_meeting_decision(*, actor, meeting: Meeting, data: MeetingDecisionIn) -> Decision:
    """A decision taken at the meeting: on an activity (the activity's own decision rules), on
    the meeting's agreement (the model itself) or on a programme's adoption."""
    date = data.date or meeting.date
    if data.subject == DecisionSubject.ACTIVITY:
        errors: dict[str, str] = {}
        if data.activity_id is None:
            v.raise_if({"activity_id": _(v.REQUIRED)}, _("Beslutet kunde inte registreras."))
        activity = find_activity(data.activity_id)  # type: ignore[arg-type]
        with transaction.atomic():
            decision = decide_activity(
                actor=actor, activity=activity, decision=data.decision, justification=data.justification, date=date
            )
            if decision.body_id != meeting.body_id:
                errors["activity_id"] = _(
                    "Aktiviteten beslutas av %(name)s, inte av %(name2)s: registrera beslutet på det organets möte."
                ) % {"name": decision.body.name, "name2": meeting.body.name}
                v.raise_if(errors, _("Beslutet kunde inte registreras."))
            decision.meeting = meeting
            decision.save(update_fields=["meeting"])
            record(actor=actor, action="update", obj=decision, after=snapshot(decision))
        return decision
    require(actor, "change_meeting", meeting, _(_CHANGE))
    errors = v.check_required(justification=data.justification)
    _check_date(date, errors)
    if date is not None and date > timezone.localdate():
        errors["date"] = _("Beslutsdatum kan inte ligga i framtiden.")
    target: dict = {}
    if data.subject == DecisionSubject.AGREEMENT:
        if meeting.agreement_id is None:
            errors["subject"] = _("Mötet hör inte till något avtal; knyt mötet till ett avtal först.")
        target = {"agreement": meeting.agreement}
    else:
        from kompetensbron.education.models import Programme

        programme = Programme.objects.filter(pk=data.programme_id).first() if data.programme_id else None
        if programme is None:
            errors["programme_id"] = (
                _("Okänt program: %(programme_id)s.") % {"programme_id": data.programme_id}
                if data.programme_id
                else _(v.REQUIRED)
            )
        elif programme.institution.organisation_id not in deciding_organisations(meeting):
            raise PermissionDenied(_("Organet beslutar bara om program vid sina egna lärosäten."))
        target = {"programme": programme}
    v.raise_if(errors, _("Beslutet kunde inte registreras."))
    with transaction.atomic():
        decision = Decision.objects.create(
            subject=data.subject,
            body=meeting.body,
            meeting=meeting,
            decided_by=actor,
            date=date,
            outcome=data.decision,
            justification=data.justification.strip(),
            **target,
        )
        record(actor=actor, action="create", obj=decision, after=snapshot(decision))
    return decision
