"""Dossier pages: call the service, build the page context, render (HTML, PDF or Excel).

Reading is public and never writes; suggesting target occupations is a POST for users who may
change programmes; recording an input is a POST form with a CSRF token and a login. Invalid
input comes back on the form with status 422; an unknown programme renders a 404 page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.education.permissions import can_change
from kompetensbron.education.services import get_programme_model
from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.web.tables import export_response

from . import exports, services
from .forms import DossierInputForm
from .page_contexts import DossierPage


def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return render(request, "dossier/not_found.html", {"message": str(exc)}, status=404)


def _page(request: HttpRequest, pk: int, *, form=None, wait: bool = True) -> DossierPage:
    dossier = services.build_dossier(programme_id=pk, viewer=request.user, wait=wait)
    return DossierPage.build(
        dossier,
        form=form or DossierInputForm(),
        can_add_input=request.user.is_authenticated,
        can_suggest=not dossier.occupations and can_change(request.user, get_programme_model(pk)),
    )


@require_safe
def dossier_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Answers at once: when the costly figures are not built yet, the page shows what it has and
    fetches them from :func:`dossier_figures` (htmx). ``?format=csv|xlsx&table=KEY`` is one of
    its tables as a file (waits for the figures: the file holds what the finished page shows)."""
    try:
        page = _page(request, pk, wait="format" in request.GET)
    except NotFound as exc:
        return _not_found(request, exc)
    return export_response(request, list(page.tables.values())) or render(
        request, "dossier/programme.html", {"page": page}
    )


@require_safe
def dossier_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole dossier, figures built (waits for them): the htmx fragment of a first view, or
    the full page without JavaScript."""
    try:
        page = _page(request, pk)
    except NotFound as exc:
        return _not_found(request, exc)
    if (download := export_response(request, list(page.tables.values()))) is not None:
        return download
    if request.headers.get("HX-Request"):
        return render(request, "dossier/_figures.html", {"page": page})
    return render(request, "dossier/programme.html", {"page": page})


def _download(content: bytes, mime: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        dossier = services.build_dossier(programme_id=pk, viewer=request.user)
    except NotFound as exc:
        return _not_found(request, exc)
    return _download(exports.dossier_pdf(dossier), "application/pdf", exports.dossier_filename(dossier, "pdf"))


@require_safe
def dossier_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        dossier = services.build_dossier(programme_id=pk, viewer=request.user)
    except NotFound as exc:
        return _not_found(request, exc)
    return _download(exports.dossier_xlsx(dossier), exports.XLSX_MIME, exports.dossier_filename(dossier, "xlsx"))


@login_required
@require_POST
def suggest_occupations(request: HttpRequest, pk: int) -> HttpResponse:
    """The explicit mapping action: suggest target occupations, then show the dossier."""
    htmx = request.headers.get("HX-Request") == "true"
    try:
        services.suggest_target_occupations(actor=request.user, programme_id=pk)
    except (NotFound, PermissionDenied) as exc:
        if htmx:  # the message in the form's alert; htmx swaps no 4xx answer
            return HttpResponse(escape(str(exc)), headers={"HX-Retarget": "#mapping-result", "HX-Reswap": "innerHTML"})
        if isinstance(exc, NotFound):
            return _not_found(request, exc)
        return render(request, "dossier/not_found.html", {"message": str(exc)}, status=403)
    target = reverse("dossier:programme", args=[pk]) + "#yrken"
    if htmx:  # the page with the suggestions, after the spinner
        return HttpResponse(status=200, headers={"HX-Redirect": target})
    return redirect(target)


@login_required
@require_POST
def input_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = DossierInputForm(request.POST)
    if form.is_valid():
        try:
            services.add_input(actor=request.user, programme_id=pk, data=form.to_schema())
        except NotFound as exc:
            return _not_found(request, exc)
        except PermissionDenied as exc:
            return render(request, "dossier/not_found.html", {"message": str(exc)}, status=403)
        except ValidationFailed as exc:
            form.add_service_errors(exc.errors, str(exc))
        else:
            return redirect(reverse("dossier:programme", args=[pk]) + "#synpunkter")
    try:
        page = _page(request, pk, form=form)
    except NotFound as exc:
        return _not_found(request, exc)
    return render(request, "dossier/programme.html", {"page": page}, status=422)
