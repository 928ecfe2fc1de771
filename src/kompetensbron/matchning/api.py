"""JSON routes of Matchning under ``/api/v1/matchning/``: thin wrappers over :mod:`.services`.

Session authentication (``django_auth``): anonymous requests get 401 and unsafe methods need a
valid CSRF token (403) — the students' self-registration is open by nature (an activation link
goes to the address given, nothing else is revealed) but needs the CSRF token too. Domain errors map
centrally (web/api.py): PermissionDenied → 403, ValidationFailed → 422, NotFound → 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from ninja.utils import check_csrf

from kompetensbron.input_types import Code
from kompetensbron.samverkan.services import get_organisation
from kompetensbron.web.api_responses import ERRORS, ErrorOut, created, ok

from . import aggregates as agg
from . import services
from . import skills as sk
from .profile_skills import DEFAULT_LIMIT, MAX_LIMIT, ProfileSkillOut, profile_skills
from .schemas import (
    Aggregates,
    AllowedDomainIn,
    AllowedDomainPublic,
    ApplicantPublic,
    ApplicationPublic,
    ApplicationTransitionIn,
    ApplyIn,
    HostRankingIn,
    OpportunityCreate,
    OpportunityPublic,
    OpportunityTransitionIn,
    OpportunityUpdate,
    OutcomeIn,
    OutcomePublic,
    PlacementIn,
    RankedList,
    RoundCreate,
    RoundOpportunitiesIn,
    RoundPublic,
    SkillRef,
    StudentInviteIn,
    StudentInviteOut,
    StudentProfilePublic,
    StudentProfileUpdate,
    StudentRankingIn,
    StudentRegistrationIn,
    StudentRegistrationOut,
    SuggestedSkills,
    SuggestSkillsIn,
)

router = Router(tags=["matchning"], auth=django_auth)


def anyone_with_csrf_token(request: HttpRequest) -> bool:
    """Auth of the open routes: anonymous allowed, but only with the CSRF token (as for the login),
    so another site cannot make a visitor's browser register addresses."""
    if check_csrf(request):
        raise HttpError(403, "CSRF check Failed")
    return True


class IndicatorComputeIn(Schema):
    kind: str
    organisation_id: int


class IndicatorYearOut(Schema):
    indicator_id: int
    year: int
    target: float | None = None
    value: float | None = None
    comment: str


class IndicatorValue(Schema):
    kind: str
    label: str
    organisation_id: int
    year: int
    value: float | None = None


__all__ = ["router"]

# ------------------------------------------------------------------ opportunities


@router.get(
    "/opportunities",
    response=list[OpportunityPublic],
    summary="Opportunities the user may see (students: published only)",
)
def list_opportunities(
    request: HttpRequest, status: str | None = None, kind: str | None = None, host: int | None = None
):
    qs = services.list_opportunities(actor=request.auth, status=status, kind=kind, host_id=host)[:500]
    return services.public.opportunities(qs)


@router.post(
    "/opportunities",
    response=created(OpportunityPublic),
    summary="Post an opportunity as a draft (members of the host)",
)
def create_opportunity(request: HttpRequest, data: OpportunityCreate):
    return Status(201, services.public.opportunity(services.create_opportunity(actor=request.auth, data=data)))


@router.get("/opportunities/{opportunity_id}", response=ok(OpportunityPublic), summary="One opportunity")
def get_opportunity(request: HttpRequest, opportunity_id: int):
    return services.public.opportunity(services.get_opportunity(actor=request.auth, pk=opportunity_id))


@router.patch(
    "/opportunities/{opportunity_id}",
    response=ok(OpportunityPublic),
    summary="Edit an opportunity (members of the host)",
)
def update_opportunity(request: HttpRequest, opportunity_id: int, data: OpportunityUpdate):
    opportunity = services.find_opportunity(opportunity_id)
    return services.public.opportunity(
        services.update_opportunity(actor=request.auth, opportunity=opportunity, data=data)
    )


@router.post(
    "/opportunities/{opportunity_id}/transition",
    response=ok(OpportunityPublic),
    summary="Move along draft → in_review → published → filled / closed (publishing: university or region coordinators)",
)
def transition_opportunity(request: HttpRequest, opportunity_id: int, data: OpportunityTransitionIn):
    opportunity = services.find_opportunity(opportunity_id)
    return services.public.opportunity(
        services.transition_opportunity(actor=request.auth, opportunity=opportunity, to_status=data.to_status)
    )


@router.post(
    "/opportunities/{opportunity_id}/apply",
    response=created(ApplicationPublic),
    summary="Apply (students, with consent to matching)",
)
def apply(request: HttpRequest, opportunity_id: int, data: ApplyIn):
    opportunity = services.get_opportunity(actor=request.auth, pk=opportunity_id)
    return Status(
        201, services.public.application(services.apply(actor=request.auth, opportunity=opportunity, data=data))
    )


