"""E-mail as the login name: case-insensitive, unique.

:class:`EmailOrUsernameBackend` lets a person sign in with the e-mail address of their account
(any case), beside the username (accounts invited through Samverkan have the address as their
username anyway). An address that belongs to more than one account signs nobody in — it is
refused, never guessed; :func:`email_taken` is the one rule that keeps addresses unique where
accounts are made or changed (the invitation service, the admin's account form).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

__all__ = ["EmailOrUsernameBackend", "email_taken", "users_by_email"]


def users_by_email(email: str):
    """Accounts whose e-mail (or e-mail-like username) is ``email``, ignoring case."""
    email = (email or "").strip()
    User = get_user_model()
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))


def email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    """Whether another account already has ``email`` (case-insensitive) as address or username."""
    if not (email or "").strip():
        return False
    found = users_by_email(email)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.exists()


class EmailOrUsernameBackend(ModelBackend):
    """Signs in by e-mail address, case-insensitively, when exactly one account has it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None or "@" not in username or len(username) > 254:
            return None
        users = list(users_by_email(username)[:2])
        if len(users) != 1:
            # no or several accounts: run the hasher once anyway, so the answer takes as long
            get_user_model()().set_password(password)
            return None
        user = users[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
