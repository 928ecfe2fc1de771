"""The activity page's governance steps: a party's approval (direct governance), a council's
note, and a funding application's status — POST forms handled by the same services as the API.

``governance_forms`` adds to the activity page what the next step needs and the forms the user
may use; the views answer 403 when the rule refuses and 422 with the messages on the form.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetensbron.errors import NotFound, PermissionDenied
from kompetensbron.web.form_pages import submitted

from . import services
from . import views as base
from .forms import SERVICE_FIELDS
from .forms_editing import ApprovalForm, FundingStatusForm, NoteForm
from .governance_rules import required_parties
from .models import ActivityStatus
from .permissions_governance import approvable_party_ids
from .schemas import FundingUpdate

__all__ = ["governance_forms", "activity_approve", "activity_note", "funding_status"]


def _open_parties(user, activity) -> list[int]:
    """Parties of the activity's agreement the user answers for and that have not answered."""
    if activity.status not in (ActivityStatus.IDEA, ActivityStatus.PROPOSED):
        return []
    if not user.has_perm("samverkan.approve_activity", activity):
        return []
    answered = services.reads.answered_party_ids(activity)
    mine = approvable_party_ids(user, activity)
    return [p.pk for p in required_parties(activity) if p.pk not in answered and p.pk in mine]


def governance_forms(request: HttpRequest, activity, forms: dict, funding: list) -> dict:
    user = request.user
    open_parties = _open_parties(user, activity)
    noted = services.reads.is_noted(activity)
    can_note = (
        activity.status == ActivityStatus.IDEA and not noted and user.has_perm("samverkan.note_activity", activity)
    )
    may_fund = user.has_perm("samverkan.change_activity", activity)
    status_forms = forms.get("funding_status_forms") or [
        (
            f,
            FundingStatusForm(
                initial={"status": f.status, "amount_granted": f.amount_granted, "note": f.note}, prefix=f"f{f.id}"
            ),
        )
        for f in funding
    ]
    return {
        "steps": services.next_steps(activity, user),
        "approval_form": forms.get("approval_form")
        or (ApprovalForm(parties=services.reads.organisations(open_parties)) if open_parties else None),
        "note_form": forms.get("note_form") or (NoteForm() if can_note else None),
        "funding_status_forms": status_forms if may_fund else [],
    }


@login_required
@require_POST
def activity_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def form_class(data):
        return ApprovalForm(data, parties=services.reads.organisations())  # the service checks the party

    def act(a, d):
        services.agree_activity(
            actor=request.user,
            activity=a,
            organisation_id=d["organisation"].pk,
            approve=d["approve"],
            comment=d["comment"],
        )

    return base._post_on_activity(request, pk, form_class, "approval_form", act)


@login_required
@require_POST
def activity_note(request: HttpRequest, pk: int) -> HttpResponse:
    def act(a, d):
        services.note_activity(actor=request.user, activity=a, comment=d["comment"])

    return base._post_on_activity(request, pk, NoteForm, "note_form", act)


@login_required
@require_POST
def funding_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Update a funding application's status (granted amount, note) from the activity page."""
    try:
        application = services.find_funding(pk)
    except NotFound as exc:
        return base._refused(request, exc, 404)
    activity = application.activity
    form = FundingStatusForm(request.POST, prefix=f"f{pk}")

    def save(d) -> str:
        data = FundingUpdate(status=d["status"], amount_granted=d["amount_granted"], note=d["note"])
        services.update_funding_application(actor=request.user, application=application, data=data)
        return reverse("samverkan:activity", args=[activity.pk])

    response = submitted(request, form, save, success=_("Ansökans status är sparad."), field_names=SERVICE_FIELDS)
    if response is not None:
        return response
    try:
        visible = services.get_activity(actor=request.user, pk=activity.pk)
    except NotFound as exc:
        return base._refused(request, exc, 403)
    if not request.user.has_perm("samverkan.change_activity", visible):
        return base._refused(request, PermissionDenied(_("Du får inte ändra aktivitetens finansiering.")), 403)
    page = base._activity_page(request, visible)
    page.funding_status_forms = [(f, form if f.id == pk else other) for f, other in page.funding_status_forms]
    return render(request, "samverkan/activity_detail.html", {"page": page}, status=422)
