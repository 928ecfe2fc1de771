"""HTML forms of Matchning: they parse the input; the services check rights and rules again.

Skills are entered as concept ids (one per line or comma-separated): the page fills them from
the skill search and from "suggest skills from the text" (the extractor), and shows their labels.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetensbron.reference.models import Kommun
from kompetensbron.samverkan.models import Organisation

from .models import ApplicationStatus, DegreeLevel, OpportunityKind, WorkMode

__all__ = [
    "SERVICE_FIELDS",
    "OpportunityForm",
    "OutcomeForm",
    "ProfileForm",
    "RegistrationForm",
    "RoundForm",
    "skill_ids",
]

#: Service error keys → form field names.
SERVICE_FIELDS = {
    "host_id": "host",
    "unit_id": None,
    "ssyk_code": "ssyk_code",
    "kommun_code": "kommun_code",
    "organiser_id": "organiser",
    "course_ids": "course_codes",
}

_SPLIT = re.compile(r"[\s,;]+")


def skill_ids(text: str) -> list[str]:
    return list(dict.fromkeys(t for t in _SPLIT.split(text or "") if t))[:60]


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OpportunityForm(forms.Form):
    host = forms.ModelChoiceField(Organisation.objects.none(), label=_("Värdorganisation"))
    kind = forms.ChoiceField(label=_("Typ"), choices=OpportunityKind.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
    level = forms.ChoiceField(
        label=_("Nivå (examensarbete)"), choices=[("", "—"), *DegreeLevel.choices], required=False
    )
    credits = forms.IntegerField(label=_("Högskolepoäng"), required=False, min_value=1, max_value=120)
    required_skills = forms.CharField(
        label=_("Krav (kompetens-id)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sök nedan eller låt texten föreslå; ett id per rad."),
    )
    desirable_skills = forms.CharField(
        label=_("Meriterande (kompetens-id)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    ssyk_code = forms.CharField(label=_("Yrkesgrupp (SSYK-4)"), max_length=4, required=False)
    kommun_code = forms.ChoiceField(label=_("Kommun"), required=False)
    period_start = forms.DateField(label=_("Från"), required=False, widget=_DateInput())
    period_end = forms.DateField(label=_("Till"), required=False, widget=_DateInput())
    capacity = forms.IntegerField(label=_("Antal platser"), min_value=1, max_value=500, initial=1)
    work_mode = forms.ChoiceField(label=_("Arbetssätt"), choices=WorkMode.choices)
    pay = forms.CharField(label=_("Ersättning"), max_length=200, required=False)
    dual_report_note = forms.CharField(
        label=_("Två rapporter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En akademisk rapport och en för er: hur delar ni upp dem?"),
    )

    def __init__(self, *args, hosts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts if hosts is not None else Organisation.objects.none()
        self.fields["kommun_code"].choices = [("", "—"), *Kommun.objects.order_by("name").values_list("code", "name")]


class ProfileForm(forms.Form):
    programme_name = forms.CharField(label=_("Program"), max_length=200, required=False)
    course_codes = forms.CharField(
        label=_("Avklarade kurser (kurskoder)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kurskoder ur kurskatalogen, t.ex. DT142G. Kompetenserna hämtas ur kursernas lärandemål."),
    )
    added_skills = forms.CharField(
        label=_("Egna kompetenser (id)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    removed_skills = forms.CharField(
        label=_("Ta bort härledda kompetenser (id)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    preferred_kommuner = forms.MultipleChoiceField(
        label=_("Önskade kommuner"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    preferred_kinds = forms.MultipleChoiceField(
        label=_("Önskade typer"), required=False, choices=OpportunityKind.choices, widget=forms.CheckboxSelectMultiple
    )
    available_from = forms.DateField(label=_("Tillgänglig från"), required=False, widget=_DateInput())
    available_to = forms.DateField(label=_("Tillgänglig till"), required=False, widget=_DateInput())
    consent_matching = forms.BooleanField(label=_("Jag samtycker till att matchas mot möjligheter"), required=False)
    consent_followup = forms.BooleanField(
        label=_("Jag samtycker till uppföljning (var jag bor och arbetar efter 1 och 3 år)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_kommuner"].choices = list(Kommun.objects.order_by("name").values_list("code", "name"))


class RegistrationForm(forms.Form):
    email = forms.EmailField(label=_("E-post vid ditt lärosäte"), max_length=254)
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Namn"), max_length=200)
    organiser = forms.ModelChoiceField(Organisation.objects.none(), label=_("Arrangör"))

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers if organisers is not None else Organisation.objects.none()


_TRI = [("", "—"), ("true", _("Ja")), ("false", _("Nej"))]


class OutcomeForm(forms.Form):
    completed = forms.TypedChoiceField(
        label=_("Genomförd"), choices=_TRI, required=False, coerce=lambda v: v == "true", empty_value=None
    )
    grade = forms.CharField(label=_("Betyg"), max_length=16, required=False)
    hired = forms.TypedChoiceField(
        label=_("Anställd av värden"), choices=_TRI, required=False, coerce=lambda v: v == "true", empty_value=None
    )
    stayed_region_1y = forms.TypedChoiceField(
        label=_("Kvar i regionen efter 1 år (kräver samtycke)"),
        choices=_TRI,
        required=False,
        coerce=lambda v: v == "true",
        empty_value=None,
    )


APPLICATION_ACTIONS = {
    ApplicationStatus.SHORTLISTED: _("Välj ut"),
    ApplicationStatus.OFFERED: _("Erbjud plats"),
    ApplicationStatus.REJECTED: _("Inte aktuell"),
    ApplicationStatus.ACCEPTED: _("Acceptera"),
    ApplicationStatus.DECLINED: _("Tacka nej"),
    ApplicationStatus.WITHDRAWN: _("Återkalla"),
}
