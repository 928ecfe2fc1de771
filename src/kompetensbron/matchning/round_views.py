"""Round pages: create (coordinators), rank (students, hosts), lock, run, see and edit the result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.samverkan.permissions import organisation_ids

from . import services
from .forms import RoundForm
from .models import OpportunityStatus
from .page_contexts import RoundPage
from .permissions import student_profile
from .schemas import (
    HostRankingIn,
    PlacementIn,
    RoundCreate,
    RoundOpportunitiesIn,
    StudentRankingIn,
)
from .views import form_page, refused


def _ints(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()][:5000]


def _ordered(request: HttpRequest, prefix: str) -> list[int]:
    """Ids ranked by the numbers typed next to them (``prefix<id>`` = rank; blank = not ranked)."""
    ranked = []
    for key, value in request.POST.items():
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and value.strip().isdigit():
            ranked.append((int(value), int(key[len(prefix) :])))
    return [i for _, i in sorted(ranked)][:5000]


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    organisers = services.round_organisers(user)
    if not organisers.exists():
        return refused(
            request, PermissionDenied(_("Endast samordnare vid ett lärosäte eller en region skapar omgångar.")), 403
        )
    form = RoundForm(request.POST or None, organisers=organisers)

    def save(d: dict) -> str:
        round_ = services.create_round(actor=user, data=RoundCreate(title=d["title"], organiser_id=d["organiser"].pk))
        return reverse("matchning:round", args=[round_.pk])

    return form_page(request, form, save, "matchning/round_form.html", lambda f: {"form": f})


def _round_page(request: HttpRequest, round_, error: str = "") -> RoundPage:
    user = request.user
    data = services.round_public(actor=user, round_=round_)
    profile = student_profile(user)
    my_ranking = services.student_round_ranking(round_, profile)
    hosts = organisation_ids(user)
    host_opps = []
    for opp in data.opportunities:
        if opp.host_id in hosts or user.is_superuser:
            host_opps.append((opp, services.host_round_rows(round_, opp.id)))
    can_manage = user.has_perm("matchning.manage_round", round_)
    candidates = services.round_candidates(round_) if can_manage else []
    return RoundPage(
        round=data,
        can_manage=can_manage,
        is_student=profile is not None,
        my_ranking=my_ranking,
        host_opportunities=host_opps,
        candidates=candidates,
        error=error,
    )


@login_required
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        round_ = services.get_round(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    published = []
    if request.user.has_perm("matchning.manage_round", round_):
        published = services.list_opportunities(actor=request.user, status=OpportunityStatus.PUBLISHED)[:500]
    return render(
        request, "matchning/round_detail.html", {"page": _round_page(request, round_), "published": published}
    )


def _round_post(request: HttpRequest, pk: int, action) -> HttpResponse:
    try:
        round_ = services.get_round(actor=request.user, pk=pk)
        action(round_)
    except PermissionDenied as exc:
        return refused(request, exc, 403)
    except NotFound as exc:
        return refused(request, exc, 404)
    except ValidationFailed as exc:
        return refused(request, exc, 422)
    return redirect("matchning:round", pk=pk)


@login_required
@require_POST
def round_opportunities(request: HttpRequest, pk: int) -> HttpResponse:
    ids = _ints(request.POST.getlist("opportunity"))
    return _round_post(
        request,
        pk,
        lambda r: services.set_round_opportunities(
            actor=request.user, round_=r, data=RoundOpportunitiesIn(opportunity_ids=ids)
        ),
    )


@login_required
@require_POST
def round_rank(request: HttpRequest, pk: int) -> HttpResponse:
    ids = _ordered(request, "rank-")[:100]
    return _round_post(
        request,
        pk,
        lambda r: services.rank_opportunities(actor=request.user, round_=r, data=StudentRankingIn(opportunity_ids=ids)),
    )


@login_required
@require_POST
def round_host_rank(request: HttpRequest, pk: int, opportunity_pk: int) -> HttpResponse:
    ids = _ordered(request, "student-")

    def act(r):
        services.rank_students(
            actor=request.user,
            round_=r,
            opportunity=services.find_opportunity(opportunity_pk),
            data=HostRankingIn(student_ids=ids),
        )

    return _round_post(request, pk, act)


@login_required
@require_POST
def round_placement(request: HttpRequest, pk: int) -> HttpResponse:
    student = request.POST.get("student_id", "")
    opportunity = request.POST.get("opportunity_id", "")
    if not student.isdigit():
        return refused(request, ValidationFailed(_("Välj en student.")), 422)
    data = PlacementIn(student_id=int(student), opportunity_id=int(opportunity) if opportunity.isdigit() else None)
    return _round_post(request, pk, lambda r: services.set_placement(actor=request.user, round_=r, data=data))


@login_required
@require_POST
def round_run(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_post(request, pk, lambda r: services.run_round(actor=request.user, round_=r))


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_post(request, pk, lambda r: services.close_round(actor=request.user, round_=r))


@login_required
@require_safe
def round_file(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """The round's rankings as STUDENTS.csv / OPPORTUNITIES.csv of ``kompetensbron match-round``."""
    try:
        round_ = services.get_round(actor=request.user, pk=pk)
        students, opportunities = services.round_files(actor=request.user, round_=round_)
    except PermissionDenied as exc:
        return refused(request, exc, 403)
    except NotFound as exc:
        return refused(request, exc, 404)
    response = HttpResponse(students if which == "students" else opportunities, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{pk}-{which}.csv"'
    return response
