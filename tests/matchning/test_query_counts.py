"""SQL queries per Matchning page: a fixed number, not one or more per applicant or ranked student.

Each page is fetched with one student taking part, then with two: the number of queries must stay
the same, and under a fixed cap (which includes the login's session and user look-ups).
"""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetensbron.matchning import services
from kompetensbron.matchning.schemas import ApplyIn, RoundCreate, StudentRankingIn

# the login (2), memberships, the opportunity, profile, applications with their kommuner, skills, placements;
# the round page: + one ranking query pair per opportunity of the round
MAX_QUERIES = {"opportunity": 16, "round": 25}


def _queries(user, url: str) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_opportunity_page_of_the_host_queries_once_for_all_applicants(mworld):
    w = mworld
    opp = w.published(capacity=2)
    url = reverse("matchning:opportunity", args=[opp.pk])
    counts = []
    for student in (w.student, w.student2):
        application = services.apply(actor=student, opportunity=services.find_opportunity(opp.pk), data=ApplyIn())
        for to_status in ("offered", "accepted"):
            actor = student if to_status == "accepted" else w.employer_member
            services.transition_application(
                actor=actor, application=services.find_application(application.pk), to_status=to_status
            )
        counts.append(_queries(w.employer_member, url))
    assert counts[0] == counts[1] <= MAX_QUERIES["opportunity"], counts


def test_the_round_page_queries_once_for_all_ranked_students(mworld):
    w = mworld
    opp = w.published(title="VFU A")
    round_ = services.create_round(
        actor=w.uni_coordinator, data=RoundCreate(title="VFU", organiser_id=w.uni.pk, opportunity_ids=[opp.pk])
    )
    url = reverse("matchning:round", args=[round_.pk])
    counts = []
    for student in (w.student, w.student2):
        services.rank_opportunities(actor=student, round_=round_, data=StudentRankingIn(opportunity_ids=[opp.pk]))
        counts.append((_queries(w.uni_coordinator, url), _queries(w.employer_member, url)))
    assert counts[0] == counts[1], counts
    assert max(counts[1]) <= MAX_QUERIES["round"], counts
