"""Region-group pages under ``/regiongrupper/``: the list with a form, one group's analysis
(HTML, Excel, CSV), and the POST routes that define, change or delete a group."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.samverkan.permissions import member_organisations
from kompetensbron.web.tables import export_response

from . import analysis, exports, services
from .forms import AnalysisForm, RegionGroupForm
from .permissions import may_change
from .tables import group_tables, groups_table

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "region_groups/error.html", {"message": message}, status=status)


def _list(request: HttpRequest, form: RegionGroupForm | None = None, status: int = 200) -> HttpResponse:
    organisations = member_organisations(request.user)
    table = groups_table(services.list_groups())
    return export_response(request, [table]) or render(
        request,
        "region_groups/list.html",
        {
            "table": table,
            "form": form or RegionGroupForm(organisations=organisations),
            "can_add": organisations.exists(),
        },
        status=status,
    )


@require_safe
def group_list(request: HttpRequest) -> HttpResponse:
    return _list(request)


@login_required
@require_POST
def group_add(request: HttpRequest) -> HttpResponse:
    form = RegionGroupForm(request.POST, organisations=member_organisations(request.user))
    if form.is_valid():
        try:
            out = services.create_group(actor=request.user, data=form.to_schema())
        except PermissionDenied as exc:
            return _error(request, str(exc), 403)
        except ValidationFailed as exc:
            form.add_service_errors(exc.errors, str(exc))
        else:
            return redirect(reverse("region_groups:group", args=[out.key]))
    if not member_organisations(request.user).exists():
        return _error(request, _("Du tillhör ingen organisation."), 403)
    return _list(request, form, status=422)


def _analysis(request: HttpRequest, key: str):
    form = AnalysisForm(request.GET or None)
    level = form.cleaned_data["ssyk_level"] if form.is_valid() else ""
    return form, analysis.group_analysis(key=key, ssyk_level=level)


@require_safe
def group_page(request: HttpRequest, key: str) -> HttpResponse:
    try:
        form, result = _analysis(request, key)
        _group, row = services.get_group(key)
    except NotFound as exc:
        return _error(request, str(exc), 404)
    except ValidationFailed as exc:
        return _error(request, str(exc), 422)
    editable = row is not None and may_change(request.user, row)
    edit_form = None
    if editable:
        edit_form = RegionGroupForm(
            organisations=member_organisations(request.user),
            initial={
                "name": row.name,
                "level": row.level,
                "codes": ",".join(row.codes),
                "description": row.description,
                "organisation": row.organisation_id,
            },
        )
    tables = group_tables(result)
    return export_response(request, tables) or render(
        request,
        "region_groups/group.html",
        {"page": result, "tables": tables, "form": form, "edit_form": edit_form, "query": request.GET.urlencode()},
    )


def _export(request: HttpRequest, key: str, ext: str) -> HttpResponse:
    try:
        _group, result = _analysis(request, key)
    except NotFound as exc:
        return _error(request, str(exc), 404)
    except ValidationFailed as exc:
        return _error(request, str(exc), 422)
    if ext == "csv":
        response = HttpResponse(exports.analysis_csv(result), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.analysis_xlsx(result), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(result, ext)}"'
    return response


@require_safe
def group_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    return _export(request, key, "xlsx")


@require_safe
def group_csv(request: HttpRequest, key: str) -> HttpResponse:
    return _export(request, key, "csv")


@login_required
@require_POST
def group_change(request: HttpRequest, key: str) -> HttpResponse:
    form = RegionGroupForm(request.POST, organisations=member_organisations(request.user))
    try:
        if form.is_valid():
            out = services.update_group(actor=request.user, key=key, data=form.to_schema())
            return redirect(reverse("region_groups:group", args=[out.key]))
        _group, row = services.get_group(key)
        if row is None or not may_change(request.user, row):
            raise PermissionDenied(_("Du får inte ändra gruppen."))
    except NotFound as exc:
        return _error(request, str(exc), 404)
    except PermissionDenied as exc:
        return _error(request, str(exc), 403)
    except ValidationFailed as exc:
        form.add_service_errors(exc.errors, str(exc))
    return render(request, "region_groups/edit.html", {"form": form, "key": key}, status=422)


@login_required
@require_POST
def group_delete(request: HttpRequest, key: str) -> HttpResponse:
    try:
        services.delete_group(actor=request.user, key=key)
    except NotFound as exc:
        return _error(request, str(exc), 404)
    except PermissionDenied as exc:
        return _error(request, str(exc), 403)
    return redirect(reverse("region_groups:list"))
