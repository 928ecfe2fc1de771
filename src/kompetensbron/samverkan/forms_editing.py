"""Forms of the coordinator pages that edit after creation: an activity, a funding application's
status, an agreement (governance, areas) and its documents, a body and its members, indicators
and their yearly values, and a party's approval or a council's note.

They only validate input (bounded: :class:`BoundedFormMixin`); the views hand ``cleaned_data`` to
the same services the API calls, which check the rules again, write and audit.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import MAX_LINE, MAX_TEXT, MAX_URL, YEAR_MAX, YEAR_MIN, BoundedFormMixin, form_safe_url

from .forms import ActivityForm, _DateInput
from .models import DevelopmentArea, FundingStatus, Governance, Organisation, Unit

__all__ = [
    "ActivityEditForm",
    "FundingStatusForm",
    "AgreementEditForm",
    "DocumentForm",
    "BodyEditForm",
    "BodyMemberForm",
    "IndicatorForm",
    "IndicatorYearForm",
    "ApprovalForm",
    "NoteForm",
    "area_names",
]


def area_names(text: str) -> list[str]:
    """Areas typed one per line (or separated by semicolons), blank lines left out."""
    return [n.strip() for n in text.replace(";", "\n").splitlines() if n.strip()]


class ActivityEditForm(ActivityForm):
    """The activity's own fields; the owner and working group stay (they decide who may act)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("owner", "working_group", "propose"):
            self.fields.pop(name, None)
        self.fields["actual_participants"] = forms.IntegerField(
            label=_("Faktiskt antal deltagare"), required=False, min_value=0
        )
        if self.instance.pk:
            self.fields["actual_participants"].initial = self.instance.actual_participants
            orgs = {self.instance.owner_id, *self.instance.partners.values_list("pk", flat=True)}
            if self.instance.agreement_id:
                orgs |= set(self.instance.agreement.parties.values_list("pk", flat=True))
            self.fields["owner_unit"].queryset = Unit.objects.filter(organisation_id=self.instance.owner_id)
            self.fields["units"].queryset = Unit.objects.filter(organisation_id__in=orgs).select_related("organisation")


