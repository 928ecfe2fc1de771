"""Region groups: read (predefined and organisations' own), create, change and delete.

Writes are keyword-only, check the rule (:mod:`.permissions`), validate the members against
the reference tables and write with a Samverkan audit entry in one transaction.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.region_levels import GROUPABLE_LEVELS, PREDEFINED_GROUPS, RegionLevel
from kompetensbron.region_levels import RegionGroup as RegionGroupSpec
from kompetensbron.samverkan import audit
from kompetensbron.samverkan.models import Organisation
from kompetensbron.unique_writes import atomic_unique

from .models import RegionGroup
from .permissions import require
from .schemas import RegionGroupIn, RegionGroupOut

__all__ = ["list_groups", "get_group", "group_out", "create_group", "update_group", "delete_group", "member_names"]

MAX_KEY = 40


def member_names(level: RegionLevel) -> dict[str, str]:
    from kompetensbron.labour_market.regions import region_names

    return region_names(level)


def group_out(spec: RegionGroupSpec, row: RegionGroup | None = None) -> RegionGroupOut:
    names = member_names(spec.level)
    return RegionGroupOut(
        key=spec.key,
        id=row.pk if row else None,
        name=spec.name,
        level=spec.level.value,
        codes=list(spec.codes),
        names=[names.get(c, c) for c in spec.codes],
        description=spec.description,
        predefined=spec.predefined,
        organisation=row.organisation.name if row else None,
        updated_at=row.updated_at if row else None,
    )


def _shown(spec: RegionGroupSpec) -> RegionGroupSpec:
    """A predefined group with its name and description in the request's language (the Swedish
    of :mod:`kompetensbron.region_levels` is the source; English in this app's catalogue)."""
    return replace(spec, name=_(spec.name), description=_(spec.description) if spec.description else "")


def _row(key: str) -> RegionGroup:
    key = (key or "").strip()[:MAX_KEY]
    if key.startswith("g") and key[1:].isdigit() and len(key) < 20:
        row = RegionGroup.objects.select_related("organisation").filter(pk=int(key[1:])).first()
        if row is not None:
            return row
    raise NotFound(_("Okänd regiongrupp: %(key)r") % {"key": key})


def get_group(key: str) -> tuple[RegionGroupSpec, RegionGroup | None]:
    """The group of ``key`` (a predefined slug or ``g<id>``); :class:`NotFound` otherwise."""
    spec = PREDEFINED_GROUPS.get((key or "").strip()[:MAX_KEY])
    if spec is not None:
        return _shown(spec), None
    row = _row(key)
    return row.spec(), row


def list_groups(*, organisation_id: int | None = None) -> list[RegionGroupOut]:
    """Predefined groups first, then every organisation's groups (optionally one organisation's)."""
    out = [group_out(_shown(g)) for g in PREDEFINED_GROUPS.values()]
    rows = RegionGroup.objects.select_related("organisation")
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    return out + [group_out(r.spec(), r) for r in rows]


def _organisation(data: RegionGroupIn) -> Organisation:
    organisation = Organisation.objects.filter(pk=data.organisation_id).first()
    if organisation is None:
        raise ValidationFailed(_("Okänd organisation."), {"organisation_id": _("Okänd organisation.")})
    return organisation


def _validated(data: RegionGroupIn) -> tuple[RegionLevel, list[str]]:
    try:
        level = RegionLevel(data.level)
    except ValueError:
        level = None
    if level not in GROUPABLE_LEVELS:
        raise ValidationFailed(_("En grupp består av län eller kommuner."), {"level": _("län eller kommun")})
    codes = list(dict.fromkeys(c.strip() for c in data.codes if c.strip()))
    known = member_names(level)
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationFailed(
            _("Okända koder: %(codes)s") % {"codes": ", ".join(unknown[:10])},
            {"codes": _("okända: %(codes)s") % {"codes": ", ".join(unknown[:10])}},
        )
    if len(codes) < 2:
        raise ValidationFailed(_("En grupp behöver minst två regioner."), {"codes": _("minst två regioner")})
    if not data.name.strip():
        raise ValidationFailed(_("Gruppen behöver ett namn."), {"name": _("Obligatoriskt fält.")})
    return level, codes


_DUPLICATE = gettext_noop("Organisationen har redan en regiongrupp med det namnet.")


def create_group(*, actor, data: RegionGroupIn) -> RegionGroupOut:
    organisation = _organisation(data)
    require(actor, "add_group", organisation)
    level, codes = _validated(data)
    with atomic_unique("name", _(_DUPLICATE)):
        if RegionGroup.objects.filter(organisation=organisation, name=data.name.strip()).exists():
            raise ValidationFailed(_(_DUPLICATE), {"name": _(_DUPLICATE)})
        row = RegionGroup.objects.create(
            name=data.name.strip(),
            level=level.value,
            codes=codes,
            description=data.description.strip(),
            organisation=organisation,
            created_by=actor,
        )
        audit.record(actor=actor, action="region_groups.create", obj=row, after=audit.snapshot(row))
    return group_out(row.spec(), row)


def update_group(*, actor, key: str, data: RegionGroupIn) -> RegionGroupOut:
    row = _row(key)
    require(actor, "change_group", row)
    organisation = _organisation(data)
    if organisation.pk != row.organisation_id:
        require(actor, "add_group", organisation, _("Du får inte flytta gruppen till den organisationen."))
    level, codes = _validated(data)
    with atomic_unique("name", _(_DUPLICATE)):
        row = RegionGroup.objects.select_for_update().get(pk=row.pk)
        if (
            RegionGroup.objects.filter(Q(organisation=organisation) & Q(name=data.name.strip()))
            .exclude(pk=row.pk)
            .exists()
        ):
            raise ValidationFailed(_(_DUPLICATE), {"name": _(_DUPLICATE)})
        before = audit.snapshot(row)
        row.name, row.level, row.codes = data.name.strip(), level.value, codes
        row.description, row.organisation = data.description.strip(), organisation
        row.save()
        audit.record(actor=actor, action="region_groups.update", obj=row, before=before, after=audit.snapshot(row))
    row.refresh_from_db()
    return group_out(row.spec(), row)


def delete_group(*, actor, key: str) -> None:
    row = _row(key)
    require(actor, "change_group", row)
    with transaction.atomic():
        audit.record(actor=actor, action="region_groups.delete", obj=row, before=audit.snapshot(row))
        row.delete()
