"""The dossier's tables (issue 14, "every table page offers CSV and Excel that equal the table"):
the live page, its htmx figures, a frozen version and the comparison each offer a CSV and an
Excel file per table, holding the page's rows, in the reader's language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from kompetensbron.dossier import services
from kompetensbron.dossier.schemas import InputIn
from tests.web.table_exports import assert_exports_equal_tables, page_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_input(linked, user):
    services.add_input(
        actor=user,
        programme_id=linked.pk,
        data=InputIn(kind="employer", date=dt.date(2025, 3, 14), author_name="A", organisation="=Org", text="Mer."),
    )
    return linked


def _all_tables_exportable(html: str) -> int:
    tables = len(re.findall(r"<table[\s>]", html))
    assert tables == len(re.findall(r"<table data-export-key=", html)), "a table without downloads"
    return tables


@pytest.mark.parametrize("language", ["sv", "en"])
def test_dossier_tables_have_csv_and_excel_equal_to_them(with_input, client, language) -> None:
    pk = with_input.pk
    figures = f"/relevans/program/{pk}/siffror/"
    html = client.get(figures, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert _all_tables_exportable(html) == 5  # occupations, demand, outlook, outcomes, inputs
    for url in (f"/relevans/program/{pk}/", figures):
        assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 5
    csv = client.get(f"/relevans/program/{pk}/?format=csv&table=malyrken", HTTP_ACCEPT_LANGUAGE=language)
    words = ("Poäng", "föreslagen") if language == "sv" else ("Score", "suggested")
    assert all(w in csv.content.decode("utf-8-sig") for w in words)  # the reader's language, not the cache's


def test_the_figures_fragment_links_to_a_url_that_answers(with_input, client) -> None:
    pk = with_input.pk
    html = client.get(f"/relevans/program/{pk}/siffror/", HTTP_HX_REQUEST="true").content.decode()
    tables, links = page_tables(html)
    assert set(tables) == {"malyrken", "efterfragan", "prognos", "utfall", "synpunkter"}
    for link in links:
        assert link.startswith(f"/relevans/program/{pk}/?format="), link
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert client.get(f"/relevans/program/{pk}/?format=csv&table=nosuch").status_code == 404


def test_pdf_page_has_no_download_links(with_input) -> None:
    from django.template.loader import render_to_string

    from kompetensbron.dossier.page_contexts import DossierPage

    page = DossierPage.build(services.build_dossier(programme_id=with_input.pk), for_print=True)
    html = render_to_string("dossier/print.html", {"page": page})
    assert "data-export-key" in html and "format=csv" not in html


def test_frozen_version_and_comparison_tables(with_input) -> None:
    from django.contrib.auth import get_user_model

    from kompetensbron.dossier.version_schemas import FreezeIn
    from kompetensbron.dossier.versions import freeze_dossier

    staff = get_user_model().objects.create_superuser(username="granskare", password="pw-test-123")
    version = freeze_dossier(actor=staff, programme_id=with_input.pk, data=FreezeIn(label="Test"))
    client = Client()
    assert assert_exports_equal_tables(client, f"/relevans/version/{version.id}/") == 5
    compare = f"/relevans/jamfor/?left=v{version.id}&right=p{with_input.pk}"
    assert _all_tables_exportable(client.get(compare).content.decode()) == 1
    assert assert_exports_equal_tables(client, compare) == 1
    english = client.get(compare + "&format=csv", HTTP_ACCEPT_LANGUAGE="en").content.decode("utf-8-sig")
    assert english.startswith("Section,Item,")
