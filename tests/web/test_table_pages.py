"""Issue 14, "every table page offers CSV and Excel that equal the table": each page below renders
every one of its tables with ``includes/data_table.html`` (no bare ``<table>``), offers a CSV and
an Excel link per table, and both files hold the page's rows (:mod:`tests.web.table_exports`).

The template check keeps the list honest: every template that writes ``<table`` itself is either
the shared include or listed in ``OWN_TABLES`` with its reason — a new bare table fails, and a
converted template must leave that list. Pages that need their own data are checked beside their
app's fixtures: the dossier (tests/dossier/test_tables.py), the housing queue statistics and
simulator (tests/housing/test_table_exports.py), the graduate pages and import log
(tests/graduates/test_table_exports.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.labour_market.conftest import stats_var, use_var  # noqa: F401 — the warehouse these pages read
from tests.web.table_exports import assert_exports_equal_tables

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

SRC = Path(__file__).resolve().parents[2] / "src" / "kompetensbron"

#: every page that shows a table, with query strings for its variants (reference data + statistics)
TABLE_PAGES = [
    "/",
    "/regioner/",
    "/yrken/2221/",
    "/efterfragan/",
    "/efterfragan/?level=kommun",
    "/efterfragan/yrke/2221/",
    "/efterfragan/region/lan/22/",
    "/efterfragan/region/kommun/2281/",
    "/efterfragan/jamfor/?level=lan&a=23&b=22",
    "/efterfragan/balans/",
    "/efterfragan/balans/?ssyk=2221",
    "/efterfragan/balans/?ssyk=2221&level=fa",
    "/efterfragan/prognos/?yrke=1JfT_7TR_tqA&matt=retirements",
]

#: templates that write their own <table>, and why: a fact sheet (one record's fields, not rows),
#: a form laid out as a table (inputs or actions per row), or not yet converted (issue 14 left)
OWN_TABLES = {
    "dossier/versions.html": "form: choose two versions to compare",
    "education/_occupation_links.html": "form: confirm/reject buttons per link (editors)",
    "education/import.html": "form: the problems of an uploaded file",
    "labour_market/_gap_group.html": "fact sheet: a region group's totals (its län are the balance table's rows)",
    "matchning/home.html": "form: the user's own applications with actions",
    "matchning/opportunity_detail.html": "form: applicants (personal data) with actions",
    "matchning/round_detail.html": "form: a student's ranking inputs",
    "samverkan/_party_invitations.html": "form: invitations with answer buttons",
    "samverkan/activity_detail.html": "fact sheet",
    "samverkan/agreement_detail.html": "fact sheet",
    "samverkan/body_detail.html": "fact sheet",
    "samverkan/need_detail.html": "fact sheet",
    "samverkan/organisation_list.html": "form: organisations with edit actions",
}


@pytest.mark.parametrize("url", TABLE_PAGES)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_table_has_csv_and_excel_equal_to_it(client, stats_var, use_var, url, language) -> None:  # noqa: F811
    use_var(stats_var)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    tables = len(re.findall(r"<table[\s>]", html))
    exportable = len(re.findall(r"<table data-export-key=", html))
    assert tables == exportable, f"{url}: {tables - exportable} of {tables} tables without downloads"
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == exportable


def test_templates_with_their_own_tables_are_listed() -> None:
    own = {
        p.relative_to(SRC).as_posix().split("/templates/", 1)[1]
        for p in SRC.glob("*/templates/**/*.html")
        if "<table" in p.read_text(encoding="utf-8")
    } - {"includes/data_table.html"}
    assert own == set(OWN_TABLES), {
        "new bare tables": own - set(OWN_TABLES),
        "converted": set(OWN_TABLES) - own,
    }
