"""Coordinator pages that edit after creation: an activity, an agreement (governance, funding
clause, life-cycle model, areas) and the agreement's documents.

Each page checks the rule first (403 page), validates with its form (422 with the messages on
the form) and hands the data to the service the API uses (which checks again, writes, audits).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed

from . import services
from . import views as base
from .forms_editing import ActivityEditForm, AgreementEditForm, DocumentForm
from .page_contexts import FormPage
from .schemas import ActivityUpdate, AgreementUpdate, DocumentCreate

__all__ = ["activity_edit", "agreement_edit", "agreement_document_add", "agreement_document_remove"]


def _form_page(request, title: str, form, status: int, extra: str = "") -> HttpResponse:
    page = FormPage(title=title, form=form, submit_label=_("Spara"))
    return render(request, "samverkan/form.html", {"page": page, "back": extra}, status=status)


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        activity = services.find_activity(pk)
    except NotFound as exc:
        return base._refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_activity", activity):
        return base._refused(
            request,
            PermissionDenied(_("Endast arbetsgruppens medlemmar eller ägarens samordnare får ändra aktiviteten.")),
            403,
        )
    # the form works on its own copy (ModelForm validation writes onto its instance)
    form = ActivityEditForm(request.POST or None, instance=services.find_activity(pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = ActivityUpdate(
            title=d["title"],
            description=d["description"],
            phase=d["phase"] or None,
            target_group=d["target_group"],
            partner_ids=[o.pk for o in d["partners"]],
            agreement_id=d["agreement"].pk if d["agreement"] else None,
            owner_unit_id=d["owner_unit"].pk if d["owner_unit"] else None,
            area_ids=[x.pk for x in d["areas"]],
            unit_ids=[x.pk for x in d["units"]],
            period_start=d["period_start"],
            period_end=d["period_end"],
            place=d["place"],
            expected_participants=d["expected_participants"],
            actual_participants=d["actual_participants"],
        )
        try:
            services.update_activity(actor=request.user, activity=activity, data=data)
        except PermissionDenied as exc:
            return base._refused(request, exc, 403)
        except ValidationFailed as exc:
            base._service_errors_on_form(form, exc)
        else:
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect("samverkan:activity", pk=pk)
    status = 422 if request.method == "POST" else 200
    return _form_page(request, _("Redigera %(title)s") % {"title": activity.title}, form, status)


def _agreement_or_refusal(request, pk: int):
    try:
        agreement = services.get_agreement(pk)
    except NotFound as exc:
        return None, base._refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_agreement", agreement):
        return None, base._refused(
            request, PermissionDenied(_("Endast avtalsparternas samordnare får ändra avtalet.")), 403
        )
    return agreement, None


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, refusal = _agreement_or_refusal(request, pk)
    if refusal is not None:
        return refusal
    initial = {
        "title": agreement.title,
        "purpose": agreement.purpose,
        "period_start": agreement.period_start,
        "period_end": agreement.period_end,
        "governance": agreement.governance,
        "binds_funding": {True: "true", False: "false"}.get(agreement.binds_funding, "unknown"),
        "uses_lifecycle": agreement.uses_lifecycle,
        "areas": "\n".join(a.name for a in agreement.areas.all()),
    }
    form = AgreementEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = AgreementUpdate(
            title=d["title"],
            purpose=d["purpose"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            governance=d["governance"],
            binds_funding=d["binds_funding"],
            uses_lifecycle=d["uses_lifecycle"],
            area_names=d["areas"],
        )
        try:
            services.update_agreement(actor=request.user, agreement=agreement, data=data)
        except PermissionDenied as exc:
            return base._refused(request, exc, 403)
        except ValidationFailed as exc:
            base._service_errors_on_form(form, exc)
        else:
            messages.success(request, _("Avtalet är sparat."))
            return redirect("samverkan:agreement", pk=pk)
    status = 422 if request.method == "POST" else 200
    return _form_page(request, _("Redigera %(title)s") % {"title": agreement.title}, form, status)


@login_required
def agreement_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, refusal = _agreement_or_refusal(request, pk)
    if refusal is not None:
        return refusal
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agreement_document(
                actor=request.user, agreement=agreement, data=DocumentCreate(**form.cleaned_data)
            )
        except PermissionDenied as exc:
            return base._refused(request, exc, 403)
        except ValidationFailed as exc:
            base._service_errors_on_form(form, exc)
        else:
            messages.success(request, _("Dokumentet är tillagt."))
            return redirect("samverkan:agreement", pk=pk)
    status = 422 if request.method == "POST" else 200
    return _form_page(request, _("Nytt dokument till %(title)s") % {"title": agreement.title}, form, status)


@login_required
@require_POST
def agreement_document_remove(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    agreement, refusal = _agreement_or_refusal(request, pk)
    if refusal is not None:
        return refusal
    try:
        services.remove_agreement_document(actor=request.user, agreement=agreement, document_id=doc)
    except NotFound as exc:
        return base._refused(request, exc, 404)
    except PermissionDenied as exc:
        return base._refused(request, exc, 403)
    messages.success(request, _("Dokumentet är borttaget."))
    return redirect("samverkan:agreement", pk=pk)
