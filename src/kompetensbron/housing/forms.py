"""HTML forms of Studentbostäder. They check form and bounds; the views hand the cleaned data to
the services, which check rights and rules again (and their messages land on the fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetensbron.reference.models import Kommun, Lan

from .models import (
    MAX_HOMES,
    MAX_YEAR,
    MIN_YEAR,
    HomeType,
    ProjectStatus,
    QueueHomeType,
    TargetKind,
)
from .simulation_runs import WEB_LIMITS

__all__ = [
    "SERVICE_FIELDS",
    "ProgrammeForm",
    "ProjectEditForm",
    "ProjectForm",
    "QueueStatisticForm",
    "SimulationForm",
    "StatusForm",
]

#: Service error keys → form field names.
SERVICE_FIELDS = {"owner_id": "owner", "kommun_code": "kommun", "lan_code": "lan", "organisation_id": "organisation"}


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _year(label, required=False):
    return forms.IntegerField(label=label, min_value=MIN_YEAR, max_value=MAX_YEAR, required=required)


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=255)
    owner = forms.ModelChoiceField(queryset=None, label=_("Ägare"))
    kommun = forms.ModelChoiceField(Kommun.objects.order_by("name"), label=_("Kommun"), to_field_name="code")
    homes = forms.IntegerField(label=_("Antal bostäder"), min_value=1, max_value=MAX_HOMES)
    home_type = forms.ChoiceField(label=_("Bostadstyp"), choices=HomeType.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in ProjectStatus.choices if c[0] != ProjectStatus.CANCELLED]
    )
    status_date = forms.DateField(label=_("Statusdatum"), required=False, widget=_DateInput())
    expected_completion_year = _year(_("Förväntat färdigställt år"))
    actual_completion_year = _year(_("Färdigställt år (om färdigställt)"))
    description = forms.CharField(
        label=_("Beskrivning"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class ProjectEditForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=255)
    kommun = forms.ModelChoiceField(Kommun.objects.order_by("name"), label=_("Kommun"), to_field_name="code")
    homes = forms.IntegerField(label=_("Antal bostäder"), min_value=1, max_value=MAX_HOMES)
    home_type = forms.ChoiceField(label=_("Bostadstyp"), choices=HomeType.choices)
    expected_completion_year = _year(_("Förväntat färdigställt år"))
    description = forms.CharField(
        label=_("Beskrivning"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Ny status"), choices=())
    date = forms.DateField(label=_("Datum"), required=False, widget=_DateInput())
    actual_completion_year = _year(_("Färdigställt år (vid färdigställt)"))
    note = forms.CharField(label=_("Kommentar"), required=False, max_length=500)

    def __init__(self, *args, transitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, ProjectStatus(s).label) for s in transitions]


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=255)
    owner = forms.ModelChoiceField(queryset=None, label=_("Ansvarig organisation (region)"))
    lan = forms.ModelChoiceField(Lan.objects.order_by("name"), label=_("Län"), to_field_name="code")
    baseline_year = _year(_("Startår"), required=True)
    target_year = _year(_("Målår"), required=True)
    target_kind = forms.ChoiceField(label=_("Måltyp"), choices=TargetKind.choices)
    target_value = forms.IntegerField(
        label=_("Mål (antal nya bostäder eller procent)"), min_value=1, max_value=10 * MAX_HOMES
    )
    description = forms.CharField(
        label=_("Beskrivning"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, owners=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        if editing:
            del self.fields["owner"]
            del self.fields["lan"]


class KommunTargetForm(forms.Form):
    kommun = forms.ModelChoiceField(Kommun.objects.none(), label=_("Kommun"), to_field_name="code")
    target_homes = forms.IntegerField(label=_("Kommunmål (nya bostäder; 0 tar bort)"), min_value=0, max_value=MAX_HOMES)

    def __init__(self, *args, lan_code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommun"].queryset = Kommun.objects.filter(lan_id=lan_code).order_by("name")


class QueueStatisticForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Bostadsföretag"))
    year = _year(_("År"), required=True)
    home_type = forms.ChoiceField(label=_("Bostadstyp"), choices=QueueHomeType.choices)
    people_in_queue = forms.IntegerField(label=_("Personer i kön"), min_value=0, max_value=10_000_000, required=False)
    homes_offered = forms.IntegerField(label=_("Erbjudna bostäder"), min_value=0, max_value=10_000_000, required=False)
    median_wait_days = forms.IntegerField(
        label=_("Median kötid vid kontrakt (dagar)"), min_value=0, max_value=36_500, required=False
    )
    p90_wait_days = forms.IntegerField(
        label=_("90:e percentilen kötid (dagar)"), min_value=0, max_value=36_500, required=False
    )
    declines = forms.IntegerField(label=_("Tackat nej"), min_value=0, max_value=10_000_000, required=False)
    source = forms.CharField(label=_("Källa"), max_length=255, required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


_RULES = [("sssb", "SSSB"), ("af-bostader", "AF Bostäder"), ("sgs", "SGS"), ("chalmers", "Chalmers Studentbostäder")]
_PENALTY = [
    ("", _("som i regelverket")),
    ("none", _("inget")),
    ("park", _("kön parkeras")),
    ("reset", _("kötiden nollas")),
]


class SimulationForm(forms.Form):
    label = forms.CharField(label=_("Namn på scenariot"), max_length=80, required=False)
    rules = forms.ChoiceField(label=_("Köregler"), choices=_RULES)
    homes = forms.IntegerField(label=_("Bostäder"), min_value=10, max_value=WEB_LIMITS["homes"], initial=2000)
    arrivals_per_year = forms.IntegerField(
        label=_("Nya studenter per år"), min_value=10, max_value=WEB_LIMITS["arrivals_per_year"], initial=1500
    )
    years = forms.IntegerField(label=_("År som mäts"), min_value=1, max_value=WEB_LIMITS["years"], initial=3)
    seed = forms.IntegerField(label=_("Slumpfrö"), min_value=0, max_value=1_000_000, initial=1)
    decline_penalty_kind = forms.ChoiceField(label=_("Påföljd för nej"), choices=_PENALTY, required=False)
    decline_penalty_after = forms.IntegerField(
        label=_("Påföljd efter antal nej"), min_value=1, max_value=20, required=False
    )
    decline_penalty_park_days = forms.IntegerField(
        label=_("Parkering (dagar)"), min_value=0, max_value=730, required=False
    )
    offer_batch = forms.IntegerField(
        label=_("Erbjudande till antal samtidigt"), min_value=1, max_value=20, required=False
    )
    max_pending_offers = forms.IntegerField(
        label=_("Högst antal erbjudanden/bokningar per person"), min_value=1, max_value=10, required=False
    )
