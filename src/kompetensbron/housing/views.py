"""Pages of Studentbostäder (mounted at ``/studentbostader/``): thin views over the services.

Reading is public: the programmes' progress (page, PDF, Excel), the project register, queue
statistics and the simulator. Changes are POST forms with a CSRF token for logged-in users;
the services check rights (403 page) and rules (422, messages on the form).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.web.form_pages import Cancel, errors_on_form, form_page, refused
from kompetensbron.web.tables import export_response

from . import report_exports, services
from .forms import (
    SERVICE_FIELDS,
    KommunTargetForm,
    ProgrammeForm,
    ProjectEditForm,
    ProjectForm,
    QueueStatisticForm,
    StatusForm,
)
from .models import ProjectStatus, allowed_transitions
from .page_contexts import (
    ProgressPage,
    ProjectListPage,
    ProjectPage,
    QueuePage,
    StartPage,
)
from .permissions import coordinated_housing_organisations, coordinated_regions
from .schemas import (
    KommunTargetIn,
    ProgrammeCreate,
    ProgrammeUpdate,
    ProjectCreate,
    ProjectUpdate,
    QueueStatisticIn,
    StatusChangeIn,
)


def _form(request: HttpRequest, form, title: str, submit: str, save, success: str, cancel: Cancel) -> HttpResponse:
    return form_page(
        request,
        form=form,
        title=title,
        submit=submit,
        save=save,
        success=success,
        field_names=SERVICE_FIELDS,
        cancel=cancel,
    )


# ------------------------------------------------------------------ start and progress


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    user = request.user
    page = StartPage(
        programmes=[services.public.programme(p) for p in services.list_programmes()],
        can_create_programme=user.is_authenticated and coordinated_regions(user).exists(),
        can_create_project=user.is_authenticated and coordinated_housing_organisations(user).exists(),
    )
    return render(request, "housing/start.html", {"page": page})


def _progress(pk: int):
    programme = services.get_programme(pk)
    return programme, services.programme_progress(programme)


@require_safe
def progress(request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
    try:
        programme, result = _progress(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    can_change = request.user.has_perm("samverkan.change_housing_programme", programme)
    target_form = KommunTargetForm(lan_code=programme.lan_id) if can_change else None
    page = ProgressPage.build(result, can_change=can_change, target_form=target_form)
    if (download := export_response(request, page.tables)) is not None:
        return download
    if fmt == "xlsx":
        response = HttpResponse(
            report_exports.progress_xlsx(result),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{report_exports.progress_filename(result, "xlsx")}"'
        return response
    if fmt == "pdf":
        response = HttpResponse(report_exports.progress_pdf(page), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report_exports.progress_filename(result, "pdf")}"'
        return response
    return render(request, "housing/progress.html", {"page": page})


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    owners = coordinated_regions(request.user)
    if not owners.exists():
        return refused(request, PermissionDenied(_("Endast en regions samordnare får lägga upp ett program.")), 403)
    form = ProgrammeForm(request.POST or None, owners=owners)

    def save(d: dict) -> str:
        data = ProgrammeCreate(
            name=d["name"],
            owner_id=d["owner"].pk,
            lan_code=d["lan"].code,
            baseline_year=d["baseline_year"],
            target_year=d["target_year"],
            target_kind=d["target_kind"],
            target_value=d["target_value"],
            description=d["description"],
        )
        programme = services.create_programme(actor=request.user, data=data)
        return reverse("housing:progress", kwargs={"pk": programme.pk})

    return _form(
        request,
        form,
        _("Nytt program för studentbostäder"),
        _("Spara"),
        save,
        _("Programmet är sparat."),
        "housing:start",
    )


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = services.get_programme(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_housing_programme", programme):
        return refused(
            request, PermissionDenied(_("Endast den ansvariga regionens samordnare får ändra programmet.")), 403
        )
    initial = {
        f: getattr(programme, f)
        for f in ("name", "baseline_year", "target_year", "target_kind", "target_value", "description")
    }
    form = ProgrammeForm(request.POST or None, initial=initial, editing=True)

    def save(d: dict) -> str:
        services.update_programme(actor=request.user, programme=programme, data=ProgrammeUpdate(**d))
        return reverse("housing:progress", kwargs={"pk": pk})

    return _form(
        request, form, _("Ändra programmet"), _("Spara"), save, _("Programmet är sparat."), ("housing:progress", pk)
    )


@login_required
@require_POST
def kommun_target(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        programme = services.get_programme(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    form = KommunTargetForm(request.POST, lan_code=programme.lan_id)
    if form.is_valid():
        data = KommunTargetIn(
            kommun_code=form.cleaned_data["kommun"].code, target_homes=form.cleaned_data["target_homes"]
        )
        try:
            services.set_kommun_target(actor=request.user, programme=programme, data=data)
        except PermissionDenied as exc:
            return refused(request, exc, 403)
        except ValidationFailed as exc:
            errors_on_form(form, exc, SERVICE_FIELDS)
        else:
            messages.success(request, _("Kommunmålet är sparat."))
            return redirect("housing:progress", pk=pk)
    elif not request.user.has_perm("samverkan.change_housing_programme", programme):
        return refused(
            request, PermissionDenied(_("Endast den ansvariga regionens samordnare får ändra programmet.")), 403
        )
    page = ProgressPage.build(services.programme_progress(programme), can_change=True, target_form=form)
    return render(request, "housing/progress.html", {"page": page}, status=422)


# ------------------------------------------------------------------ projects


@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    lan = (request.GET.get("lan") or "")[:2]
    status = request.GET.get("status") or ""
    status = status if status in ProjectStatus.values else ""
    projects = services.list_projects(lan=lan or None, status=status or None)
    page = ProjectListPage(
        projects=[services.public.project(p) for p in projects[:1000]],
        lan=lan,
        status=status,
        statuses=[(s.value, str(s.label)) for s in ProjectStatus],
        can_create=request.user.is_authenticated and coordinated_housing_organisations(request.user).exists(),
    )
    return export_response(request, page.tables) or render(request, "housing/project_list.html", {"page": page})


def _project_page(request, project, status_form=None) -> ProjectPage:
    can_change = request.user.has_perm("samverkan.change_housing_project", project)
    transitions = allowed_transitions(project.status) if can_change else []
    return ProjectPage(
        project=services.public.project(project, history=True),
        can_change=can_change,
        status_form=status_form or (StatusForm(transitions=transitions) if transitions else None),
    )


@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        project = services.get_project(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    return render(request, "housing/project_detail.html", {"page": _project_page(request, project)})


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    owners = coordinated_housing_organisations(request.user)
    if not owners.exists():
        return refused(
            request, PermissionDenied(_("Endast ett bostadsföretags samordnare får registrera projekt.")), 403
        )
    form = ProjectForm(request.POST or None, owners=owners)

    def save(d: dict) -> str:
        data = ProjectCreate(
            name=d["name"],
            owner_id=d["owner"].pk,
            kommun_code=d["kommun"].code,
            homes=d["homes"],
            home_type=d["home_type"],
            status=d["status"],
            status_date=d["status_date"],
            expected_completion_year=d["expected_completion_year"],
            actual_completion_year=d["actual_completion_year"],
            description=d["description"],
        )
        project = services.create_project(actor=request.user, data=data)
        return reverse("housing:project", kwargs={"pk": project.pk})

    return _form(
        request,
        form,
        _("Nytt bostadsprojekt"),
        _("Registrera"),
        save,
        _("Projektet är registrerat."),
        "housing:projects",
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        project = services.get_project(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_housing_project", project):
        return refused(request, PermissionDenied(_("Endast ägarorganisationens samordnare får ändra projektet.")), 403)
    initial = {
        f: getattr(project, f) for f in ("name", "homes", "home_type", "expected_completion_year", "description")
    }
    initial["kommun"] = project.kommun_id
    form = ProjectEditForm(request.POST or None, initial=initial)

    def save(cleaned: dict) -> str:
        d = dict(cleaned)
        d["kommun_code"] = d.pop("kommun").code
        services.update_project(actor=request.user, project=project, data=ProjectUpdate(**d))
        return reverse("housing:project", kwargs={"pk": pk})

    return _form(
        request, form, _("Ändra projektet"), _("Spara"), save, _("Projektet är sparat."), ("housing:project", pk)
    )


@login_required
@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        project = services.get_project(pk)
    except NotFound as exc:
        return refused(request, exc, 404)
    form = StatusForm(request.POST, transitions=allowed_transitions(project.status))
    if form.is_valid():
        try:
            services.change_status(actor=request.user, project=project, data=StatusChangeIn(**form.cleaned_data))
        except PermissionDenied as exc:
            return refused(request, exc, 403)
        except ValidationFailed as exc:
            errors_on_form(form, exc, SERVICE_FIELDS)
        else:
            messages.success(request, _("Statusen är ändrad."))
            return redirect("housing:project", pk=pk)
    elif not request.user.has_perm("samverkan.change_housing_project", project):
        return refused(request, PermissionDenied(_("Endast ägarorganisationens samordnare får ändra projektet.")), 403)
    project.refresh_from_db()
    return render(request, "housing/project_detail.html", {"page": _project_page(request, project, form)}, status=422)


# ------------------------------------------------------------------ queue statistics


@require_safe
def queue_statistics(request: HttpRequest) -> HttpResponse:
    page = QueuePage.build(
        services.queue_series(),
        can_enter=request.user.is_authenticated and coordinated_housing_organisations(request.user).exists(),
    )
    return export_response(request, page.tables) or render(request, "housing/queue_statistics.html", {"page": page})


@login_required
def queue_statistic_create(request: HttpRequest) -> HttpResponse:
    organisations = coordinated_housing_organisations(request.user)
    if not organisations.exists():
        return refused(request, PermissionDenied(_("Endast ett bostadsföretags samordnare får ange köstatistik.")), 403)
    form = QueueStatisticForm(request.POST or None, organisations=organisations)

    def save(cleaned: dict) -> str:
        d = dict(cleaned)
        d["organisation_id"] = d.pop("organisation").pk
        services.set_queue_statistic(actor=request.user, data=QueueStatisticIn(**d))
        return reverse("housing:queue")

    return _form(
        request, form, _("Köstatistik för ett år"), _("Spara"), save, _("Köstatistiken är sparad."), "housing:queue"
    )
