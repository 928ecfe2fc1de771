"""Register pages: the organisations list, the organisation edit form (via
services.update_organisation, audited) and the bodies list with their members."""

from __future__ import annotations

from django.test import Client

from kompetensbron.samverkan.models import AuditEntry, Organisation


def _client(user, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _edit_url(org: Organisation) -> str:
    return f"/samverkan/organisationer/{org.pk}/redigera/"


def _form(org: Organisation, **changes) -> dict[str, str]:
    return {"name": org.name, "kind": org.kind, "kommun": org.kommun_id or "", "website": org.website} | changes


def test_pages_need_login(world):
    for url in ("/samverkan/organisationer/", _edit_url(world.kommun), "/samverkan/organ/"):
        resp = Client().get(url)
        assert resp.status_code == 302 and "/konto/logga-in/" in resp["Location"], url
    before = AuditEntry.objects.count()
    resp = Client().post(_edit_url(world.kommun), _form(world.kommun, name="Anonym"))
    assert resp.status_code == 302 and "/konto/logga-in/" in resp["Location"]
    world.kommun.refresh_from_db()
    assert world.kommun.name == "Testkommun" and AuditEntry.objects.count() == before


def test_board_links_to_the_register_pages(world):
    html = _client(world.wg_member).get("/samverkan/").content.decode()
    assert 'href="/samverkan/organisationer/"' in html and 'href="/samverkan/organ/"' in html


def test_organisation_list_shows_what_the_user_may_read_and_edit_links(world):
    html = _client(world.coordinator).get("/samverkan/organisationer/").content.decode()
    assert "Testkommun" in html and "Testuniversitetet" in html  # own organisation and agreement party
    assert "Annan AB" not in html
    assert _edit_url(world.kommun) in html and _edit_url(world.uni) not in html
    outsider = _client(world.outsider).get("/samverkan/organisationer/").content.decode()
    assert "Annan AB" in outsider and "Testkommun" not in outsider
    admin = _client(world.admin).get("/samverkan/organisationer/").content.decode()
    assert all(_edit_url(o) in admin for o in (world.kommun, world.uni, world.other))


def test_coordinator_edits_the_organisation(world):
    client = _client(world.coordinator, csrf=True)
    url = _edit_url(world.kommun)
    page = client.get(url)
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    token = client.cookies["csrftoken"].value
    before = AuditEntry.objects.count()
    resp = client.post(
        url,
        _form(world.kommun, name="Härnösands kommun", website="https://harnosand.se") | {"csrfmiddlewaretoken": token},
    )
    assert resp.status_code == 302 and resp["Location"] == "/samverkan/organisationer/"
    world.kommun.refresh_from_db()
    assert (world.kommun.name, world.kommun.website) == ("Härnösands kommun", "https://harnosand.se")
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert [(e.action, e.model, e.object_id, e.actor) for e in entries] == [
        ("update", "samverkan.organisation", str(world.kommun.pk), world.coordinator)
    ]
    assert entries[0].before["name"] == "Testkommun" and entries[0].after["name"] == "Härnösands kommun"
    assert entries[0].before["website"] == "" and entries[0].after["website"] == "https://harnosand.se"


def test_outsider_and_plain_member_are_refused_and_nothing_is_written(world):
    before = AuditEntry.objects.count()
    for user in (world.outsider, world.wg_member):  # wg_member is a member, not a coordinator, of the kommun
        client = _client(user)
        assert client.get(_edit_url(world.kommun)).status_code == 403
        assert client.post(_edit_url(world.kommun), _form(world.kommun, name="Kapad")).status_code == 403
        # Invalid input from someone without the right is refused too, not shown as form errors.
        assert client.post(_edit_url(world.kommun), _form(world.kommun, name="")).status_code == 403
    world.kommun.refresh_from_db()
    assert world.kommun.name == "Testkommun"
    assert AuditEntry.objects.count() == before


def test_unknown_organisation_is_404(world):
    assert _client(world.admin).get("/samverkan/organisationer/999999/redigera/").status_code == 404


def test_bad_input_gives_form_errors_and_writes_nothing(world):
    client = _client(world.coordinator)
    before = AuditEntry.objects.count()
    cases = [
        (_form(world.kommun, name="  "), "name"),
        (_form(world.kommun, name="testuniversitetet"), "name"),  # another organisation's name (any case)
        (_form(world.kommun, website="inte en adress"), "website"),
        (_form(world.kommun, kind="planet"), "kind"),
        (_form(world.kommun, kommun="0000"), "kommun"),
    ]
    for data, field in cases:
        resp = client.post(_edit_url(world.kommun), data)
        assert resp.status_code == 422, data
        form = resp.context["page"].form
        assert field in form.errors, (field, form.errors)
        assert 'role="alert"' in resp.content.decode()
    world.kommun.refresh_from_db()
    assert (world.kommun.name, world.kommun.kind, world.kommun.website) == ("Testkommun", "municipality", "")
    assert AuditEntry.objects.count() == before


def test_duplicate_name_message_is_swedish(world):
    resp = _client(world.coordinator).post(_edit_url(world.kommun), _form(world.kommun, name="Testuniversitetet"))
    assert "Organisationen Testuniversitetet finns redan." in resp.content.decode()


def test_body_list_shows_bodies_with_members(world):
    html = _client(world.wg_member).get("/samverkan/organ/").content.decode()
    assert "Styrgruppen" in html and "Arbetsgruppen" in html
    assert "Arbetsgrupp Testsson (Testkommun)" in html and "Styrgrupp Testsson (Testuniversitetet)" in html
    assert "Styrgruppen" not in _client(world.outsider).get("/samverkan/organ/").content.decode()


def test_register_pages_in_english(world, settings):
    client = _client(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/samverkan/organisationer/").content.decode()
    assert "Organisations in the collaboration" in html and ">Edit<" in html
    assert "Bodies of the collaboration" in client.get("/samverkan/organ/").content.decode()
    resp = client.post(_edit_url(world.kommun), _form(world.kommun, name="Testuniversitetet"))
    assert "The organisation Testuniversitetet already exists." in resp.content.decode()
