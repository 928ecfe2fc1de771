"""Accounts: invitations, and export / erasure of one person's personal data (GDPR).

An invitation creates an *inactive* user (username = e-mail, no usable password) with a
membership, and returns a one-time link built with Django's ``PasswordResetTokenGenerator``:
the token is bound to the password hash and last login, so it stops working as soon as the
password has been set. Erasure anonymises the person (names, e-mail, username) in every app
(the :mod:`kompetensbron.privacy` registry), the audit and admin logs and free text, blocks the
account and removes login-attempt records, but keeps the organisational facts (memberships,
decisions) pointing at the anonymised user. Export includes every registered app's part.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron import privacy
from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.web.email_login import email_taken

from .. import privacy as samverkan_privacy
from .. import validation as v
from ..audit import record, snapshot
from ..models import Activity, AuditEntry, Body, Decision, Membership
from ..permissions import require
from ..schemas import ErasureResult, InvitationIn, InvitationOut, MembershipOut, PersonalDataExport

__all__ = [
    "invite_user",
    "activation_path",
    "user_from_token",
    "accept_invitation",
    "get_person",
    "get_person_by_username",
    "export_personal_data",
    "erase_person",
]

INVALID_LINK = gettext_noop("Länken är ogiltig eller har redan använts.")


def _user_summary(user) -> dict:
    """What the audit log keeps about a user: no names, no e-mail."""
    return {"id": user.pk, "is_active": user.is_active}


def get_person(pk: int):
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        raise NotFound(_("Okänd person: %(pk)s") % {"pk": pk})
    return user


def get_person_by_username(username: str):
    """An active user by user name or e-mail (case-insensitive), e.g. the actor of a CLI command."""
    name = (username or "").strip()[:150]
    User = get_user_model()
    user = (
        User.objects.filter(is_active=True)
        .filter(Q(**{f"{User.USERNAME_FIELD}__iexact": name}) | Q(email__iexact=name))
        .order_by("pk")
        .first()
        if name
        else None
    )
    if user is None:
        raise NotFound(_("Ingen aktiv användare %(name)r.") % {"name": name})
    return user


def activation_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("samverkan:activate", kwargs={"uidb64": uid, "token": token})


def invite_user(*, actor, data: InvitationIn) -> InvitationOut:
    """An administrator invites a person to an organisation (inactive until the link is used)."""
    require(actor, "invite_user", None, _("Endast administratörer bjuder in användare."))
    User = get_user_model()
    email = data.email.strip().lower()
    errors: dict[str, str] = {}
    try:
        validate_email(email)
    except DjangoValidationError:
        errors["email"] = "Ogiltig e-postadress."
    if email and email_taken(email):
        errors["email"] = _("Det finns redan ett konto med den e-postadressen.")
    organisation = v.organisation(data.organisation_id, "organisation_id", errors)
    v.raise_if(errors, _("Inbjudan kunde inte skapas."))
    with transaction.atomic():
        user = User(username=email, email=email, first_name=data.first_name, last_name=data.last_name, is_active=False)
        user.set_unusable_password()
        user.save()
        membership = Membership.objects.create(user=user, organisation=organisation, role=data.role)
        record(actor=actor, action="invite", obj=user, after=_user_summary(user))
        record(actor=actor, action="create", obj=membership, after=snapshot(membership))
    return InvitationOut(user_id=user.pk, email=email, activation_path=activation_path(user))


def user_from_token(uidb64: str, token: str):
    """The invited user the link belongs to, or None when the link is invalid or used."""
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


def accept_invitation(*, uidb64: str, token: str, password: str):
    """Set the password of an invited user and activate the account (the link then expires)."""
    user = user_from_token(uidb64, token)
    if user is None:
        raise ValidationFailed(_(INVALID_LINK), errors={"token": _(INVALID_LINK)})
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        msg = " ".join(exc.messages)
        raise ValidationFailed(msg, errors={"password": msg}) from None
    with transaction.atomic():
        before = _user_summary(user)
        user.set_password(password)
        user.is_active = True
        user.save()
        record(actor=user, action="activate", obj=user, before=before, after=_user_summary(user))
    return user


def export_personal_data(*, actor, user) -> PersonalDataExport:
    """Everything the platform stores about one person (the person or an administrator).

    The account and Samverkan summary, plus every registered app's export
    (:func:`kompetensbron.privacy.export_all`, e.g. the dossier inputs they recorded), read in
    one transaction so the parts agree.
    """
    if actor is None or actor.pk != user.pk:
        require(actor, "manage_personal_data", None, _("Endast administratörer exporterar andras personuppgifter."))
    with transaction.atomic():
        return PersonalDataExport(
            user_id=user.pk,
            username=user.get_username(),
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
            is_active=user.is_active,
            date_joined=user.date_joined,
            last_login=user.last_login,
            organisations=[
                MembershipOut(organisation=m.organisation.name, role=str(m.get_role_display()))
                for m in Membership.objects.filter(user=user).select_related("organisation")
            ],
            bodies=[b.name for b in Body.objects.filter(memberships__user=user)],
            chair_of=[b.name for b in Body.objects.filter(chair=user)],
            proposals=[a.title for a in Activity.objects.filter(proposed_by=user)],
            decisions=[str(d) for d in Decision.objects.filter(decided_by=user).select_related("activity")],
            audit_entries=AuditEntry.objects.filter(actor=user).count(),
            apps=privacy.export_all(user),
        )


def erase_person(*, actor, user) -> ErasureResult:
    """Anonymise one person everywhere, in one transaction (a failing part rolls all back).

    First the logs (audit log, admin log, login records: :mod:`..privacy`) and every app's
    registered handler (:func:`kompetensbron.privacy.erase_all`) replace the person's names
    with ``raderad-<id>`` while they can still be read; then the account loses names, e-mail
    and username and is blocked. Organisational facts (memberships, decisions, recorded
    inputs) stay, pointing at the anonymised account.
    """
    require(actor, "manage_personal_data", None, _("Endast administratörer raderar personuppgifter."))
    if actor.pk == user.pk:
        raise ValidationFailed(
            _("Du kan inte radera dig själv."), errors={"user_id": _("Du kan inte radera dig själv.")}
        )
    with transaction.atomic():
        redacted = samverkan_privacy.redact_audit_log(user) + samverkan_privacy.redact_admin_log(user)
        deleted = samverkan_privacy.delete_login_records(user)
        per_app = privacy.erase_all(user)
        user.username = privacy.replacement_for(user)
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        record(actor=actor, action="erase", obj=user, before=None, after={"id": user.pk, "anonymised": True})
    return ErasureResult(
        user_id=user.pk,
        username=user.username,
        memberships_kept=Membership.objects.filter(user=user).count(),
        audit_entries_redacted=redacted,
        login_records_deleted=deleted,
        rows_anonymised=per_app,
    )
