"""Audit gaps of issue 8, item 9: account grants and e-mail changes in the admin, agreement documents."""

from __future__ import annotations

import datetime as dt

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AuditEntry
from kompetensbron.samverkan.schemas import AgreementCreate, DocumentIn

from .test_admin_audit import _client, _csrf


def _user_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "initial-date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "initial-date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _audit_of(user):
    return AuditEntry.objects.filter(model=user._meta.label_lower, object_id=str(user.pk), action="update")


def test_superuser_grant_in_the_admin_is_audited(world):
    client = _client(world.admin)
    url = f"/admin/auth/user/{world.outsider.pk}/change/"
    token = _csrf(client, url)
    resp = client.post(url, _user_form(world.outsider, is_staff="on", is_superuser="on", csrfmiddlewaretoken=token))
    assert resp.status_code == 302, resp.content.decode()[:2000]
    entry = _audit_of(world.outsider).get()
    assert entry.actor == world.admin
    assert (entry.before["is_superuser"], entry.after["is_superuser"]) == (False, True)
    assert (entry.before["is_staff"], entry.after["is_staff"]) == (False, True)
    assert "password" not in entry.after


def test_email_change_in_the_admin_is_audited(world):
    client = _client(world.admin)
    url = f"/admin/auth/user/{world.coordinator.pk}/change/"
    token = _csrf(client, url)
    resp = client.post(url, _user_form(world.coordinator, email="ny@test.invalid", csrfmiddlewaretoken=token))
    assert resp.status_code == 302
    entry = _audit_of(world.coordinator).get()
    assert (entry.before["email"], entry.after["email"]) == ("samordnare@test.invalid", "ny@test.invalid")


def test_agreement_snapshots_include_document_urls(world):
    agreement = services.create_agreement(
        actor=world.admin,
        data=AgreementCreate(
            title="Avtal med dokument",
            party_ids=[world.kommun.pk],
            period_start=dt.date(2025, 1, 1),
            documents=[DocumentIn(title="Avtalstext", url="https://example.se/avtal.pdf")],
        ),
    )
    entry = AuditEntry.objects.get(model="samverkan.agreement", object_id=str(agreement.pk), action="create")
    assert entry.after["documents"] == [{"title": "Avtalstext", "url": "https://example.se/avtal.pdf", "file": ""}]


def test_password_set_in_the_admin_is_audited_without_the_hash(world):
    client = _client(world.admin)
    url = f"/admin/auth/user/{world.outsider.pk}/password/"
    token = _csrf(client, url)
    resp = client.post(
        url,
        {
            "password1": "Nytt-lösen-98765",
            "password2": "Nytt-lösen-98765",
            "usable_password": "true",
            "csrfmiddlewaretoken": token,
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:3000]
    entry = AuditEntry.objects.get(
        model=world.outsider._meta.label_lower, object_id=str(world.outsider.pk), action="set_password"
    )
    assert entry.actor == world.admin and "password" not in str(entry.after)
