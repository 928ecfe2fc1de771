"""User-defined region groups (owned by an organisation, audited) and the group pages, API and exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from kompetensbron.region_groups.models import RegionGroup
from kompetensbron.samverkan.models import AuditEntry, Membership, Organisation
from tests.web.table_exports import assert_exports_equal_tables

pytestmark = pytest.mark.django_db

API = "/api/v1/region-groups"


def _member(name: str, organisation: Organisation):
    user = get_user_model().objects.create_user(username=name, email=f"{name}@example.se", password="pw-test-123")
    Membership.objects.create(user=user, organisation=organisation, role="member")
    return user


@pytest.fixture
def orgs(db):
    region = Organisation.objects.create(name="Region Testland", kind="region")
    other = Organisation.objects.create(name="Annan region", kind="region")
    return region, other


def _client(user) -> Client:
    c = Client(enforce_csrf_checks=False)
    c.force_login(user)
    return c


def test_member_defines_changes_and_deletes_a_group_audited(orgs) -> None:
    region, other = orgs
    c = _client(_member("planerare", region))
    body = {"name": "Mälardalen", "level": "kommun", "codes": ["0180", "0380", "1980"], "organisation_id": region.pk}
    r = c.post(f"{API}/", body, content_type="application/json")
    assert r.status_code == 201, r.content
    out = r.json()
    assert out["names"] == ["Stockholm", "Uppsala", "Västerås"] and out["organisation"] == "Region Testland"
    key = out["key"]
    assert AuditEntry.objects.filter(action="region_groups.create", object_id=key[1:]).exists()

    assert c.post(f"{API}/", body, content_type="application/json").status_code == 422  # same name again
    bad = body | {"name": "Fel", "codes": ["0180", "9999"]}
    r = c.post(f"{API}/", bad, content_type="application/json")
    assert r.status_code == 422 and "9999" in r.json()["errors"]["codes"]
    assert c.post(f"{API}/", body | {"organisation_id": other.pk}, content_type="application/json").status_code == 403

    outsider = _client(_member("annan", other))
    assert outsider.put(f"{API}/{key}", body, content_type="application/json").status_code == 403
    assert outsider.delete(f"{API}/{key}").status_code == 403

    r = c.put(f"{API}/{key}", body | {"codes": ["0180", "0380"]}, content_type="application/json")
    assert r.status_code == 200 and r.json()["codes"] == ["0180", "0380"]
    assert AuditEntry.objects.filter(action="region_groups.update", object_id=key[1:]).exists()

    analysis = Client().get(f"{API}/{key}/analysis").json()
    assert [m["code"] for m in analysis["members"]] == ["0180", "0380"]
    assert analysis["total"]["ads_2024"] == sum(m["ads_2024"] for m in analysis["members"]) > 0
    assert analysis["retention"] is None  # per län only

    assert c.delete(f"{API}/{key}").status_code == 204
    assert not RegionGroup.objects.exists()
    assert AuditEntry.objects.filter(action="region_groups.delete").exists()


def test_predefined_group_in_list_api_page_and_exports() -> None:
    listed = Client().get(f"{API}/").json()
    assert listed[0]["key"] == "stockholm-malaren" and listed[0]["predefined"]
    assert Client().get(f"{API}/g0/analysis").status_code == 404
    assert Client().get(f"{API}/stockholm-malaren/analysis?ssyk_level=abc").status_code == 422

    api = Client().get(f"{API}/stockholm-malaren/analysis?ssyk_level=higher-education").json()
    page = Client().get("/regiongrupper/stockholm-malaren/?ssyk_level=higher-education")
    assert page.status_code == 200
    html = page.content.decode()
    for name in (
        "Stockholms län",
        "Uppsala län",
        "Södermanlands län",
        "Östergötlands län",
        "Örebro län",
        "Västmanlands län",
        "Gävleborgs län",
    ):
        assert name in html
    assert "<tfoot>" in html and "Summa Stockholm–Mälaren" in html and "SSYK 1–3" in html

    r = Client().get("/regiongrupper/stockholm-malaren.csv?ssyk_level=higher-education")
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0][2] == "Annonser 2024" and len(rows) == 9
    assert int(rows[-1][2]) == api["total"]["ads_2024"] == sum(int(x[2]) for x in rows[1:8])

    english = Client().get("/regiongrupper/stockholm-malaren.csv", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert next(csv.reader(io.StringIO(english)))[:3] == ["Code", "Region", "Ads 2024"]

    r = Client().get("/regiongrupper/stockholm-malaren.xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert sheet.cell(11, 2).value == "Stockholm–Mälaren (En Bättre Matchning, sju län)"
    assert sheet.cell(11, 3).value == sum(sheet.cell(i, 3).value for i in range(4, 11))
    nine = Client().get(f"{API}/en-battre-matchning-nio/analysis").json()
    assert [m["code"] for m in nine["members"]] == ["01", "03", "04", "05", "17", "18", "19", "20", "21"]
    assert nine["total"]["ads_2024"] == sum(m["ads_2024"] for m in nine["members"])
    assert Client().get("/regiongrupper/").status_code == 200
    assert Client().get("/regiongrupper/finns-inte/").status_code == 404


@pytest.mark.parametrize("language", ["sv", "en"])
def test_list_and_group_tables_as_csv_and_excel(client, language) -> None:
    """Issue 14: the list of groups and a group's tables (with the total row) download as shown."""
    assert assert_exports_equal_tables(client, "/regiongrupper/", HTTP_ACCEPT_LANGUAGE=language) == 1
    url = "/regiongrupper/stockholm-malaren/?ssyk_level=higher-education"
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) >= 1


