"""Who may define and change region groups (django-rules, the Samverkan mechanism).

=================================  ============  ================================================
rule                               object        who
=================================  ============  ================================================
``region_groups.add_group``        Organisation  administrators; members of the organisation
``region_groups.change_group``     RegionGroup   administrators; members of its organisation
=================================  ============  ================================================

Everyone reads every group (a group is a list of public regions). Services call :func:`require`.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from kompetensbron.errors import PermissionDenied
from kompetensbron.samverkan.permissions import is_admin, organisation_ids

__all__ = ["require", "may_add", "may_change"]


@rules.predicate
def is_member_of_organisation(user, organisation) -> bool:
    if organisation is None:
        return bool(organisation_ids(user))
    return organisation.pk in organisation_ids(user)


@rules.predicate
def is_member_of_group_organisation(user, group) -> bool:
    return group is not None and group.organisation_id in organisation_ids(user)


_active = rules.is_authenticated & rules.is_active

rules.add_perm("region_groups.add_group", _active & (is_admin | is_member_of_organisation))
rules.add_perm("region_groups.change_group", _active & (is_admin | is_member_of_group_organisation))


def require(user, perm: str, obj=None, message: str | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` has ``region_groups.<perm>`` (on ``obj``)."""
    if user is None or not user.is_authenticated or not rules.has_perm(f"region_groups.{perm}", user, obj):
        raise PermissionDenied(message or _("Du saknar behörighet (%(perm)s).") % {"perm": perm})


def may_add(user) -> bool:
    return bool(user is not None and rules.has_perm("region_groups.add_group", user, None))


def may_change(user, group) -> bool:
    return bool(user is not None and rules.has_perm("region_groups.change_group", user, group))
