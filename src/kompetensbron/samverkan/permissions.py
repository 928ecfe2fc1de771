"""Who may do what, as django-rules predicates (object-level permissions).

Rights follow from membership:

- an **administrator** (``is_superuser``) manages the register: organisations, bodies,
  invitations, memberships, personal-data export and erasure;
- an organisation's **coordinators** edit its data (the organisation, its units, agreements
  it is party to, activities it owns, their funding and the agreement's indicators);
- members of a **working group** create and propose activities in it, and move its
  running activities along the workflow;
- only members of the **steering group** above the working group (``Body.parent``)
  decide proposals — administrators included, no one else, and never the proposer;
- everyone logged in reads what their organisations (or bodies) take part in;
- writes stay inside one's own organisations: an activity's owner is one of the user's
  organisations, its agreement one the user sees and its working group one of the user's
  bodies' agreements (:func:`choosable_owners`, :func:`visible_agreements`,
  :func:`choosable_working_groups` — the forms offer exactly these); an organisation becomes
  a party to an agreement only when its coordinator accepts the invitation
  (``samverkan.decide_party_invitation``), and a party is removed only by its own coordinator
  or an administrator (``samverkan.remove_party``).

Within :func:`memoised_memberships` (the read-only pages wrap their view in
:func:`memoise_memberships`), a user's organisation and body memberships are read from the
database once and reused by every predicate and ``visible_*`` query of that request; outside it
every call reads the database as before.

The rules are registered under ``samverkan.<action>``, so ``user.has_perm("samverkan.decide_activity",
activity)`` works everywhere (``rules.permissions.ObjectPermissionBackend``). Services call
:func:`require` which raises :class:`kompetensbron.errors.PermissionDenied`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import rules
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kompetensbron.errors import PermissionDenied

from .models import Activity, Agreement, Body, BodyKind, MembershipRole, Organisation, PartyInvitation

__all__ = [
    "require",
    "organisation_ids",
    "coordinated_organisation_ids",
    "visible_activities",
    "visible_agreements",
    "visible_bodies",
    "visible_organisations",
    "choosable_owners",
    "choosable_working_groups",
    "member_organisations",
    "memoised_memberships",
    "memoise_memberships",
    "note_visible_agreement",
]

# ------------------------------------------------------------------ per-request memo

_memo: ContextVar[dict | None] = ContextVar("samverkan_membership_memo", default=None)


@contextmanager
def memoised_memberships() -> Iterator[None]:
    """Read each user's memberships at most once inside this block (one request of a page)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def memoise_memberships(view):
    """View decorator: the whole request runs inside :func:`memoised_memberships`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with memoised_memberships():
            return view(request, *args, **kwargs)

    return wrapper


def _memoised(key: tuple, load):
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def _memberships(user) -> tuple[frozenset[int], frozenset[int]]:
    """(organisation ids, coordinated organisation ids) of ``user``: one query."""

    def load():
        rows = list(user.samverkan_memberships.values_list("organisation_id", "role"))
        return (
            frozenset(org for org, _ in rows),
            frozenset(org for org, role in rows if role == MembershipRole.COORDINATOR),
        )

    return _memoised(("memberships", user.pk), load)


def organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(_memberships(user)[0])


def coordinated_organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(_memberships(user)[1])


def body_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        _memoised(
            ("bodies", user.pk), lambda: frozenset(user.samverkan_body_memberships.values_list("body_id", flat=True))
        )
    )


def note_visible_agreement(user, agreement_pk: int) -> None:
    """Record (inside :func:`memoised_memberships` only) that ``user`` may read the agreement."""
    memo = _memo.get()
    if memo is not None and user.is_authenticated:
        memo[("agreement", user.pk, agreement_pk)] = True


# ------------------------------------------------------------------ predicates


@rules.predicate
def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_coordinator_of_organisation(user, organisation: Organisation) -> bool:
    return organisation is not None and organisation.pk in coordinated_organisation_ids(user)


@rules.predicate
def is_coordinator_of_a_party(user, agreement: Agreement) -> bool:
    if agreement is None or agreement.pk is None:
        return False
    parties = set(agreement.parties.values_list("pk", flat=True))
    return bool(parties & coordinated_organisation_ids(user))


@rules.predicate
def is_member_of_body(user, body: Body) -> bool:
    return body is not None and body.pk in body_ids(user)


@rules.predicate
def is_chair_of_body(user, body: Body) -> bool:
    return body is not None and user.is_authenticated and body.chair_id == user.pk


@rules.predicate
def is_member_of_working_group(user, activity: Activity) -> bool:
    group = activity.working_group if activity is not None else None
    return group is not None and group.kind == BodyKind.WORKING_GROUP and group.pk in body_ids(user)


@rules.predicate
def is_member_of_steering_group(user, activity: Activity) -> bool:
    group = activity.working_group if activity is not None else None
    steering = group.parent if group is not None else None
    return steering is not None and steering.kind == BodyKind.STEERING_GROUP and steering.pk in body_ids(user)


@rules.predicate
def is_proposer(user, activity: Activity) -> bool:
    """The person who proposed the activity (they never decide it themselves)."""
    return (
        activity is not None
        and user.is_authenticated
        and activity.proposed_by_id is not None
        and activity.proposed_by_id == user.pk
    )


@rules.predicate
def is_owner_coordinator(user, activity: Activity) -> bool:
    return activity is not None and activity.owner_id in coordinated_organisation_ids(user)


@rules.predicate
def can_see_activity(user, activity: Activity) -> bool:
    return activity is not None and visible_activities(user).filter(pk=activity.pk).exists()


@rules.predicate
def can_see_agreement(user, agreement: Agreement) -> bool:
    if agreement is None:
        return False
    return _memoised(
        ("agreement", user.pk, agreement.pk), lambda: visible_agreements(user).filter(pk=agreement.pk).exists()
    )


@rules.predicate
def is_coordinator_of_invited(user, invitation: PartyInvitation) -> bool:
    return invitation is not None and invitation.organisation_id in coordinated_organisation_ids(user)


is_logged_in = rules.is_authenticated & rules.is_active

rules.add_perm("samverkan.add_organisation", is_admin)
rules.add_perm("samverkan.change_organisation", is_admin | is_coordinator_of_organisation)
rules.add_perm("samverkan.add_agreement", is_logged_in)  # plus: coordinator of a party (checked in the service)
rules.add_perm("samverkan.change_agreement", is_admin | is_coordinator_of_a_party)
rules.add_perm("samverkan.view_agreement", is_admin | can_see_agreement)
rules.add_perm("samverkan.add_body", is_admin)
rules.add_perm("samverkan.change_body", is_admin | is_chair_of_body)
rules.add_perm("samverkan.view_activity", is_admin | can_see_activity)
rules.add_perm("samverkan.change_activity", is_member_of_working_group | is_owner_coordinator)
rules.add_perm("samverkan.propose_activity", is_member_of_working_group)
rules.add_perm("samverkan.decide_activity", is_member_of_steering_group & ~is_proposer)
rules.add_perm("samverkan.change_indicator", is_admin | is_coordinator_of_a_party)
rules.add_perm("samverkan.decide_party_invitation", is_admin | is_coordinator_of_invited)
rules.add_perm("samverkan.remove_party", is_admin | is_coordinator_of_organisation)
rules.add_perm("samverkan.invite_user", is_admin)
rules.add_perm("samverkan.manage_personal_data", is_admin)


def require(user, perm: str, obj=None, message: str | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` has ``samverkan.<perm>`` (on ``obj``)."""
    if (
        user is None
        or not user.is_authenticated
        or not user.is_active
        or not rules.has_perm(f"samverkan.{perm}", user, obj)
    ):
        raise PermissionDenied(message or _("Du saknar behörighet (%(perm)s).") % {"perm": perm})


