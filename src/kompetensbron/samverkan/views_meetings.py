"""Pages of meetings, ideas that become activities, and knowledge links (thin views).

Reads need a login and show what the user may see; every change is a POST form with a CSRF
token through a service, whose refusals come back as messages on the form (422) or a 403 page.
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

from kompetensbron.errors import NotFound, PermissionDenied
from kompetensbron.web.form_pages import form_page, refused, submitted
from kompetensbron.web.tables import export_response

from . import services
from .forms import SERVICE_FIELDS as ACTIVITY_FIELDS
from .forms import ActivityForm
from .forms_meetings import (
    SERVICE_FIELDS,
    AttendeeForm,
    IdeaForm,
    IndicatorSourceForm,
    LinkForm,
    MeetingDecisionForm,
    MeetingDocumentForm,
    MeetingForm,
)
from .page_contexts_meetings import IndicatorSourcePage, LinksPage, MeetingListPage, MeetingPage
from .permissions import memoise_memberships
from .schemas_meetings import (
    AttendeeIn,
    IdeaIn,
    IdeaToActivityIn,
    IndicatorSourceIn,
    LinkIn,
    MeetingCreate,
    MeetingDecisionIn,
    MeetingUpdate,
)
from .views import activity_create_fields

M = services.meetings
P = services.meetings_public


def run_form(request: HttpRequest, form, action, *, success: str, fields: dict | None = None) -> HttpResponse | None:
    """:func:`~kompetensbron.web.form_pages.submitted` with this module's service field names;
    ``action`` may return the URL to go to (else the page itself)."""

    def save(d) -> str:
        result = action(d)
        return result if isinstance(result, str) else request.path

    return submitted(request, form, save, success=success, field_names=fields or SERVICE_FIELDS)


def _pk(obj) -> int | None:
    return obj.pk if obj is not None else None


# ------------------------------------------------------------------ a body's meetings


def _meeting_list_page(request, body, form=None) -> MeetingListPage:
    can = request.user.has_perm("samverkan.record_meeting", body)
    return MeetingListPage(
        body=services.public.body(body),
        meetings=[P.meeting_summary(m) for m in M.list_meetings(actor=request.user, body=body)],
        can_record=can,
        form=(form or MeetingForm(user=request.user, initial={"date": timezone.localdate()})) if can else None,
    )


@login_required
@memoise_memberships
def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    """A body's meetings (GET) and a new meeting (POST, the body's members)."""
    try:
        body = M.get_visible_body(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if request.method != "POST":
        page = _meeting_list_page(request, body)
        return export_response(request, page.tables) or render(request, "samverkan/meeting_list.html", {"page": page})
    form = MeetingForm(request.POST, user=request.user)

    def act(d):
        data = MeetingCreate(
            date=d["date"],
            title=d["title"],
            place=d["place"],
            agenda=d["agenda"],
            minutes=d["minutes"],
            agreement_id=_pk(d.get("agreement")),
        )
        return reverse("samverkan:meeting", args=[M.create_meeting(actor=request.user, body=body, data=data).pk])

    response = run_form(request, form, act, success=_("Mötet är sparat."))
    if response is not None:
        return response
    page = _meeting_list_page(request, body, form)
    return render(request, "samverkan/meeting_list.html", {"page": page}, status=422)


def _meeting_page(request, meeting, **forms) -> MeetingPage:
    from .models import LinkKind

    user = request.user
    can = user.has_perm("samverkan.change_meeting", meeting)
    links = {d: [P.link(k) for k in rows] for d, rows in services.reads.decision_links_of_meeting(meeting).items()}
    return MeetingPage(
        decision_links=links,
        link_kinds=[(k.value, str(k.label)) for k in LinkKind] if can else [],
        meeting=P.meeting(meeting),
        can_change=can,
        attendee_form=forms.get("attendee") or AttendeeForm(user=user, body=meeting.body) if can else None,
        document_form=forms.get("document") or MeetingDocumentForm() if can else None,
        idea_form=forms.get("idea") or IdeaForm(user=user) if can else None,
        decision_form=forms.get("decision") or MeetingDecisionForm(user=user, meeting=meeting) if can else None,
    )


@require_safe
@login_required
@memoise_memberships
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = M.get_meeting(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    page = _meeting_page(request, meeting)
    return export_response(request, [page.decisions_table]) or render(
        request, "samverkan/meeting_detail.html", {"page": page}
    )


def _post_on_meeting(request: HttpRequest, pk: int, key: str, make_form, act) -> HttpResponse:
    try:
        meeting = M.find_meeting(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    form = make_form(meeting)
    response = run_form(
        request, form, lambda d: act(meeting, d) or reverse("samverkan:meeting", args=[pk]), success=_("Sparat.")
    )
    if response is not None:
        return response
    try:
        visible = M.get_meeting(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 403)
    if not request.user.has_perm("samverkan.change_meeting", visible):
        return refused(request, PermissionDenied(_("Endast organets ledamöter för in uppgifter om dess möten.")), 403)
    page = _meeting_page(request, visible, **{key: form})
    return render(request, "samverkan/meeting_detail.html", {"page": page}, status=422)


@login_required
@require_POST
def meeting_attendee(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting, d):
        data = AttendeeIn(
            user_id=_pk(d["user"]), name=d["name"], role=d["role"], organisation_id=_pk(d["organisation"])
        )
        M.add_attendee(actor=request.user, meeting=meeting, data=data)

    return _post_on_meeting(
        request, pk, "attendee", lambda m: AttendeeForm(request.POST, user=request.user, body=m.body), act
    )


@login_required
@require_POST
def meeting_document(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting, d):
        M.add_document(actor=request.user, meeting=meeting, title=d["title"], url=d["url"], file=d["file"])

    return _post_on_meeting(request, pk, "document", lambda m: MeetingDocumentForm(request.POST, request.FILES), act)


@login_required
@require_POST
def meeting_idea(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting, d):
        data = IdeaIn(
            title=d["title"],
            description=d["description"],
            presented_by=d["presented_by"],
            organisation_id=_pk(d["organisation"]),
        )
        M.add_idea(actor=request.user, meeting=meeting, data=data)

    return _post_on_meeting(request, pk, "idea", lambda m: IdeaForm(request.POST, user=request.user), act)


@login_required
@require_POST
def meeting_decision(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting, d):
        data = MeetingDecisionIn(
            subject=d["subject"],
            activity_id=_pk(d["activity"]),
            programme_id=_pk(d["programme"]),
            decision=d["decision"],
            justification=d["justification"],
        )
        M.record_meeting_decision(actor=request.user, meeting=meeting, data=data)

    return _post_on_meeting(
        request, pk, "decision", lambda m: MeetingDecisionForm(request.POST, user=request.user, meeting=m), act
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Date, title, place, agenda and minutes (the minutes are usually written afterwards)."""
    try:
        meeting = M.find_meeting(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_meeting", meeting):
        return refused(request, PermissionDenied(_("Endast organets ledamöter för in uppgifter om dess möten.")), 403)
    initial = {k: getattr(meeting, k) for k in ("date", "title", "place", "agenda", "minutes")}

    def save(d) -> str:
        M.update_meeting(actor=request.user, meeting=meeting, data=MeetingUpdate(**d))
        return reverse("samverkan:meeting", args=[pk])

    return form_page(
        request,
        cancel=("samverkan:meeting", pk),
        form=MeetingForm(request.POST or None, user=request.user, with_agreement=False, initial=initial),
        title=_("Redigera mötet %(m)s") % {"m": meeting},
        submit=_("Spara"),
        save=save,
        success=_("Mötet är sparat."),
        field_names=SERVICE_FIELDS,
    )


@login_required
def idea_activity(request: HttpRequest, pk: int) -> HttpResponse:
    """An idea becomes an activity in one step: the activity form, prefilled from the idea."""
    try:
        idea = M.find_idea(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_meeting", idea.meeting):
        return refused(request, PermissionDenied(_("Endast organets ledamöter för in uppgifter om dess möten.")), 403)
    initial = {"title": idea.title, "description": idea.description, "agreement": idea.meeting.agreement_id}

    def save(d) -> str:
        data = IdeaToActivityIn(**activity_create_fields(d))
        activity = M.idea_to_activity(actor=request.user, idea=idea, data=data)
        return reverse("samverkan:activity", args=[activity.pk])

    return form_page(
        request,
        cancel=("samverkan:meeting", idea.meeting_id),
        form=ActivityForm(request.POST or None, user=request.user, initial=initial),
        title=_("Gör idén till en aktivitet: %(t)s") % {"t": idea.title},
        submit=_("Skapa aktiviteten"),
        save=save,
        success=_("Idén är nu en aktivitet."),
        field_names=ACTIVITY_FIELDS,
    )


# ------------------------------------------------------------------ knowledge links


def _links_view(request, *, title, back_url, links, can_change, form, act) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if not can_change:
            return refused(request, PermissionDenied(_("Du får inte ändra kopplingarna.")), 403)
        response = run_form(request, form, act, success=_("Kopplingen är sparad."))
        if response is not None:
            return response
        status = 422
    page = LinksPage(
        title=title, back_url=back_url, links=links(), can_change=can_change, form=form if can_change else None
    )
    return render(request, "samverkan/links.html", {"page": page}, status=status)


@login_required
@memoise_memberships
def activity_links(request: HttpRequest, pk: int) -> HttpResponse:
    """The programmes, courses, occupations and regions an activity names."""
    try:
        activity = services.get_activity(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    return _links_view(
        request,
        title=_("Kopplingar: %(t)s") % {"t": activity.title},
        back_url=reverse("samverkan:activity", args=[pk]),
        links=lambda: [P.link(k) for k in services.knowledge.links_of(activity=activity)],
        can_change=request.user.has_perm("samverkan.change_activity", activity),
        form=LinkForm(request.POST or None),
        act=lambda d: services.add_activity_link(actor=request.user, activity=activity, data=LinkIn(**d)),
    )


@login_required
@require_POST
def decision_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Name a programme, course, occupation or region on a decision (from the meeting page)."""
    try:
        decision = services.knowledge.find_decision(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    form = LinkForm(request.POST)
    back = (
        reverse("samverkan:meeting", args=[decision.meeting_id]) if decision.meeting_id else reverse("samverkan:board")
    )

    def act(d):
        services.add_decision_link(actor=request.user, decision=decision, data=LinkIn(**d))
        return back

    response = run_form(request, form, act, success=_("Kopplingen är sparad."))
    if response is not None:
        return response
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(back)


# ------------------------------------------------------------------ computed indicators


@login_required
@memoise_memberships
def indicator_source(request: HttpRequest, pk: int) -> HttpResponse:
    """Compute an indicator from platform data; shows the computed values of recent years."""
    try:
        indicator = services.get_indicator(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    can = request.user.has_perm("samverkan.change_indicator", indicator.agreement)
    source = getattr(indicator, "source", None)
    initial = services.computed_indicators.source_public(source).model_dump() if source else {}
    if source is not None:
        initial["organisation"] = source.organisation_id
    form = IndicatorSourceForm(request.POST or None, indicator=indicator, initial=initial)
    status = 200
    if request.method == "POST":
        if not can:
            return refused(
                request, PermissionDenied(_("Endast avtalsparternas samordnare följer upp indikatorer.")), 403
            )

        def act(d):
            data = IndicatorSourceIn(
                **{k: v for k, v in d.items() if k != "organisation"}, organisation_id=_pk(d["organisation"])
            )
            services.set_indicator_source(actor=request.user, indicator=indicator, data=data)
            return request.path

        response = run_form(request, form, act, success=_("Indikatorn beräknas nu ur plattformens data."))
        if response is not None:
            return response
        status = 422
    this_year = timezone.localdate().year
    values = [services.computed_value(source, y) for y in range(this_year - 4, this_year + 1)] if source else []
    page = IndicatorSourcePage(
        indicator_id=indicator.pk,
        indicator_name=indicator.name,
        agreement_id=indicator.agreement_id,
        source=services.computed_indicators.source_public(source) if source else None,
        values=values[::-1],
        can_change=can,
        form=form if can else None,
    )
    if request.method != "POST" and source is not None and (exported := export_response(request, [page.values_table])):
        return exported
    return render(request, "samverkan/indicator_source.html", {"page": page}, status=status)


__all__ = [
    "meeting_list",
    "meeting_detail",
    "meeting_attendee",
    "meeting_document",
    "meeting_idea",
    "meeting_decision",
    "meeting_edit",
    "idea_activity",
    "activity_links",
    "decision_links",
    "indicator_source",
]
