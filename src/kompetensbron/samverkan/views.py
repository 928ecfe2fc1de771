"""Samverkan pages: thin views that call the services and render one typed page context.

Every page needs a login; every change is a POST form with a CSRF token and goes through a
service, whose refusals come back as messages on the form (422) or a 403 page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.web.form_pages import form_page, refused, submitted
from kompetensbron.web.tables import export_response

from . import report_exports, services
from .board_filters import BoardFilters
from .board_options import board_filter_fields
from .forms import (
    SERVICE_FIELDS,
    ActivationForm,
    ActivityForm,
    AgreementForm,
    DecisionForm,
    FundingForm,
    OrganisationForm,
    TransitionForm,
)
from .governance_rules import manual_next
from .models import ActivityStatus
from .page_contexts import (
    ActivityPage,
    AgreementPage,
    BoardPage,
    BodyListPage,
    BodyMemberRow,
    BodyRow,
    MeetingLink,
    OrganisationListPage,
    OrganisationRow,
    ReportPage,
)
from .permissions import body_ids, coordinated_organisation_ids, memoise_memberships, organisation_ids
from .schemas import ActivityCreate, AgreementCreate, FundingCreate, OrganisationUpdate
from .views_governance import governance_forms

_refused = refused


# ------------------------------------------------------------------ board and activities


@require_safe
@login_required
@memoise_memberships
def board(request: HttpRequest) -> HttpResponse:
    filters = BoardFilters.from_query(request.GET)
    activities = filters.apply(services.list_activities(actor=request.user, agreement_id=filters.agreement))
    can_create = bool(body_ids(request.user)) or bool(coordinated_organisation_ids(request.user))
    agreements = services.reads.board_agreements(request.user)
    page = BoardPage.build(
        activities=[services.public.activity(a) for a in activities],
        agreements=[services.public.agreement(a) for a in agreements],
        selected=filters.agreement,
        can_create=can_create,
        filters=filters,
        options=board_filter_fields(request.user, filters),
    )
    page.meetings = [
        MeetingLink(m.pk, m.date, m.title, m.body.name) for m in services.reads.meetings_of_my_bodies(request.user)
    ]
    return render(request, "samverkan/board.html", {"page": page})


def _activity_page(request: HttpRequest, activity, **forms) -> ActivityPage:
    user = request.user
    can_change = user.has_perm("samverkan.change_activity", activity)
    can_move = user.has_perm("samverkan.move_activity", activity)
    manual = manual_next(activity)
    funding = [services.public.funding(f) for f in services.reads.funding_of(activity)]
    return ActivityPage(
        activity=services.public.activity(activity),
        funding=funding,
        can_propose=activity.status == ActivityStatus.IDEA and user.has_perm("samverkan.propose_activity", activity),
        can_decide=activity.status == ActivityStatus.PROPOSED and user.has_perm("samverkan.decide_activity", activity),
        can_change=can_change,
        transitions=[(s, str(ActivityStatus(s).label)) for s in manual] if can_move else [],
        **governance_forms(request, activity, forms, funding),
        decision_form=forms.get("decision_form") or DecisionForm(initial={"date": timezone.localdate()}),
        transition_form=forms.get("transition_form") or TransitionForm(),
        funding_form=forms.get("funding_form") or FundingForm(activity=activity),
    )


@require_safe
@login_required
@memoise_memberships
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        activity = services.get_activity(actor=request.user, pk=pk)
    except NotFound as exc:
        return _refused(request, exc, 404)
    return render(request, "samverkan/activity_detail.html", {"page": _activity_page(request, activity)})


def activity_fields(d: dict) -> dict:
    """The fields the activity form and the activity edit form share, as the schemas name them."""
    return {
        "title": d["title"],
        "description": d["description"],
        "phase": d["phase"] or None,
        "target_group": d["target_group"],
        "partner_ids": [o.pk for o in d["partners"]],
        "agreement_id": d["agreement"].pk if d["agreement"] else None,
        "owner_unit_id": d["owner_unit"].pk if d["owner_unit"] else None,
        "area_ids": [x.pk for x in d["areas"]],
        "unit_ids": [x.pk for x in d["units"]],
        "period_start": d["period_start"],
        "period_end": d["period_end"],
        "place": d["place"],
        "expected_participants": d["expected_participants"],
    }


def activity_create_fields(d: dict) -> dict:
    """The activity form's fields (new activity, or an idea that becomes one)."""
    return {
        **activity_fields(d),
        "owner_id": d["owner"].pk,
        "working_group_id": d["working_group"].pk if d["working_group"] else None,
        "propose": d["propose"],
    }


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser and not (body_ids(request.user) or organisation_ids(request.user)):
        return _refused(
            request,
            PermissionDenied(
                _("Du behöver tillhöra en organisation eller en arbetsgrupp för att lägga upp aktiviteter.")
            ),
            403,
        )

    def save(d) -> str:
        data = ActivityCreate(**activity_create_fields(d))
        return reverse("samverkan:activity", args=[services.create_activity(actor=request.user, data=data).pk])

    return form_page(
        request,
        cancel="samverkan:board",
        form=ActivityForm(request.POST or None, user=request.user),
        title=_("Ny aktivitet"),
        submit=_("Spara"),
        save=save,
        success=_("Aktiviteten är sparad."),
        field_names=SERVICE_FIELDS,
    )


