"""HTML forms of Samverkan: Django forms whose clean() gives clear messages on the form.

The checks are the same functions the services use (:mod:`.validation`); the views still
hand the cleaned data to the services, which check rights and rules again.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import MAX_INT, MAX_TEXT, BoundedFormMixin, form_safe_url

from . import validation as v
from .models import (
    Activity,
    ActivityStatus,
    Agreement,
    Body,
    BodyKind,
    DecisionOutcome,
    DevelopmentArea,
    FundingApplication,
    Organisation,
    Unit,
)
from .permissions import choosable_owners, choosable_working_groups, visible_agreements, visible_organisations

__all__ = [
    "ActivityForm",
    "AgreementForm",
    "OrganisationForm",
    "DecisionForm",
    "TransitionForm",
    "FundingForm",
    "ActivationForm",
    "SERVICE_FIELDS",
]

_UNKNOWN_ORG = {
    "invalid_choice": _("Okänd organisation. Välj en organisation i registret."),
    "invalid_pk_value": _("Okänd organisation."),
}

#: Service error keys → form field names.
SERVICE_FIELDS = {
    "owner_id": "owner",
    "partner_ids": "partners",
    "agreement_id": "agreement",
    "working_group_id": "working_group",
    "owner_unit_id": "owner_unit",
    "area_ids": "areas",
    "unit_ids": "units",
    "party_ids": "parties",
    "kommun_code": "kommun",
    "status": None,
}


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _add_errors(form: forms.Form, errors: dict[str, str]) -> None:
    for field, message in errors.items():
        form.add_error(field if field in form.fields else None, message)


class ActivityForm(BoundedFormMixin, forms.ModelForm):
    owner = forms.ModelChoiceField(Organisation.objects.all(), label=_("Ägare"), error_messages=_UNKNOWN_ORG)
    partners = forms.ModelMultipleChoiceField(
        Organisation.objects.all(), label=_("Partner"), required=False, error_messages=_UNKNOWN_ORG
    )
    working_group = forms.ModelChoiceField(
        Body.objects.filter(kind__in=(BodyKind.WORKING_GROUP, BodyKind.COUNCIL)),
        label=_("Arbetsgrupp eller råd"),
        required=False,
    )
    # Declared without min_value so that clean() gives the same message as the services.
    expected_participants = forms.IntegerField(label=_("Förväntat antal deltagare"), required=False, max_value=MAX_INT)
    propose = forms.BooleanField(label=_("Föreslå för styrgruppen direkt"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:  # offer only what the user may choose (the service checks again)
            self.fields["owner"].queryset = choosable_owners(user)
            self.fields["partners"].queryset = visible_organisations(user)
            self.fields["agreement"].queryset = visible_agreements(user)
            self.fields["working_group"].queryset = choosable_working_groups(user)
            self.fields["owner_unit"].queryset = Unit.objects.filter(organisation__in=choosable_owners(user))
            self.fields["units"].queryset = Unit.objects.filter(organisation__in=visible_organisations(user))
            self.fields["areas"].queryset = DevelopmentArea.objects.filter(
                agreements__in=visible_agreements(user)
            ).distinct()

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "phase",
            "target_group",
            "owner",
            "owner_unit",
            "partners",
            "agreement",
            "working_group",
            "areas",
            "units",
            "period_start",
            "period_end",
            "place",
            "expected_participants",
        ]
        widgets = {
            "period_start": _DateInput(),
            "period_end": _DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        _add_errors(self, v.check_period(data.get("period_start"), data.get("period_end")))
        _add_errors(self, v.check_not_negative(expected_participants=data.get("expected_participants")))
        return data


class AgreementForm(BoundedFormMixin, forms.ModelForm):
    # Any organisation may be named: those the user does not coordinate are invited and
    # become parties when their coordinator accepts (services.parties).
    parties = forms.ModelMultipleChoiceField(
        Organisation.objects.all(),
        label=_("Parter"),
        error_messages=_UNKNOWN_ORG,
        help_text=_(
            "Organisationer du inte är samordnare för bjuds in och blir parter när deras samordnare accepterar."
        ),
    )

    class Meta:
        model = Agreement
        fields = ["title", "purpose", "parties", "period_start", "period_end"]
        widgets = {"period_start": _DateInput(), "period_end": _DateInput()}

    def clean(self):
        data = super().clean()
        _add_errors(self, v.check_period(data.get("period_start"), data.get("period_end")))
        return data


class OrganisationForm(BoundedFormMixin, forms.ModelForm):
    """An organisation's own data, edited by its coordinators (and administrators).

    The view hands ``cleaned_data`` to :func:`.services.update_organisation` (the service the
    API's PATCH uses) with a fresh instance; this form never saves.
    """

    website = forms.URLField(
        label=_("Webbplats"), required=False, max_length=200, assume_scheme="https", validators=[form_safe_url]
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "kommun", "website"]

    def clean(self):
        data = super().clean()
        name = (data.get("name") or "").strip()
        if name and Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            # Same message as services.create_organisation (names are unique regardless of case).
            self.add_error("name", _("Organisationen %(name)s finns redan.") % {"name": name})
        return data

    def save(self, commit=True):  # pragma: no cover - guard
        raise NotImplementedError("Changes go through services.update_organisation.")


class DecisionForm(BoundedFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Beslut"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    date = forms.DateField(label=_("Beslutsdatum"), widget=_DateInput())
    justification = forms.CharField(
        label=_("Motivering"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransitionForm(BoundedFormMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("Ny status"), choices=ActivityStatus.choices)
    actual_participants = forms.IntegerField(label=_("Faktiskt antal deltagare"), required=False, max_value=MAX_INT)
    evaluation = forms.CharField(
        label=_("Utvärdering"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        _add_errors(self, v.check_not_negative(actual_participants=data.get("actual_participants")))
        return data


class FundingForm(BoundedFormMixin, forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = ["funder", "programme", "amount_applied", "amount_granted", "deadline", "status", "note"]
        widgets = {"deadline": _DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    areas = forms.ModelMultipleChoiceField(DevelopmentArea.objects.all(), label=_("Områden"), required=False)
    units = forms.ModelMultipleChoiceField(Unit.objects.all(), label=_("Enheter"), required=False)

    def __init__(self, *args, activity=None, **kwargs):
        """Offers the areas of the activity's agreement and the units of the organisations
        involved; the service checks the choice (a foreign agreement's area is a 422)."""
        super().__init__(*args, **kwargs)
        if activity is not None:  # lazy: one query each when the form is shown
            involved = Q(organisation=activity.owner_id) | Q(organisation__in=activity.partners.all())
            agreement = activity.agreement
            self.fields["areas"].queryset = agreement.areas.all() if agreement else DevelopmentArea.objects.none()
            if agreement is not None:
                involved |= Q(organisation__in=agreement.parties.all())
            units = Unit.objects.filter(involved).distinct().select_related("organisation")
            self.fields["units"].queryset = units

    def clean(self):
        data = super().clean()
        _add_errors(
            self,
            v.check_not_negative(amount_applied=data.get("amount_applied"), amount_granted=data.get("amount_granted")),
        )
        return data


class ActivationForm(SetPasswordForm):
    """Choose a password for an invited account (Django's own password rules)."""
