"""JSON routes of governance, documents, bodies and units (issue 12), of editing an indicator and
of removing a knowledge link, on the Samverkan router (:mod:`.api` imports
this module): thin wrappers over :mod:`.services`, same rules and audit as the pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status

from kompetensbron.input_types import Id
from kompetensbron.web.api_responses import ERRORS, created, ok

from . import services
from .api import router
from .schemas import (
    ActivityPublic,
    AgreementPublic,
    ApprovalIn,
    BodyPublic,
    BodyUpdate,
    DocumentCreate,
    IndicatorPublic,
    NextStep,
    NoteIn,
    UnitCreate,
    UnitPublic,
)
from .schemas_governance import IndicatorUpdate


@router.get(
    "/activities/{activity_id}/next-steps",
    response=ok(list[NextStep]),
    summary="What the activity's next step needs and who may take it",
)
def next_steps(request: HttpRequest, activity_id: Id):
    return services.next_steps(services.get_activity(actor=request.auth, pk=activity_id), request.auth)


@router.post(
    "/activities/{activity_id}/approval",
    response=ok(ActivityPublic),
    summary="A party's coordinator approves or declines (direct governance)",
)
def approve(request: HttpRequest, activity_id: Id, data: ApprovalIn):
    activity = services.find_activity(activity_id)
    services.agree_activity(
        actor=request.auth,
        activity=activity,
        organisation_id=data.organisation_id,
        approve=data.approve,
        comment=data.comment,
    )
    return services.public.activity(services.find_activity(activity_id))


@router.post(
    "/activities/{activity_id}/note", response=ok(ActivityPublic), summary="The council notes an activity (no decision)"
)
def note(request: HttpRequest, activity_id: Id, data: NoteIn):
    activity = services.find_activity(activity_id)
    services.note_activity(actor=request.auth, activity=activity, comment=data.comment)
    return services.public.activity(services.find_activity(activity_id))


@router.post(
    "/agreements/{agreement_id}/documents",
    response=created(AgreementPublic),
    summary="Add a document link to an agreement (a party's coordinator)",
)
def add_document(request: HttpRequest, agreement_id: Id, data: DocumentCreate):
    agreement = services.get_agreement(agreement_id)
    services.add_agreement_document(actor=request.auth, agreement=agreement, data=data)
    return Status(201, services.public.agreement(agreement))


@router.delete(
    "/agreements/{agreement_id}/documents/{document_id}",
    response=ok(AgreementPublic),
    summary="Remove a document of an agreement (a party's coordinator)",
)
def remove_document(request: HttpRequest, agreement_id: Id, document_id: Id):
    agreement = services.get_agreement(agreement_id)
    services.remove_agreement_document(actor=request.auth, agreement=agreement, document_id=document_id)
    return services.public.agreement(agreement)


@router.patch(
    "/bodies/{body_id}",
    response=ok(BodyPublic),
    summary="Edit a body: governance, units, areas (administrators, chair)",
)
def update_body(request: HttpRequest, body_id: Id, data: BodyUpdate):
    body = services.update_body(actor=request.auth, body=services.get_body(body_id), data=data)
    return services.public.body(body)


@router.delete(
    "/bodies/{body_id}/members/{user_id}",
    response=ok(BodyPublic),
    summary="Remove a member (administrators, the chair)",
)
def remove_body_member(request: HttpRequest, body_id: Id, user_id: Id):
    body = services.get_body(body_id)
    services.remove_body_member(actor=request.auth, body=body, user_id=user_id)
    return services.public.body(body)


@router.get("/organisations/{org_id}/units", response=ok(list[UnitPublic]), summary="An organisation's units")
def list_units(request: HttpRequest, org_id: Id):
    org = services.get_organisation(org_id)
    if not services.visible_organisation(request.auth, org):
        return Status(404, {"detail": _("Okänd organisation: %(org_id)s") % {"org_id": org_id}})
    return [UnitPublic(id=u.pk, organisation_id=u.organisation_id, name=u.name) for u in services.reads.units_of(org)]


@router.post(
    "/organisations/{org_id}/units",
    response=created(UnitPublic),
    summary="Add a unit (department, institution) to an organisation (its coordinators)",
)
def create_unit(request: HttpRequest, org_id: Id, data: UnitCreate):
    unit = services.create_unit(actor=request.auth, organisation=services.get_organisation(org_id), name=data.name)
    return Status(201, UnitPublic(id=unit.pk, organisation_id=unit.organisation_id, name=unit.name))


@router.patch(
    "/indicators/{indicator_id}",
    response=ok(IndicatorPublic),
    summary="Change an indicator: name, unit, areas and units of its agreement (the parties' coordinators)",
)
def update_indicator(request: HttpRequest, indicator_id: Id, data: IndicatorUpdate):
    indicator = services.update_indicator(
        actor=request.auth, indicator=services.find_indicator(indicator_id), data=data
    )
    return services.public.indicator(indicator)


@router.delete(
    "/links/{link_id}",
    response={204: None, **ERRORS},
    summary="Remove an activity's or a decision's link to the knowledge base (who may add it)",
)
def remove_link(request: HttpRequest, link_id: Id):
    services.knowledge.remove_link(actor=request.auth, link=services.knowledge.find_link(link_id))
    return Status(204, None)
