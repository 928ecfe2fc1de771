"""Checks shared by the forms, the services and the template import: ``{field: message}``.

Messages are Swedish (the source language); they name the offending value.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import ValidationFailed
from kompetensbron.reference.models import Kommun, SsykGroup, SunField, SunLevel

__all__ = [
    "REQUIRED",
    "NEGATIVE",
    "POST_SECONDARY_LEVELS",
    "check_sun_level",
    "check_sun_field",
    "check_kommun",
    "check_not_negative",
    "check_positive",
    "check_ssyk4",
    "check_programme_code",
    "raise_if",
]

REQUIRED = gettext_noop("Fältet måste fyllas i.")
NEGATIVE = gettext_noop("Värdet får inte vara negativt.")
#: SUN 2020 levels of programmes: 4 and 5 (eftergymnasial), 6 (forskarutbildning)
POST_SECONDARY_LEVELS = ("4", "5", "6")


def check_sun_level(code: str | None, field: str = "sun_level") -> dict[str, str]:
    if not code:
        return {}
    level = SunLevel.objects.filter(code=code).first()
    if level is None:
        return {field: _("Okänd SUN 2020-nivå: ”%(code)s”.") % {"code": code}}
    if not code.startswith(POST_SECONDARY_LEVELS):
        return {
            field: _("SUN-nivån ”%(code)s %(label)s” är inte eftergymnasial (nivå 4, 5 eller 6).")
            % {"code": code, "label": level.label}
        }
    return {}


def check_sun_field(code: str | None, field: str = "sun_field") -> dict[str, str]:
    if code and not SunField.objects.filter(code=code).exists():
        return {field: _("Okänd SUN 2020-inriktning: ”%(code)s”.") % {"code": code}}
    return {}


def check_kommun(code: str | None, field: str = "kommun") -> dict[str, str]:
    if code and not Kommun.objects.filter(code=code).exists():
        return {field: _("Okänd kommunkod: ”%(code)s”.") % {"code": code}}
    return {}


def check_ssyk4(code: str | None, field: str = "ssyk") -> dict[str, str]:
    if not code:
        return {field: _(REQUIRED)}
    group = SsykGroup.objects.filter(code=code).values_list("level", flat=True).first()
    if group is None:
        return {field: _("Okänd SSYK-kod: ”%(code)s”.") % {"code": code}}
    if group != 4:
        return {field: _("SSYK-koden ”%(code)s” är inte på nivå 4 (undergrupp).") % {"code": code}}
    return {}


def check_programme_code(
    institution_id: int, code: str, *, instance_pk: int | None = None, field: str = "code"
) -> dict[str, str]:
    from .models import Programme

    duplicate = Programme.objects.filter(institution_id=institution_id, code=code.strip())
    if instance_pk is not None:
        duplicate = duplicate.exclude(pk=instance_pk)
    if duplicate.exists():
        return {field: _("Lärosätet har redan ett program med koden ”%(code)s”.") % {"code": code.strip()}}
    return {}


def check_not_negative(**values: int | Decimal | None) -> dict[str, str]:
    return {name: _(NEGATIVE) for name, value in values.items() if value is not None and value < 0}


def check_positive(**values: int | Decimal | None) -> dict[str, str]:
    return {
        name: _("Värdet måste vara större än 0.") for name, value in values.items() if value is not None and value <= 0
    }


def raise_if(errors: dict[str, str], message: str = "") -> None:
    if errors:
        message = message or _("Uppgifterna kunde inte sparas.")
        raise ValidationFailed(message + " " + " ".join(f"{k}: {v}" for k, v in errors.items()), errors=errors)
