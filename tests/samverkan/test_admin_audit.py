"""Django admin edits write the audit log (samverkan/admin.py: AuditedAdminMixin).

Every request goes through the real admin views with CSRF checks on: the token comes from the
page the client has just read, as in a browser.
"""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AuditEntry, FundingApplication, Organisation, Unit
from kompetensbron.samverkan.schemas import FundingCreate


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _csrf(client: Client, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, resp.status_code
    return client.cookies["csrftoken"].value


def _inlines_empty(*prefixes: str) -> dict[str, str]:
    data = {}
    for prefix in prefixes:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def _funding(world) -> FundingApplication:
    activity = world.decided()
    return services.create_funding_application(
        actor=world.wg_member, activity=activity, data=FundingCreate(funder="ESF", amount_applied=Decimal("1000"))
    )


def _org_form(org: Organisation, **changes) -> dict[str, str]:
    data = {"name": org.name, "kind": org.kind, "kommun": org.kommun_id or "", "website": org.website}
    if org.is_demo:
        data["is_demo"] = "on"
    return data | _inlines_empty("units", "memberships") | changes


def test_admin_edit_of_an_organisation_is_audited_with_before_and_after(world):
    client = _client(world.admin)
    url = f"/admin/samverkan/organisation/{world.kommun.pk}/change/"
    token = _csrf(client, url)
    before_count = AuditEntry.objects.count()
    resp = client.post(
        url,
        _org_form(world.kommun, name="Nya kommunen", website="https://kommun.example") | {"csrfmiddlewaretoken": token},
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    world.kommun.refresh_from_db()
    assert world.kommun.name == "Nya kommunen"
    entries = list(AuditEntry.objects.order_by("id")[before_count:])
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.action, entry.model, entry.object_id, entry.actor) == (
        "update",
        "samverkan.organisation",
        str(world.kommun.pk),
        world.admin,
    )
    assert entry.before["name"] == "Testkommun" and entry.before["website"] == ""
    assert entry.after["name"] == "Nya kommunen" and entry.after["website"] == "https://kommun.example"
    assert "updated_at" not in entry.after  # the services' serialisation (audit.snapshot)


def test_admin_inline_row_is_audited(world):
    client = _client(world.admin)
    url = f"/admin/samverkan/organisation/{world.kommun.pk}/change/"
    token = _csrf(client, url)
    data = _org_form(world.kommun) | {
        "units-TOTAL_FORMS": "1",
        "units-0-name": "Socialförvaltningen",
        "csrfmiddlewaretoken": token,
    }
    before_count = AuditEntry.objects.count()
    assert client.post(url, data).status_code == 302
    unit = Unit.objects.get(name="Socialförvaltningen")
    entries = list(AuditEntry.objects.order_by("id")[before_count:])
    # The organisation itself is unchanged: only the new unit is logged.
    assert [(e.action, e.model, e.object_id) for e in entries] == [("create", "samverkan.unit", str(unit.pk))]
    assert entries[0].before is None and entries[0].after["name"] == "Socialförvaltningen"


def test_admin_create_is_audited(world):
    client = _client(world.admin)
    url = "/admin/samverkan/organisation/add/"
    token = _csrf(client, url)
    data = {"name": "Nytt AB", "kind": "company", "kommun": "", "website": ""} | _inlines_empty("units", "memberships")
    assert client.post(url, data | {"csrfmiddlewaretoken": token}).status_code == 302
    org = Organisation.objects.get(name="Nytt AB")
    entry = AuditEntry.objects.get(model="samverkan.organisation", object_id=str(org.pk))
    assert (
        entry.action == "create"
        and entry.before is None
        and entry.after["name"] == "Nytt AB"
        and entry.actor == world.admin
    )


def test_admin_delete_of_a_funding_application_is_audited(world):
    funding = _funding(world)
    pk = funding.pk
    client = _client(world.admin)
    url = f"/admin/samverkan/fundingapplication/{pk}/delete/"
    token = _csrf(client, url)
    before_count = AuditEntry.objects.count()
    resp = client.post(url, {"post": "yes", "csrfmiddlewaretoken": token})
    assert resp.status_code == 302
    assert not FundingApplication.objects.filter(pk=pk).exists()
    entries = list(AuditEntry.objects.order_by("id")[before_count:])
    assert [(e.action, e.model, e.object_id, e.actor) for e in entries] == [
        ("delete", "samverkan.fundingapplication", str(pk), world.admin)
    ]
    assert entries[0].before["funder"] == "ESF" and entries[0].before["amount_applied"] == "1000.00"
    assert entries[0].after is None


def test_admin_bulk_delete_action_is_audited(world):
    funding = _funding(world)
    pk = funding.pk
    client = _client(world.admin)
    url = "/admin/samverkan/fundingapplication/"
    token = _csrf(client, url)
    before_count = AuditEntry.objects.count()
    resp = client.post(
        url, {"action": "delete_selected", "_selected_action": [str(pk)], "post": "yes", "csrfmiddlewaretoken": token}
    )
    assert resp.status_code == 302
    assert not FundingApplication.objects.filter(pk=pk).exists()
    entries = list(AuditEntry.objects.order_by("id")[before_count:])
    assert [(e.action, e.model, e.object_id) for e in entries] == [("delete", "samverkan.fundingapplication", str(pk))]
    assert entries[0].before["funder"] == "ESF"


def test_refused_admin_actions_write_nothing(world):
    funding = _funding(world)
    before_count = AuditEntry.objects.count()
    # A coordinator is not staff: the admin sends them to its login page and changes nothing.
    client = Client()
    client.force_login(world.coordinator)
    change = client.post(
        f"/admin/samverkan/organisation/{world.kommun.pk}/change/", _org_form(world.kommun, name="Kapad")
    )
    delete = client.post(f"/admin/samverkan/fundingapplication/{funding.pk}/delete/", {"post": "yes"})
    bulk = client.post(
        "/admin/samverkan/fundingapplication/",
        {"action": "delete_selected", "_selected_action": [str(funding.pk)], "post": "yes"},
    )
    for resp in (change, delete, bulk):
        assert resp.status_code == 302 and "/admin/login/" in resp["Location"]
    world.kommun.refresh_from_db()
    assert world.kommun.name == "Testkommun"
    assert FundingApplication.objects.filter(pk=funding.pk).exists()
    # A superuser without a CSRF token is refused as well.
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(world.admin)
    assert forged.post(f"/admin/samverkan/fundingapplication/{funding.pk}/delete/", {"post": "yes"}).status_code == 403
    assert FundingApplication.objects.filter(pk=funding.pk).exists()
    assert AuditEntry.objects.count() == before_count
