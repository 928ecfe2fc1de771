"""Removing an activity's or a decision's link to the knowledge base and an indicator's computed
source (thin POST views over ``services.knowledge`` and ``services.computed_indicators``; the
rules and the audit are the services')."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetensbron.errors import NotFound, PermissionDenied
from kompetensbron.web.form_pages import refused

from . import services

__all__ = ["link_remove", "indicator_source_remove"]


def _removed(request: HttpRequest, remove, back: str, success: str) -> HttpResponse:
    try:
        remove()
    except PermissionDenied as exc:
        return refused(request, exc, 403)
    except NotFound as exc:
        return refused(request, exc, 404)
    messages.success(request, success)
    return redirect(back)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Back to the activity's links, or to the decision's meeting."""
    try:
        link = services.knowledge.find_link(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if link.activity_id is not None:
        back = reverse("samverkan:activity_links", args=[link.activity_id])
    elif link.decision.meeting_id is not None:
        back = reverse("samverkan:meeting", args=[link.decision.meeting_id])
    else:
        back = reverse("samverkan:board")
    remove = lambda: services.knowledge.remove_link(actor=request.user, link=link)  # noqa: E731
    return _removed(request, remove, back, _("Kopplingen är borttagen."))


@login_required
@require_POST
def indicator_source_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator is typed by hand again; its yearly values stay."""
    try:
        indicator = services.find_indicator(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    remove = lambda: services.computed_indicators.remove_indicator_source(actor=request.user, indicator=indicator)  # noqa: E731
    back = reverse("samverkan:indicator_source", args=[pk])
    return _removed(request, remove, back, _("Indikatorn fylls nu i för hand."))
