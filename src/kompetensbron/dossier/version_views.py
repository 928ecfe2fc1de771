"""Pages of frozen dossier versions: freeze (POST, programme owners), list, one version (page,
PDF, Excel) and the side-by-side comparison of two dossiers. Reading is public and never writes."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.education.permissions import can_change
from kompetensbron.education.services import get_programme_model
from kompetensbron.errors import DataError, NotFound, PermissionDenied, ValidationFailed
from kompetensbron.input_types import BoundedFormMixin
from kompetensbron.web.tables import export_response

from . import compare, exports, versions
from .page_contexts import DossierPage
from .version_schemas import FreezeIn


class FreezeForm(BoundedFormMixin, forms.Form):
    label = forms.CharField(label=_("Benämning (t.ex. UKÄ-granskning 2027)"), max_length=200, required=False)


class CompareForm(BoundedFormMixin, forms.Form):
    left = forms.CharField(max_length=20)
    right = forms.CharField(max_length=20)


def _message(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "dossier/not_found.html", {"message": message}, status=status)


@login_required
@require_POST
def freeze(request: HttpRequest, pk: int) -> HttpResponse:
    form = FreezeForm(request.POST)
    if not form.is_valid():
        return _message(request, "; ".join(e for errs in form.errors.values() for e in errs), 422)
    try:
        out = versions.freeze_dossier(
            actor=request.user, programme_id=pk, data=FreezeIn(label=form.cleaned_data["label"])
        )
    except NotFound as exc:
        return _message(request, str(exc), 404)
    except PermissionDenied as exc:
        return _message(request, str(exc), 403)
    except ValidationFailed as exc:
        return _message(request, str(exc), 422)
    return redirect(reverse("dossier:version", args=[out.id]))


@require_safe
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = get_programme_model(pk)
        rows = versions.list_versions(programme_id=pk, viewer=request.user)
    except NotFound as exc:
        return _message(request, str(exc), 404)
    return render(
        request,
        "dossier/versions.html",
        {
            "programme": programme,
            "versions": rows,
            "can_freeze": can_change(request.user, programme),
            "form": FreezeForm(),
        },
    )


def _frozen(request: HttpRequest, version_id: int):
    try:
        return versions.version_dossier(version_id=version_id), None
    except NotFound as exc:
        return None, _message(request, str(exc), 404)
    except DataError as exc:
        return None, _message(request, str(exc), 409)


@require_safe
def version_page(request: HttpRequest, version_id: int) -> HttpResponse:
    d, error = _frozen(request, version_id)
    if error:
        return error
    page = DossierPage.build(d)
    return export_response(request, list(page.tables.values())) or render(
        request, "dossier/version.html", {"page": page}
    )


@require_safe
def version_pdf(request: HttpRequest, version_id: int) -> HttpResponse:
    d, error = _frozen(request, version_id)
    if error:
        return error
    response = HttpResponse(exports.dossier_pdf(d), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.dossier_filename(d, "pdf")}"'
    return response


@require_safe
def version_xlsx(request: HttpRequest, version_id: int) -> HttpResponse:
    d, error = _frozen(request, version_id)
    if error:
        return error
    response = HttpResponse(exports.dossier_xlsx(d), content_type=exports.XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{exports.dossier_filename(d, "xlsx")}"'
    return response


@require_safe
def compare_page(request: HttpRequest) -> HttpResponse:
    """``?left=v12&right=v13`` (two versions), ``?left=v12&right=p5`` (a version and today), or two programmes."""
    form = CompareForm(request.GET or None)
    result = table = None
    if form.is_valid():
        try:
            left = compare.resolve(form.cleaned_data["left"], viewer=request.user)
            right = compare.resolve(form.cleaned_data["right"], viewer=request.user)
        except NotFound as exc:
            return _message(request, str(exc), 404)
        except DataError as exc:
            return _message(request, str(exc), 409)
        result = compare.compare_dossiers(left, right)
        table = compare.comparison_table(result)
        if (exported := export_response(request, [table])) is not None:
            return exported
    return render(request, "dossier/compare.html", {"form": form, "result": result, "table": table})
