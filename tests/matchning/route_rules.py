"""Matchning's write routes → the rule each enforces (read by tests/web/test_permission_matrix.py).

``setup(w)`` adds a student of the matrix university, an opportunity hosted by the matrix
company (published, applied to), one in review, a round with it, an allocated round, a
placement and an allowed e-mail domain. The students' self-registration is open (``public``):
it only sends an activation link to an address at an allowed university domain.
"""

API = "/api/v1/matchning"
PAGES = "/matchning"

OPPORTUNITY = {
    "host_id": 0,
    "kind": "degree_project",
    "title": "Matrisexjobb",
    "description": "Prognoser.",
    "capacity": 1,
}
OPPORTUNITY_FORM = lambda w: {  # noqa: E731
    "host": w.other.pk,
    "kind": "degree_project",
    "title": "Matrisexjobb",
    "description": "Prognoser.",
    "capacity": 1,
    "work_mode": "on_site",
}


def setup(w):
    from kompetensbron.matchning import services
    from kompetensbron.matchning.models import AllowedEmailDomain, Placement, StudentProfile
    from kompetensbron.matchning.schemas import ApplyIn, OpportunityCreate, RoundCreate, StudentProfileUpdate

    student = type(w.no_role).objects.create_user(
        username="student@matrix.invalid", email="student@matrix.invalid", password="pw-test-123"
    )
    w.m_profile = StudentProfile.objects.create(user=student, university=w.uni)
    services.update_profile(actor=student, data=StudentProfileUpdate(consent_matching=True))
    data = OPPORTUNITY | {"host_id": w.other.pk}
    w.m_published = services.create_opportunity(actor=w.admin, data=OpportunityCreate(**data))
    services.transition_opportunity(actor=w.admin, opportunity=w.m_published, to_status="in_review")
    w.m_published = services.transition_opportunity(
        actor=w.admin, opportunity=services.find_opportunity(w.m_published.pk), to_status="published"
    )
    w.m_review = services.create_opportunity(actor=w.admin, data=OpportunityCreate(**(data | {"title": "Granskas"})))
    services.transition_opportunity(actor=w.admin, opportunity=w.m_review, to_status="in_review")
    w.m_application = services.apply(actor=student, opportunity=w.m_published, data=ApplyIn())
    w.m_round = services.create_round(
        actor=w.admin, data=RoundCreate(title="Matrisomgång", organiser_id=w.uni.pk, opportunity_ids=[w.m_published.pk])
    )
    w.m_allocated = services.create_round(
        actor=w.admin, data=RoundCreate(title="Klar omgång", organiser_id=w.uni.pk, opportunity_ids=[w.m_published.pk])
    )
    services.run_round(actor=w.admin, round_=w.m_allocated)
    w.m_placement = Placement.objects.create(
        opportunity=w.m_published, student=w.m_profile, university=w.uni, source="manual"
    )
    w.m_domain = AllowedEmailDomain.objects.create(domain="matrisstudent.invalid", university=w.uni)


