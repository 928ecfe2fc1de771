"""Matchning pages: thin views over :mod:`.services`, one typed page context each.

Every page needs a login except the students' self-registration; every change is a POST form
with a CSRF token through a service, whose refusals come back as a message (422) or a 403 page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.samverkan.permissions import organisation_ids
from kompetensbron.web import form_pages
from kompetensbron.web.tables import export_response

from . import aggregates as agg
from . import services
from . import skills as sk
from .forms import (
    APPLICATION_ACTIONS,
    SERVICE_FIELDS,
    OpportunityForm,
    OutcomeForm,
    ProfileForm,
    RegistrationForm,
    skill_ids,
)
from .models import (
    APPLICATION_WORKFLOW,
    OPPORTUNITY_WORKFLOW,
    Application,
    OpportunityStatus,
)
from .page_contexts import (
    HomePage,
    OpportunityFormPage,
    OpportunityPage,
    ProfilePage,
    StatsPage,
)
from .permissions import publisher_organisation_ids, student_profile
from .profile_skills import profile_suggestions
from .schemas import (
    ApplyIn,
    OpportunityCreate,
    OpportunityUpdate,
    OutcomeIn,
    StudentProfileUpdate,
    StudentRegistrationIn,
)

TRANSITION_LABELS = {
    OpportunityStatus.IN_REVIEW: gettext_lazy("Skicka för granskning"),
    OpportunityStatus.PUBLISHED: gettext_lazy("Publicera"),
    OpportunityStatus.DRAFT: gettext_lazy("Tillbaka till utkast"),
    OpportunityStatus.FILLED: gettext_lazy("Markera som tillsatt"),
    OpportunityStatus.CLOSED: gettext_lazy("Stäng"),
}


REFUSED_TEMPLATE = "matchning/refused.html"


def refused(request: HttpRequest, exc: Exception, status: int) -> HttpResponse:
    return form_pages.refused(request, exc, status, REFUSED_TEMPLATE)


def form_page(request: HttpRequest, form, save, template: str, context) -> HttpResponse:
    """:func:`kompetensbron.web.form_pages.form_page` with Matchning's field names, template and refused page."""
    return form_pages.form_page(
        request,
        form=form,
        save=save,
        success=None,
        field_names=SERVICE_FIELDS,
        template=template,
        context=context,
        refused_template=REFUSED_TEMPLATE,
    )


def _opportunity_form(request: HttpRequest, form, title: str, save) -> HttpResponse:
    """The opportunity form: "suggest skills" fills it in again; saving goes through :func:`form_page`."""
    if request.method == "POST" and request.POST.get("action") == "suggest":
        return _suggest(request, form, title)
    return form_page(request, form, save, "matchning/opportunity_form.html", lambda f: {"page": _form_page(title, f)})


def _actions(application: Application, user) -> list[tuple[str, str]]:
    side = "student" if application.student.user_id == user.pk else "host"
    return [(s, str(APPLICATION_ACTIONS[s])) for s in APPLICATION_WORKFLOW[side].get(application.status, ())]


# ------------------------------------------------------------------ home


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = student_profile(user)
    orgs = organisation_ids(user)
    own = services.list_opportunities(actor=user, host_ids=orgs) if orgs else []
    publisher = bool(publisher_organisation_ids(user)) or user.is_superuser
    review = services.list_opportunities(actor=user, status=OpportunityStatus.IN_REVIEW) if publisher else []
    applications = []
    if profile is not None:
        for a in services.own_applications(actor=user):
            applications.append((services.public.application(a), _actions(a, user)))
    page = HomePage(
        is_student=profile is not None,
        ranked=services.ranked_for_student(actor=user) if profile is not None else None,
        applications=applications,
        own_opportunities=services.public.opportunities(own),
        in_review=services.public.opportunities(review),
        can_post=bool(orgs) or user.is_superuser,
        can_publish=publisher,
        rounds=list(services.visible_rounds(user)[:20]),
    )
    return render(request, "matchning/home.html", {"page": page})


# ------------------------------------------------------------------ opportunities


