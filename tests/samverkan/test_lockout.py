"""django-axes locks per account and per address: a slow password spray (one password over
many accounts from one address, or one account from many addresses) is stopped (issue 8, low)."""

from __future__ import annotations

from django.test import Client

PASSWORD = "ett-langt-losenord-2025"
LOGIN = "/konto/logga-in/"


def _locked(client: Client, username: str, password: str, ip: str) -> bool:
    resp = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return resp.status_code == 429 and "_auth_user_id" not in client.session  # django-axes' lockout answer


def test_spray_over_many_accounts_from_one_address_locks_the_address(make_user):
    make_user("offer@test.invalid", password=PASSWORD)
    client = Client()
    for i in range(5):
        client.post(LOGIN, {"username": f"konto{i}@test.invalid", "password": "Sommar2025!"}, REMOTE_ADDR="203.0.113.7")
    assert _locked(client, "offer@test.invalid", PASSWORD, "203.0.113.7")
    # another address is not locked out of its own account
    assert not _locked(Client(), "offer@test.invalid", PASSWORD, "198.51.100.1")


def test_many_addresses_against_one_account_lock_the_account(make_user):
    make_user("mal@test.invalid", password=PASSWORD)
    for i in range(5):
        Client().post(LOGIN, {"username": "mal@test.invalid", "password": "fel"}, REMOTE_ADDR=f"192.0.2.{i + 1}")
    assert _locked(Client(), "mal@test.invalid", PASSWORD, "192.0.2.200")


def test_lockout_parameters():
    from django.conf import settings

    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
