"""Frozen dossier versions (issue 15, item 5): a frozen dossier is unchanged after the underlying
data changes; its PDF and Excel name the version date; freezing is a POST for the programme's
owner (403 for others), audited; versions are listed and compared side by side."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from kompetensbron.dossier.models import DossierInput, DossierVersion
from kompetensbron.dossier.services import build_dossier
from kompetensbron.education.models import OccupationLink, ProgrammeYear
from kompetensbron.samverkan.models import AuditEntry, Membership, Organisation

pytestmark = pytest.mark.django_db


def _owner(programme):
    u = get_user_model().objects.create_user(username="agare", password="pw-test-123")
    institution = programme.institution
    if institution.organisation_id is None:
        institution.organisation = Organisation.objects.create(name=f"{institution.name} (org)", kind="university")
        institution.save(update_fields=["organisation"])
    Membership.objects.create(user=u, organisation=institution.organisation, role="member")
    c = Client()
    c.force_login(u)
    return u, c


def _change_everything(programme) -> None:
    """Underlying data changes after the freeze: places, graduates, a confirmed and a new link, an input."""
    programme.places = (programme.places or 0) + 17
    programme.save()
    ProgrammeYear.objects.update_or_create(programme=programme, year=2031, defaults={"graduates": 999, "admitted": 5})
    OccupationLink.objects.filter(programme=programme, ssyk_id="2221").update(status="confirmed")
    OccupationLink.objects.create(
        programme=programme, ssyk_id="2512", provenance="official_ssyk_sun", score=1.0, status="confirmed"
    )
    DossierInput.objects.create(
        programme=programme, date=timezone.localdate(), author_name="Ny", organisation="Region", text="Senare."
    )


def test_frozen_dossier_is_unchanged_after_the_data_changes(linked) -> None:
    owner, c = _owner(linked)
    r = c.post(
        f"/api/v1/dossier/programmes/{linked.pk}/versions", {"label": "UKÄ 2027"}, content_type="application/json"
    )
    assert r.status_code == 201, r.content
    version = r.json()
    assert version["version_date"] == timezone.localdate().isoformat() and version["label"] == "UKÄ 2027"
    assert AuditEntry.objects.filter(action="dossier.freeze_version", object_id=str(linked.pk)).exists()
    assert any("2024" in v or "laddad" in v or "fil daterad" in v for v in version["data_dates"].values())
    frozen_before = Client().get(f"/api/v1/dossier/versions/{version['id']}").json()
    live_before = build_dossier(programme_id=linked.pk).model_dump(mode="json")
    for key in ("programme", "occupations", "demand", "outlook", "skills", "summary", "outcomes"):
        assert frozen_before[key] == live_before[key], key
    # the target occupations' ESCO skill profiles are part of the demanded skills (item 1 reused, not rebuilt)
    origins = [o for s in live_before["skills"]["demanded"] for o in s["origins"]]
    assert any("ESCO, väsentlig" in o for o in origins)
    assert any("ESCO v1.1.1" in line for line in live_before["skills_provenance"])
    assert {o["key"] for o in live_before["outcomes"]} == {
        "stay_in_lan",
        "applicants_per_place",
        "establishment",
        "stay_in_kommun",
    }
    stay = next(o for o in live_before["outcomes"] if o["key"] == "stay_in_lan")
    assert stay["value"] == round(stay["numerator"] / stay["denominator"], 4) and "Saco" in stay["source"]
    establishment = next(o for o in live_before["outcomes"] if o["key"] == "establishment")
    assert establishment["value"] is None and "import" in establishment["missing"]  # says so where data is missing

    _change_everything(linked)

    live_after = build_dossier(programme_id=linked.pk).model_dump(mode="json")
    assert live_after["programme"]["places"] != live_before["programme"]["places"]
    assert [o["ssyk"] for o in live_after["occupations"]] != [o["ssyk"] for o in live_before["occupations"]]
    frozen_after = Client().get(f"/api/v1/dossier/versions/{version['id']}").json()
    assert frozen_after == frozen_before
    assert frozen_after["frozen"]["version_date"] == version["version_date"]

    # side by side: the frozen version against today's dossier names what changed
    cmp = Client().get(f"/api/v1/dossier/compare?left=v{version['id']}&right=p{linked.pk}").json()
    changed = {(row["section"], row["item"]) for row in cmp["rows"] if row["changed"]}
    assert ("Programmet", "Utbildningsplatser") in changed and ("Synpunkter", "Antal") in changed
    assert any(item.startswith("2512") for section, item in changed if section == "Målyrken")
    same = Client().get(f"/api/v1/dossier/compare?left=v{version['id']}&right=v{version['id']}").json()
    assert same["changed"] == 0
    page = Client().get(f"/relevans/jamfor/?left=v{version['id']}&right=p{linked.pk}")
    assert page.status_code == 200 and '<tr data-code="changed">' in page.content.decode()
    assert Client().get("/relevans/jamfor/?left=x1&right=p1").status_code == 404


def test_pdf_and_excel_name_the_version_date(linked) -> None:
    owner, c = _owner(linked)
    r = c.post(f"/relevans/program/{linked.pk}/frys/", {"label": "Granskning"})
    assert r.status_code == 302
    v = DossierVersion.objects.get()
    day = v.version_date.isoformat()
    assert r["Location"] == f"/relevans/version/{v.pk}/"
    html = Client().get(r["Location"]).content.decode()
    assert f"Fryst version {day}" in html and 'id="utfall"' in html

    xlsx = Client().get(f"/relevans/version/{v.pk}.xlsx")
    assert f"version-{day}" in xlsx["Content-Disposition"]
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    sheet = book["Sammanfattning"]
    assert f"fryst version {day}" in sheet["A1"].value
    facts = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_col=2, values_only=True) if row[0]}
    assert facts["Fryst version"] == day and facts["Benämning"] == "Granskning"
    assert [row[0] for row in book["Utfall"].iter_rows(min_row=2, values_only=True) if row[0]]

    pdf = Client().get(f"/relevans/version/{v.pk}.pdf")
    assert pdf.status_code == 200 and f"version-{day}" in pdf["Content-Disposition"]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout
        assert f"Fryst version {day}".encode() in text

    listed = Client().get(f"/relevans/program/{linked.pk}/versioner/").content.decode()
    assert f"/relevans/version/{v.pk}/" in listed and "frys/" not in listed  # the public cannot freeze


def test_only_the_owner_freezes(linked, user) -> None:
    url = f"/api/v1/dossier/programmes/{linked.pk}/versions"
    assert Client().post(url, {}, content_type="application/json").status_code == 401
    other = Client()
    other.force_login(user)
    assert other.post(url, {}, content_type="application/json").status_code == 403
    assert other.post(f"/relevans/program/{linked.pk}/frys/", {}).status_code == 403
    assert Client().get(f"/relevans/program/{linked.pk}/frys/").status_code in (302, 405)  # no GET that writes
    assert (
        not DossierVersion.objects.exists() and not AuditEntry.objects.filter(action="dossier.freeze_version").exists()
    )
    assert Client().get("/api/v1/dossier/versions/999999").status_code == 404
    assert Client().get(f"/api/v1/dossier/programmes/{linked.pk}/versions").json() == []


def test_erasure_reaches_frozen_versions_and_tampering_is_refused(linked) -> None:
    from kompetensbron.dossier.versions import redact_versions

    DossierInput.objects.create(
        programme=linked,
        date=timezone.localdate(),
        author_name="Anna Andersson",
        text="Anna Andersson vill ha mer praktik.",
    )
    owner, c = _owner(linked)
    vid = c.post(f"/api/v1/dossier/programmes/{linked.pk}/versions", {}, content_type="application/json").json()["id"]
    frozen = Client().get(f"/api/v1/dossier/versions/{vid}").json()
    assert (
        "Anna Andersson vill" in str(frozen["inputs"]) and frozen["inputs"][0]["author_name"] == ""
    )  # names never frozen
    assert redact_versions(["Anna Andersson"], "raderad-7") == 1
    after = Client().get(f"/api/v1/dossier/versions/{vid}").json()  # still reads (digest recomputed)
    assert "Anna" not in str(after) and "raderad-7 vill" in str(after["inputs"])
    v = DossierVersion.objects.get(pk=vid)
    v.snapshot["programme"]["places"] = 12345
    v.save()
    assert Client().get(f"/relevans/version/{vid}/").status_code == 409