def test_group_page_speaks_english() -> None:
    """Issue 14, item 5: the occupation selection and the notes under a group's table are in the
    page's language (they came from the analysis service in Swedish only)."""
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/regiongrupper/stockholm-malaren/").content.decode()
    assert "All occupations" in english and "Alla yrken" not in english
    assert "Utbud okänt" not in english
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/regiongrupper/stockholm-malaren/?ssyk_level=higher-education")
    shown = english.content.decode()
    assert "normally require" in shown and "normalt kräver" not in shown
    swedish = Client().get("/regiongrupper/stockholm-malaren/").content.decode()
    assert "Alla yrken" in swedish


def test_group_demand_method_is_one_text_per_level_in_both_languages() -> None:
    """The group's demand caption is one msgid per member level (not the statistics text with an
    English suffix glued on), shown through source_text in the page's language."""
    from django.template import Context, Template
    from django.utils import translation

    from kompetensbron.region_groups.analysis import _GROUP_METHOD

    shown = Template("{% load label_texts %}{{ m|source_text }}")
    for level in ("lan", "kommun"):
        with translation.override("sv"):
            sv = shown.render(Context({"m": _GROUP_METHOD[level]}))
        with translation.override("en"):
            en = shown.render(Context({"m": _GROUP_METHOD[level]}))
        assert sv.startswith("antal som i filen") and "gruppen = summan" in sv, sv
        assert en.startswith("counts as published") and "group = sum over its" in en and "antal" not in en, en


@pytest.mark.parametrize(
    ("language", "name", "description", "other"),
    [
        (
            "en",
            "Stockholm–Mälaren (En Bättre Matchning, seven counties)",
            "the seven counties of En Bättre Matchning",
            "sju län",
        ),
        ("sv", "Stockholm–Mälaren (En Bättre Matchning, sju län)", "de sju länen i En Bättre Matchning", "seven"),
    ],
)
def test_predefined_groups_named_in_the_request_language(language, name, description, other) -> None:
    """Review 19: the predefined groups' names and descriptions (Swedish source) in the request's
    language on the list page, the group page, the API and the CSV/Excel."""
    client = Client()
    lang = {"HTTP_ACCEPT_LANGUAGE": language}
    listed = client.get("/regiongrupper/", **lang).content.decode()
    assert name in listed and description in listed and other not in listed
    nine = "En Bättre Matchning, nine counties (widened)" if language == "en" else "nio län (utvidgat)"
    assert nine in listed
    page = client.get("/regiongrupper/stockholm-malaren/", **lang).content.decode()
    assert name in page and other not in page
    api = client.get(f"{API}/", **lang).json()[0]
    assert api["name"] == name and description in api["description"]
    assert client.get(f"{API}/stockholm-malaren/analysis", **lang).json()["total"]["name"] == name
    csv_text = client.get("/regiongrupper/stockholm-malaren.csv", **lang).content.decode()
    assert name in csv_text and other not in csv_text
    sheet = load_workbook(io.BytesIO(client.get("/regiongrupper/stockholm-malaren.xlsx", **lang).content)).active
    assert sheet.cell(11, 2).value == name