@router.get(
    "/opportunities/{opportunity_id}/applicants",
    response=ok(list[ApplicantPublic]),
    summary="Applicants, best match first (the host)",
)
def applicants(request: HttpRequest, opportunity_id: int):
    return services.ranked_applicants(actor=request.auth, opportunity=services.find_opportunity(opportunity_id))


@router.get("/skills", response=list[SkillRef], summary="Search JobTech skills by label")
def search_skills(request: HttpRequest, q: str = ""):
    return sk.search(q)


@router.get(
    "/occupations/{ssyk}/profile-skills",
    response={200: list[ProfileSkillOut], 404: ErrorOut},
    summary="Essential skills of an SSYK-4 group's ESCO profile (suggestions for an opportunity)",
)
def occupation_profile_skills(request: HttpRequest, ssyk: Code, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)):
    return profile_skills(ssyk, limit=limit)


@router.post(
    "/skills/suggest", response=ok(SuggestedSkills), summary="Skills the extractor finds in a text (stores nothing)"
)
def suggest_skills(request: HttpRequest, data: SuggestSkillsIn):
    return SuggestedSkills(skills=services.suggest_skills(actor=request.auth, text=data.text))


# ------------------------------------------------------------------ students


@router.post(
    "/students/register",
    auth=anyone_with_csrf_token,
    response={201: StudentRegistrationOut, 403: ErrorOut, 422: ErrorOut},
    summary="Self-registration with an allowed university e-mail domain",
)
def register(request: HttpRequest, data: StudentRegistrationIn):
    return Status(201, services.register_student(data=data, base_url=request.build_absolute_uri("/")[:-1]))


@router.post(
    "/students/invitations",
    response=created(StudentInviteOut),
    summary="Invite a student (the university's coordinators)",
)
def invite_student(request: HttpRequest, data: StudentInviteIn):
    return Status(201, services.invite_student(actor=request.auth, data=data))


@router.get("/me/profile", response=ok(StudentProfilePublic), summary="The student's own profile")
def my_profile(request: HttpRequest):
    return services.public.profile(services.get_own_profile(actor=request.auth))


@router.patch(
    "/me/profile",
    response=ok(StudentProfilePublic),
    summary="Edit the own profile (courses → skills, preferences, consents)",
)
def update_my_profile(request: HttpRequest, data: StudentProfileUpdate):
    return services.public.profile(services.update_profile(actor=request.auth, data=data))


@router.get("/me/ranked", response=ok(RankedList), summary="The student's ranked opportunities with reasons")
def my_ranked(request: HttpRequest, top: int = 20):
    return services.ranked_for_student(actor=request.auth, top=top)


@router.get("/me/applications", response=list[ApplicationPublic], summary="The student's own applications")
def my_applications(request: HttpRequest):
    return [services.public.application(a) for a in services.own_applications(actor=request.auth)]


@router.post(
    "/applications/{application_id}/transition",
    response=ok(ApplicationPublic),
    summary="Host: shortlist/offer/reject; student: accept/decline/withdraw",
)
def transition_application(request: HttpRequest, application_id: int, data: ApplicationTransitionIn):
    application = services.find_application(application_id)
    return services.public.application(
        services.transition_application(actor=request.auth, application=application, to_status=data.to_status)
    )


@router.get("/domains", response=list[AllowedDomainPublic], summary="E-mail domains allowed to self-register")
def list_domains(request: HttpRequest):
    return [
        AllowedDomainPublic(id=d.pk, domain=d.domain, university_id=d.university_id, university=d.university.name)
        for d in services.allowed_domains()
    ]


@router.post("/domains", response=created(AllowedDomainPublic), summary="Allow an e-mail domain (administrators)")
def add_domain(request: HttpRequest, data: AllowedDomainIn):
    d = services.add_allowed_domain(actor=request.auth, data=data)
    return Status(
        201, AllowedDomainPublic(id=d.pk, domain=d.domain, university_id=d.university_id, university=d.university.name)
    )


@router.delete(
    "/domains/{domain_id}", response={204: None, **ERRORS}, summary="Remove an allowed domain (administrators)"
)
def delete_domain(request: HttpRequest, domain_id: int):
    services.delete_allowed_domain(actor=request.auth, pk=domain_id)
    return Status(204, None)


# ------------------------------------------------------------------ rounds


@router.get("/rounds", response=list[RoundPublic], summary="Rounds the user takes part in")
def list_rounds(request: HttpRequest):
    return [services.round_public(actor=request.auth, round_=r) for r in services.visible_rounds(request.auth)[:100]]


