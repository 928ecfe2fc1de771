"""Education pages: call a service, build the page context, render.

Lists answer an htmx request with the results fragment and any other request with the full
page (one partial, as in ``/yrken/``). Changes are POST forms with a CSRF token, need a login
and the rule of :mod:`.permissions` for the programme or link (the services check it again);
refusals render a 403/404 page and invalid input comes back on the form with status 422.
Read-only pages answer GET and HEAD only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import rules
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import DataError, NotFound, PermissionDenied, ValidationFailed
from kompetensbron.reference.views import render_page
from kompetensbron.sources.programme_template import TemplateInvalid
from kompetensbron.web.tables import export_response

from . import links, services
from .forms import LinkDecisionForm, ManualLinkForm, ProgrammeForm, TemplateUploadForm
from .models import CourseLevel
from .page_contexts import (
    CourseListPage,
    CoursePage,
    FormPage,
    ImportPage,
    ProgrammeListPage,
    ProgrammePage,
    group_links,
)
from .permissions import can_add, can_change
from .template_import import import_programme_template

COURSES_PER_PAGE = 50


class ProgrammeSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Sök program, kod eller lärosäte"), required=False, max_length=200, strip=True
    )


class CourseSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Sök kurs, kurskod eller ämne"), required=False, max_length=200, strip=True)
    level = forms.ChoiceField(
        label=gettext_lazy("Nivå"), required=False, choices=[("", gettext_lazy("Alla nivåer")), *CourseLevel.choices]
    )
    page = forms.IntegerField(required=False, min_value=1)


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "education/refused.html", {"message": message}, status=status)


# ------------------------------------------------------------------ programmes


@require_safe
def programme_list(request: HttpRequest) -> HttpResponse:
    form = ProgrammeSearchForm(request.GET)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = ProgrammeListPage(
        form=form, result=services.search_programmes(query, limit=100), can_add=can_add(request.user)
    )
    return render_page(
        request, page, full="education/programme_list.html", fragment="education/_programme_results.html"
    )


def _programme_page(request: HttpRequest, pk: int, *, decision_form=None, manual_form=None) -> ProgrammePage:
    return ProgrammePage.build(
        services.get_programme(pk),
        can_change=can_change(request.user, services.get_programme_model(pk)),
        decision_form=decision_form or LinkDecisionForm(),
        manual_form=manual_form or ManualLinkForm(),
    )


@require_safe
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        page = _programme_page(request, pk)
    except NotFound as exc:
        return _refused(request, str(exc), 404)
    return export_response(request, page.tables) or render(request, "education/programme_detail.html", {"page": page})


def _programme_form(request: HttpRequest, *, programme=None) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if programme is None:
                saved = services.create_programme(actor=request.user, data=form.to_schema())
            else:
                saved = services.update_programme(actor=request.user, programme=programme, data=form.to_schema())
        except ValidationFailed as exc:
            form.add_service_errors(exc.errors, str(exc))
        except PermissionDenied as exc:
            return _refused(request, str(exc), 403)
        else:
            return redirect("education:programme", pk=saved.pk)
    if programme is None:
        title, cancel = _("Nytt utbildningsprogram"), reverse("education:programmes")
    else:
        title, cancel = (
            _("Ändra %(name)s") % {"name": programme.name},
            reverse("education:programme", args=[programme.pk]),
        )
    page = FormPage(title=title, form=form, submit_label=_("Spara"), cancel_url=cancel)
    return render(request, "education/form.html", {"page": page}, status=422 if form.errors else 200)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    if not can_add(request.user):
        return _refused(request, _("Du har inte behörighet att lägga till utbildningsprogram."), 403)
    return _programme_form(request)


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = services.get_programme_model(pk)
    except NotFound as exc:
        return _refused(request, str(exc), 404)
    if not can_change(request.user, programme):
        return _refused(request, _("Du har inte behörighet att ändra utbildningsprogram."), 403)
    return _programme_form(request, programme=programme)


# ------------------------------------------------------------------ occupation links


def _back(link) -> str:
    if link.programme_id:
        return reverse("education:programme", args=[link.programme_id]) + "#yrken"
    return reverse("education:course", args=[link.course.code]) + "#yrken"


@login_required
@require_POST
def link_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    try:
        link = links.get_link(pk)
    except NotFound as exc:
        return _refused(request, str(exc), 404)
    form = LinkDecisionForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if decision == "confirm":
            links.confirm_link(actor=request.user, link=link, reason=reason)
        else:
            links.reject_link(actor=request.user, link=link, reason=reason)
    except PermissionDenied as exc:
        return _refused(request, str(exc), 403)
    except ValidationFailed as exc:
        if link.programme_id is None:
            return _refused(request, str(exc), 422)
        for key, message in exc.errors.items():
            form.add_error(key if key in form.fields else None, message)
        page = _programme_page(request, link.programme_id, decision_form=form)
        return render(request, "education/programme_detail.html", {"page": page, "failed_link": link.pk}, status=422)
    return redirect(_back(link))


@login_required
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = services.get_programme_model(pk)
    except NotFound as exc:
        return _refused(request, str(exc), 404)
    if not can_change(request.user, programme):
        return _refused(request, _("Du har inte behörighet att ändra yrkeskopplingar."), 403)
    form = ManualLinkForm(request.POST)
    if form.is_valid():
        try:
            links.add_manual_link(
                actor=request.user,
                programme=programme,
                ssyk=form.cleaned_data["ssyk"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied as exc:
            return _refused(request, str(exc), 403)
        except ValidationFailed as exc:
            for key, message in exc.errors.items():
                form.add_error(key if key in form.fields else None, message)
        else:
            return redirect(reverse("education:programme", args=[pk]) + "#yrken")
    page = _programme_page(request, pk, manual_form=form)
    return render(request, "education/programme_detail.html", {"page": page}, status=422)


# ------------------------------------------------------------------ template import


@login_required
def template_import(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("education.import_programmes", request.user):
        return _refused(request, _("Du har inte behörighet att importera utbildningsprogram."), 403)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    page = ImportPage(form=form)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / ("upload" + Path(upload.name).suffix.lower())
                with open(path, "wb") as fh:
                    for chunk in upload.chunks():
                        fh.write(chunk)
                try:
                    report = import_programme_template(path, source_name=Path(upload.name).name, actor=request.user)
                except PermissionDenied as exc:
                    return _refused(request, str(exc), 403)
                except TemplateInvalid as exc:
                    page = ImportPage(form=form, problems=exc.problems)
                except DataError as exc:
                    page = ImportPage(form=form, error=exc.message + (f" (rad {exc.line})" if exc.line else ""))
                else:
                    page, status = ImportPage(form=TemplateUploadForm(), report=report), 200
    return render(request, "education/import.html", {"page": page}, status=status)


# ------------------------------------------------------------------ courses


@require_safe
def course_list(request: HttpRequest) -> HttpResponse:
    form = CourseSearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    level = data.get("level") or ""
    result = services.search_courses(
        data.get("q", ""), level=level or None, page=data.get("page") or 1, per_page=COURSES_PER_PAGE
    )
    page = CourseListPage(form=form, result=result, level=level)
    if (download := export_response(request, page.tables)) is not None:
        return download
    return render_page(request, page, full="education/course_list.html", fragment="education/_course_results.html")


@require_safe
def course_detail(request: HttpRequest, code: str) -> HttpResponse:
    institution = request.GET.get("larosate")
    try:
        course = services.get_course(
            code, institution_id=int(institution) if institution and institution.isdigit() else None
        )
    except NotFound:
        return _refused(request, _("Det finns ingen kurs med koden ”%(code)s”.") % {"code": code}, 404)
    return render(
        request,
        "education/course_detail.html",
        {"page": CoursePage(course=course, link_groups=group_links(course.occupation_links))},
    )
