"""Site-wide pages: start page, header and language switch, 404, login, static assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

from kompetensbron.reference.page_contexts import HomePage
from kompetensbron.reference.services import list_data_sources, reference_counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

LOCALE_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def test_home_page_in_swedish_by_default(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert '<html lang="sv">' in html
    for module in ("Kunskapsbas", "Samverkan", "Matchning", "Studentbostäder"):
        assert module in html
    assert "Delvis i drift" in html and "Kommer" in html
    assert "Inläst referensdata" in html and "Källor" in html


def test_home_page_shows_operator_commands_to_staff_only_and_links_every_module(client, django_user_model):
    """Issue 14, item 4: no operator command (``kompetensbron init --demo``) for end users; the
    modules that are in use (Matchning, Studentbostäder) are linked, not announced as coming."""
    html = client.get("/").content.decode()
    assert "kompetensbron " not in re.sub(r"<[^>]+>", "", html.split("<main", 1)[1])
    assert 'href="/matchning/"' in html.split("<main", 1)[1]
    assert 'href="/studentbostader/"' in html.split("<main", 1)[1]
    staff = django_user_model.objects.create_user("staff-home", "staff-home@example.se", "Staff-pass-14-xyz")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert "kompetensbron init --demo" in html and "kompetensbron data-status" in html


def test_home_page_context_has_counts_and_sources(client):
    page = client.get("/").context["page"]
    assert isinstance(page, HomePage)
    counts = {row.key: row.value for row in page.counts}
    assert counts == reference_counts()
    assert counts["kommuner"] == 290 and counts["lan"] == 21
    assert [s.dataset for s in page.sources] == [s.dataset for s in list_data_sources()]


def test_home_page_lists_every_loaded_source(client):
    html = client.get("/").content.decode()
    for source in list_data_sources():
        assert source.dataset in html
        assert source.source_file in html
    assert "jobtech/taxonomy/ssyk-level-4-groups.json" in html
    assert "SSYK 2012 undergrupper (nivå 4)" in html


def test_header_links_every_section(client):
    html = client.get("/").content.decode()
    for href in ("/yrken/", "/regioner/", "/api/v1/docs", "/konto/logga-in/", "/i18n/setlang/"):
        assert f'"{href}' in html, href
    assert '"/admin/' not in html  # "Admin" only for staff (tests/web/test_accounts.py)
    assert re.search(r'<a href="/"\s+aria-current="page">Start</a>', html)


def test_english_by_cookie(english):
    html = english.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Four modules over one knowledge base" in html
    assert "Knowledge base" in html and "Student housing" in html
    assert "Reference data loaded" in html


def test_english_by_accept_language(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="en">' in html and "Occupations" in html


def test_language_switch_form_posts_to_set_language(client):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    html = browser.get("/yrken/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert 'name="next" value="/yrken/"' in html
    r = browser.post("/i18n/setlang/", {"language": "en", "next": "/yrken/", "csrfmiddlewaretoken": token})
    assert r.status_code == 302 and r["Location"] == "/yrken/"
    assert browser.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = browser.get("/yrken/").content.decode()
    assert "<h1>Occupations</h1>" in html
    assert re.search(r'value="en" lang="en"\s+aria-pressed="true"', html)


def test_signed_in_user_gets_a_logout_button(client, django_user_model):
    user = django_user_model.objects.create_user("analytiker", password="x-Very-long-secret-1")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert re.search(r'<form class="logout" action="/konto/logga-ut/" method="post">', html)
    assert "Logga ut analytiker" in html and 'href="/konto/logga-in/' not in html


def test_unknown_address_gets_the_friendly_404(client):
    r = client.get("/finns-inte/")
    assert r.status_code == 404
    assert "404.html" in [t.name for t in r.templates]
    html = r.content.decode()
    assert "Sidan finns inte" in html and "/finns-inte/" in html
    assert 'href="/yrken/"' in html


def test_404_in_english(english):
    html = english.get("/finns-inte/").content.decode()
    assert "Page not found" in html


def test_login_page_renders(client):
    r = client.get("/konto/logga-in/")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="password"' in html
    # issue 14, item 4: required markers and their explanation, as on every form
    assert html.count('class="required-marker"') == 2 and "Fält märkta * är obligatoriska." in html


def test_static_assets_are_served_locally():
    for path in ("web/css/site.css", "web/js/region_map.js", "web/favicon.svg"):
        assert finders.find(path), path
    for path in ("vendor/htmx/htmx.min.js", "vendor/echarts/echarts.min.js"):
        assert finders.find(path), f"{path} missing: run 'npm ci' at the repository root"


def test_pages_load_no_script_or_style_from_another_site(client):
    for url in ("/", "/yrken/", "/regioner/"):
        html = client.get(url).content.decode()
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html), url


OUR_SOURCES = ("web/", "reference/")  # other apps translate their own strings


def _po_entries(text: str) -> dict[str, tuple[str, list[str]]]:
    """msgid (with its msgctxt) -> (msgstr or first plural, source files) of a .po file."""
    entries: dict[str, tuple[str, list[str]]] = {}
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        files: list[str] = []
        key = None
        for line in block.splitlines():
            if line.startswith("#:"):
                files += line[2:].split()
                continue
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            msgid = fields["msgid"].encode().decode("unicode_escape").encode("latin-1").decode()
            if "msgctxt" in fields:
                msgid = f"{fields['msgctxt']}\x04{msgid}"
            entries[msgid] = (fields.get("msgstr", fields.get("msgstr[0]", "")), files)
    return entries


def test_english_catalog_covers_our_pages_and_is_compiled():
    import gettext

    po = _po_entries((LOCALE_DIR / "django.po").read_text(encoding="utf-8"))
    ours = {k: v for k, (v, files) in po.items() if any(f.startswith(OUR_SOURCES) for f in files)}
    assert len(ours) > 100
    untranslated = [k for k, v in ours.items() if not v]
    assert not untranslated, f"untranslated in django.po: {untranslated}"
    with (LOCALE_DIR / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    compiled_ids = {k[0] if isinstance(k, tuple) else k for k in compiled._catalog if k}
    translated = {k for k, (v, _files) in po.items() if v}
    missing = translated - compiled_ids
    assert not missing, f"django.mo is older than django.po; run 'django-admin compilemessages': {sorted(missing)[:5]}"
    with translation.override("en"):
        assert translation.gettext("Yrken") == "Occupations"
        assert translation.pgettext("en enskild region", "Län") == "County"


def test_home_page_shows_the_data_directory_status(client):
    from kompetensbron.sources import catalog

    page = client.get("/").context["page"]
    assert [d.key for d in page.datasets] == list(catalog.DATASETS)
    html = client.get("/").content.decode()
    assert "Datakatalogen" in html and "Uppgifternas datum" in html
    one_year = next(d for d in page.datasets if d.key == "yrkesbarometer-1-ar")
    assert one_year.data_date == "2019-06" and one_year.data_date in html
    assert one_year.old and "gammal" in html  # a 1-year forecast from 2019 is flagged
    if one_year.present:
        assert "finns, SHA-256 stämmer" in html
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "Date of the data" in english and "Every registered dataset: is the file there" in english
    assert "kompetensbron fetch-data" not in english  # an operator command: for staff only


def test_source_captions_speak_the_page_language(client):
    """Issue 14, item 5: the source registry's titles, versions and licences are Swedish on
    Swedish pages and English on English pages (both tables of the start page)."""
    sv = client.get("/").content.decode()
    en = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    for swedish, english in (
        ("SSYK 2012 yrkesgrupper med definitioner", "SSYK 2012 unit groups with definitions"),
        ("Kommuner med folkmängd och areal", "Kommuner with population and area"),
        ("JobTechs öppna data", "JobTech open data"),
        ("fri återanvändning", "free reuse"),
        ("Saco: studenter från varje län", "Saco: students from each län"),
    ):
        assert swedish in sv and english not in sv, swedish
        assert english in en and swedish not in en, english


def test_provenance_caption_speaks_the_page_language():
    from django.template.loader import render_to_string

    from kompetensbron.provenance import Provenance
    from kompetensbron.warehouse.demand import STATISTICS_METHOD

    prov = Provenance(
        source="JobTech: x.json", table="t", snapshot=None, period="2024", method=STATISTICS_METHOD["lan"]
    )
    with translation.override("sv"):
        sv = render_to_string("labour_market/_provenance.html", {"prov": prov})
    with translation.override("en"):
        en = render_to_string("labour_market/_provenance.html", {"prov": prov})
    assert "antal som i filen, per län" in sv and "counts as published" not in sv
    assert "counts as published in the file, per län" in en and "antal som i filen" not in en


def test_home_page_links_the_forecasts_and_no_longer_announces_them():
    """The forecast page exists (/efterfragan/prognos/): the start page links it under "Finns
    nu" and its "Kommer" paragraph no longer lists forecasts."""
    from django.test import Client

    for lang, coming in (("sv", "Kommer:"), ("en", "Coming:")):
        html = Client(HTTP_ACCEPT_LANGUAGE=lang).get("/").content.decode()
        assert 'href="/efterfragan/prognos/"' in html, lang
        paragraph = html.split(coming, 1)[1].split("</p>", 1)[0]
        assert "prognos" not in paragraph and "forecast" not in paragraph, paragraph
