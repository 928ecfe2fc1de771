"""Forms of the region-group pages: the analysis filter (GET) and a group (POST)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import BoundedFormMixin
from kompetensbron.ssyk_levels import HIGHER_EDUCATION

from .models import GroupLevel
from .schemas import MAX_MEMBERS, RegionGroupIn


class AnalysisForm(BoundedFormMixin, forms.Form):
    ssyk_level = forms.CharField(
        label=_("Yrken (SSYK nivå 1–3)"),
        required=False,
        max_length=200,
        help_text=_("Tomt = alla; 'higher-education' = SSYK 1–3; annars SSYK-koder med 1–3 siffror, t.ex. 2,31"),
    )


class RegionGroupForm(BoundedFormMixin, forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=100)
    level = forms.ChoiceField(label=_("Nivå"), choices=GroupLevel.choices)
    codes = forms.CharField(
        label=_("Regioner"),
        max_length=MAX_MEMBERS * 6,
        help_text=_("Länskoder eller kommunkoder, åtskilda med kommatecken, t.ex. 01,03,04"),
    )
    description = forms.CharField(label=_("Beskrivning"), max_length=500, required=False)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, choices=())

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def to_schema(self) -> RegionGroupIn:
        d = self.cleaned_data
        codes = [c.strip() for c in d["codes"].replace(";", ",").split(",") if c.strip()]
        return RegionGroupIn(
            name=d["name"],
            level=d["level"],
            codes=codes[: MAX_MEMBERS + 1] or [""],
            description=d.get("description", ""),
            organisation_id=d["organisation"],
        )

    def add_service_errors(self, errors: dict[str, str], message: str) -> None:
        fields = {"organisation_id": "organisation"}
        for key, text in errors.items():
            key = fields.get(key, key)
            self.add_error(key if key in self.fields else None, text)
        if not errors:
            self.add_error(None, message)


PRESET = HIGHER_EDUCATION
