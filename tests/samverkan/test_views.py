"""HTML pages: the phase board, the activity page with CSRF-protected forms, form messages,
the agreement page and the yearly report."""

from __future__ import annotations

from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client

from kompetensbron.samverkan.models import Activity, Agreement, AuditEntry, Decision, FundingApplication


def _client(user, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_pages_need_login(world):
    resp = Client().get("/samverkan/")
    assert resp.status_code == 302 and "/konto/logga-in/" in resp["Location"]


def test_board_has_four_phase_columns_with_cards(world):
    activity = world.decided()
    html = _client(world.wg_member).get("/samverkan/").content.decode()
    for label in ("Attrahera", "Stimulera", "Behålla", "Utveckla"):
        assert label in html
    assert f"/samverkan/aktiviteter/{activity.pk}/" in html and "sv-status--decided" in html
    assert "Sommarpraktik" not in _client(world.outsider).get("/samverkan/").content.decode()


def test_activity_page_shows_decide_form_only_to_the_steering_group(world):
    activity = world.proposed()
    url = f"/samverkan/aktiviteter/{activity.pk}/"
    sg_html = _client(world.sg_member).get(url).content.decode()
    assert f"/samverkan/aktiviteter/{activity.pk}/beslut/" in sg_html and "csrfmiddlewaretoken" in sg_html
    wg_html = _client(world.wg_member).get(url).content.decode()
    assert "/beslut/" not in wg_html
    assert _client(world.outsider).get(url).status_code == 404


def test_decide_through_the_form(world):
    activity = world.proposed()
    resp = _client(world.sg_member).post(
        f"/samverkan/aktiviteter/{activity.pk}/beslut/",
        {"decision": "approve", "date": "2025-03-01", "justification": "Bra förslag."},
    )
    assert resp.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "decided"


def test_decide_form_refuses_non_members_and_missing_csrf(world):
    activity = world.proposed()
    body = {"decision": "approve", "date": "2025-03-01", "justification": "x"}
    before = AuditEntry.objects.count()
    assert _client(world.wg_member).post(f"/samverkan/aktiviteter/{activity.pk}/beslut/", body).status_code == 403
    assert (
        _client(world.sg_member, csrf=True).post(f"/samverkan/aktiviteter/{activity.pk}/beslut/", body).status_code
        == 403
    )
    forged = _client(world.sg_member, csrf=True)
    forged.cookies["csrftoken"] = _get_new_csrf_string()
    resp = forged.post(
        f"/samverkan/aktiviteter/{activity.pk}/beslut/",
        body | {"csrfmiddlewaretoken": _mask_cipher_secret(_get_new_csrf_string())},
    )
    assert resp.status_code == 403
    assert not Decision.objects.exists() and AuditEntry.objects.count() == before


def test_csrf_token_from_the_page_is_accepted(world):
    activity = world.proposed()
    client = _client(world.sg_member, csrf=True)
    client.get(f"/samverkan/aktiviteter/{activity.pk}/")
    token = client.cookies["csrftoken"].value
    resp = client.post(
        f"/samverkan/aktiviteter/{activity.pk}/beslut/",
        {
            "decision": "reject",
            "date": "2025-03-01",
            "justification": "Saknar finansiering.",
            "csrfmiddlewaretoken": token,
        },
    )
    assert resp.status_code == 302


def _activity_form(world, **overrides):
    data = {
        "title": "Mentorsprogram",
        "phase": "stimulate",
        "owner": world.kommun.pk,
        "partners": [world.uni.pk],
        "agreement": world.agreement.pk,
        "working_group": world.working.pk,
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "expected_participants": "20",
        "propose": "on",
    }
    data.update(overrides)
    return data


def test_activity_form_creates_a_proposal(world):
    resp = _client(world.wg_member).post("/samverkan/aktiviteter/ny/", _activity_form(world))
    assert resp.status_code == 302
    assert Activity.objects.get(title="Mentorsprogram").status == "proposed"


def test_activity_form_gives_clear_messages_and_stores_nothing(world):
    client = _client(world.wg_member)
    cases = [
        ({"period_start": "2025-09-01", "period_end": "2025-01-01"}, "Slutdatum får inte ligga före startdatum."),
        ({"expected_participants": "-5"}, "Värdet får inte vara negativt."),
        ({"owner": "987654"}, "Okänd organisation"),
    ]
    for overrides, message in cases:
        before = (Activity.objects.count(), AuditEntry.objects.count())
        resp = client.post("/samverkan/aktiviteter/ny/", _activity_form(world, **overrides))
        assert resp.status_code == 422, overrides
        assert message in resp.content.decode(), overrides
        assert (Activity.objects.count(), AuditEntry.objects.count()) == before


def test_activity_form_refuses_outsider(world):
    # the form does not even offer another organisation as owner (scoped choices): 422 on the form
    resp = _client(world.outsider).post("/samverkan/aktiviteter/ny/", _activity_form(world))
    assert resp.status_code == 422 and not Activity.objects.filter(title="Mentorsprogram").exists()


def test_agreement_form_messages(world):
    client = _client(world.coordinator)
    resp = client.post(
        "/samverkan/avtal/nytt/", {"title": "Avtal", "parties": [world.kommun.pk, 987654], "period_start": "2025-01-01"}
    )
    assert resp.status_code == 422 and "Okänd organisation" in resp.content.decode()
    resp = client.post(
        "/samverkan/avtal/nytt/",
        {"title": "Avtal", "parties": [world.kommun.pk], "period_start": "2025-01-01", "period_end": "2024-01-01"},
    )
    assert resp.status_code == 422 and "Slutdatum får inte ligga före startdatum." in resp.content.decode()
    assert not Agreement.objects.filter(title="Avtal").exists()
    resp = client.post(
        "/samverkan/avtal/nytt/", {"title": "Avtal", "parties": [world.kommun.pk], "period_start": "2025-01-01"}
    )
    assert resp.status_code == 302


def test_funding_form_refuses_negative_amounts(world):
    activity = world.decided()
    resp = _client(world.wg_member).post(
        f"/samverkan/aktiviteter/{activity.pk}/finansiering/",
        {"funder": "Vinnova", "amount_applied": "-100", "status": "planned"},
    )
    assert resp.status_code == 422 and "Värdet får inte vara negativt." in resp.content.decode()
    assert not FundingApplication.objects.exists()


def test_transition_skip_gets_a_message(world):
    activity = world.decided()
    client = _client(world.wg_member)
    resp = client.post(f"/samverkan/aktiviteter/{activity.pk}/status/", {"to_status": "evaluated", "evaluation": "x"})
    assert resp.status_code == 422 and "Tillåtna nästa steg" in resp.content.decode()
    assert client.post(f"/samverkan/aktiviteter/{activity.pk}/status/", {"to_status": "running"}).status_code == 302


def test_agreement_and_yearly_report_pages(world):
    world.decided()
    client = _client(world.coordinator)
    html = client.get(f"/samverkan/avtal/{world.agreement.pk}/").content.decode()
    assert "Samverkansavtal test" in html and "Styrgruppen" in html and "Kompetensförsörjning" in html
    resp = client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/")
    html = resp.content.decode()
    assert resp.status_code == 200 and "Årsrapport 2025" in html and "Bra." in html and "bindande" in html
    assert _client(world.outsider).get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/").status_code == 404


def test_yearly_report_as_excel_and_pdf(world):
    import io

    import openpyxl

    world.decided()
    client = _client(world.coordinator)
    resp = client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025.xlsx")
    assert resp.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert book.sheetnames == ["Översikt", "Aktiviteter", "Beslut", "Finansiering", "Områden", "Indikatorer", "Möten"]
    assert book["Aktiviteter"]["A2"].value == "Sommarpraktik"
    assert book["Beslut"]["E2"].value == "Bra."
    resp = client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025.pdf")
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF")
    assert _client(world.outsider).get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025.pdf").status_code == 404
