"""HTML forms of meetings, competence needs, knowledge links and computed indicators.

The forms only offer what the user may choose and bound every input; the views hand the
cleaned data to the services, which check rights and rules again.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import MAX_INT, MAX_TEXT, BoundedFormMixin, form_safe_url

from .forms import _DateInput
from .models import (
    NEED_WORKFLOW,
    AnswerKind,
    AnswerStatus,
    DecisionOutcome,
    DecisionSubject,
    DevelopmentArea,
    LinkKind,
    NeedStatus,
    SourceKind,
    Unit,
)
from .permissions import visible_activities, visible_agreements, visible_organisations
from .permissions_meetings import answering_organisations, needing_organisations

__all__ = [
    "MeetingForm",
    "AttendeeForm",
    "MeetingDocumentForm",
    "IdeaForm",
    "MeetingDecisionForm",
    "LinkForm",
    "IndicatorSourceForm",
    "NeedForm",
    "NeedEditForm",
    "NEED_FIELDS",
    "need_fields",
    "AnswerForm",
    "StatusForm",
    "SERVICE_FIELDS",
]

#: service error keys → form field names
SERVICE_FIELDS = {
    "agreement_id": "agreement",
    "organisation_id": "organisation",
    "user_id": "user",
    "activity_id": "activity",
    "programme_id": "programme",
    "unit_id": "unit",
    "course_id": "course",
    "ref": "ref",
}

_TEXTAREA = forms.Textarea(attrs={"rows": 4})


class MeetingForm(BoundedFormMixin, forms.Form):
    date = forms.DateField(label=_("Datum"), widget=_DateInput())
    title = forms.CharField(label=_("Rubrik"), max_length=255, required=False)
    place = forms.CharField(label=_("Plats"), max_length=255, required=False)
    agreement = forms.ModelChoiceField(
        queryset=None, label=_("Avtal (årsrapport)"), required=False, help_text=_("Organets avtal om inget väljs.")
    )
    agenda = forms.CharField(label=_("Dagordning"), max_length=MAX_TEXT, required=False, widget=_TEXTAREA)
    minutes = forms.CharField(
        label=_("Protokoll / minnesanteckningar"), max_length=MAX_TEXT, required=False, widget=_TEXTAREA
    )

    def __init__(self, *args, user, with_agreement: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_agreement:
            self.fields["agreement"].queryset = visible_agreements(user)
        else:
            del self.fields["agreement"]


class AttendeeForm(BoundedFormMixin, forms.Form):
    prefix = "attendee"  # several forms share the meeting page: unique ids and names

    user = forms.ModelChoiceField(queryset=None, label=_("Ledamot"), required=False)
    name = forms.CharField(label=_("eller namn"), max_length=255, required=False)
    role = forms.CharField(label=_("Roll"), max_length=255, required=False)
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), required=False)

    def __init__(self, *args, user, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(samverkan_body_memberships__body=body)
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["organisation"].queryset = visible_organisations(user)


class MeetingDocumentForm(BoundedFormMixin, forms.Form):
    prefix = "document"  # several forms share the meeting page: unique ids and names

    title = forms.CharField(label=_("Titel"), max_length=255)
    url = forms.URLField(
        label=_("Länk"), required=False, max_length=200, assume_scheme="https", validators=[form_safe_url]
    )
    file = forms.FileField(label=_("eller fil (pdf, docx, xlsx, pptx, odt, txt; högst 10 MB)"), required=False)


class IdeaForm(BoundedFormMixin, forms.Form):
    prefix = "idea"  # several forms share the meeting page: unique ids and names

    title = forms.CharField(label=_("Idé"), max_length=255)
    description = forms.CharField(label=_("Beskrivning"), max_length=MAX_TEXT, required=False, widget=_TEXTAREA)
    presented_by = forms.CharField(label=_("Presenterad av"), max_length=255, required=False)
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = visible_organisations(user)


class MeetingDecisionForm(BoundedFormMixin, forms.Form):
    prefix = "decision"  # several forms share the meeting page: unique ids and names

    subject = forms.ChoiceField(label=_("Beslutet gäller"), choices=DecisionSubject.choices)
    activity = forms.ModelChoiceField(queryset=None, label=_("Aktivitet"), required=False)
    programme = forms.ModelChoiceField(queryset=None, label=_("Program"), required=False)
    decision = forms.ChoiceField(label=_("Beslut"), choices=DecisionOutcome.choices)
    justification = forms.CharField(
        label=_("Motivering"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, meeting, **kwargs):
        from kompetensbron.education.models import Programme

        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = visible_activities(user).filter(working_group__parent=meeting.body)
        from .services.meetings import deciding_organisations

        orgs = deciding_organisations(meeting)
        self.fields["programme"].queryset = Programme.objects.filter(institution__organisation__in=orgs).order_by(
            "name"
        )


class LinkForm(BoundedFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Typ"), choices=LinkKind.choices)
    ref = forms.CharField(
        label=_("Kod eller id"),
        max_length=20,
        help_text=_("Program- eller kurs-id, SSYK 2012-kod (t.ex. 2341), kommunkod (0126) eller länskod (22)."),
    )


class IndicatorSourceForm(BoundedFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Källa"), choices=SourceKind.choices)
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation (Matchning)"), required=False)
    institution_contains = forms.CharField(label=_("Lärosäte innehåller"), max_length=200, required=False)
    programme_contains = forms.CharField(label=_("Examen/program innehåller"), max_length=200, required=False)
    region_code = forms.CharField(label=_("Regionkod (statistik)"), max_length=4, required=False)
    measure_contains = forms.CharField(label=_("Mått innehåller"), max_length=200, required=False)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = indicator.agreement.parties.all()


class NeedForm(BoundedFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    unit = forms.ModelChoiceField(queryset=None, label=_("Enhet / förvaltning"), required=False)
    title = forms.CharField(label=_("Vad behövs"), max_length=255)
    description = forms.CharField(label=_("Beskrivning"), max_length=MAX_TEXT, required=False, widget=_TEXTAREA)
    headcount = forms.IntegerField(label=_("Antal personer"), min_value=1, max_value=100_000)
    needed_from = forms.DateField(label=_("Behövs från"), required=False, widget=_DateInput())
    needed_until = forms.DateField(label=_("Behövs till"), required=False, widget=_DateInput())
    region_code = forms.CharField(label=_("Var (kommunkod eller länskod)"), max_length=4, required=False)
    ssyk_code = forms.CharField(label=_("Yrke (SSYK 2012-kod)"), max_length=4, required=False)
    agreement = forms.ModelChoiceField(queryset=None, label=_("Avtal"), required=False)
    areas = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Områden"), required=False, help_text=_("Avtalets prioriterade utvecklingsområden.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = needing_organisations(user)
        self.fields["organisation"].queryset = orgs
        self.fields["unit"].queryset = Unit.objects.filter(organisation__in=orgs)
        self.fields["agreement"].queryset = visible_agreements(user)
        self.fields["areas"].queryset = DevelopmentArea.objects.filter(
            agreements__in=visible_agreements(user)
        ).distinct()


def need_fields(d: dict) -> dict:
    """The service fields of a need form's cleaned data (all but the organisation and status)."""
    return {
        "unit_id": d["unit"].pk if d["unit"] else None,
        "agreement_id": d["agreement"].pk if d["agreement"] else None,
        "title": d["title"],
        "description": d["description"],
        "headcount": d["headcount"],
        "needed_from": d["needed_from"],
        "needed_until": d["needed_until"],
        "region_code": d["region_code"],
        "ssyk_code": d["ssyk_code"],
        "area_ids": [a.pk for a in d["areas"]],
    }


