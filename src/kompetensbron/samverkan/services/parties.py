"""Who is a party to an agreement: invitations, acceptance, removal.

No one can make another organisation a party on its behalf: naming an organisation the actor
does not coordinate creates a pending :class:`~..models.PartyInvitation`, and only that
organisation's coordinator (or an administrator) accepts or declines it. A party is removed
only by its own coordinator or an administrator. Administrators, who keep the register, add
parties directly.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed

from ..audit import record, snapshot
from ..models import Agreement, InvitationStatus, Organisation, PartyInvitation
from ..permissions import coordinated_organisation_ids, require

__all__ = [
    "apply_party_changes",
    "pending_invitations",
    "find_invitation",
    "accept_party_invitation",
    "decline_party_invitation",
]

REMOVE_REFUSED = gettext_noop(
    "Endast partens egen samordnare eller en administratör kan ta bort en part från avtalet: %(parties)s."
)


def _may_add_directly(actor, organisation: Organisation) -> bool:
    return bool(actor.is_superuser or organisation.pk in coordinated_organisation_ids(actor))


def apply_party_changes(*, actor, agreement: Agreement, wanted: list[Organisation]) -> list[PartyInvitation]:
    """Make the agreement's parties ``wanted`` as far as ``actor`` may (call inside the transaction).

    Organisations the actor coordinates (all, for an administrator) are added at once; the
    others are invited. Removing a party needs that party's coordinator or an administrator
    (PermissionDenied otherwise, before anything is written). Returns the new invitations.
    """
    current = {o.pk: o for o in agreement.parties.all()} if agreement.pk else {}
    wanted_by_pk = {o.pk: o for o in wanted}
    removed = [o for pk, o in current.items() if pk not in wanted_by_pk]
    refused = [o.name for o in removed if not actor.has_perm("samverkan.remove_party", o)]
    if refused:
        raise PermissionDenied(_(REMOVE_REFUSED) % {"parties": ", ".join(refused)})
    direct = [o for pk, o in wanted_by_pk.items() if pk not in current and _may_add_directly(actor, o)]
    invited = [o for pk, o in wanted_by_pk.items() if pk not in current and not _may_add_directly(actor, o)]
    if not set(current) - {o.pk for o in removed} and not direct:
        raise ValidationFailed(
            _("Ett avtal behöver minst en part som har accepterat."),
            errors={"party_ids": _("Ett avtal behöver minst en part.")},
        )
    if removed:
        agreement.parties.remove(*removed)
    if direct:
        agreement.parties.add(*direct)
    created = []
    for org in invited:
        invitation, new = PartyInvitation.objects.get_or_create(
            agreement=agreement, organisation=org, status=InvitationStatus.PENDING, defaults={"invited_by": actor}
        )
        if new:
            record(actor=actor, action="invite_party", obj=invitation, after=snapshot(invitation))
            created.append(invitation)
    return created


def pending_invitations(actor) -> QuerySet[PartyInvitation]:
    """Pending invitations the actor may answer (their coordinated organisations; all for administrators)."""
    qs = PartyInvitation.objects.filter(status=InvitationStatus.PENDING).select_related("agreement", "organisation")
    if actor.is_superuser:
        return qs
    return qs.filter(organisation_id__in=coordinated_organisation_ids(actor))


def find_invitation(pk: int) -> PartyInvitation:
    found = PartyInvitation.objects.select_related("agreement", "organisation").filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Okänd inbjudan: %(pk)s") % {"pk": pk})
    return found


def _decide(*, actor, invitation: PartyInvitation, status: str) -> PartyInvitation:
    require(
        actor,
        "decide_party_invitation",
        invitation,
        _("Endast den inbjudna organisationens samordnare kan svara på inbjudan."),
    )
    with transaction.atomic():
        invitation = PartyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != InvitationStatus.PENDING:
            raise ValidationFailed(
                _("Inbjudan är redan besvarad."), errors={"status": _("Inbjudan är redan besvarad.")}
            )
        before = snapshot(invitation)
        agreement_before = snapshot(invitation.agreement)
        invitation.status = status
        invitation.decided_by = actor
        invitation.decided_at = timezone.now()
        invitation.save()
        record(actor=actor, action=status, obj=invitation, before=before, after=snapshot(invitation))
        if status == InvitationStatus.ACCEPTED:
            invitation.agreement.parties.add(invitation.organisation)
            record(
                actor=actor,
                action="update",
                obj=invitation.agreement,
                before=agreement_before,
                after=snapshot(invitation.agreement),
            )
    return invitation


def accept_party_invitation(*, actor, invitation: PartyInvitation) -> PartyInvitation:
    """The invited organisation's coordinator accepts: it becomes a party."""
    return _decide(actor=actor, invitation=invitation, status=InvitationStatus.ACCEPTED)


def decline_party_invitation(*, actor, invitation: PartyInvitation) -> PartyInvitation:
    return _decide(actor=actor, invitation=invitation, status=InvitationStatus.DECLINED)
