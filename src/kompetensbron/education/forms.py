"""HTML forms of the education pages; clean() uses the same checks as the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import BoundedFormMixin
from kompetensbron.reference.models import Kommun, SunField, SunLevel

from . import validation as v
from .models import Institution, Programme
from .permissions import institution_ids, is_education_staff
from .schemas import ProgrammeIn

__all__ = ["ProgrammeForm", "LinkDecisionForm", "ManualLinkForm", "TemplateUploadForm", "SERVICE_FIELDS"]

#: service error keys → form field names
SERVICE_FIELDS = {"institution_id": "institution"}


def _add_errors(form: forms.Form, errors: dict[str, str]) -> None:
    for field, message in errors.items():
        name = SERVICE_FIELDS.get(field, field)
        if name in form.fields and name not in form.errors:
            form.add_error(name, message)
        elif name not in form.fields:
            form.add_error(None, message)


class _CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {getattr(obj, 'label', None) or obj.name}"


class ProgrammeForm(BoundedFormMixin, forms.ModelForm):
    institution = forms.ModelChoiceField(Institution.objects.all(), label=_("Lärosäte"))
    sun_level = _CodeChoiceField(
        SunLevel.objects.order_by("code"),
        label=_("SUN 2020-nivå"),
        required=False,
        error_messages={"invalid_choice": _("Okänd SUN 2020-nivå.")},
    )
    sun_field = _CodeChoiceField(
        SunField.objects.order_by("code"),
        label=_("SUN 2020-inriktning"),
        required=False,
        error_messages={"invalid_choice": _("Okänd SUN 2020-inriktning.")},
    )
    kommun = _CodeChoiceField(
        Kommun.objects.order_by("name").defer("geometry"),
        label=_("Studieort (kommun)"),
        required=False,
        error_messages={"invalid_choice": _("Okänd kommun.")},
    )
    # without min_value, so that clean() gives the same message as the services
    places = forms.IntegerField(label=_("Utbildningsplatser"), required=False)
    credits = forms.DecimalField(label=_("Högskolepoäng"), required=False, max_digits=6, decimal_places=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # only the institutions the user may add programmes to (all for staff)
        if user is not None and not is_education_staff(user):
            allowed = institution_ids(user)
            if self.instance.pk is not None:
                allowed.add(self.instance.institution_id)
            self.fields["institution"].queryset = Institution.objects.filter(pk__in=allowed)

    class Meta:
        model = Programme
        fields = [
            "institution",
            "code",
            "name",
            "degree",
            "sun_level",
            "sun_field",
            "form",
            "places",
            "kommun",
            "credits",
            "description",
            "is_demo",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        _add_errors(self, v.check_not_negative(places=data.get("places")))
        _add_errors(self, v.check_positive(credits=data.get("credits")))
        if data.get("sun_level") is not None:
            _add_errors(self, v.check_sun_level(data["sun_level"].code))
        if data.get("institution") is not None and data.get("code"):
            _add_errors(
                self, v.check_programme_code(data["institution"].pk, data["code"], instance_pk=self.instance.pk)
            )
        return data

    def validate_unique(self):
        """The (institution, code) rule is checked in clean() with a message on the code field."""
        if "code" not in self.errors:
            super().validate_unique()

    def to_schema(self) -> ProgrammeIn:
        d = self.cleaned_data
        return ProgrammeIn(
            institution_id=d["institution"].pk,
            code=d["code"],
            name=d["name"],
            degree=d.get("degree") or "",
            sun_level=d["sun_level"].code if d.get("sun_level") else None,
            sun_field=d["sun_field"].code if d.get("sun_field") else None,
            form=d["form"],
            places=d.get("places"),
            kommun=d["kommun"].code if d.get("kommun") else None,
            credits=d.get("credits"),
            description=d.get("description") or "",
            is_demo=bool(d.get("is_demo")),
        )

    def add_service_errors(self, errors: dict[str, str], message: str) -> None:
        _add_errors(self, errors or {"": message})


class LinkDecisionForm(BoundedFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ManualLinkForm(BoundedFormMixin, forms.Form):
    ssyk = forms.CharField(
        label=_("SSYK-4-kod"), max_length=4, help_text=_("t.ex. 2221 (Grundutbildade sjuksköterskor)")
    )
    reason = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("ssyk"):
            _add_errors(self, v.check_ssyk4(data["ssyk"].strip()))
        return data


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Mall (CSV eller Excel)"), help_text=_("UTF-8-CSV med , eller ; som avgränsare, eller .xlsx")
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Filen måste vara en .csv- eller .xlsx-fil."))
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen får vara högst 5 MB."))
        return f
