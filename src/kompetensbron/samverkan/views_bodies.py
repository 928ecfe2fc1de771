"""A body's page (members, units, governance) and its editing: administrators and the chair
(``samverkan.change_body``) change governance, organisations, units and areas, add and remove
members — through the services the API uses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import NotFound, PermissionDenied
from kompetensbron.web.form_pages import form_page, submitted

from . import services
from . import views as base
from .forms import SERVICE_FIELDS
from .forms_editing import BodyEditForm, BodyMemberForm
from .page_contexts import BodyMemberRow
from .permissions import memoise_memberships
from .schemas import BodyUpdate

__all__ = ["body_detail", "body_edit", "body_member_add", "body_member_remove"]


def _visible_body(request, pk: int):
    return services.reads.body_with_members(request.user, pk)


def _page(request, body, member_form=None) -> dict:
    can_change = request.user.has_perm("samverkan.change_body", body)
    return {
        "body": services.public.body(body),
        "members": [
            (
                m.user_id,
                BodyMemberRow(services.public.person(m.user), m.organisation.name if m.organisation_id else None),
            )
            for m in services.reads.body_members(body)
        ],
        "can_change": can_change,
        "member_form": (member_form or BodyMemberForm(body=body)) if can_change else None,
        "agreement": body.agreement,
    }


@require_safe
@login_required
@memoise_memberships
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        body = _visible_body(request, pk)
    except NotFound as exc:
        return base._refused(request, exc, 404)
    return render(request, "samverkan/body_detail.html", {"page": _page(request, body)})


def _changeable(request, pk: int):
    try:
        body = services.get_body(pk)
    except NotFound as exc:
        return None, base._refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_body", body):
        return None, base._refused(
            request, PermissionDenied(_("Endast administratörer och ordföranden ändrar organet.")), 403
        )
    return body, None


@login_required
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body, refusal = _changeable(request, pk)
    if refusal is not None:
        return refusal
    initial = {"governance": body.governance, "chair_title": body.chair_title, **services.reads.body_relations(body)}

    def save(d) -> str:
        data = BodyUpdate(
            governance=d["governance"],
            chair_title=d["chair_title"],
            organisation_ids=[o.pk for o in d["organisations"]],
            unit_ids=[u.pk for u in d["units"]],
            area_names=[a.name for a in d["areas"]],
        )
        services.update_body(actor=request.user, body=body, data=data)
        return reverse("samverkan:body", args=[pk])

    return form_page(
        request,
        cancel=("samverkan:body", pk),
        form=BodyEditForm(request.POST or None, initial=initial),
        title=_("Redigera %(name)s") % {"name": body.name},
        submit=_("Spara"),
        save=save,
        success=_("Organet är sparat."),
        field_names=SERVICE_FIELDS,
    )


@login_required
@require_POST
def body_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    body, refusal = _changeable(request, pk)
    if refusal is not None:
        return refusal
    form = BodyMemberForm(request.POST, body=body)

    def save(d) -> str:
        services.add_body_member(actor=request.user, body=body, user=d["user"], organisation=d["organisation"])
        return reverse("samverkan:body", args=[pk])

    response = submitted(request, form, save, success=_("Ledamoten är tillagd."), field_names=SERVICE_FIELDS)
    if response is not None:
        return response
    page = _page(request, _visible_body(request, pk), member_form=form)
    return render(request, "samverkan/body_detail.html", {"page": page}, status=422)


@login_required
@require_POST
def body_member_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    body, refusal = _changeable(request, pk)
    if refusal is not None:
        return refusal
    try:
        services.remove_body_member(actor=request.user, body=body, user_id=user_id)
    except NotFound as exc:
        return base._refused(request, exc, 404)
    except PermissionDenied as exc:
        return base._refused(request, exc, 403)
    messages.success(request, _("Ledamoten är borttagen."))
    return redirect("samverkan:body", pk=pk)
