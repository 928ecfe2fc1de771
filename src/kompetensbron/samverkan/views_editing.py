"""Coordinator pages that edit after creation: an activity, an agreement (governance, funding
clause, life-cycle model, areas) and the agreement's documents.

Each page checks the rule first (403 page); :func:`~kompetensbron.web.form_pages.form_page`
validates with its form (422 with the messages on the form) and hands the data to the service
the API uses (which checks again, writes, audits).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetensbron.errors import NotFound, PermissionDenied
from kompetensbron.web.form_pages import form_page

from . import services
from . import views as base
from .forms import SERVICE_FIELDS
from .forms_editing import ActivityEditForm, AgreementEditForm, DocumentForm
from .schemas import ActivityUpdate, AgreementUpdate, DocumentCreate

__all__ = ["activity_edit", "agreement_edit", "agreement_document_add", "agreement_document_remove"]


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

    def save(d) -> str:
        data = ActivityUpdate(**base.activity_fields(d), actual_participants=d["actual_participants"])
        services.update_activity(actor=request.user, activity=activity, data=data)
        return reverse("samverkan:activity", args=[pk])

    return form_page(
        request,
        cancel=("samverkan:activity", pk),
        form=form,
        title=_("Redigera %(title)s") % {"title": activity.title},
        submit=_("Spara"),
        save=save,
        success=_("Aktiviteten är sparad."),
        field_names=SERVICE_FIELDS,
    )


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
        "areas": "\n".join(services.reads.agreement_area_names(agreement)),
    }

    def save(d) -> str:
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
        services.update_agreement(actor=request.user, agreement=agreement, data=data)
        return reverse("samverkan:agreement", args=[pk])

    return form_page(
        request,
        cancel=("samverkan:agreement", pk),
        form=AgreementEditForm(request.POST or None, initial=initial),
        title=_("Redigera %(title)s") % {"title": agreement.title},
        submit=_("Spara"),
        save=save,
        success=_("Avtalet är sparat."),
        field_names=SERVICE_FIELDS,
    )


@login_required
def agreement_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, refusal = _agreement_or_refusal(request, pk)
    if refusal is not None:
        return refusal

    def save(d) -> str:
        services.add_agreement_document(actor=request.user, agreement=agreement, data=DocumentCreate(**d))
        return reverse("samverkan:agreement", args=[pk])

    return form_page(
        request,
        cancel=("samverkan:agreement", pk),
        form=DocumentForm(request.POST or None),
        title=_("Nytt dokument till %(title)s") % {"title": agreement.title},
        submit=_("Spara"),
        save=save,
        success=_("Dokumentet är tillagt."),
        field_names=SERVICE_FIELDS,
    )


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