@router.post("/rounds", response=created(RoundPublic), summary="Create a round (the organiser's coordinators)")
def create_round(request: HttpRequest, data: RoundCreate):
    round_ = services.create_round(actor=request.auth, data=data)
    return Status(201, services.round_public(actor=request.auth, round_=round_))


@router.get("/rounds/{round_id}", response=ok(RoundPublic), summary="One round")
def get_round(request: HttpRequest, round_id: int):
    return services.round_public(actor=request.auth, round_=services.get_round(actor=request.auth, pk=round_id))


@router.put(
    "/rounds/{round_id}/opportunities", response=ok(RoundPublic), summary="Set the round's opportunities (coordinators)"
)
def set_round_opportunities(request: HttpRequest, round_id: int, data: RoundOpportunitiesIn):
    round_ = services.set_round_opportunities(actor=request.auth, round_=services.find_round(round_id), data=data)
    return services.round_public(actor=request.auth, round_=round_)


@router.put(
    "/rounds/{round_id}/ranking", response=ok(list[int]), summary="The student's ranking of the round's opportunities"
)
def rank_opportunities(request: HttpRequest, round_id: int, data: StudentRankingIn):
    return services.rank_opportunities(
        actor=request.auth, round_=services.get_round(actor=request.auth, pk=round_id), data=data
    )


@router.put(
    "/rounds/{round_id}/opportunities/{opportunity_id}/ranking",
    response=ok(list[int]),
    summary="The host's ranking of students",
)
def rank_students(request: HttpRequest, round_id: int, opportunity_id: int, data: HostRankingIn):
    round_ = services.find_round(round_id)
    return services.rank_students(
        actor=request.auth, round_=round_, opportunity=services.find_opportunity(opportunity_id), data=data
    )


@router.post(
    "/rounds/{round_id}/placements",
    response=ok(RoundPublic),
    summary="Lock (or remove) a manual placement (coordinators)",
)
def set_placement(request: HttpRequest, round_id: int, data: PlacementIn):
    round_ = services.find_round(round_id)
    services.set_placement(actor=request.auth, round_=round_, data=data)
    return services.round_public(actor=request.auth, round_=round_)


@router.post(
    "/rounds/{round_id}/run",
    response=ok(RoundPublic),
    summary="Allocate the round by deferred acceptance (coordinators)",
)
def run_round(request: HttpRequest, round_id: int):
    round_ = services.run_round(actor=request.auth, round_=services.find_round(round_id))
    return services.round_public(actor=request.auth, round_=round_)


@router.post("/rounds/{round_id}/close", response=ok(RoundPublic), summary="Close an allocated round (coordinators)")
def close_round(request: HttpRequest, round_id: int):
    round_ = services.close_round(actor=request.auth, round_=services.find_round(round_id))
    return services.round_public(actor=request.auth, round_=round_)


# ------------------------------------------------------------------ outcomes and aggregates


@router.put(
    "/placements/{placement_id}/outcome",
    response=ok(OutcomePublic),
    summary="Record a placement's outcome (host or university)",
)
def record_outcome(request: HttpRequest, placement_id: int, data: OutcomeIn):
    outcome = services.record_outcome(actor=request.auth, placement=services.find_placement(placement_id), data=data)
    return services.outcome_public(outcome)


@router.get(
    "/aggregates",
    response=ok(Aggregates),
    summary="Fill rate, top-3 share, time to match, hires, stayed (groups under 5 suppressed)",
)
def aggregates(request: HttpRequest, dimension: str | None = None, year: int | None = None):
    return agg.aggregates(dimension=dimension, year=year)


@router.get(
    "/indicators/{kind}", response=ok(IndicatorValue), summary="A Samverkan indicator value computed from placements"
)
def indicator(request: HttpRequest, kind: str, organisation_id: int, year: int):
    organisation = get_organisation(organisation_id)
    value = agg.indicator_value(kind, organisation, year)
    return IndicatorValue(
        kind=kind,
        label=_(agg.INDICATOR_KINDS[kind]),
        organisation_id=organisation.pk,
        year=year,
        value=float(value) if value is not None else None,
    )


@router.post(
    "/indicators/{indicator_id}/years/{year}/compute",
    response=ok(IndicatorYearOut),
    summary="Store a Samverkan indicator's value for a year, computed from placements (a party's coordinator)",
)
def compute_indicator(request: HttpRequest, indicator_id: int, year: int, data: IndicatorComputeIn):
    row = services.compute_indicator_year(
        actor=request.auth,
        indicator=services.find_indicator(indicator_id),
        year=year,
        kind=data.kind,
        organisation_id=data.organisation_id,
    )
    return IndicatorYearOut(
        indicator_id=row.indicator_id,
        year=row.year,
        target=float(row.target) if row.target is not None else None,
        value=float(row.value) if row.value is not None else None,
        comment=row.comment,
    )