def _post_on_activity(request: HttpRequest, pk: int, form_class, form_key: str, action) -> HttpResponse:
    try:
        activity = services.find_activity(pk)
    except NotFound as exc:
        return _refused(request, exc, 404)
    back = reverse("samverkan:activity", args=[pk])
    if form_class is None:  # a button without fields: a refusal comes back as a message on the page
        try:
            action(activity, {})
        except PermissionDenied as exc:
            return _refused(request, exc, 403)
        except ValidationFailed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Ändringen är sparad."))
        return redirect(back)
    form = form_class(request.POST)

    def save(d) -> str:
        action(activity, d)
        return back

    response = submitted(request, form, save, success=_("Ändringen är sparad."), field_names=SERVICE_FIELDS)
    if response is not None:
        return response
    try:
        visible = services.get_activity(actor=request.user, pk=pk)
    except NotFound as exc:
        return _refused(request, exc, 403)
    page = _activity_page(request, visible, **{form_key: form})
    return render(request, "samverkan/activity_detail.html", {"page": page}, status=422)


@login_required
@require_POST
def activity_propose(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_on_activity(
        request, pk, None, "", lambda a, d: services.submit_proposal(actor=request.user, activity=a)
    )


@login_required
@require_POST
def activity_decide(request: HttpRequest, pk: int) -> HttpResponse:
    def act(a, d):
        services.decide_activity(
            actor=request.user, activity=a, decision=d["decision"], justification=d["justification"], date=d["date"]
        )

    return _post_on_activity(request, pk, DecisionForm, "decision_form", act)


@login_required
@require_POST
def activity_transition(request: HttpRequest, pk: int) -> HttpResponse:
    def act(a, d):
        services.transition_activity(
            actor=request.user,
            activity=a,
            to_status=d["to_status"],
            actual_participants=d["actual_participants"],
            evaluation=d["evaluation"],
        )

    return _post_on_activity(request, pk, TransitionForm, "transition_form", act)


@login_required
@require_POST
def activity_funding(request: HttpRequest, pk: int) -> HttpResponse:
    def act(a, d):
        ids = {"area_ids": [x.pk for x in d.pop("areas")], "unit_ids": [u.pk for u in d.pop("units")]}
        services.create_funding_application(actor=request.user, activity=a, data=FundingCreate(**d, **ids))

    return _post_on_activity(request, pk, FundingForm, "funding_form", act)


# ------------------------------------------------------------------ agreements and report


@require_safe
@login_required
@memoise_memberships
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        agreement = services.get_visible_agreement(actor=request.user, pk=pk)
    except NotFound as exc:
        return _refused(request, exc, 404)
    start = agreement.period_start.year
    end = min((agreement.period_end or timezone.localdate()).year, timezone.localdate().year)
    page = AgreementPage(
        agreement=services.public.agreement(agreement),
        bodies=[services.public.body(b) for b in services.reads.agreement_bodies(request.user, agreement)],
        activity_count=services.reads.activity_count(agreement),
        funding=services.funding_totals(agreement=agreement),
        indicators=[services.public.indicator(i) for i in services.reads.indicators_of(agreement)],
        years=list(range(max(start, end - 9), end + 1))[::-1] or [start],
        can_change=request.user.has_perm("samverkan.change_agreement", agreement),
    )
    return export_response(request, page.tables) or render(request, "samverkan/agreement_detail.html", {"page": page})


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    def save(d) -> str:
        data = AgreementCreate(
            title=d["title"],
            purpose=d["purpose"],
            party_ids=[o.pk for o in d["parties"]],
            period_start=d["period_start"],
            period_end=d["period_end"],
        )
        return reverse("samverkan:agreement", args=[services.create_agreement(actor=request.user, data=data).pk])

    return form_page(
        request,
        cancel="samverkan:board",
        form=AgreementForm(request.POST or None),
        title=_("Nytt samverkansavtal"),
        submit=_("Spara"),
        save=save,
        success=None,
        field_names=SERVICE_FIELDS,
    )


def _report_page(request: HttpRequest, pk: int, year: int) -> ReportPage:
    agreement = services.get_visible_agreement(actor=request.user, pk=pk)
    report = services.yearly_report(actor=request.user, agreement=agreement, year=year)
    return ReportPage(report=report, phase_status_columns=[(s.value, str(s.label)) for s in ActivityStatus])


@require_safe
@login_required
@memoise_memberships
def yearly_report(request: HttpRequest, pk: int, year: int, fmt: str = "html") -> HttpResponse:
    """The yearly report as a page, or (``fmt``) as an Excel workbook or a PDF."""
    try:
        page = _report_page(request, pk, year)
    except NotFound as exc:
        return _refused(request, exc, 404)
    except PermissionDenied as exc:
        return _refused(request, exc, 403)
    if fmt == "html":
        tables = list(page.tables.values())
        return export_response(request, tables) or render(request, "samverkan/yearly_report.html", {"page": page})
    if fmt == "xlsx":
        content, mime = report_exports.report_xlsx(page.report), report_exports.xl.XLSX_MIME
    else:
        content, mime = report_exports.report_pdf(page.report, page), "application/pdf"
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{report_exports.report_filename(page.report, fmt)}"'
    return response


# ------------------------------------------------------------------ register: organisations and bodies


@require_safe
@login_required
@memoise_memberships
def organisation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    rows = [
        OrganisationRow(services.public.organisation(o), user.has_perm("samverkan.change_organisation", o))
        for o in services.reads.list_organisations(user)
    ]
    invitations = [services.public.party_invitation(i) for i in services.pending_invitations(user)]
    return render(
        request, "samverkan/organisation_list.html", {"page": OrganisationListPage(rows=rows, invitations=invitations)}
    )


@login_required
@require_POST
def party_invitation_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """The invited organisation's coordinator accepts or declines becoming a party."""
    try:
        invitation = services.find_invitation(pk)
        if decision == "accept":
            services.accept_party_invitation(actor=request.user, invitation=invitation)
        else:
            services.decline_party_invitation(actor=request.user, invitation=invitation)
    except NotFound as exc:
        return _refused(request, exc, 404)
    except PermissionDenied as exc:
        return _refused(request, exc, 403)
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Svaret på inbjudan är sparat."))
    return redirect("samverkan:organisations")


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation's own data, for its coordinators (and administrators).

    The form only validates; the change goes through :func:`services.update_organisation`
    (the API's PATCH), which checks the right again and writes the audit entry.
    """
    try:
        organisation = services.get_organisation(pk)
    except NotFound as exc:
        return _refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_organisation", organisation):
        return _refused(
            request, PermissionDenied(_("Endast organisationens egna samordnare får ändra dess uppgifter.")), 403
        )

    # The form works on its own copy: ModelForm validation copies the input onto its instance,
    # and the service must see the stored state to log "before" correctly.
    def save(d) -> str:
        data = OrganisationUpdate(
            name=d["name"],
            kind=d["kind"],
            kommun_code=d["kommun"].pk if d["kommun"] else None,
            website=d["website"],
        )
        services.update_organisation(actor=request.user, organisation=organisation, data=data)
        return reverse("samverkan:organisations")

    return form_page(
        request,
        cancel="samverkan:organisations",
        form=OrganisationForm(request.POST or None, instance=services.get_organisation(pk)),
        title=_("Redigera %(name)s") % {"name": organisation.name},
        submit=_("Spara"),
        save=save,
        success=_("Organisationens uppgifter är sparade."),
        field_names=SERVICE_FIELDS,
    )


@require_safe
@login_required
@memoise_memberships
def body_list(request: HttpRequest) -> HttpResponse:
    rows = [
        BodyRow(
            body=services.public.body(b),
            members=[
                BodyMemberRow(services.public.person(m.user), m.organisation.name if m.organisation_id else None)
                for m in services.reads.body_members(b)
            ],
        )
        for b in services.reads.list_bodies(request.user, with_members=True)
    ]
    return render(request, "samverkan/body_list.html", {"page": BodyListPage(rows=rows)})


# ------------------------------------------------------------------ accounts


def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time invitation link: choose a password, then log in."""
    user = services.user_from_token(uidb64, token)
    if user is None:
        return render(request, "samverkan/refused.html", {"message": _(services.accounts.INVALID_LINK)}, status=400)

    def save(d) -> str:
        services.accept_invitation(uidb64=uidb64, token=token, password=d["new_password1"])
        return reverse("login")

    # the service's errors (token, password) are not the form's fields: they land on the form
    return form_page(
        request,
        form=ActivationForm(user, request.POST or None),
        title=_("Välj lösenord"),
        submit=_("Aktivera kontot"),
        save=save,
        success=_("Kontot är aktiverat. Logga in med ditt nya lösenord."),
    )
