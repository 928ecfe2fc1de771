"""Issue 8, item 8: export includes everything, erase reaches every place a person is stored or shown.

One person proposes and decides activities, records a dossier input, is named in free text,
and is edited in the Django admin; after the erase no page, JSON answer, PDF/Excel export,
admin log entry or audit snapshot holds their name or e-mail.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AuditEntry
from kompetensbron.samverkan.schemas import ActivityCreate, AgreementCreate, BodyCreate, OrganisationCreate

NAME = "Evelina Raderasson"
EMAIL = "evelina.raderasson@kommun.invalid"
NEEDLES = ("Raderasson", "evelina.raderasson")


def _user(email: str, first: str, last: str, *, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username=email, email=email, first_name=first, last_name=last, password="pw-test-123"
    )
    user.is_superuser = user.is_staff = superuser
    user.save()
    return user


def _pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True, timeout=60
    ).stdout.decode()


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def _assert_clean(text: str, where: str) -> None:
    low = text.lower()
    for needle in NEEDLES:
        assert needle.lower() not in low, f"{needle!r} still in {where}"


@pytest.mark.slow  # builds the dossier (and its PDFs) several times
@pytest.mark.django_db
def test_export_then_erase_reaches_everything(linked):
    admin = _user("admin@test.invalid", "Ada", "Admin", superuser=True)
    person = _user(EMAIL, "Evelina", "Raderasson")
    chair = _user("sven@test.invalid", "Sven", "Styr")
    kommun = services.create_organisation(actor=admin, data=OrganisationCreate(name="Raderkommun", kind="municipality"))
    agreement = services.create_agreement(
        actor=admin, data=AgreementCreate(title="Raderavtal", party_ids=[kommun.pk], period_start=dt.date(2024, 1, 1))
    )
    steering = services.create_body(
        actor=admin, data=BodyCreate(name="Raderstyrgrupp", kind="steering_group", agreement_id=agreement.pk)
    )
    working = services.create_body(
        actor=admin,
        data=BodyCreate(
            name="Raderarbetsgrupp", kind="working_group", agreement_id=agreement.pk, parent_id=steering.pk
        ),
    )
    for user in (person, chair):
        services.set_membership(actor=admin, user=user, organisation=kommun, role="member")
    services.add_body_member(actor=admin, body=working, user=person, organisation=kommun)
    services.add_body_member(actor=admin, body=steering, user=chair, organisation=kommun)
    services.add_body_member(actor=admin, body=steering, user=person, organisation=kommun)
    services.add_body_member(actor=admin, body=working, user=chair, organisation=kommun)
    today = dt.date.today()

    def data(title: str) -> ActivityCreate:
        return ActivityCreate(
            title=title,
            phase="stimulate",
            owner_id=kommun.pk,
            agreement_id=agreement.pk,
            working_group_id=working.pk,
            description=f"Idé från {NAME} ({EMAIL}).",
            period_start=dt.date(today.year, 1, 1),
        )

    # she proposes one activity (decided by the chair, who names her) and decides another one
    own = services.propose_activity(actor=person, data=data("Hennes förslag"))
    services.decide_activity(actor=chair, activity=own, decision="approve", justification=f"Tack {NAME}!", date=today)
    other = services.propose_activity(actor=chair, data=data("Ordförandens förslag"))
    services.decide_activity(actor=person, activity=other, decision="approve", justification="Bra.", date=today)
    # she records a dossier input under her own name
    admin_client = Client()
    admin_client.force_login(admin)
    person_client = Client()
    person_client.force_login(person)
    response = person_client.post(
        f"/api/v1/dossier/programmes/{linked.pk}/inputs",
        {
            "kind": "programme_council",
            "date": "2025-05-20",
            "author_name": NAME,
            "organisation": "Raderkommun",
            "text": f"{NAME} anser att simulering behövs.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    # an administrator edits her account in the Django admin (admin log + audit snapshot)
    url = f"/admin/auth/user/{person.pk}/change/"
    assert admin_client.get(url).status_code == 200
    joined = person.date_joined
    response = admin_client.post(
        url,
        {
            "username": EMAIL,
            "first_name": "Evelina",
            "last_name": "Raderasson",
            "email": EMAIL,
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": joined.strftime("%Y-%m-%d"),
            "date_joined_1": joined.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    admin_client.get("/admin/")  # shows (and so consumes) the admin's one-time "changed" message
    assert LogEntry.objects.filter(object_repr__icontains="raderasson").exists()

    # export: everything, including the dossier input she recorded
    exported = admin_client.get(f"/api/v1/samverkan/people/{person.pk}/export").json()
    assert exported["email"] == EMAIL and exported["proposals"] == ["Hennes förslag"]
    inputs = exported["apps"]["dossier"]["inputs_recorded"]
    assert [i["author_name"] for i in inputs] == [NAME] and "simulering" in inputs[0]["text"]
    assert [d["activity"] for d in exported["apps"]["samverkan"]["decisions"]] == ["Ordförandens förslag"]

    # before the erase she is visible (the checks below can fail)
    report_url = f"/samverkan/avtal/{agreement.pk}/arsrapport/{today.year}"
    chair_client = Client()
    chair_client.force_login(chair)
    assert "Raderasson" in chair_client.get(f"/samverkan/aktiviteter/{own.pk}/").content.decode()

    erased = admin_client.post(f"/api/v1/samverkan/people/{person.pk}/erase")
    assert erased.status_code == 200, erased.content
    result = erased.json()
    assert result["rows_anonymised"]["dossier"] >= 1 and result["audit_entries_redacted"] >= 1

    # stored: audit snapshots of every model, admin log, free text of every app
    _assert_clean(str(list(AuditEntry.objects.values())), "the audit log")
    _assert_clean(str(list(LogEntry.objects.values())), "the admin log")
    from kompetensbron.dossier.models import DossierInput
    from kompetensbron.samverkan.models import Activity, Decision

    _assert_clean(
        str(list(DossierInput.objects.values()) + list(Activity.objects.values()) + list(Decision.objects.values())),
        "free text",
    )
    _assert_clean(str(list(get_user_model().objects.values())), "the accounts")

    # rendered: pages, JSON, exports, admin pages
    pages = [
        f"/samverkan/aktiviteter/{own.pk}/",
        f"/samverkan/aktiviteter/{other.pk}/",
        "/samverkan/",
        f"/samverkan/avtal/{agreement.pk}/",
        f"{report_url}/",
        "/samverkan/organ/",
        "/api/v1/samverkan/activities",
        f"/api/v1/samverkan/agreements/{agreement.pk}/report/{today.year}",
        f"/relevans/program/{linked.pk}/",
        f"/api/v1/dossier/programmes/{linked.pk}",
    ]
    for page in pages:
        response = chair_client.get(page)
        assert response.status_code == 200, page
        _assert_clean(response.content.decode(), page)
    for page in (
        "/admin/auth/user/",
        "/admin/samverkan/auditentry/",
        "/admin/",
        f"/admin/auth/user/{person.pk}/change/",
        "/admin/samverkan/membership/",
    ):
        response = admin_client.get(page)
        assert response.status_code == 200, page
        _assert_clean(response.content.decode(), page)
    _assert_clean(_xlsx_text(chair_client.get(f"{report_url}.xlsx").content), "the yearly report workbook")
    _assert_clean(_xlsx_text(chair_client.get(f"/relevans/program/{linked.pk}.xlsx").content), "the dossier workbook")
    if shutil.which("pdftotext"):
        _assert_clean(_pdf_text(chair_client.get(f"{report_url}.pdf").content), "the yearly report PDF")
        _assert_clean(_pdf_text(chair_client.get(f"/relevans/program/{linked.pk}.pdf").content), "the dossier PDF")
