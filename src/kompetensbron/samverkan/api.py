"""JSON routes of Samverkan under ``/api/v1/samverkan/``: thin wrappers over :mod:`.services`.

Authentication is the Django session (``django_auth``): anonymous requests get 401, and unsafe
methods need a valid CSRF token (403 otherwise). Domain errors map centrally (web/api.py):
PermissionDenied → 403, ValidationFailed → 422, NotFound → 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from kompetensbron.input_types import Id, Year
from kompetensbron.web.api_responses import created, ok

from . import services
from .board_filters import BoardFilters
from .schemas import (
    ActivityCreate,
    ActivityPublic,
    ActivityUpdate,
    AgreementCreate,
    AgreementPublic,
    AgreementUpdate,
    BodyCreate,
    BodyMemberIn,
    BodyPublic,
    DecisionIn,
    DecisionPublic,
    ErasureResult,
    FundingCreate,
    FundingPublic,
    FundingTotals,
    FundingUpdate,
    IndicatorCreate,
    IndicatorPublic,
    IndicatorYearIn,
    IndicatorYearPublic,
    InvitationIn,
    InvitationOut,
    OrganisationCreate,
    OrganisationPublic,
    OrganisationUpdate,
    PartyInvitationPublic,
    PersonalDataExport,
    PhaseCode,
    StatusCode,
    TransitionIn,
    YearlyReport,
)

router = Router(tags=["samverkan"], auth=django_auth)


# ------------------------------------------------------------------ organisations


@router.get(
    "/organisations",
    response=list[OrganisationPublic],
    summary="Organisations the user may see (as the page lists them)",
)
def list_organisations(request: HttpRequest):
    return [services.public.organisation(o) for o in services.reads.list_organisations(request.auth)]


@router.post(
    "/organisations", response=created(OrganisationPublic), summary="Register an organisation (administrators)"
)
def create_organisation(request: HttpRequest, data: OrganisationCreate):
    org = services.create_organisation(actor=request.auth, data=data)
    return Status(201, services.public.organisation(org))


@router.patch(
    "/organisations/{org_id}", response=ok(OrganisationPublic), summary="Edit an organisation (its coordinators)"
)
def update_organisation(request: HttpRequest, org_id: Id, data: OrganisationUpdate):
    org = services.update_organisation(actor=request.auth, organisation=services.get_organisation(org_id), data=data)
    return services.public.organisation(org)


@router.post(
    "/invitations", response=created(InvitationOut), summary="Invite a person to an organisation (administrators)"
)
def invite(request: HttpRequest, data: InvitationIn):
    return Status(201, services.invite_user(actor=request.auth, data=data))


@router.get("/people/{user_id}/export", response=ok(PersonalDataExport), summary="Export one person's personal data")
def export_person(request: HttpRequest, user_id: Id):
    return services.export_personal_data(actor=request.auth, user=services.get_person(user_id))


@router.post("/people/{user_id}/erase", response=ok(ErasureResult), summary="Erase (anonymise) one person")
def erase_person(request: HttpRequest, user_id: Id):
    return services.erase_person(actor=request.auth, user=services.get_person(user_id))


# ------------------------------------------------------------------ agreements and bodies


@router.get("/agreements", response=list[AgreementPublic], summary="Agreements the user's organisations are party to")
def list_agreements(request: HttpRequest):
    return [services.public.agreement(a) for a in services.reads.list_agreements(request.auth)]


@router.post("/agreements", response=created(AgreementPublic), summary="Register an agreement (a party's coordinator)")
def create_agreement(request: HttpRequest, data: AgreementCreate):
    return Status(201, services.public.agreement(services.create_agreement(actor=request.auth, data=data)))


@router.get("/agreements/{agreement_id}", response=ok(AgreementPublic), summary="One agreement")
def get_agreement(request: HttpRequest, agreement_id: Id):
    return services.public.agreement(services.get_visible_agreement(actor=request.auth, pk=agreement_id))


@router.patch(
    "/agreements/{agreement_id}", response=ok(AgreementPublic), summary="Edit an agreement (a party's coordinator)"
)
def update_agreement(request: HttpRequest, agreement_id: Id, data: AgreementUpdate):
    agreement = services.get_agreement(agreement_id)
    return services.public.agreement(services.update_agreement(actor=request.auth, agreement=agreement, data=data))


@router.get(
    "/agreements/{agreement_id}/funding", response=ok(FundingTotals), summary="Funding per phase (never binding)"
)
def agreement_funding(request: HttpRequest, agreement_id: Id, year: Year | None = None):
    agreement = services.get_visible_agreement(actor=request.auth, pk=agreement_id)
    return services.funding_totals(agreement=agreement, year=year)


@router.get(
    "/agreements/{agreement_id}/report/{year}", response=ok(YearlyReport), summary="Yearly report of an agreement"
)
def agreement_report(request: HttpRequest, agreement_id: Id, year: Year):
    agreement = services.get_visible_agreement(actor=request.auth, pk=agreement_id)
    return services.yearly_report(actor=request.auth, agreement=agreement, year=year)


@router.get(
    "/agreements/{agreement_id}/indicators", response=ok(list[IndicatorPublic]), summary="Indicators of an agreement"
)
def list_indicators(request: HttpRequest, agreement_id: Id):
    agreement = services.get_visible_agreement(actor=request.auth, pk=agreement_id)
    return [services.public.indicator(i) for i in services.reads.indicators_of(agreement)]


@router.post("/agreements/{agreement_id}/indicators", response=created(IndicatorPublic), summary="Add an indicator")
def create_indicator(request: HttpRequest, agreement_id: Id, data: IndicatorCreate):
    agreement = services.get_agreement(agreement_id)
    return Status(
        201, services.public.indicator(services.create_indicator(actor=request.auth, agreement=agreement, data=data))
    )


@router.get(
    "/indicators/{indicator_id}/years/{year}",
    response=ok(IndicatorYearPublic),
    summary="An indicator's target/value for a year",
)
def get_indicator_year(request: HttpRequest, indicator_id: Id, year: Year):
    indicator = services.get_indicator(actor=request.auth, pk=indicator_id)
    row = services.reads.indicator_year(indicator, year)
    if row is None:
        return IndicatorYearPublic(year=year)
    return IndicatorYearPublic(year=row.year, target=row.target, value=row.value, comment=row.comment)


@router.put(
    "/indicators/{indicator_id}/years/{year}",
    response=ok(IndicatorPublic),
    summary="Set an indicator's target/value for a year",
)
def set_indicator_year(request: HttpRequest, indicator_id: Id, year: Year, data: IndicatorYearIn):
    indicator = services.find_indicator(indicator_id)
    services.set_indicator_year(actor=request.auth, indicator=indicator, year=year, data=data)
    return services.public.indicator(indicator)


@router.get(
    "/party-invitations",
    response=list[PartyInvitationPublic],
    summary="Pending invitations to become a party (the invited organisation's coordinators)",
)
def list_party_invitations(request: HttpRequest):
    return [services.public.party_invitation(i) for i in services.pending_invitations(request.auth)]


@router.post(
    "/party-invitations/{invitation_id}/accept",
    response=ok(PartyInvitationPublic),
    summary="Accept: the organisation becomes a party",
)
def accept_party_invitation(request: HttpRequest, invitation_id: int):
    invitation = services.accept_party_invitation(
        actor=request.auth, invitation=services.find_invitation(invitation_id)
    )
    return services.public.party_invitation(invitation)


@router.post(
    "/party-invitations/{invitation_id}/decline",
    response=ok(PartyInvitationPublic),
    summary="Decline an invitation to become a party",
)
def decline_party_invitation(request: HttpRequest, invitation_id: int):
    invitation = services.decline_party_invitation(
        actor=request.auth, invitation=services.find_invitation(invitation_id)
    )
    return services.public.party_invitation(invitation)


@router.get("/bodies", response=list[BodyPublic], summary="Councils, steering and working groups")
def list_bodies(request: HttpRequest):
    return [services.public.body(b) for b in services.reads.list_bodies(request.auth)]


@router.post("/bodies", response=created(BodyPublic), summary="Set up a body (administrators)")
def create_body(request: HttpRequest, data: BodyCreate):
    return Status(201, services.public.body(services.create_body(actor=request.auth, data=data)))


@router.post(
    "/bodies/{body_id}/members", response=created(BodyPublic), summary="Add a member (administrators, the chair)"
)
def add_body_member(request: HttpRequest, body_id: Id, data: BodyMemberIn):
    body = services.get_body(body_id)
    organisation = services.get_organisation(data.organisation_id) if data.organisation_id else None
    services.add_body_member(
        actor=request.auth, body=body, user=services.get_person(data.user_id), organisation=organisation
    )
    return Status(201, services.public.body(body))


# ------------------------------------------------------------------ activities


@router.get("/activities", response=list[ActivityPublic], summary="Activities the user's organisations take part in")
def list_activities(
    request: HttpRequest,
    phase: PhaseCode | None = None,
    status: StatusCode | None = None,
    agreement: Id | None = None,
    area: Id | None = None,
    unit: Id | None = None,
    organisation: Id | None = None,
):
    qs = services.list_activities(actor=request.auth, phase=phase, status=status, agreement_id=agreement)
    qs = BoardFilters(area=area, unit=unit, organisation=organisation).apply(qs)
    return [services.public.activity(a) for a in qs]


@router.post(
    "/activities", response=created(ActivityPublic), summary="Create (or propose, with propose=true) an activity"
)
def create_activity(request: HttpRequest, data: ActivityCreate):
    return Status(201, services.public.activity(services.create_activity(actor=request.auth, data=data)))


@router.get("/activities/{activity_id}", response=ok(ActivityPublic), summary="One activity")
def get_activity(request: HttpRequest, activity_id: Id):
    return services.public.activity(services.get_activity(actor=request.auth, pk=activity_id))


@router.patch("/activities/{activity_id}", response=ok(ActivityPublic), summary="Edit an activity")
def update_activity(request: HttpRequest, activity_id: Id, data: ActivityUpdate):
    activity = services.find_activity(activity_id)
    return services.public.activity(services.update_activity(actor=request.auth, activity=activity, data=data))


@router.post(
    "/activities/{activity_id}/propose", response=ok(ActivityPublic), summary="Propose an idea to the steering group"
)
def propose(request: HttpRequest, activity_id: Id):
    activity = services.find_activity(activity_id)
    return services.public.activity(services.submit_proposal(actor=request.auth, activity=activity))


@router.post(
    "/activities/{activity_id}/decision", response=created(DecisionPublic), summary="Decide a proposal (steering group)"
)
def decide(request: HttpRequest, activity_id: Id, data: DecisionIn):
    activity = services.find_activity(activity_id)
    decision = services.decide_activity(
        actor=request.auth, activity=activity, decision=data.decision, justification=data.justification, date=data.date
    )
    return Status(201, services.public.decision(decision))


@router.post(
    "/activities/{activity_id}/transition", response=ok(ActivityPublic), summary="Move an activity along the workflow"
)
def transition(request: HttpRequest, activity_id: Id, data: TransitionIn):
    activity = services.find_activity(activity_id)
    activity = services.transition_activity(
        actor=request.auth,
        activity=activity,
        to_status=data.to_status,
        actual_participants=data.actual_participants,
        evaluation=data.evaluation,
    )
    return services.public.activity(activity)


@router.get(
    "/activities/{activity_id}/funding", response=ok(list[FundingPublic]), summary="Funding applications of an activity"
)
def list_funding(request: HttpRequest, activity_id: Id):
    activity = services.get_activity(actor=request.auth, pk=activity_id)
    return [services.public.funding(f) for f in services.reads.funding_of(activity)]


@router.post(
    "/activities/{activity_id}/funding", response=created(FundingPublic), summary="Register a funding application"
)
def create_funding(request: HttpRequest, activity_id: Id, data: FundingCreate):
    activity = services.find_activity(activity_id)
    return Status(
        201,
        services.public.funding(services.create_funding_application(actor=request.auth, activity=activity, data=data)),
    )


@router.get("/funding/{funding_id}", response=ok(FundingPublic), summary="One funding application")
def get_funding(request: HttpRequest, funding_id: Id):
    return services.public.funding(services.get_funding(actor=request.auth, pk=funding_id))


@router.patch("/funding/{funding_id}", response=ok(FundingPublic), summary="Update a funding application")
def update_funding(request: HttpRequest, funding_id: Id, data: FundingUpdate):
    application = services.find_funding(funding_id)
    return services.public.funding(
        services.update_funding_application(actor=request.auth, application=application, data=data)
    )


# meetings, competence needs, knowledge links and computed indicators (api_meetings.py)
from .api_meetings import router as _meetings_router  # noqa: E402

router.add_router("", _meetings_router)
from . import api_governance  # noqa: E402,F401 - adds the governance, document, body and unit routes
