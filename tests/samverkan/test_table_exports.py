"""Issue 14: the yearly report's tables (activities per phase and status, decisions, funding,
indicators against targets, meetings), a body's meetings and an agreement's funding totals download as CSV and Excel equal
to the tables shown, in both languages; amounts without needless decimals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kompetensbron.samverkan import services
from kompetensbron.samverkan.schemas import FundingCreate, IndicatorCreate, IndicatorYearIn
from kompetensbron.samverkan.schemas_meetings import MeetingCreate, NeedCreate
from tests.web.table_exports import assert_exports_equal_tables

from .meeting_fixtures import council, toy_reference

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["sv", "en"])
def test_report_and_agreement_tables_as_csv_and_excel(world, client, language):
    activity = world.proposed(title="=Praktikplatser")
    services.decide_activity(
        actor=world.sg_member, activity=activity, decision="approve", justification="Bra", date=dt.date(2025, 3, 1)
    )
    services.create_funding_application(
        actor=world.wg_member, activity=activity, data=FundingCreate(funder="ESF", amount_applied=1_150_000)
    )
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Praktikanter", unit="st")
    )
    services.set_indicator_year(
        actor=world.coordinator,
        indicator=indicator,
        year=2025,
        data=IndicatorYearIn(target=Decimal("12"), value=Decimal("11.00"), comment=""),
    )
    rådet = council(world, (world.coordinator, world.kommun), (world.sg_member, world.uni))
    services.meetings.create_meeting(
        actor=world.coordinator,
        body=rådet,
        data=MeetingCreate(date=dt.date(2025, 3, 12), title="Vårmötet", agenda="1. Läget", minutes="Noterat."),
    )
    client.force_login(world.coordinator)
    report = f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/"
    assert assert_exports_equal_tables(client, report, HTTP_ACCEPT_LANGUAGE=language) == 5
    meetings = f"/samverkan/organ/{rådet.pk}/moten/"
    assert assert_exports_equal_tables(client, meetings, HTTP_ACCEPT_LANGUAGE=language) == 1
    html = client.get(report, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "11,00" not in html and "11.00" not in html and "1150000" not in html
    csv = client.get(report + "?format=csv&table=beslut").content.decode("utf-8-sig")
    assert "'=Praktikplatser" in csv
    agreement = f"/samverkan/avtal/{world.agreement.pk}/"
    assert assert_exports_equal_tables(client, agreement, HTTP_ACCEPT_LANGUAGE=language) == 1
    pdf = client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_competence_needs_as_csv_and_excel(world, client, language):
    toy_reference()
    for title, headcount in (("Förskollärare", 12), ("=Sjuksköterskor", 4)):
        services.needs.create_need(
            actor=world.wg_member,
            data=NeedCreate(
                organisation_id=world.kommun.pk,
                title=title,
                headcount=headcount,
                needed_from=dt.date(2026, 8, 1),
                region_code="0126",
            ),
        )
    client.force_login(world.wg_member)
    assert assert_exports_equal_tables(client, "/samverkan/behov/", HTTP_ACCEPT_LANGUAGE=language) == 1


@pytest.fixture
def records(world):
    """An indicator with two years (and one without values), a computed indicator and a council
    meeting with a decision on the agreement, linked to an occupation."""
    from kompetensbron.samverkan.schemas_meetings import IndicatorSourceIn, LinkIn, MeetingDecisionIn

    typed = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="=Praktikanter", unit="st")
    )
    for year, target, value in ((2024, Decimal("10"), Decimal("8.50")), (2025, Decimal("1200"), None)):
        services.set_indicator_year(
            actor=world.coordinator,
            indicator=typed,
            year=year,
            data=IndicatorYearIn(target=target, value=value, comment="Halvår" if value is None else ""),
        )
    services.create_indicator(actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Tom"))
    computed = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Placeringar")
    )
    services.set_indicator_source(
        actor=world.coordinator,
        indicator=computed,
        data=IndicatorSourceIn(kind="matchning:placements", organisation_id=world.kommun.pk),
    )
    toy_reference()
    rådet = council(world, (world.coordinator, world.kommun), (world.sg_member, world.uni))
    meeting = services.meetings.create_meeting(
        actor=world.coordinator, body=rådet, data=MeetingCreate(date=dt.date(2025, 3, 12), title="Vårmötet")
    )
    decision = services.meetings.record_meeting_decision(
        actor=world.coordinator,
        meeting=meeting,
        data=MeetingDecisionIn(subject="agreement", decision="approve", justification="Avtalet gäller."),
    )
    services.add_decision_link(actor=world.coordinator, decision=decision, data=LinkIn(kind="occupation", ref="2343"))
    return {
        "indicators": f"/samverkan/avtal/{world.agreement.pk}/indikatorer/",
        "source": f"/samverkan/indikatorer/{computed.pk}/kalla/",
        "meeting": f"/samverkan/moten/{meeting.pk}/",
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_indicator_and_meeting_tables_as_csv_and_excel(world, client, records, language):
    client.force_login(world.coordinator)
    expected = {"indicators": 1, "source": 1, "meeting": 1}  # the indicator without values shows no table
    for name, count in expected.items():
        url = records[name]
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert html.count("<table") == html.count("<table data-export-key=") == count, (url, "a bare table")
        assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == count
    indicators = client.get(records["indicators"], HTTP_ACCEPT_LANGUAGE=language).content.decode()
    shown = ("1\u00a0200", "8,5") if language == "sv" else ("1,200", "8.5")  # no needless decimals
    assert all(f'<td class="num">{number}</td>' in indicators for number in shown), shown
    csv = client.get(records["indicators"] + "?format=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[1:] == ["2024,10.0,8.5,", "2025,1200.0,,Halvår"]
    meeting = client.get(records["meeting"], HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'action="/samverkan/beslut/' in meeting  # the link forms stay, outside the table
    decisions = client.get(records["meeting"] + "?format=csv&table=motesbeslut").content.decode("utf-8-sig")
    assert "Avtalet gäller." in decisions and "2343 Förskollärare" in decisions


def test_the_downloads_are_refused_as_the_pages_are(world, client, records):
    from django.conf import settings
    from django.shortcuts import resolve_url

    login = resolve_url(settings.LOGIN_URL)
    pages = [records["indicators"], records["source"], records["meeting"]]
    for url in pages:  # not logged in: the login page, for the page and for its files
        for suffix in ("", "?format=csv", "?format=xlsx"):
            response = client.get(url + suffix)
            assert response.status_code == 302 and response["Location"].startswith(login), (url, suffix)
    client.force_login(world.outsider)  # logged in, but sees neither the agreement nor the council
    for url in pages:
        page = client.get(url)
        assert page.status_code == 404, url
        for suffix in ("?format=csv", "?format=xlsx"):
            response = client.get(url + suffix)
            assert response.status_code == 404 and "attachment" not in response.get("Content-Disposition", ""), url