def _form_page(title, form, suggested=None) -> OpportunityFormPage:
    data = form.data if form.is_bound else form.initial
    req, des = skill_ids(data.get("required_skills", "")), skill_ids(data.get("desirable_skills", ""))
    known = sk.labels([*req, *des])
    return OpportunityFormPage(
        title=title,
        form=form,
        required_labels=sk.refs(req, known),
        desirable_labels=sk.refs(des, known),
        suggested=suggested,
    )


def _opportunity_values(d: dict) -> dict:
    return dict(
        kind=d["kind"],
        title=d["title"],
        description=d["description"],
        level=d["level"] or "",
        credits=d["credits"],
        required_skills=skill_ids(d["required_skills"]),
        desirable_skills=skill_ids(d["desirable_skills"]),
        ssyk_code=d["ssyk_code"] or None,
        kommun_code=d["kommun_code"] or None,
        period_start=d["period_start"],
        period_end=d["period_end"],
        capacity=d["capacity"],
        work_mode=d["work_mode"],
        pay=d["pay"],
        dual_report_note=d["dual_report_note"],
    )


def _suggest(request, form, title) -> HttpResponse:
    """The "suggest skills from the text" button: the extractor's skills go into the required list."""
    text = f"{request.POST.get('title', '')}\n{request.POST.get('description', '')}"
    suggested = services.suggest_skills(actor=request.user, text=text)
    data = request.POST.copy()
    current = skill_ids(data.get("required_skills", "")) + skill_ids(data.get("desirable_skills", ""))
    data["required_skills"] = "\n".join(
        [*skill_ids(data.get("required_skills", "")), *(s.id for s in suggested if s.id not in current)]
    )
    extra = profile_suggestions(data.get("ssyk_code", ""), exclude={*current, *(s.id for s in suggested)})
    if extra:  # the occupation's ESCO profile: its essential skills as desirable ones
        data["desirable_skills"] = "\n".join([*skill_ids(data.get("desirable_skills", "")), *(s.id for s in extra)])
        suggested = [*suggested, *extra]
    form = OpportunityForm(initial=data.dict(), hosts=form.fields["host"].queryset)  # unbound: no errors before saving
    return render(request, "matchning/opportunity_form.html", {"page": _form_page(title, form, suggested)})


@login_required
def opportunity_create(request: HttpRequest) -> HttpResponse:
    hosts = services.host_organisations(request.user)
    if not hosts.exists():
        return refused(
            request, PermissionDenied(_("Endast medlemmar i en värdorganisation får lägga upp möjligheter.")), 403
        )
    form = OpportunityForm(request.POST or None, hosts=hosts, initial={"capacity": 1, "kind": "degree_project"})

    def save(d: dict) -> str:
        opp = services.create_opportunity(
            actor=request.user, data=OpportunityCreate(host_id=d["host"].pk, **_opportunity_values(d))
        )
        return reverse("matchning:opportunity", args=[opp.pk])

    return _opportunity_form(request, form, _("Ny möjlighet"), save)


