"""Personal data held by Samverkan and the platform's shared logs (registered in :mod:`kompetensbron.privacy`).

Samverkan owns the audit log, so its erase handler also reaches the logs every app writes to:

- **audit log**: entries about the person's account lose their snapshots; every entry's
  ``object_repr`` and its ``before``/``after`` JSON (of *any* model) have the person's
  username, e-mail and full name replaced by ``raderad-<id>``;
- **Django admin log** (``LogEntry``): the same replacement in ``object_repr`` and
  ``change_message``;
- **free text** of Samverkan rows (descriptions, justifications, evaluations, notes…);
- **login records** of django-axes under the person's username or e-mail are deleted.

The registered handler covers Samverkan's rows; :func:`.services.accounts.erase_person` runs
the log redactions (:func:`redact_audit_log`, :func:`redact_admin_log`,
:func:`delete_login_records`) and every app's handler (:func:`kompetensbron.privacy.erase_all`)
in one transaction, then anonymises the account row itself (the handlers still read the
names from it).
"""

from __future__ import annotations

import json

from django.apps import apps
from django.db.models import TextField
from django.db.models.functions import Cast

from kompetensbron.privacy import (
    name_filter,
    person_names,
    register_personal_data,
    replace_in_text_fields,
    replace_names,
    replacement_for,
    scrub_json,
)

from .models import Activity, AuditEntry, Decision, MeetingAttendee, PartyInvitation

__all__ = ["export_person", "erase_person", "redact_audit_log", "redact_admin_log", "delete_login_records", "register"]


def export_person(user) -> dict:
    return {
        "proposals": [
            {
                "id": a.pk,
                "title": a.title,
                "status": a.status,
                "proposed_at": a.proposed_at.isoformat() if a.proposed_at else None,
            }
            for a in Activity.objects.filter(proposed_by=user).order_by("pk")
        ],
        "decisions": [
            {
                "id": d.pk,
                "activity": d.subject_title,
                "date": d.date.isoformat(),
                "outcome": d.outcome,
                "justification": d.justification,
            }
            for d in Decision.objects.filter(decided_by=user)
            .select_related("activity", "agreement", "programme")
            .order_by("pk")
        ],
        "meetings_attended": [
            {"meeting": str(a.meeting), "role": a.role, "organisation": a.organisation.name if a.organisation else None}
            for a in MeetingAttendee.objects.filter(user=user).select_related("meeting__body", "organisation")
        ],
        "party_invitations": [
            {
                "id": i.pk,
                "agreement": i.agreement.title,
                "organisation": i.organisation.name,
                "status": i.status,
                "role": role,
            }
            for role, field in (("invited_by", "invited_by"), ("decided_by", "decided_by"))
            for i in PartyInvitation.objects.filter(**{field: user}).select_related("agreement", "organisation")
        ],
        "audit_log": [
            {
                "at": e.at.isoformat(),
                "action": e.action,
                "model": e.model,
                "object_id": e.object_id,
                "object": e.object_repr,
            }
            for e in AuditEntry.objects.filter(actor=user).order_by("at", "pk")
        ],
    }


def redact_audit_log(user) -> int:
    """Entries about the account lose their snapshots; the names go from every other entry."""
    names, replacement = person_names(user), replacement_for(user)
    own = AuditEntry.objects.filter(model=user._meta.label_lower, object_id=str(user.pk))
    changed = own.update(before=None, after=None, object_repr=replacement)
    if not names:
        return changed
    candidates = (
        AuditEntry.objects.exclude(pk__in=own.values("pk"))
        .annotate(before_text=Cast("before", TextField()), after_text=Cast("after", TextField()))
        .filter(
            name_filter("object_repr", names)
            | name_filter("before_text", names, json=True)
            | name_filter("after_text", names, json=True)
        )
    )
    for entry in candidates:
        entry.object_repr = replace_names(entry.object_repr, names, replacement)[:255]
        entry.before = scrub_json(entry.before, names, replacement)
        entry.after = scrub_json(entry.after, names, replacement)
        entry.save(update_fields=["object_repr", "before", "after"])
        changed += 1
    return changed


def redact_admin_log(user) -> int:
    """The Django admin's own log: entries about the account and every mention of the names."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    names, replacement = person_names(user), replacement_for(user)
    changed = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    ).update(object_repr=replacement)
    if not names:
        return changed
    for entry in LogEntry.objects.filter(
        name_filter("object_repr", names) | name_filter("change_message", names, json=True)
    ):
        entry.object_repr = replace_names(entry.object_repr, names, replacement)[:200]
        entry.change_message = replace_names(
            entry.change_message, names + [json.dumps(n)[1:-1] for n in names], replacement
        )
        entry.save(update_fields=["object_repr", "change_message"])
        changed += 1
    return changed


def delete_login_records(user) -> int:
    names = [n for n in {user.get_username(), user.email} if n]
    try:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    except ImportError:  # axes not installed
        return 0
    return sum(
        model.objects.filter(username__in=names).delete()[0] for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )


def erase_person(user) -> int:
    """Samverkan's own rows: the names in their free text (the logs: see :func:`erase_logs`)."""
    models = [m for m in apps.get_app_config("samverkan").get_models() if m is not AuditEntry]
    return replace_in_text_fields(models, person_names(user), replacement_for(user))


def register() -> None:
    register_personal_data("samverkan", export=export_person, erase=erase_person)
