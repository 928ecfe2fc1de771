"""Accounts: invitations with one-time links, argon2, lockout, personal-data export and erasure."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AuditEntry, Membership
from kompetensbron.samverkan.schemas import InvitationIn
from kompetensbron.web import settings as project_settings

PASSWORD = "ett-Långt-lösenord-42"


def test_argon2_is_the_first_hasher_and_axes_guards_login():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert project_settings.AUTHENTICATION_BACKENDS[0].startswith("axes.")
    assert "axes.middleware.AxesMiddleware" in project_settings.MIDDLEWARE


def test_invitation_link_sets_password_once(world):
    invitation = services.invite_user(
        actor=world.admin,
        data=InvitationIn(
            email="Ny.Person@Test.invalid", first_name="Ny", organisation_id=world.kommun.pk, role="coordinator"
        ),
    )
    user = get_user_model().objects.get(pk=invitation.user_id)
    assert not user.is_active and not user.has_usable_password() and user.username == "ny.person@test.invalid"
    assert Membership.objects.get(user=user).role == "coordinator"
    client = Client()
    page = client.get(invitation.activation_path)
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    resp = client.post(invitation.activation_path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert resp.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.check_password(PASSWORD)
    assert Client().get(invitation.activation_path).status_code == 400  # the link is used up


def test_only_admins_invite(world):
    with pytest.raises(PermissionDenied):
        services.invite_user(
            actor=world.coordinator, data=InvitationIn(email="x@test.invalid", organisation_id=world.kommun.pk)
        )
    with pytest.raises(ValidationFailed) as exc:
        services.invite_user(actor=world.admin, data=InvitationIn(email="inte-en-adress", organisation_id=987654))
    assert set(exc.value.errors) == {"email", "organisation_id"}


def test_lockout_after_repeated_failures(make_user):
    make_user("laas@test.invalid", password=PASSWORD)
    client = Client()
    for _ in range(5):
        resp = client.post("/konto/logga-in/", {"username": "laas@test.invalid", "password": "fel"})
    assert resp.status_code == 429  # django-axes' lockout answer
    resp = client.post("/konto/logga-in/", {"username": "laas@test.invalid", "password": PASSWORD})
    assert resp.status_code == 429  # locked even with the right password
    assert "_auth_user_id" not in client.session


def test_login_works_with_the_right_password(make_user):
    make_user("ok@test.invalid", password=PASSWORD)
    client = Client()
    resp = client.post("/konto/logga-in/", {"username": "ok@test.invalid", "password": PASSWORD})
    assert resp.status_code == 302 and "_auth_user_id" in client.session


def test_export_personal_data(world):
    world.proposed()
    data = services.export_personal_data(actor=world.wg_member, user=world.wg_member)
    assert data.email == "arbetsgrupp@test.invalid"
    assert data.bodies == ["Arbetsgruppen"] and data.proposals == ["Sommarpraktik"]
    assert data.organisations[0].organisation == "Testkommun"
    with pytest.raises(PermissionDenied):
        services.export_personal_data(actor=world.outsider, user=world.wg_member)
    assert services.export_personal_data(actor=world.admin, user=world.wg_member).email == data.email


def test_export_via_api_is_json(world):
    client = Client()
    client.force_login(world.wg_member)
    resp = client.get(f"/api/v1/samverkan/people/{world.wg_member.pk}/export")
    assert resp.status_code == 200 and resp.json()["email"] == "arbetsgrupp@test.invalid"


def test_erase_anonymises_one_person(world):
    invitation = services.invite_user(
        actor=world.admin,
        data=InvitationIn(
            email="radera@test.invalid", first_name="Rad", last_name="Era", organisation_id=world.kommun.pk
        ),
    )
    user = get_user_model().objects.get(pk=invitation.user_id)
    with pytest.raises(PermissionDenied):
        services.erase_person(actor=world.coordinator, user=user)
    result = services.erase_person(actor=world.admin, user=user)
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.email, user.is_active) == ("", "", "", False)
    assert user.username == f"raderad-{user.pk}" == result.username
    assert result.memberships_kept == 1
    dumped = str(list(AuditEntry.objects.values()))
    assert "radera@test.invalid" not in dumped and "Rad" not in dumped
    assert AuditEntry.objects.filter(action="erase", object_id=str(user.pk)).exists()
    # other people are untouched
    world.wg_member.refresh_from_db()
    assert world.wg_member.email == "arbetsgrupp@test.invalid"