ROUTES = {
    # ---------------------------------------------------------------- API
    f"POST {API}/opportunities": {
        "rule": "matchning.add_opportunity",
        "path": f"{API}/opportunities",
        "body": lambda w: OPPORTUNITY | {"host_id": w.other.pk},
    },
    f"PATCH {API}/opportunities/{{opportunity_id}}": {
        "rule": "matchning.change_opportunity",
        "path": lambda w: f"{API}/opportunities/{w.m_published.pk}",
        "body": {"pay": "Lön"},
    },
    f"POST {API}/opportunities/{{opportunity_id}}/transition": {
        "rule": "matchning.publish_opportunity",
        "path": lambda w: f"{API}/opportunities/{w.m_review.pk}/transition",
        "body": {"to_status": "published"},
    },
    f"POST {API}/opportunities/{{opportunity_id}}/apply": {
        "rule": "matchning.apply",
        "path": lambda w: f"{API}/opportunities/{w.m_published.pk}/apply",
        "body": {"message": "Hej"},
    },
    # stores nothing: any logged-in user may have a text's skills suggested
    f"POST {API}/skills/suggest": {
        "rule": "authenticated",
        "path": f"{API}/skills/suggest",
        "body": {"text": "Python och SQL"},
    },
    f"POST {API}/students/register": {
        "rule": "public",
        "path": f"{API}/students/register",
        "body": {"email": "ny@matrisstudent.invalid"},
    },
    f"POST {API}/students/invitations": {
        "rule": "matchning.invite_student",
        "path": f"{API}/students/invitations",
        "body": lambda w: {"email": "inbjuden@matrix.invalid", "university_id": w.uni.pk},
    },
    f"PATCH {API}/me/profile": {
        "rule": "matchning.change_profile",
        "path": f"{API}/me/profile",
        "body": {"consent_followup": True},
    },
    f"POST {API}/applications/{{application_id}}/transition": {
        "rule": "matchning.decide_application",
        "path": lambda w: f"{API}/applications/{w.m_application.pk}/transition",
        "body": {"to_status": "shortlisted"},
    },
    f"POST {API}/domains": {
        "rule": "matchning.manage_domains",
        "path": f"{API}/domains",
        "body": lambda w: {"domain": "ny.matrix.invalid", "university_id": w.uni.pk},
    },
    f"DELETE {API}/domains/{{domain_id}}": {
        "rule": "matchning.manage_domains",
        "path": lambda w: f"{API}/domains/{w.m_domain.pk}",
    },
    f"POST {API}/rounds": {
        "rule": "matchning.add_round",
        "path": f"{API}/rounds",
        "body": lambda w: {"title": "Sommar", "organiser_id": w.uni.pk, "opportunity_ids": [w.m_published.pk]},
    },
    f"PUT {API}/rounds/{{round_id}}/opportunities": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{API}/rounds/{w.m_round.pk}/opportunities",
        "body": lambda w: {"opportunity_ids": [w.m_published.pk]},
    },
    f"PUT {API}/rounds/{{round_id}}/ranking": {
        "rule": "matchning.rank_in_round",
        "path": lambda w: f"{API}/rounds/{w.m_round.pk}/ranking",
        "body": lambda w: {"opportunity_ids": [w.m_published.pk]},
    },
    f"PUT {API}/rounds/{{round_id}}/opportunities/{{opportunity_id}}/ranking": {
        "rule": "matchning.host_rank",
        "path": lambda w: f"{API}/rounds/{w.m_round.pk}/opportunities/{w.m_published.pk}/ranking",
        "body": lambda w: {"student_ids": [w.m_profile.pk]},
    },
    f"POST {API}/rounds/{{round_id}}/placements": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{API}/rounds/{w.m_round.pk}/placements",
        "body": lambda w: {"student_id": w.m_profile.pk, "opportunity_id": w.m_published.pk},
    },
    f"POST {API}/rounds/{{round_id}}/run": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{API}/rounds/{w.m_round.pk}/run",
    },
    f"POST {API}/rounds/{{round_id}}/close": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{API}/rounds/{w.m_allocated.pk}/close",
    },
    f"PUT {API}/placements/{{placement_id}}/outcome": {
        "rule": "matchning.record_outcome",
        "path": lambda w: f"{API}/placements/{w.m_placement.pk}/outcome",
        "body": {"completed": True, "hired": True},
    },
    # stores a Samverkan indicator year: Samverkan's rule on the indicator's agreement
    f"POST {API}/indicators/{{indicator_id}}/years/{{year}}/compute": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"{API}/indicators/{w.indicator.pk}/years/2026/compute",
        "body": lambda w: {"kind": "placements", "organisation_id": w.uni.pk},
    },
    # ---------------------------------------------------------------- pages
    "POST matchning:opportunity_create": {
        "rule": "matchning.add_opportunity",
        "path": f"{PAGES}/mojligheter/ny/",
        "body": OPPORTUNITY_FORM,
    },
    "POST matchning:opportunity_edit": {
        "rule": "matchning.change_opportunity",
        "path": lambda w: f"{PAGES}/mojligheter/{w.m_published.pk}/redigera/",
        "body": OPPORTUNITY_FORM,
    },
    "POST matchning:opportunity_transition": {
        "rule": "matchning.publish_opportunity",
        "path": lambda w: f"{PAGES}/mojligheter/{w.m_review.pk}/status/",
        "body": {"to_status": "published"},
    },
    "POST matchning:opportunity_apply": {
        "rule": "matchning.apply",
        "path": lambda w: f"{PAGES}/mojligheter/{w.m_published.pk}/sok/",
        "body": {"message": "Hej"},
    },
    "POST matchning:application_transition": {
        "rule": "matchning.decide_application",
        "path": lambda w: f"{PAGES}/ansokningar/{w.m_application.pk}/status/",
        "body": {"to_status": "shortlisted"},
    },
    "POST matchning:outcome": {
        "rule": "matchning.record_outcome",
        "path": lambda w: f"{PAGES}/placeringar/{w.m_placement.pk}/utfall/",
        "body": lambda w: {f"p{w.m_placement.pk}-completed": "true", f"p{w.m_placement.pk}-hired": "true"},
    },
    "POST matchning:profile": {
        "rule": "matchning.change_profile",
        "path": f"{PAGES}/profil/",
        "body": {"programme_name": "Statistik"},
    },
    "POST matchning:register": {
        "rule": "public",
        "path": f"{PAGES}/registrera/",
        "body": {"email": "ny@matrisstudent.invalid"},
    },
    "POST matchning:round_create": {
        "rule": "matchning.add_round",
        "path": f"{PAGES}/omgangar/ny/",
        "body": lambda w: {"title": "Sommar", "organiser": w.uni.pk},
    },
    "POST matchning:round_opportunities": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{PAGES}/omgangar/{w.m_round.pk}/mojligheter/",
        "body": lambda w: {"opportunity": [w.m_published.pk]},
    },
    "POST matchning:round_rank": {
        "rule": "matchning.rank_in_round",
        "path": lambda w: f"{PAGES}/omgangar/{w.m_round.pk}/rangordning/",
        "body": lambda w: {f"rank-{w.m_published.pk}": "1"},
    },
    "POST matchning:round_host_rank": {
        "rule": "matchning.host_rank",
        "path": lambda w: f"{PAGES}/omgangar/{w.m_round.pk}/mojligheter/{w.m_published.pk}/rangordning/",
        "body": lambda w: {f"student-{w.m_profile.pk}": "1"},
    },
    "POST matchning:round_placement": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{PAGES}/omgangar/{w.m_round.pk}/placering/",
        "body": lambda w: {"student_id": w.m_profile.pk, "opportunity_id": w.m_published.pk},
    },
    "POST matchning:round_run": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{PAGES}/omgangar/{w.m_round.pk}/kor/",
    },
    "POST matchning:round_close": {
        "rule": "matchning.manage_round",
        "path": lambda w: f"{PAGES}/omgangar/{w.m_allocated.pk}/avsluta/",
    },
}
