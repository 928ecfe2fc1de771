"""Accounts (issue 14, item 6): password reset by e-mail with Django's own views, e-mail as the
login name (case-insensitive, unique), "Admin" in the header only for staff, e-mail backends."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core import mail

from kompetensbron.web.email_login import email_taken

pytestmark = pytest.mark.django_db

PASSWORD = "Ett-långt-lösen-42"


@pytest.fixture(autouse=True)
def _fast_hashes_and_locmem_mail(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def anna():
    return get_user_model().objects.create_user(username="anna", email="Anna.Berg@Example.se", password=PASSWORD)


def test_login_by_email_in_any_case(anna, rf):
    request = rf.post("/konto/logga-in/")
    assert authenticate(request, username="anna.berg@example.SE", password=PASSWORD) == anna
    assert authenticate(request, username="anna", password=PASSWORD) == anna  # the username still works
    assert authenticate(request, username="anna.berg@example.se", password="fel") is None


def test_an_address_of_two_accounts_signs_nobody_in(anna, rf):
    get_user_model().objects.create_user(username="anna2", email="anna.berg@example.se", password=PASSWORD)
    assert authenticate(rf.post("/konto/logga-in/"), username="ANNA.BERG@example.se", password=PASSWORD) is None


def test_the_login_page_signs_in_by_email(anna, client):
    response = client.post("/konto/logga-in/", {"username": "ANNA.berg@example.se", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == anna


def test_email_taken_ignores_case_and_the_account_itself(anna):
    assert email_taken("anna.berg@EXAMPLE.se")
    assert not email_taken("anna.berg@example.se", exclude_pk=anna.pk)
    assert not email_taken("") and not email_taken("ny@example.se")


def test_the_admin_refuses_a_second_account_with_the_same_address(anna, client):
    admin = get_user_model().objects.create_superuser(username="root", email="root@example.se", password=PASSWORD)
    client.force_login(admin)
    other = get_user_model().objects.create_user(username="bo", email="bo@example.se", password=PASSWORD)
    page = client.get(f"/admin/auth/user/{other.pk}/change/")
    form = page.context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in ("password", "groups", "user_permissions")
    }
    data.update(
        {
            "email": "ANNA.BERG@example.se",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "last_login_0": "",
        }
    )
    response = client.post(f"/admin/auth/user/{other.pk}/change/", data)
    assert response.status_code == 200  # the form again, with the error
    assert "Det finns redan ett konto med den e-postadressen." in response.content.decode()
    other.refresh_from_db()
    assert other.email == "bo@example.se"


def test_password_reset_by_email(anna, client):
    page = client.get("/konto/logga-in/").content.decode()
    assert 'href="/konto/nytt-losenord/"' in page
    response = client.post("/konto/nytt-losenord/", {"email": "ANNA.BERG@example.se"})
    assert response.status_code == 302 and response["Location"] == "/konto/nytt-losenord/skickat/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [anna.email] and "Nytt lösenord" in message.subject
    link = re.search(r"https?://[^/\s]+(/konto/nytt-losenord/[^\s]+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Nytt-lösen-2026!", "new_password2": "Nytt-lösen-2026!"}
    )
    assert done.status_code == 302 and done["Location"] == "/konto/nytt-losenord/klart/"
    anna.refresh_from_db()
    assert anna.check_password("Nytt-lösen-2026!")
    assert client.get(link, follow=True).context["validlink"] is False  # the link works once


def test_password_reset_says_the_same_for_an_unknown_address(client):
    response = client.post("/konto/nytt-losenord/", {"email": "ingen@example.se"})
    assert response.status_code == 302 and response["Location"] == "/konto/nytt-losenord/skickat/"
    assert mail.outbox == []


def test_password_reset_pages_in_english(client):
    html = client.get("/konto/nytt-losenord/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Forgotten password" in html and "Glömt" not in html


def test_admin_link_only_for_staff(anna, client):
    assert 'href="/admin/"' not in client.get("/").content.decode()
    client.force_login(anna)
    assert 'href="/admin/"' not in client.get("/").content.decode()
    anna.is_staff = True
    anna.save()
    assert 'href="/admin/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("name", "backend"),
    [
        ("console", "django.core.mail.backends.console.EmailBackend"),
        ("file", "django.core.mail.backends.filebased.EmailBackend"),
        ("smtp", "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_email_backend_setting(name, backend, monkeypatch, tmp_path):
    import importlib

    from kompetensbron.config import get_settings

    monkeypatch.setenv("KOMPETENSBRON_EMAIL_BACKEND", name)
    monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        import kompetensbron.web.settings as web_settings

        fresh = importlib.reload(web_settings)
        assert fresh.EMAIL_BACKEND == backend
        assert fresh.EMAIL_FILE_PATH == str(tmp_path / "mail")
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
        importlib.reload(web_settings)
