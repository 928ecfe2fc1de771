"""Number formats of the Samverkan pages (issue 14): money in whole kronor with the language's
thousands separator, counts without decimals, "ej rapporterat" where nothing was reported."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from kompetensbron.samverkan import services
from kompetensbron.samverkan.templatetags.samverkan_tags import amount, money, reported

NBSP = "\u00a0"


def _plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("\u202f", " ")


def test_money_count_and_reported_in_both_languages():
    with translation.override("sv"):
        assert _plain(money(Decimal("1150000.00"))) == "1 150 000 kr"
        assert _plain(money(Decimal("1500.50"))) == "1 500,50 kr"
        assert amount(Decimal("11.00")) == "11" and amount(Decimal("2.50")) == "2,5"
        assert reported(None) == "ej rapporterat" and reported(0) == "0"
    with translation.override("en"):
        assert money(Decimal("1150000.00")) == "1,150,000 kr"
        assert amount(Decimal("2.50")) == "2.5"
        assert reported(None) == "not reported"
    assert money(None) == "–" and amount(None) == "–"


@pytest.mark.django_db
def test_yearly_report_says_ej_rapporterat_not_zero(world, client):
    activity = world.decided()
    report = services.yearly_report(actor=world.admin, agreement=world.agreement, year=2025)
    assert report.participants_expected == 10 and report.participants_actual is None
    client.force_login(world.admin)
    html = client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/").content.decode()
    assert "faktiskt ej rapporterat" in html and "faktiskt 0" not in html
    english = client.get(
        f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "actual not reported" in english
    del activity


@pytest.mark.django_db
def test_activity_page_shows_money_and_participants_in_the_languages_format(world, client):
    from kompetensbron.samverkan.schemas import FundingCreate

    activity = world.decided()
    services.create_funding_application(
        actor=world.wg_member,
        activity=activity,
        data=FundingCreate(
            funder="ESF", amount_applied=Decimal("1150000.00"), amount_granted=Decimal("1500.50"), status="granted"
        ),
    )
    client.force_login(world.admin)
    url = f"/samverkan/aktiviteter/{activity.pk}/"
    html = _plain(client.get(url).content.decode())
    assert "1 150 000 kr" in html and "1 500,50 kr" in html and "1150000,00" not in html
    assert "10 / ej rapporterat" in html
    english = _plain(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "1,150,000 kr" in english and "1,500.50 kr" in english and "10 / not reported" in english
