"""Who may change education data: staff, or users with the model permission.

Kept simple on purpose: ``user.is_staff`` or ``education.change_programme`` (given to an
institution's coordinators in the admin) edits programmes and decides occupation links;
``education.add_programme`` (or staff) creates programmes and imports the template.
"""

from __future__ import annotations

from kompetensbron.errors import PermissionDenied

__all__ = ["can_change", "can_add", "require_change", "require_add"]


def can_change(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (user.is_staff or user.has_perm("education.change_programme")))


def can_add(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (user.is_staff or user.has_perm("education.add_programme")))


def require_change(user) -> None:
    if not can_change(user):
        raise PermissionDenied("Du har inte behörighet att ändra utbildningsprogram och yrkeskopplingar.")


def require_add(user) -> None:
    if not can_add(user):
        raise PermissionDenied("Du har inte behörighet att lägga till utbildningsprogram.")