# ------------------------------------------------------------------ what a user may read


def visible_agreements(user) -> QuerySet[Agreement]:
    if not user.is_authenticated:
        return Agreement.objects.none()
    if user.is_superuser:
        return Agreement.objects.all()
    return Agreement.objects.filter(Q(parties__in=organisation_ids(user)) | Q(bodies__in=body_ids(user))).distinct()


def visible_activities(user) -> QuerySet[Activity]:
    if not user.is_authenticated:
        return Activity.objects.none()
    if user.is_superuser:
        return Activity.objects.all()
    orgs = organisation_ids(user)
    bodies = body_ids(user)
    return Activity.objects.filter(
        Q(owner__in=orgs)
        | Q(partners__in=orgs)
        | Q(agreement__parties__in=orgs)
        | Q(working_group__in=bodies)
        | Q(working_group__parent__in=bodies)
    ).distinct()


def visible_bodies(user) -> QuerySet[Body]:
    if not user.is_authenticated:
        return Body.objects.none()
    if user.is_superuser:
        return Body.objects.all()
    return Body.objects.filter(
        Q(pk__in=body_ids(user))
        | Q(organisations__in=organisation_ids(user))
        | Q(agreement__parties__in=organisation_ids(user))
    ).distinct()


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations ``user`` may read: all for administrators; otherwise their own, the parties
    of the agreements they see and the organisations taking part in the bodies they see.
    (The organisations page and the organisations API both list exactly these.)"""
    qs = Organisation.objects.select_related("kommun")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs.all()
    return qs.filter(
        Q(pk__in=organisation_ids(user))
        | Q(agreements__in=visible_agreements(user).values("pk"))
        | Q(bodies__in=visible_bodies(user).values("pk"))
    ).distinct()


def member_organisations(user) -> QuerySet[Organisation]:
    """The organisations ``user`` is a member of (all for administrators, none when anonymous)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user))


def choosable_owners(user) -> QuerySet[Organisation]:
    """Organisations that may own an activity ``user`` files: their own (all for administrators)."""
    return member_organisations(user)


def choosable_working_groups(user) -> QuerySet[Body]:
    """Working groups (and councils) ``user`` may file an activity in: those they see (:func:`visible_bodies`)."""
    return visible_bodies(user).filter(kind__in=(BodyKind.WORKING_GROUP, BodyKind.COUNCIL))


# registers the governance rules and the meeting, need and link rules
from . import permissions_governance, permissions_meetings  # noqa: E402, F401
