"""SQL queries per Samverkan page (issue 5): a fixed number, not one or more per activity or body.

Each page is fetched with 9 activities (and 2 bodies), then with 30 activities (and 8 bodies, each
with members): the number of queries must stay the same, and under a fixed cap. The caps include
the session and user look-ups of the login (2 queries).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kompetensbron.samverkan import services
from kompetensbron.samverkan.schemas import BodyCreate, FundingCreate

from .conftest import make_user

YEAR = 2025  # the activities of the ``world`` fixture run in 2025

# board and activity: + areas, units and the parties' approvals (issue 12); agreement: + units of bodies and
# indicators, areas of indicators; report: + areas of activities and indicators
# and the board's filter choices (organisations, areas, units); the activity page: + next steps and
# the governance forms (the parties' answers, the rules of approve / note / move)
# board: + the latest meetings of the user's bodies (one query; the crawl reaches the meeting forms by it)
MAX_QUERIES = {"board": 18, "activity": 17, "agreement": 16, "yearly report": 17}


def _add(world, activities: int, bodies: int, start: int = 0) -> int:
    """Add decided activities (each with a partner, a decision and a funding application) and
    bodies with members to the world's agreement; return the last activity's id."""
    last = None
    for i in range(start, start + activities):
        last = world.decided(title=f"Aktivitet {i}", phase=("attract", "stimulate", "retain", "develop")[i % 4])
        services.create_funding_application(
            actor=world.wg_member, activity=last, data=FundingCreate(funder="ESF", amount_applied=Decimal("1000"))
        )
    for i in range(start, start + bodies):
        body = services.create_body(
            actor=world.admin,
            data=BodyCreate(
                name=f"Referensgrupp {i}",
                kind="working_group",
                agreement_id=world.agreement.pk,
                parent_id=world.steering.pk,
                organisation_ids=[world.kommun.pk, world.uni.pk],
            ),
        )
        services.add_body_member(actor=world.admin, body=body, user=world.wg_member, organisation=world.kommun)
        services.add_body_member(
            actor=world.admin, body=body, user=make_user(f"ledamot-{body.pk}@test.invalid"), organisation=world.uni
        )
    return last.pk


def _pages(world, activity_pk: int) -> dict[str, str]:
    agreement = world.agreement.pk
    return {
        "board": "/samverkan/",
        "activity": f"/samverkan/aktiviteter/{activity_pk}/",
        "agreement": f"/samverkan/avtal/{agreement}/",
        "yearly report": f"/samverkan/avtal/{agreement}/arsrapport/{YEAR}/",
    }


def _counts(client: Client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in pages.items():
        client.get(url)  # first request of the page: nothing lazily cached is counted
        with CaptureQueriesContext(connection) as ctx:
            resp = client.get(url)
        assert resp.status_code == 200, (name, resp.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


@pytest.mark.parametrize("user", ["wg_member", "sg_member", "coordinator"])
def test_queries_per_page_do_not_grow_with_activities_or_bodies(world, user):
    client = Client()
    client.force_login(getattr(world, user))
    first = _add(world, activities=9, bodies=2)
    few = _counts(client, _pages(world, first))
    _add(world, activities=21, bodies=6, start=100)
    many = _counts(client, _pages(world, first))
    assert many == few, f"queries grow with the data: 9 activities {few}, 30 activities {many}"


@pytest.mark.parametrize("page", list(MAX_QUERIES))
def test_each_page_stays_under_its_query_cap(world, page, django_assert_max_num_queries):
    first = _add(world, activities=30, bodies=8)
    url = _pages(world, first)[page]
    client = Client()
    client.force_login(world.wg_member)
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        resp = client.get(url)
    assert resp.status_code == 200
