"""The input form of the dossier page: kind, date, author, organisation, text."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import BoundedFormMixin

from .inputs import MAX_TEXT
from .models import InputKind
from .schemas import InputIn


class DossierInputForm(BoundedFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Typ"), choices=InputKind.choices, initial=InputKind.PROGRAMME_COUNCIL)
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("När synpunkten lämnades (inte i framtiden)."),
    )
    author_name = forms.CharField(label=_("Lämnad av"), max_length=255)
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    text = forms.CharField(label=_("Synpunkt"), widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_TEXT)

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Datumet får inte ligga i framtiden."))
        return value

    def to_schema(self) -> InputIn:
        d = self.cleaned_data
        return InputIn(
            kind=d["kind"],
            date=d["date"],
            author_name=d["author_name"],
            organisation=d.get("organisation", ""),
            text=d["text"],
        )

    def add_service_errors(self, errors: dict[str, str], message: str) -> None:
        for key, text in errors.items():
            self.add_error(key if key in self.fields else None, text)
        if not errors:
            self.add_error(None, message)
