"""``kompetensbron dossier-versions freeze | list | compare``: thin over the dossier's versions
and comparison, with the same rights (only the programme's owners freeze) and the same
comparison as the page and the API, also as Excel with both dates."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook
from typer.testing import CliRunner

from kompetensbron.cli import app
from kompetensbron.dossier.models import DossierVersion
from kompetensbron.education.models import Institution, OccupationLink, Programme, ProgrammeYear
from kompetensbron.samverkan.models import AuditEntry, Membership, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

runner = CliRunner()


@pytest.fixture
def programme(db):
    org = Organisation.objects.create(name="Testuniversitetet (org)", kind="university")
    inst = Institution.objects.create(name="Testuniversitetet", organisation=org)
    p = Programme.objects.create(
        institution=inst, code="T-SSK", name="Sjuksköterskeprogrammet", kommun_id="2281", places=60
    )
    ProgrammeYear.objects.create(programme=p, year=2024, graduates=55, admitted=70)
    OccupationLink.objects.create(
        programme=p, ssyk_id="2221", provenance="official_ssyk_sun", score=1.0, status="confirmed"
    )
    owner = get_user_model().objects.create_user(username="agare", email="agare@example.se", password="pw-test-123")
    Membership.objects.create(user=owner, organisation=org, role="member")
    get_user_model().objects.create_user(username="annan", password="pw-test-123")
    return p


def test_freeze_list_and_compare(programme, tmp_path) -> None:
    refused = runner.invoke(app, ["dossier-versions", "freeze", str(programme.pk), "--user", "annan"])
    assert refused.exit_code == 2 and not DossierVersion.objects.exists()
    unknown = runner.invoke(app, ["dossier-versions", "freeze", str(programme.pk), "--user", "ingen"])
    assert unknown.exit_code == 2 and "ingen" in unknown.output

    frozen = runner.invoke(
        app, ["dossier-versions", "freeze", str(programme.pk), "--user", "AGARE@example.se", "--label", "UKÄ 2027"]
    )
    assert frozen.exit_code == 0, frozen.output
    v = DossierVersion.objects.get()
    assert f"v{v.pk}" in frozen.output and v.label == "UKÄ 2027" and v.frozen_by.username == "agare"
    assert AuditEntry.objects.filter(action="dossier.freeze_version", object_id=str(programme.pk)).exists()

    listed = runner.invoke(app, ["dossier-versions", "list", str(programme.pk)])
    assert listed.exit_code == 0 and f"v{v.pk}" in listed.output and v.version_date.isoformat() in listed.output
    assert runner.invoke(app, ["dossier-versions", "list", "999999"]).exit_code == 2

    programme.places = 75  # the data change after the freeze
    programme.save()
    out = tmp_path / "jamforelse.xlsx"
    compared = runner.invoke(
        app, ["dossier-versions", "compare", f"v{v.pk}", f"p{programme.pk}", "--xlsx", str(out)], env={"COLUMNS": "200"}
    )
    assert compared.exit_code == 0, compared.output
    assert "Utbildningsplatser" in compared.output and "Lärosäte" not in compared.output  # only the rows that differ

    # the Excel file holds the comparison the API answers, row by row
    api = Client().get(f"/api/v1/dossier/compare?left=v{v.pk}&right=p{programme.pk}").json()
    sheet = load_workbook(out, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Avsnitt", "Uppgift", api["left_title"], api["right_title"], "Skiljer sig")
    assert v.version_date.isoformat() in rows[0][2]
    expected = [(r["section"], r["item"], r["left"], r["right"], "ja" if r["changed"] else "nej") for r in api["rows"]]
    assert [tuple("–" if c is None else c for c in row) for row in rows[1:]] == expected
    places = next(r for r in rows[1:] if r[1] == "Utbildningsplatser")
    assert places[2:] == ("60", "75", "ja")

    assert runner.invoke(app, ["dossier-versions", "compare", "x1", f"p{programme.pk}"]).exit_code == 2


def test_comparison_page_and_api_offer_excel(programme) -> None:
    query = f"left=p{programme.pk}&right=p{programme.pk}"
    page = Client().get(f"/relevans/jamfor/?{query}")
    assert page.status_code == 200 and "format=xlsx&amp;table=jamforelse" in page.content.decode()
    for url in (f"/relevans/jamfor/?{query}&format=xlsx", f"/api/v1/dossier/compare.xlsx?{query}"):
        r = Client().get(url)
        assert r.status_code == 200, url
        assert "relevansunderlag-jamforelse-" in r["Content-Disposition"]
        rows = list(load_workbook(io.BytesIO(r.content), read_only=True).active.iter_rows(values_only=True))
        assert rows[0][0] == "Avsnitt" and all(row[4] == "nej" for row in rows[1:])
    assert Client().get("/api/v1/dossier/compare.xlsx?left=x1&right=p1").status_code == 404
