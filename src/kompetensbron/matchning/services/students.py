"""Students: registration (invited, or by themselves with an allowed e-mail domain), profile,
skills derived from completed courses (the extractor over their learning outcomes) and edited,
preferences and consents; and the allowed e-mail domains (administrators).

A self-registered student gets an inactive account and an activation link by e-mail (the
Samverkan activation page sets the password); the answer is the same whether or not the
address already had an account, so registration does not reveal who has one.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.education.models import Course, Programme
from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.reference.models import Kommun
from kompetensbron.samverkan import validation as v
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.models import Organisation, OrganisationKind
from kompetensbron.samverkan.services.accounts import activation_path

from .. import skills as sk
from ..models import AllowedEmailDomain, OpportunityKind, StudentProfile
from ..permissions import require, student_profile
from ..schemas import (
    AllowedDomainIn,
    StudentInviteIn,
    StudentInviteOut,
    StudentProfileUpdate,
    StudentRegistrationIn,
    StudentRegistrationOut,
)

__all__ = [
    "REGISTERED",
    "add_allowed_domain",
    "allowed_domain",
    "allowed_domains",
    "course_ids_by_code",
    "delete_allowed_domain",
    "domain_of",
    "get_own_profile",
    "invite_student",
    "register_student",
    "update_profile",
]

REGISTERED = gettext_noop("Om adressen hör till ett godkänt lärosäte har vi skickat en aktiveringslänk till den.")


def _user_summary(user) -> dict:
    return {"id": user.pk, "is_active": user.is_active}


def allowed_domains() -> QuerySet[AllowedEmailDomain]:
    """Every allowed e-mail domain with its university."""
    return AllowedEmailDomain.objects.select_related("university")


def course_ids_by_code(codes: list[str]) -> dict[str, int]:
    """Course code → id for the known ones of ``codes``; of several versions of a code, the newest:
    the latest ``valid_from``, then the highest ``version`` (an undated version counts as oldest)."""
    newest_last = Course.objects.filter(code__in=codes).order_by(
        F("valid_from").asc(nulls_first=True), F("version").asc(nulls_first=True), "pk"
    )
    return {c.code: c.pk for c in newest_last.only("pk", "code")}


def domain_of(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""


def allowed_domain(email: str) -> AllowedEmailDomain | None:
    """The allowed domain of ``email`` (exact, or a subdomain such as student.miun.se)."""
    domain = domain_of(email)
    if not domain:
        return None
    parts = domain.split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    found = {d.domain: d for d in AllowedEmailDomain.objects.filter(domain__in=candidates).select_related("university")}
    return next((found[c] for c in candidates if c in found), None)


def _clean_email(email: str, errors: dict[str, str]) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError:
        errors["email"] = "Ogiltig e-postadress."
    return email


def _create_student(
    *, actor, email: str, first_name: str, last_name: str, university: Organisation, is_demo: bool = False
):
    User = get_user_model()
    user = User(
        username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip(), is_active=False
    )
    user.set_unusable_password()
    user.save()
    profile = StudentProfile.objects.create(user=user, university=university, is_demo=is_demo)
    record(actor=actor, action="register" if actor is None else "invite", obj=user, after=_user_summary(user))
    record(actor=actor, action="create", obj=profile, after=snapshot(profile))
    return user


def register_student(*, data: StudentRegistrationIn, base_url: str = "") -> StudentRegistrationOut:
    """Anyone with an address on an allowed domain registers; the link goes by e-mail only."""
    errors: dict[str, str] = {}
    email = _clean_email(data.email, errors)
    v.raise_if(errors, _("Registreringen kunde inte tas emot."))
    domain = allowed_domain(email)
    if domain is None:
        raise ValidationFailed(
            _("E-postdomänen är inte godkänd för självregistrering. Be ditt lärosäte om en inbjudan."),
            errors={"email": _("domänen är inte godkänd")},
        )
    if get_user_model().objects.filter(username__iexact=email).exists():
        return StudentRegistrationOut(email=email, detail=_(REGISTERED))
    with transaction.atomic():
        user = _create_student(
            actor=None, email=email, first_name=data.first_name, last_name=data.last_name, university=domain.university
        )
        send_mail(
            "Aktivera ditt konto i Kompetensbron",
            _("Välkommen! Välj ditt lösenord här: %(link)s\n") % {"link": base_url + activation_path(user)},
            None,
            [email],
        )
    return StudentRegistrationOut(email=email, detail=_(REGISTERED))


def invite_student(*, actor, data: StudentInviteIn, is_demo: bool = False) -> StudentInviteOut:
    """An administrator or a coordinator of the university invites a student."""
    errors: dict[str, str] = {}
    email = _clean_email(data.email, errors)
    university = v.organisation(data.university_id, "university_id", errors)
    if university is not None and university.kind != OrganisationKind.UNIVERSITY:
        errors["university_id"] = _("%(name)s är inget lärosäte.") % {"name": university.name}
    v.raise_if(errors, _("Inbjudan kunde inte skapas."))
    require(actor, "invite_student", university, _("Endast lärosätets samordnare bjuder in studenter."))
    if get_user_model().objects.filter(username__iexact=email).exists():
        raise ValidationFailed(
            _("Det finns redan ett konto med den e-postadressen."), errors={"email": _("finns redan")}
        )
    with transaction.atomic():
        user = _create_student(
            actor=actor,
            email=email,
            first_name=data.first_name,
            last_name=data.last_name,
            university=university,
            is_demo=is_demo,
        )
    return StudentInviteOut(user_id=user.pk, email=email, activation_path=activation_path(user))


def get_own_profile(*, actor) -> StudentProfile:
    profile = student_profile(actor)
    if profile is None:
        raise NotFound(_("Du har ingen studentprofil."))
    return profile


def _skill_list(ids, field: str, errors: dict[str, str]) -> list[str]:
    ids = list(dict.fromkeys(i.strip() for i in ids if i and i.strip()))
    bad = sk.unknown(ids)
    if bad:
        errors[field] = _("Okända kompetenser: %(items)s.") % {"items": ", ".join(b[:40] for b in bad[:5])}
    return ids


def update_profile(*, actor, data: StudentProfileUpdate, extractor=None) -> StudentProfile:
    """The student edits the own profile; new completed courses derive the skills anew."""
    profile = student_profile(actor)
    if profile is None:
        raise PermissionDenied(_("Endast studenter har en studentprofil."))
    require(actor, "change_profile", profile)
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    values: dict = {}
    if "programme_id" in changes:
        values["programme"] = None
        if changes["programme_id"]:
            values["programme"] = Programme.objects.filter(pk=changes["programme_id"]).first()
            if values["programme"] is None:
                errors["programme_id"] = _("Okänt program: %(programme_id)s.") % {
                    "programme_id": changes["programme_id"]
                }
    if changes.get("programme_name") is not None:
        values["programme_name"] = changes["programme_name"].strip()
    courses = None
    if changes.get("course_ids") is not None:
        ids = list(dict.fromkeys(changes["course_ids"]))
        courses = list(Course.objects.filter(pk__in=ids))
        if len(courses) != len(ids):
            missing = sorted(set(ids) - {c.pk for c in courses})
            errors["course_ids"] = _("Okända kurser: %(items)s.") % {"items": ", ".join(map(str, missing[:5]))}
    for name in ("added_skills", "removed_skills"):
        if changes.get(name) is not None:
            values[name] = (
                _skill_list(changes[name], name, errors)
                if name == "added_skills"
                else list(dict.fromkeys(changes[name]))
            )
    kommuner = None
    if changes.get("preferred_kommuner") is not None:
        codes = list(dict.fromkeys(changes["preferred_kommuner"]))
        kommuner = list(Kommun.objects.filter(pk__in=codes))
        if len(kommuner) != len(codes):
            errors["preferred_kommuner"] = _("Okänd kommunkod: %(codes)s") % {
                "codes": ", ".join(sorted(set(codes) - {k.pk for k in kommuner})[:5])
            }
    if changes.get("preferred_kinds") is not None:
        kinds = list(dict.fromkeys(changes["preferred_kinds"]))
        if any(k not in OpportunityKind.values for k in kinds):
            errors["preferred_kinds"] = _("Okänd typ.")
        values["preferred_kinds"] = kinds
    for name in ("available_from", "available_to"):
        if name in changes:
            values[name] = changes[name]
    errors |= v.check_period(
        values.get("available_from", profile.available_from),
        values.get("available_to", profile.available_to),
        end_field="available_to",
    )
    for name in ("consent_matching", "consent_followup"):
        if changes.get(name) is not None:
            values[name] = bool(changes[name])
    v.raise_if(errors, _("Profilen kunde inte sparas."))
    if courses is not None:
        text = "\n".join(sk.course_text(c) for c in sorted(courses, key=lambda c: c.code))
        values["derived_skills"] = sk.extract(text, extractor) if courses else []
    with transaction.atomic():
        current = StudentProfile.objects.select_for_update().get(pk=profile.pk)
        before = snapshot(current)
        if (
            values.get("consent_matching", current.consent_matching) != current.consent_matching
            or values.get("consent_followup", current.consent_followup) != current.consent_followup
        ):
            values["consent_changed_at"] = timezone.now()
        for field, value in values.items():
            setattr(current, field, value)
        current.save()
        if courses is not None:
            current.completed_courses.set(courses)
        if kommuner is not None:
            current.preferred_kommuner.set(kommuner)
        record(actor=actor, action="update", obj=current, before=before, after=snapshot(current))
    return StudentProfile.objects.select_related("university", "programme", "user").get(pk=profile.pk)


def add_allowed_domain(*, actor, data: AllowedDomainIn) -> AllowedEmailDomain:
    require(actor, "manage_domains", None, _("Endast administratörer godkänner e-postdomäner."))
    errors: dict[str, str] = {}
    domain = (data.domain or "").strip().lower().lstrip("@")
    try:
        validate_email(f"x@{domain}")
    except DjangoValidationError:
        errors["domain"] = _("Ogiltig domän.")
    university = v.organisation(data.university_id, "university_id", errors)
    if university is not None and university.kind != OrganisationKind.UNIVERSITY:
        errors["university_id"] = _("%(name)s är inget lärosäte.") % {"name": university.name}
    if domain and AllowedEmailDomain.objects.filter(domain=domain).exists():
        errors["domain"] = _("Domänen finns redan.")
    v.raise_if(errors, _("Domänen kunde inte sparas."))
    with transaction.atomic():
        row = AllowedEmailDomain.objects.create(domain=domain, university=university)
        record(actor=actor, action="create", obj=row, after=snapshot(row))
    return row


def delete_allowed_domain(*, actor, pk: int) -> None:
    require(actor, "manage_domains", None, _("Endast administratörer godkänner e-postdomäner."))
    with transaction.atomic():
        row = AllowedEmailDomain.objects.select_for_update().filter(pk=pk).first()
        if row is None:
            raise NotFound(_("Okänd domän: %(pk)s") % {"pk": pk})
        record(actor=actor, action="delete", obj=row, before=snapshot(row))
        row.delete()
