"""Input checks shared by the services and the forms: one message per field, in Swedish.

Each ``check_*`` function returns ``{field: message}`` (empty when fine) so a form can put the
messages on its fields and a service can raise them as one :class:`ValidationFailed`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import ValidationFailed

from .models import Agreement, Body, BodyKind, DevelopmentArea, Organisation, Unit

__all__ = [
    "check_period",
    "check_not_negative",
    "check_required",
    "raise_if",
    "organisation",
    "organisations",
    "agreement",
    "working_group",
    "areas",
    "units",
]

# the Swedish source texts (other apps use them too); the checks below answer in the active language
PERIOD_ORDER = gettext_noop("Slutdatum får inte ligga före startdatum.")
NEGATIVE = gettext_noop("Värdet får inte vara negativt.")
REQUIRED = gettext_noop("Fältet måste fyllas i.")
UNKNOWN_ORGANISATION = gettext_noop("Okänd organisation: %(ids)s.")


def check_period(start: dt.date | None, end: dt.date | None, *, end_field: str = "period_end") -> dict[str, str]:
    if start is not None and end is not None and end < start:
        return {end_field: _(PERIOD_ORDER)}
    return {}


def check_not_negative(**values: int | Decimal | None) -> dict[str, str]:
    return {name: _(NEGATIVE) for name, value in values.items() if value is not None and value < 0}


def check_required(**values: str | None) -> dict[str, str]:
    return {name: _(REQUIRED) for name, value in values.items() if value is None or not str(value).strip()}


def raise_if(errors: dict[str, str], message: str = "") -> None:
    if errors:
        message = message or _("Uppgifterna kunde inte sparas.")
        raise ValidationFailed(message + " " + " ".join(f"{k}: {v}" for k, v in errors.items()), errors=errors)


def organisation(pk: int | None, field: str, errors: dict[str, str]) -> Organisation | None:
    if pk is None:
        errors.setdefault(field, _(REQUIRED))
        return None
    found = Organisation.objects.filter(pk=pk).first()
    if found is None:
        errors[field] = _(UNKNOWN_ORGANISATION) % {"ids": pk}
    return found


def organisations(pks: Iterable[int], field: str, errors: dict[str, str]) -> list[Organisation]:
    pks = list(dict.fromkeys(pks))
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=pks)}
    missing = [str(pk) for pk in pks if pk not in found]
    if missing:
        errors[field] = _(UNKNOWN_ORGANISATION) % {"ids": ", ".join(missing)}
    return [found[pk] for pk in pks if pk in found]


def agreement(pk: int | None, field: str, errors: dict[str, str]) -> Agreement | None:
    if pk is None:
        return None
    found = Agreement.objects.filter(pk=pk).first()
    if found is None:
        errors[field] = _("Okänt avtal: %(pk)s.") % {"pk": pk}
    return found


def working_group(pk: int | None, field: str, errors: dict[str, str]) -> Body | None:
    if pk is None:
        return None
    found = Body.objects.filter(pk=pk).select_related("parent").first()
    if found is None:
        errors[field] = _("Okänd arbetsgrupp: %(pk)s.") % {"pk": pk}
    elif found.kind not in (BodyKind.WORKING_GROUP, BodyKind.COUNCIL):
        errors[field] = _("%(body)s är ingen arbetsgrupp eller inget råd.") % {"body": found.name}
    return found


def areas(pks: Iterable[int], field: str, errors: dict[str, str], agreement: Agreement | None) -> list[DevelopmentArea]:
    """The areas by id; with an agreement that has areas, only among the agreement's own."""
    pks = list(dict.fromkeys(pks))
    qs = DevelopmentArea.objects.filter(pk__in=pks)
    if agreement is not None and agreement.areas.exists():
        qs = qs.filter(agreements=agreement)
    found = {a.pk: a for a in qs}
    missing = [str(pk) for pk in pks if pk not in found]
    if missing:
        errors[field] = _("Området hör inte till avtalet eller finns inte: %(ids)s.") % {"ids": ", ".join(missing)}
    return [found[pk] for pk in pks if pk in found]


def units(pks: Iterable[int], field: str, errors: dict[str, str], organisation_ids: set[int]) -> list[Unit]:
    """The units by id, each of one of ``organisation_ids`` (the organisations involved)."""
    pks = list(dict.fromkeys(pks))
    found = {u.pk: u for u in Unit.objects.filter(pk__in=pks, organisation_id__in=organisation_ids)}
    missing = [str(pk) for pk in pks if pk not in found]
    if missing:
        errors[field] = _("Enheten hör inte till någon av de deltagande organisationerna: %(ids)s.") % {
            "ids": ", ".join(missing)
        }
    return [found[pk] for pk in pks if pk in found]
