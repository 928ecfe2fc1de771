"""The education pages render from the services; changes need a login and the right."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.table_exports import assert_exports_equal_tables

from .conftest import TEMPLATE_EXAMPLE

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_programme_list_and_htmx_search(client, programme):
    page = client.get("/utbildning/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sjuksköterskeprogrammet (exempel)" in html and 'hx-get="/utbildning/"' in html and "<html" in html
    fragment = client.get("/utbildning/", {"q": "sjuksköterskeprogrammet"}, **HTMX)
    assert "<html" not in fragment.content.decode() and "EX-SSK" in fragment.content.decode()
    assert "Inget program matchar" in client.get("/utbildning/", {"q": "rymdingenjör"}, **HTMX).content.decode()


@pytest.mark.django_db
def test_programme_page_for_readers_and_editors(client, programme, suggested, staff):
    html = client.get(f"/utbildning/program/{programme.pk}/").content.decode()
    for text in (
        "sjuksköterskeexamen",
        "723a",
        "OM083G",
        "EX-FARM",
        "2024",
        "61",
        "officiell SSYK–SUN-nyckel",
        "kompetensöverlapp",
        "2221",
        "1,00",
        "0,42",
    ):
        assert text in html, text
    assert "Bekräfta" not in html  # anonymous: no decision forms
    client.force_login(staff)
    html = client.get(f"/utbildning/program/{programme.pk}/").content.decode()
    assert "Bekräfta" in html and "Avvisa" in html and "Lägg till koppling" in html and "csrfmiddlewaretoken" in html
    assert client.get("/utbildning/program/999999/").status_code == 404


@pytest.mark.django_db
def test_confirm_reject_and_manual_link_forms(client, programme, suggested, staff, reader):
    official, overlap = suggested
    url = f"/utbildning/kopplingar/{official.pk}/bekrafta/"
    assert client.post(url).status_code == 302 and "/konto/logga-in/" in client.post(url)["Location"]
    client.force_login(reader)
    assert client.post(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    official.refresh_from_db()
    assert official.status == "confirmed"
    refused = client.post(f"/utbildning/kopplingar/{overlap.pk}/avvisa/", {"reason": ""})
    assert refused.status_code == 422 and "En motivering krävs." in refused.content.decode()
    assert client.post(f"/utbildning/kopplingar/{overlap.pk}/avvisa/", {"reason": "Fel nivå."}).status_code == 302
    add = f"/utbildning/program/{programme.pk}/kopplingar/ny/"
    bad = client.post(add, {"ssyk": "2223", "reason": ""})
    assert bad.status_code == 422 and "Detta fält måste fyllas i." in bad.content.decode()
    assert client.post(add, {"ssyk": "2223", "reason": "Specialisering efter examen."}).status_code == 302
    html = client.get(f"/utbildning/program/{programme.pk}/").content.decode()
    assert "manuell" in html and "Specialisering efter examen." in html and "avvisad" in html


@pytest.mark.django_db
def test_create_and_edit_programme_pages(client, miun, programme, reader, coordinator):
    assert client.get("/utbildning/program/ny/").status_code == 302  # login first
    client.force_login(reader)
    assert client.get("/utbildning/program/ny/").status_code == 403
    assert client.get(f"/utbildning/program/{programme.pk}/redigera/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/utbildning/program/ny/").status_code == 200
    data = dict(
        institution=miun.pk,
        code="EX-WEB",
        name="Webbprogrammet",
        degree="",
        sun_level="537",
        sun_field="",
        form="campus",
        places="-2",
        kommun="",
        credits="",
        description="",
    )
    bad = client.post("/utbildning/program/ny/", data)
    assert bad.status_code == 422 and "Värdet får inte vara negativt." in bad.content.decode()
    data["places"] = "20"
    ok = client.post("/utbildning/program/ny/", data)
    assert ok.status_code == 302
    edit_url = ok["Location"] + "redigera/"
    data["name"] = "Webbprogrammet, nytt namn"
    assert client.post(edit_url, data).status_code == 302
    assert "Webbprogrammet, nytt namn" in client.get(ok["Location"]).content.decode()


@pytest.mark.django_db
def test_import_page_shows_row_and_column_errors(client, staff):
    from kompetensbron.education.models import Programme

    client.force_login(staff)
    assert client.get("/utbildning/importera/").status_code == 200
    header = TEMPLATE_EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    bad = header + "\nMittuniversitetet,EX-BAD,Fel,,999,,campus,-1,2281,180,OM083G,,,1,ja,,,\n"
    response = client.post("/utbildning/importera/", {"file": SimpleUploadedFile("mall.csv", bad.encode())})
    html = response.content.decode()
    assert response.status_code == 422 and "inget importerades" in html
    assert "sun_level" in html and "okänd SUN 2020-nivå ”999”" in html and "places" in html
    assert not Programme.objects.filter(code="EX-BAD").exists()
    good = client.post(
        "/utbildning/importera/", {"file": SimpleUploadedFile("programme_template.csv", TEMPLATE_EXAMPLE.read_bytes())}
    )
    assert good.status_code == 200 and "Importen är klar." in good.content.decode()
    assert Programme.objects.filter(code="EX-SSK").exists()
    wrong_type = client.post("/utbildning/importera/", {"file": SimpleUploadedFile("mall.pdf", b"%PDF")})
    assert wrong_type.status_code == 422 and ".csv" in wrong_type.content.decode()


@pytest.mark.django_db
def test_courses_are_browsable_after_import(client):
    html = client.get("/utbildning/kurser/").content.decode()
    assert "3586 kurser" in html and "sida 1 av 72" in html and "AK001A" in html and "Nästa" in html
    second = client.get("/utbildning/kurser/", {"page": 2}, **HTMX).content.decode()
    assert "<html" not in second and "sida 2 av 72" in second and "Föregående" in second
    found = client.get("/utbildning/kurser/", {"q": "palliativ", "level": "GR"}).content.decode()
    assert "OM096G" in found
    course = client.get("/utbildning/kurser/OM096G/").content.decode()
    assert "Grunder i palliativ vård" in course and "Lärandemål" in course and "kursplaner_miun.jsonl" in course
    assert client.get("/utbildning/kurser/NOPE99/").status_code == 404


@pytest.mark.django_db
def test_course_page_lists_programmes(client, programme):
    html = client.get("/utbildning/kurser/OM083G/").content.decode()
    assert "Sjuksköterskeprogrammet (exempel)" in html


@pytest.mark.django_db
def test_english(client, programme):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/utbildning/").content.decode()
    assert "Education programmes" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_programme_and_course_tables_as_csv_and_excel(client, programme, language):
    """Issue 14: a programme's courses (with the credit total) and years, and a page of course
    search results, download as shown."""
    url = f"/utbildning/program/{programme.pk}/"
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 2
    csv = client.get(url + "?format=csv&table=kurser").content.decode("utf-8-sig")
    assert "OM083G" in csv and csv.rstrip().splitlines()[-1] == ",Summa,,,157.5,"  # the total row
    assert assert_exports_equal_tables(client, "/utbildning/kurser/?q=omvårdnad", HTTP_ACCEPT_LANGUAGE=language) == 1
