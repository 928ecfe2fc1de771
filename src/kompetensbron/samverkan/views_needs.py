"""Pages of competence needs and the universities' answers (thin views over ``services.needs``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.web.form_pages import form_page, refused
from kompetensbron.web.tables import export_response

from . import services
from .forms_meetings import NEED_FIELDS, AnswerForm, NeedEditForm, NeedForm, StatusForm, need_fields
from .models import ANSWER_STEPS_OF_NEED_OWNER, AnswerStatus, NeedStatus
from .page_contexts_meetings import NeedListPage, NeedPage
from .permissions import memoise_memberships
from .schemas_meetings import AnswerCreate, NeedCreate, NeedUpdate
from .views_meetings import run_form

__all__ = [
    "need_list",
    "need_create",
    "need_edit",
    "need_detail",
    "need_transition",
    "need_answer",
    "answer_transition",
]

N = services.needs
P = services.meetings_public


@require_safe
@login_required
@memoise_memberships
def need_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status")
    needs = N.list_needs(actor=request.user, status=status if status in NeedStatus.values else None)
    page = NeedListPage(
        needs=[P.need(n, with_answers=False) for n in needs[:500]],
        can_register=services.reads.may_register_needs(request.user),
    )
    return export_response(request, page.tables) or render(request, "samverkan/need_list.html", {"page": page})


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    if not services.reads.may_register_needs(request.user):
        return refused(
            request, PermissionDenied(_("Du behöver tillhöra en organisation för att registrera behov.")), 403
        )

    def save(d) -> str:
        data = NeedCreate(organisation_id=d["organisation"].pk, **need_fields(d))
        return reverse("samverkan:need", args=[N.create_need(actor=request.user, data=data).pk])

    return form_page(
        request,
        cancel="samverkan:needs",
        form=NeedForm(request.POST or None, user=request.user),
        title=_("Nytt kompetensbehov"),
        submit=_("Registrera"),
        save=save,
        success=_("Kompetensbehovet är registrerat."),
        field_names=NEED_FIELDS,
    )


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change what, how many, when, where and the status of a need (its own organisation)."""
    try:
        need = N.find_need(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_competence_need", need):
        return refused(request, PermissionDenied(_("Endast behovets egen organisation ändrar behovet.")), 403)
    form = NeedEditForm(request.POST or None, user=request.user, need=need)

    def save(d) -> str:
        data = NeedUpdate(status=d["status"], **need_fields(d))
        return reverse("samverkan:need", args=[N.update_need(actor=request.user, need=need, data=data).pk])

    return form_page(
        request,
        cancel=("samverkan:need", pk),
        form=form,
        title=_("Ändra kompetensbehov"),
        submit=_("Spara"),
        save=save,
        success=_("Kompetensbehovet är ändrat."),
        field_names=NEED_FIELDS,
    )


def _need_page(request, need, answer_form=None) -> NeedPage:
    user = request.user
    public = P.need(need)
    steps = {}
    for a in services.reads.need_answers(need):
        own = user.has_perm("samverkan.accept_need_answer", a)
        theirs = user.has_perm("samverkan.change_need_answer", a)
        steps[a.pk] = [
            (s, str(AnswerStatus(s).label))
            for s in public.answers[[x.id for x in public.answers].index(a.pk)].next_statuses
            if (own if s in ANSWER_STEPS_OF_NEED_OWNER else theirs)
        ]
    can_change = user.has_perm("samverkan.change_competence_need", need)
    can_answer = services.reads.may_answer_needs(user)
    return NeedPage(
        need=public,
        can_change=can_change,
        can_answer=can_answer,
        need_steps=[(s, str(NeedStatus(s).label)) for s in public.next_statuses] if can_change else [],
        answer_steps=steps,
        answer_form=(answer_form or AnswerForm(user=user)) if can_answer else None,
    )


@require_safe
@login_required
@memoise_memberships
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        need = N.get_need(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    return render(request, "samverkan/need_detail.html", {"page": _need_page(request, need)})


def _step(request: HttpRequest, pk: int, find, move) -> HttpResponse:
    form = StatusForm(request.POST)
    try:
        obj = find(pk)
        if not form.is_valid():
            raise ValidationFailed(_("Okänd status."))
        need_pk = move(obj, form.cleaned_data["to_status"])
    except NotFound as exc:
        return refused(request, exc, 404)
    except PermissionDenied as exc:
        return refused(request, exc, 403)
    except ValidationFailed as exc:
        messages.error(request, str(exc))
        need_pk = getattr(obj, "need_id", None) or obj.pk
        return redirect("samverkan:need", pk=need_pk)
    messages.success(request, _("Statusen är ändrad."))
    return redirect("samverkan:need", pk=need_pk)


@login_required
@require_POST
def need_transition(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, N.find_need, lambda n, s: N.transition_need(actor=request.user, need=n, to_status=s).pk)


@login_required
@require_POST
def answer_transition(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        N.find_answer,
        lambda a, s: N.transition_answer(actor=request.user, answer=a, to_status=s).need_id,
    )


@login_required
@require_POST
def need_answer(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        need = N.find_need(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    form = AnswerForm(request.POST, user=request.user)

    def act(d):
        data = AnswerCreate(
            organisation_id=d["organisation"].pk,
            kind=d["kind"],
            title=d["title"],
            description=d["description"],
            course_id=d["course"].pk if d["course"] else None,
            url=d["url"],
            places=d["places"],
            starts=d["starts"],
        )
        N.answer_need(actor=request.user, need=need, data=data)
        return reverse("samverkan:need", args=[pk])

    response = run_form(request, form, act, success=_("Svaret är registrerat."))
    if response is not None:
        return response
    if not services.reads.may_answer_needs(request.user):
        return refused(request, PermissionDenied(_("Endast ett lärosätes medlemmar svarar i lärosätets namn.")), 403)
    try:
        visible = N.get_need(actor=request.user, pk=pk)
    except NotFound as exc:
        return refused(request, exc, 403)
    return render(request, "samverkan/need_detail.html", {"page": _need_page(request, visible, form)}, status=422)
