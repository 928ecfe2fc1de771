"""Who may do what in Matchning, as django-rules predicates under ``matchning.<action>``.

Rights follow from Samverkan memberships and from having a student profile:

- members of an opportunity's **host** organisation post and edit it, send it for review, see
  its applicants (only once they have applied), shortlist, offer, reject and rank them in rounds;
- a **coordinator of a university or of the region** (Samverkan organisation of kind
  ``university`` / ``region``) publishes opportunities in review and runs rounds of its own
  organisation;
- a **student** (a user with a :class:`~.models.StudentProfile`) edits the own profile, applies,
  answers offers and ranks opportunities in open rounds; sees published opportunities and the own
  applications only;
- outcomes are recorded by the host or a coordinator of the student's university;
- **administrators** (``is_superuser``) may do all of it and manage the allowed e-mail domains.

:func:`require` raises :class:`kompetensbron.errors.PermissionDenied`, like Samverkan's.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kompetensbron.errors import PermissionDenied
from kompetensbron.samverkan.models import Organisation, OrganisationKind
from kompetensbron.samverkan.permissions import (
    coordinated_organisation_ids,
    is_admin,
    is_coordinator_of_organisation,
    organisation_ids,
)

from .models import (
    Application,
    Opportunity,
    OpportunityStatus,
    Placement,
    Round,
    StudentProfile,
)

__all__ = [
    "PUBLISHER_KINDS",
    "publisher_organisation_ids",
    "require",
    "student_profile",
    "visible_applications",
    "visible_opportunities",
]

PUBLISHER_KINDS = (OrganisationKind.UNIVERSITY, OrganisationKind.REGION)


def publisher_organisation_ids(user) -> set[int]:
    """Universities and regions the user coordinates (they publish and run rounds)."""
    coordinated = coordinated_organisation_ids(user)
    if not coordinated:
        return set()
    return set(Organisation.objects.filter(pk__in=coordinated, kind__in=PUBLISHER_KINDS).values_list("pk", flat=True))


def student_profile(user) -> StudentProfile | None:
    if user is None or not user.is_authenticated:
        return None
    return StudentProfile.objects.filter(user=user).select_related("university").first()


@rules.predicate
def is_host_member(user, opportunity: Opportunity) -> bool:
    return opportunity is not None and opportunity.host_id in organisation_ids(user)


@rules.predicate
def is_publisher(user) -> bool:
    return bool(publisher_organisation_ids(user))


@rules.predicate
def is_student(user) -> bool:
    return user.is_authenticated and StudentProfile.objects.filter(user=user).exists()


@rules.predicate
def is_profile_owner(user, profile: StudentProfile) -> bool:
    return profile is not None and user.is_authenticated and profile.user_id == user.pk


@rules.predicate
def is_applicant(user, application: Application) -> bool:
    return application is not None and user.is_authenticated and application.student.user_id == user.pk


@rules.predicate
def is_host_of_application(user, application: Application) -> bool:
    return application is not None and application.opportunity.host_id in organisation_ids(user)


@rules.predicate
def is_organiser_coordinator(user, round_: Round) -> bool:
    return round_ is not None and round_.organiser_id in publisher_organisation_ids(user)


@rules.predicate
def is_host_of_placement(user, placement: Placement) -> bool:
    return placement is not None and placement.opportunity.host_id in organisation_ids(user)


@rules.predicate
def is_coordinator_of_students_university(user, placement: Placement) -> bool:
    return placement is not None and placement.university_id in coordinated_organisation_ids(user)


is_logged_in = rules.is_authenticated & rules.is_active

rules.add_perm("matchning.add_opportunity", is_admin | is_host_member)
rules.add_perm("matchning.change_opportunity", is_admin | is_host_member)
rules.add_perm("matchning.publish_opportunity", is_admin | is_publisher)
rules.add_perm("matchning.view_applicants", is_admin | is_host_member)
rules.add_perm("matchning.decide_application", is_admin | is_host_of_application)
rules.add_perm("matchning.answer_application", is_applicant)
rules.add_perm("matchning.apply", is_student)
rules.add_perm("matchning.change_profile", is_profile_owner)
rules.add_perm("matchning.add_round", is_admin | is_organiser_coordinator)
rules.add_perm("matchning.manage_round", is_admin | is_organiser_coordinator)
rules.add_perm("matchning.rank_in_round", is_student)
rules.add_perm("matchning.host_rank", is_admin | is_host_member)
rules.add_perm("matchning.record_outcome", is_admin | is_host_of_placement | is_coordinator_of_students_university)
rules.add_perm("matchning.manage_domains", is_admin)
rules.add_perm("matchning.invite_student", is_admin | is_coordinator_of_organisation)  # obj: the university
rules.add_perm("matchning.view_aggregates", is_logged_in)


def require(user, perm: str, obj=None, message: str | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` has ``matchning.<perm>`` (on ``obj``)."""
    if (
        user is None
        or not user.is_authenticated
        or not user.is_active
        or not rules.has_perm(f"matchning.{perm}", user, obj)
    ):
        raise PermissionDenied(message or _("Du saknar behörighet (%(perm)s).") % {"perm": perm})


# ------------------------------------------------------------------ what a user may read


def visible_opportunities(user) -> QuerySet[Opportunity]:
    """Published ones for everyone logged in; drafts of the own hosts; reviews for publishers."""
    if user is None or not user.is_authenticated:
        return Opportunity.objects.none()
    if user.is_superuser:
        return Opportunity.objects.all()
    cond = Q(status=OpportunityStatus.PUBLISHED) | Q(host__in=organisation_ids(user))
    if publisher_organisation_ids(user):
        cond |= Q(status=OpportunityStatus.IN_REVIEW)
    return Opportunity.objects.filter(cond)


def visible_applications(user) -> QuerySet[Application]:
    """The own applications (students) and applications to the own hosts' opportunities."""
    if user is None or not user.is_authenticated:
        return Application.objects.none()
    if user.is_superuser:
        return Application.objects.all()
    return Application.objects.filter(Q(student__user=user) | Q(opportunity__host__in=organisation_ids(user)))
