"""Editing a body after it is set up: its governance, units, organisations, areas and members.

Administrators and the body's chair (``samverkan.change_body``); keyword-only, one transaction,
audited — or refused and nothing written.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound

from .. import validation as v
from ..audit import record, snapshot
from ..models import Body, BodyMembership
from ..permissions import require
from ..schemas import BodyUpdate
from .register import area_rows

__all__ = ["update_body", "remove_body_member"]


def update_body(*, actor, body: Body, data: BodyUpdate) -> Body:
    require(actor, "change_body", body, _("Endast administratörer och ordföranden ändrar organet."))
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    orgs = None
    if changes.get("organisation_ids") is not None:
        orgs = v.organisations(changes["organisation_ids"], "organisation_ids", errors)
    org_ids = {o.pk for o in orgs} if orgs is not None else set(body.organisations.values_list("pk", flat=True))
    units = v.units(changes["unit_ids"], "unit_ids", errors, org_ids) if changes.get("unit_ids") is not None else None
    if "governance" in changes and changes["governance"] is None:
        changes["governance"] = ""
    v.raise_if(errors)
    with transaction.atomic():
        before = snapshot(body)
        for field in ("governance", "chair_title"):
            if changes.get(field) is not None:
                setattr(body, field, changes[field].strip())
        body.save()
        if orgs is not None:
            body.organisations.set(orgs)
        if units is not None:
            body.units.set(units)
        if changes.get("area_names") is not None:
            body.areas.set(area_rows(changes["area_names"]))
        record(actor=actor, action="update", obj=body, before=before, after=snapshot(body))
    return body


def remove_body_member(*, actor, body: Body, user_id: int) -> None:
    require(actor, "change_body", body, _("Endast administratörer och ordföranden ändrar ett organs ledamöter."))
    with transaction.atomic():
        membership = BodyMembership.objects.select_for_update().filter(body=body, user_id=user_id).first()
        if membership is None:
            raise NotFound(_("Personen %(user_id)s är inte ledamot i %(body)s.") % {"user_id": user_id, "body": body})
        before = snapshot(membership)
        membership.delete()
        record(actor=actor, action="delete", obj=membership, before=before)