#: the need's service field names → the form's
NEED_FIELDS = SERVICE_FIELDS | {"area_ids": "areas", "status": "status"}


class NeedEditForm(NeedForm):
    """A need's fields and its status (the current one or a next step of the workflow); the
    organisation stays the one that registered it."""

    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)

    def __init__(self, *args, user, need, **kwargs):
        region = need.kommun_id or need.lan_id or ""
        initial = {
            "unit": need.unit_id,
            "agreement": need.agreement_id,
            "title": need.title,
            "description": need.description,
            "headcount": need.headcount,
            "needed_from": need.needed_from,
            "needed_until": need.needed_until,
            "region_code": region,
            "ssyk_code": need.ssyk_id or "",
            "areas": list(need.areas.values_list("pk", flat=True)),
            "status": need.status,
        }
        super().__init__(*args, user=user, initial=initial, **kwargs)
        del self.fields["organisation"]
        self.fields["unit"].queryset = Unit.objects.filter(organisation=need.organisation_id)
        steps = NEED_WORKFLOW[need.status]
        self.fields["status"].choices = [(need.status, need.get_status_display())] + [
            (s, NeedStatus(s).label) for s in steps
        ]


class AnswerForm(BoundedFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Lärosäte"))
    kind = forms.ChoiceField(label=_("Typ av svar"), choices=AnswerKind.choices)
    title = forms.CharField(label=_("Erbjudande"), max_length=255)
    description = forms.CharField(label=_("Beskrivning"), max_length=MAX_TEXT, required=False, widget=_TEXTAREA)
    course = forms.ModelChoiceField(queryset=None, label=_("Kurs ur katalogen"), required=False)
    url = forms.URLField(
        label=_("Länk"), required=False, max_length=200, assume_scheme="https", validators=[form_safe_url]
    )
    places = forms.IntegerField(label=_("Antal platser"), required=False, min_value=1, max_value=MAX_INT)
    starts = forms.DateField(label=_("Start"), required=False, widget=_DateInput())

    def __init__(self, *args, user, **kwargs):
        from kompetensbron.education.models import Course

        super().__init__(*args, **kwargs)
        orgs = answering_organisations(user)
        self.fields["organisation"].queryset = orgs
        self.fields["course"].queryset = Course.objects.filter(institution__organisation__in=orgs).order_by("code")


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Ny status"), choices=[*NeedStatus.choices, *AnswerStatus.choices])
