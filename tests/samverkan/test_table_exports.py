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
