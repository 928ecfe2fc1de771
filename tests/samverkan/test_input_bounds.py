"""Hostile input to Samverkan is refused where it enters (422 from the API, a form error on a
page) and never breaks a page afterwards: numbers beyond the column, lone surrogates, explicit
``null`` for required fields, 1 MB strings, ``javascript:`` URLs, duplicate names, odd years
(issue 8, items 1, 2 and 5)."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.db.models import QuerySet
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.forms import OrganisationForm, TransitionForm
from kompetensbron.samverkan.models import AgreementDocument, AuditEntry, Organisation
from kompetensbron.samverkan.schemas import AgreementCreate, FundingCreate, IndicatorCreate, OrganisationCreate

API = "/api/v1/samverkan"
HUGE = 9223372036854775808  # 2**63


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _send(client: Client, method: str, url: str, body) -> object:
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def funded(world):
    activity = world.decided(title="Finansierad")
    funding = services.create_funding_application(
        actor=world.wg_member, activity=activity, data=FundingCreate(funder="Vinnova", amount_applied=100)
    )
    return activity, funding


# ------------------------------------------------------------------ item 1: numbers the column cannot hold


@pytest.mark.parametrize(
    "body",
    [
        {"amount_applied": HUGE},
        {"amount_applied": "1e20"},
        {"amount_applied": 1234567890123.45},  # 15 digits, the column holds 14
        {"amount_applied": "1.005"},  # 3 decimals
        {"amount_applied": "NaN"},
        {"amount_applied": "Infinity"},
        {"amount_granted": HUGE, "status": "granted"},
    ],
)
def test_funding_amounts_beyond_the_column_are_refused_and_pages_keep_working(world, funded, body):
    activity, funding = funded
    client = _client(world.wg_member)
    before = AuditEntry.objects.count()
    response = _send(client, "patch", f"{API}/funding/{funding.pk}", body)
    assert response.status_code == 422, response.content
    funding.refresh_from_db()
    assert funding.amount_applied == 100 and funding.amount_granted is None
    assert AuditEntry.objects.count() == before
    # the pages that read the row still answer
    assert client.get(f"/samverkan/aktiviteter/{activity.pk}/").status_code == 200
    assert client.get(f"/samverkan/avtal/{world.agreement.pk}/").status_code == 200
    assert client.get(f"{API}/agreements/{world.agreement.pk}/funding").status_code == 200


def test_largest_amount_the_column_holds_is_accepted(world, funded):
    _, funding = funded
    response = _send(
        _client(world.wg_member), "patch", f"{API}/funding/{funding.pk}", {"amount_applied": "999999999999.99"}
    )
    assert response.status_code == 200, response.content
    funding.refresh_from_db()
    assert str(funding.amount_applied) == "999999999999.99"


def test_indicator_values_beyond_the_column_are_refused(world):
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Praktik")
    )
    client = _client(world.coordinator)
    for body in ({"value": HUGE}, {"target": "1e15"}, {"value": "0.001"}):
        assert _send(client, "put", f"{API}/indicators/{indicator.pk}/years/2025", body).status_code == 422
    assert not indicator.years.exists()
    assert client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/people/{HUGE}/export",
        f"{API}/agreements/{HUGE}",
        f"{API}/activities/{HUGE}",
        f"{API}/funding/{HUGE}",
        f"{API}/activities?agreement={HUGE}",
        f"{API}/agreements/1/funding?year={HUGE}",
        f"{API}/agreements/1/report/{HUGE}",
        f"{API}/agreements/1/report/0",
        f"{API}/indicators/1/years/{HUGE}",
    ],
)
def test_integers_beyond_64_bits_in_path_and_query_are_422(world, url):
    response = _client(world.admin).get(url)
    assert response.status_code == 422, (url, response.status_code)


@pytest.mark.parametrize(
    "path", [f"/samverkan/aktiviteter/{HUGE}/", f"/samverkan/avtal/{HUGE}/", "/samverkan/avtal/1/arsrapport/0000/"]
)
def test_pages_with_out_of_range_ids_or_years_are_404(world, path):
    assert _client(world.admin).get(path).status_code == 404


def test_integers_beyond_the_column_in_a_body_are_422(world):
    client = _client(world.wg_member)
    act = world.decided(title="Deltagare")
    assert _send(client, "patch", f"{API}/activities/{act.pk}", {"expected_participants": HUGE}).status_code == 422
    assert _send(client, "patch", f"{API}/activities/{act.pk}", {"expected_participants": 2**31}).status_code == 422
    assert (
        _send(
            client,
            "post",
            f"{API}/activities/{act.pk}/transition",
            {"to_status": "running", "actual_participants": HUGE},
        ).status_code
        == 422
    )
    assert _send(_client(world.admin), "post", f"{API}/bodies/{HUGE}/members", {"user_id": HUGE}).status_code == 422


def test_transition_form_refuses_numbers_beyond_the_column():
    form = TransitionForm(data={"to_status": "running", "actual_participants": str(HUGE)})
    assert not form.is_valid() and "actual_participants" in form.errors


def test_yearly_report_service_refuses_year_outside_range(world):
    from kompetensbron.errors import ValidationFailed

    for year in (0, 1899, 2101, HUGE):
        with pytest.raises(ValidationFailed):
            services.yearly_report(actor=world.admin, agreement=world.agreement, year=year)


# ------------------------------------------------------------------ item 5: surrogates, null, 1 MB, duplicates


def test_lone_surrogates_in_a_body_are_422(world):
    client = _client(world.admin)
    before = Organisation.objects.count()
    response = client.post(
        f"{API}/organisations", data='{"name": "A\\ud800B", "kind": "company"}', content_type="application/json"
    )
    assert response.status_code == 422
    response = client.patch(
        f"{API}/organisations/{world.kommun.pk}", data='{"name": "\\udfff"}', content_type="application/json"
    )
    assert response.status_code == 422
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    "target, body",
    [
        ("organisation", {"name": None}),
        ("organisation", {"kind": None}),
        ("organisation", {"website": None}),
        ("agreement", {"title": None}),
        ("agreement", {"period_start": None}),
        ("agreement", {"party_ids": None}),
        ("activity", {"title": None}),
        ("funding", {"amount_applied": None}),
        ("funding", {"funder": None}),
        ("funding", {"status": None}),
    ],
)
def test_explicit_null_for_a_required_field_is_422(world, funded, target, body):
    activity, funding = funded
    url = {
        "organisation": f"{API}/organisations/{world.kommun.pk}",
        "agreement": f"{API}/agreements/{world.agreement.pk}",
        "activity": f"{API}/activities/{activity.pk}",
        "funding": f"{API}/funding/{funding.pk}",
    }[target]
    before = AuditEntry.objects.count()
    response = _send(_client(world.admin), "patch", url, body)
    assert response.status_code == 422, response.content
    assert AuditEntry.objects.count() == before


def test_null_is_still_accepted_where_the_column_is_optional(world, funded):
    activity, _ = funded
    response = _send(
        _client(world.wg_member),
        "patch",
        f"{API}/activities/{activity.pk}",
        {"period_end": None, "expected_participants": None},
    )
    assert response.status_code == 200, response.content


def test_megabyte_strings_are_422(world):
    client = _client(world.admin)
    big = "x" * 1_000_000
    assert _send(client, "post", f"{API}/organisations", {"name": big, "kind": "company"}).status_code == 422
    assert _send(client, "patch", f"{API}/agreements/{world.agreement.pk}", {"purpose": big}).status_code == 422
    assert (
        _send(client, "post", f"{API}/bodies", {"name": "Råd", "kind": "council", "area_names": [big]}).status_code
        == 422
    )
    assert client.get(f"{API}/activities", {"phase": big}).status_code == 422


def test_renaming_to_an_existing_name_is_422_and_not_audited(world):
    client = _client(world.admin)
    before = AuditEntry.objects.count()
    response = _send(client, "patch", f"{API}/organisations/{world.kommun.pk}", {"name": "testuniversitetet"})
    assert response.status_code == 422
    assert response.json()["errors"]["name"]
    other = services.create_agreement(
        actor=world.admin,
        data=AgreementCreate(title="Andra avtalet", party_ids=[world.kommun.pk], period_start="2025-01-01"),
    )
    before = AuditEntry.objects.count()
    assert _send(client, "patch", f"{API}/agreements/{other.pk}", {"title": "Samverkansavtal test"}).status_code == 422
    assert AuditEntry.objects.count() == before
    world.kommun.refresh_from_db()
    assert world.kommun.name == "Testkommun"


def test_a_concurrent_duplicate_create_is_422_and_writes_nothing(world):
    """The other request wins between our check and our insert: the database decides."""
    before = (Organisation.objects.count(), AuditEntry.objects.count())
    client = _client(world.admin)
    with mock.patch.object(QuerySet, "exists", return_value=False):  # every pre-check passes, as in a race
        response = _send(client, "post", f"{API}/organisations", {"name": "Testkommun", "kind": "municipality"})
        assert response.status_code == 422, response.content
        assert response.json()["errors"] == {"name": "Organisationen Testkommun finns redan."}
        response = _send(client, "post", f"{API}/bodies", {"name": "Styrgruppen", "kind": "council"})
        assert response.status_code == 422, response.content
        # unique regardless of case in the database too
        response = _send(client, "post", f"{API}/organisations", {"name": "TESTKOMMUN", "kind": "municipality"})
        assert response.status_code == 422, response.content
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == before


# ------------------------------------------------------------------ item 2: URLs


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "mailto:someone@example.se",
    ],
)
def test_organisation_website_accepts_only_http_urls(world, url):
    client = _client(world.admin)
    assert _send(client, "patch", f"{API}/organisations/{world.kommun.pk}", {"website": url}).status_code == 422
    assert (
        _send(client, "post", f"{API}/organisations", {"name": "Ny AB", "kind": "company", "website": url}).status_code
        == 422
    )
    form = OrganisationForm(data={"name": "Ny AB", "kind": "company", "website": url})
    assert not form.is_valid() and "website" in form.errors


def test_agreement_document_url_accepts_http_only(world):
    client = _client(world.coordinator)
    base = {"party_ids": [world.kommun.pk], "period_start": "2025-01-01"}
    for url in ("javascript:alert(1)", "mailto:avtal@example.se", "data:text/html,x"):
        bad = base | {"title": "Avtal med länk", "documents": [{"title": "Avtalet", "url": url}]}
        assert _send(client, "post", f"{API}/agreements", bad).status_code == 422
    good = base | {"title": "Avtal med länkar", "documents": [{"title": "PDF", "url": "https://example.se/avtal.pdf"}]}
    assert _send(client, "post", f"{API}/agreements", good).status_code == 201
    assert list(AgreementDocument.objects.values_list("url", flat=True)) == ["https://example.se/avtal.pdf"]


def test_a_stored_javascript_url_is_rendered_inert(world):
    """Rows stored before the rule (or by a direct database write) are never rendered as links."""
    Organisation.objects.filter(pk=world.kommun.pk).update(website="javascript:alert(1)")
    AgreementDocument.objects.create(agreement=world.agreement, title="Farligt dokument", url="javascript:alert(2)")
    client = _client(world.coordinator)
    for path in ("/samverkan/organisationer/", f"/samverkan/avtal/{world.agreement.pk}/"):
        html = client.get(path).content.decode()
        assert 'href="javascript:' not in html.lower()
    assert "Farligt dokument" in client.get(f"/samverkan/avtal/{world.agreement.pk}/").content.decode()


def test_an_http_website_is_kept(world):
    org = services.create_organisation(
        actor=world.admin, data=OrganisationCreate(name="Webb AB", kind="company", website="https://webb.example.se")
    )
    assert org.website == "https://webb.example.se"


def test_the_models_refuse_unsafe_urls_so_the_admin_does_too(world):
    from django.core.exceptions import ValidationError

    world.kommun.website = "javascript:alert(1)"
    with pytest.raises(ValidationError) as exc:
        world.kommun.full_clean()
    assert "website" in exc.value.message_dict
    document = AgreementDocument(agreement=world.agreement, title="Länk", url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        document.full_clean()
    document.url = "https://example.se/avtal.pdf"
    document.full_clean(exclude=["file"])