class FundingStatusForm(BoundedFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FundingStatus.choices)
    amount_granted = forms.DecimalField(
        label=_("Beviljat belopp (kr)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    note = forms.CharField(label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AgreementEditForm(BoundedFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=MAX_LINE)
    purpose = forms.CharField(label=_("Syfte"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    period_start = forms.DateField(label=_("Giltigt från"), widget=_DateInput())
    period_end = forms.DateField(label=_("Giltigt till"), required=False, widget=_DateInput())
    governance = forms.ChoiceField(
        label=_("Beslutsordning"),
        choices=Governance.choices,
        help_text=_("Hur en aktivitet beslutas: av en styrgrupp, direkt av parterna, eller noteras av ett råd."),
    )
    binds_funding = forms.NullBooleanField(
        label=_("Binder avtalet finansiering?"),
        required=False,
        widget=forms.Select(
            choices=[
                ("unknown", _("Avtalet säger inget")),
                ("true", _("Ja")),
                ("false", _("Nej, medel söks i varje fall")),
            ]
        ),
    )
    uses_lifecycle = forms.BooleanField(
        label=_("Aktiviteterna följer livscykelmodellen (attrahera, stimulera, behålla, utveckla)"), required=False
    )
    areas = forms.CharField(
        label=_("Utvecklings- eller insatsområden"),
        required=False,
        max_length=50 * (MAX_LINE + 1),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ett område per rad."),
    )

    def clean_areas(self):
        names = area_names(self.cleaned_data["areas"])
        if len(names) > 50:
            raise forms.ValidationError(_("Högst 50 områden."))
        if any(len(n) > MAX_LINE for n in names):
            raise forms.ValidationError(_("Ett områdesnamn har högst 255 tecken."))
        return names


class DocumentForm(BoundedFormMixin, forms.Form):
    title = forms.CharField(label=_("Dokumentets titel"), max_length=MAX_LINE)
    url = forms.URLField(label=_("Länk"), max_length=MAX_URL, assume_scheme="https", validators=[form_safe_url])


class BodyEditForm(BoundedFormMixin, forms.Form):
    governance = forms.ChoiceField(
        label=_("Beslutsordning"),
        required=False,
        choices=[("", _("Som avtalet"))] + list(Governance.choices),
    )
    chair_title = forms.CharField(label=_("Ordförandens befattning"), required=False, max_length=MAX_LINE)
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.all(), label=_("Deltagande organisationer"), required=False
    )
    units = forms.ModelMultipleChoiceField(
        Unit.objects.select_related("organisation"),
        label=_("Deltagande enheter (förvaltningar, institutioner)"),
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(DevelopmentArea.objects.all(), label=_("Områden"), required=False)


class BodyMemberForm(BoundedFormMixin, forms.Form):
    user = forms.ModelChoiceField(get_user_model().objects.none(), label=_("Person"))
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("För organisationen"), required=False)

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        if body is not None:  # people of the body's organisations, not yet members
            orgs = body.organisations.all()
            self.fields["user"].queryset = (
                get_user_model()
                .objects.filter(samverkan_memberships__organisation__in=orgs, is_active=True)
                .exclude(samverkan_body_memberships__body=body)
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
            self.fields["organisation"].queryset = orgs
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class IndicatorForm(BoundedFormMixin, forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=MAX_LINE)
    unit = forms.CharField(label=_("Enhet (t.ex. st, %)"), required=False, max_length=64)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    higher_is_better = forms.BooleanField(label=_("Högre är bättre"), required=False, initial=True)
    areas = forms.ModelMultipleChoiceField(DevelopmentArea.objects.none(), label=_("Områden"), required=False)
    units = forms.ModelMultipleChoiceField(Unit.objects.none(), label=_("Enheter"), required=False)

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agreement is not None:
            self.fields["areas"].queryset = agreement.areas.all()
            self.fields["units"].queryset = Unit.objects.filter(
                organisation__in=agreement.parties.all()
            ).select_related("organisation")


def indicator_fields(d: dict) -> dict:
    """The service fields of :class:`IndicatorForm`'s cleaned data (creating and editing)."""
    return {
        "name": d["name"],
        "unit": d["unit"],
        "description": d["description"],
        "higher_is_better": d["higher_is_better"],
        "area_ids": [a.pk for a in d["areas"]],
        "unit_ids": [u.pk for u in d["units"]],
    }


def indicator_initial(indicator) -> dict:
    """An indicator's current values for :class:`IndicatorForm` (editing)."""
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "description": indicator.description,
        "higher_is_better": indicator.higher_is_better,
        "areas": list(indicator.areas.values_list("pk", flat=True)),
        "units": list(indicator.units.values_list("pk", flat=True)),
    }


class IndicatorYearForm(BoundedFormMixin, forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    target = forms.DecimalField(label=_("Mål"), required=False, max_digits=14, decimal_places=2)
    value = forms.DecimalField(label=_("Utfall"), required=False, max_digits=14, decimal_places=2)
    comment = forms.CharField(label=_("Kommentar"), required=False, max_length=MAX_TEXT)


class ApprovalForm(BoundedFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("För parten"))
    approve = forms.TypedChoiceField(
        label=_("Svar"),
        choices=[("1", _("Godkänn")), ("0", _("Avböj"))],
        coerce=lambda x: x == "1",
        widget=forms.HiddenInput,
        initial="1",
    )
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parties is not None:
            self.fields["organisation"].queryset = parties
            self.fields["organisation"].empty_label = None  # the first (often only) party is chosen


class NoteForm(BoundedFormMixin, forms.Form):
    comment = forms.CharField(label=_("Rådets anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