@login_required
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        opp = services.get_opportunity(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if not request.user.has_perm("matchning.change_opportunity", opp):
        return refused(request, PermissionDenied(_("Endast värdorganisationens medlemmar får ändra möjligheten.")), 403)
    initial = {
        "host": opp.host_id,
        "kind": opp.kind,
        "title": opp.title,
        "description": opp.description,
        "level": opp.level,
        "credits": opp.credits,
        "required_skills": "\n".join(opp.required_skills),
        "desirable_skills": "\n".join(opp.desirable_skills),
        "ssyk_code": opp.ssyk_id or "",
        "kommun_code": opp.kommun_id or "",
        "period_start": opp.period_start,
        "period_end": opp.period_end,
        "capacity": opp.capacity,
        "work_mode": opp.work_mode,
        "pay": opp.pay,
        "dual_report_note": opp.dual_report_note,
    }
    form = OpportunityForm(request.POST or None, hosts=services.host_choices(opp), initial=initial)

    def save(d: dict) -> str:
        services.update_opportunity(
            actor=request.user, opportunity=opp, data=OpportunityUpdate(**_opportunity_values(d))
        )
        return reverse("matchning:opportunity", args=[opp.pk])

    return _opportunity_form(request, form, _("Redigera %(title)s") % {"title": opp.title}, save)


def _opportunity_page(request: HttpRequest, opp, apply_error: str = "") -> OpportunityPage:
    user = request.user
    can_change = user.has_perm("matchning.change_opportunity", opp)
    can_publish = user.has_perm("matchning.publish_opportunity", opp)
    transitions = []
    for s in OPPORTUNITY_WORKFLOW[opp.status]:
        if (s == OpportunityStatus.PUBLISHED and can_publish) or (
            s != OpportunityStatus.PUBLISHED
            and (
                can_change
                or (can_publish and opp.status == OpportunityStatus.IN_REVIEW and s == OpportunityStatus.DRAFT)
            )
        ):
            transitions.append((s, str(TRANSITION_LABELS[s])))
    profile = student_profile(user)
    applicants = None
    placements = []
    if user.has_perm("matchning.view_applicants", opp):
        rows = services.ranked_applicants(actor=user, opportunity=opp)
        apps = services.applications_by_id(opp)
        applicants = [(r, _actions(apps[r.application_id], user)) for r in rows]
        for p in services.placements_of(opp):
            outcome = getattr(p, "outcome", None)
            initial = (
                {}
                if outcome is None
                else {
                    "completed": "" if outcome.completed is None else str(outcome.completed).lower(),
                    "grade": outcome.grade,
                    "hired": "" if outcome.hired is None else str(outcome.hired).lower(),
                    "stayed_region_1y": ""
                    if outcome.stayed_region_1y is None
                    else str(outcome.stayed_region_1y).lower(),
                }
            )
            placements.append((services.public.placement(p), OutcomeForm(initial=initial, prefix=f"p{p.pk}")))
    fit = None
    if profile is not None and profile.consent_matching:
        from .scoring import score_pair
        from .services.ranking import opportunity_record, student_record

        record = opportunity_record(opp)
        fit = score_pair(student_record(profile), record, sk.labels([*record.required, *record.desirable]))
    return OpportunityPage(
        fit=fit,
        opportunity=services.public.opportunity(opp),
        transitions=transitions,
        can_apply=profile is not None and opp.status == OpportunityStatus.PUBLISHED,
        has_applied=services.has_applied(opp, profile),
        applicants=applicants,
        placements=placements,
        can_edit=can_change
        and opp.status in (OpportunityStatus.DRAFT, OpportunityStatus.IN_REVIEW, OpportunityStatus.PUBLISHED),
        apply_error=apply_error,
    )


@login_required
@require_safe
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        opp = services.get_opportunity(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    return render(request, "matchning/opportunity_detail.html", {"page": _opportunity_page(request, opp)})


def _post(request: HttpRequest, action, back) -> HttpResponse:
    try:
        action()
    except PermissionDenied as exc:
        return refused(request, exc, 403)
    except NotFound as exc:
        return refused(request, exc, 404)
    except ValidationFailed as exc:
        return refused(request, exc, 422)
    return redirect(back)


@login_required
@require_POST
def opportunity_transition(request: HttpRequest, pk: int) -> HttpResponse:
    def act():
        opp = services.find_opportunity(pk)
        services.transition_opportunity(
            actor=request.user, opportunity=opp, to_status=request.POST.get("to_status", "")
        )

    return _post(request, act, request.POST.get("next") or f"/matchning/mojligheter/{pk}/")


@login_required
@require_POST
def opportunity_apply(request: HttpRequest, pk: int) -> HttpResponse:
    def act():
        opp = services.get_opportunity(actor=request.user, pk=pk)
        services.apply(
            actor=request.user, opportunity=opp, data=ApplyIn(message=request.POST.get("message", "")[:4000])
        )

    return _post(request, act, f"/matchning/mojligheter/{pk}/")


@login_required
@require_POST
def application_transition(request: HttpRequest, pk: int) -> HttpResponse:
    def act():
        application = services.find_application(pk)
        services.transition_application(
            actor=request.user, application=application, to_status=request.POST.get("to_status", "")
        )

    nxt = request.POST.get("next", "")
    return _post(request, act, nxt if nxt.startswith("/matchning/") else "/matchning/")


@login_required
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    form = OutcomeForm(request.POST, prefix=f"p{pk}")
    if not form.is_valid():
        return refused(request, ValidationFailed(str(form.errors)), 422)
    placement_ = None

    def act():
        nonlocal placement_
        placement_ = services.find_placement(pk)
        d = {k: v for k, v in form.cleaned_data.items() if v is not None and v != ""}
        services.record_outcome(actor=request.user, placement=placement_, data=OutcomeIn(**d))

    response = _post(request, act, "/matchning/")
    if response.status_code == 302 and placement_ is not None:
        return redirect("matchning:opportunity", pk=placement_.opportunity_id)
    return response


# ------------------------------------------------------------------ students


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    try:
        own = services.get_own_profile(actor=request.user)
    except NotFound as exc:
        return refused(request, exc, 404)
    current = services.public.profile(own)
    initial = {
        "programme_name": current.programme,
        "course_codes": " ".join(c.code for c in current.courses),
        "added_skills": "\n".join(s.id for s in current.added_skills),
        "removed_skills": "\n".join(s.id for s in current.removed_skills),
        "preferred_kommuner": current.preferred_kommuner,
        "preferred_kinds": current.preferred_kinds,
        "available_from": current.available_from,
        "available_to": current.available_to,
        "consent_matching": current.consent_matching,
        "consent_followup": current.consent_followup,
    }
    form = ProfileForm(request.POST or None, initial=initial)

    def save(d: dict) -> str:
        codes = [c.upper() for c in skill_ids(d["course_codes"])][:200]
        courses = services.course_ids_by_code(codes)
        unknown = [c for c in codes if c not in courses]
        if unknown:
            message = _("Okända kurskoder: %(codes)s") % {"codes": ", ".join(unknown[:5])}
            raise ValidationFailed(message, errors={"course_codes": message})
        services.update_profile(
            actor=request.user,
            data=StudentProfileUpdate(
                programme_name=d["programme_name"],
                course_ids=list(courses.values()),
                added_skills=skill_ids(d["added_skills"]),
                removed_skills=skill_ids(d["removed_skills"]),
                preferred_kommuner=d["preferred_kommuner"],
                preferred_kinds=d["preferred_kinds"],
                available_from=d["available_from"],
                available_to=d["available_to"],
                consent_matching=d["consent_matching"],
                consent_followup=d["consent_followup"],
            ),
        )
        return f"{request.path}?sparad=1"

    saved = request.GET.get("sparad") == "1"
    return form_page(
        request,
        form,
        save,
        "matchning/profile.html",
        lambda f: {"page": ProfilePage(profile=current, form=f, saved=saved)},
    )


def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None)
    done = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = services.register_student(
                    data=StudentRegistrationIn(**form.cleaned_data), base_url=request.build_absolute_uri("/")[:-1]
                )
            except ValidationFailed as exc:
                form_pages.errors_on_form(form, exc, SERVICE_FIELDS)
                status = 422
        else:
            status = 422
    return render(request, "matchning/register.html", {"form": form, "done": done}, status=status)


@login_required
@require_safe
def skill_search(request: HttpRequest) -> HttpResponse:
    """htmx partial: skills matching ``q`` as buttons that add the id to a list."""
    return render(
        request,
        "matchning/_skill_hits.html",
        {"hits": sk.search(request.GET.get("q", "")), "target": request.GET.get("target", "required_skills")},
    )


# ------------------------------------------------------------------ statistics


@login_required
@require_safe
def statistics(request: HttpRequest) -> HttpResponse:
    year_raw = request.GET.get("ar", "")
    year = int(year_raw) if year_raw.isdigit() and 2000 <= int(year_raw) <= 2100 else None
    result = agg.aggregates(year=year)
    indicators = services.own_indicator_rows(request.user, year or timezone.localdate().year)
    page = StatsPage(
        rows=result.rows, min_group=result.min_group, sources=result.sources, indicators=indicators, year=year
    )
    return export_response(request, page.tables) or render(request, "matchning/statistics.html", {"page": page})
