"""Pages of graduate supply and retention under ``/utexaminerade/`` (read-only)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from kompetensbron.errors import KompetensbronError
from kompetensbron.web.tables import export_response

from . import services
from .tables import admissions_table, imports_tables, retention_tables


class AdmissionsForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Sök program eller programkod"), required=False, max_length=200, strip=True)
    university = forms.CharField(label=gettext_lazy("Lärosäte"), required=False, max_length=200, strip=True)


def _unavailable(request: HttpRequest, exc: KompetensbronError) -> HttpResponse:
    return render(request, "graduates/unavailable.html", {"message": str(exc)}, status=503)


@require_safe
def retention(request: HttpRequest) -> HttpResponse:
    try:
        page = services.retention_overview()
    except KompetensbronError as exc:  # the snapshot lacks the Saco files
        return _unavailable(request, exc)
    tables = retention_tables(page)
    return export_response(request, tables) or render(
        request, "graduates/retention.html", {"page": page, "lan_table": tables[0], "university_table": tables[1]}
    )


@require_safe
def admissions(request: HttpRequest) -> HttpResponse:
    form = AdmissionsForm(request.GET or None)
    q = university = ""
    if form.is_valid():
        q, university = form.cleaned_data["q"], form.cleaned_data["university"]
    try:
        page = services.search_admissions(q, university=university, limit=50)
    except KompetensbronError as exc:
        return _unavailable(request, exc)
    table = admissions_table(page)
    return export_response(request, [table]) or render(
        request, "graduates/admissions.html", {"page": page, "form": form, "table": table}
    )


@require_safe
def imports(request: HttpRequest) -> HttpResponse:
    page = services.imported_figures(limit=200)
    tables = imports_tables(page)
    return export_response(request, tables) or render(
        request, "graduates/imports.html", {"page": page, "log_table": tables[0], "figures_table": tables[1]}
    )
