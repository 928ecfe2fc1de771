"""Who may change education data, as django-rules predicates (the Samverkan mechanism).

Rights follow from the register: an :class:`~.models.Institution` is linked to the Samverkan
:class:`~kompetensbron.samverkan.models.Organisation` (of kind *university*) that runs it
(``Institution.organisation``). Then

- the organisation's **coordinators and members** add programmes to its institution(s),
  change its programmes and decide (confirm / reject / add) the occupation links of its
  programmes and courses;
- **staff** and **administrators** (``is_staff`` / ``is_superuser``) may do all of it, for
  every institution, and only they may create new institutions (e.g. through an import);
- everyone else reads.

Rules (``user.has_perm(...)`` works everywhere through ``rules.permissions.ObjectPermissionBackend``):

=================================  =================  ==========================================
rule                               object             who
=================================  =================  ==========================================
``education.add_programme``        Institution/None   staff; with None: anyone with an institution
``education.change_programme``     Programme          staff; members of its institution's organisation
``education.decide_link``          OccupationLink     staff; members of the programme's / course's institution's organisation
``education.import_programmes``    None               staff; anyone with an institution (each row is checked again)
=================================  =================  ==========================================

Services call :func:`require`, which raises :class:`kompetensbron.errors.PermissionDenied`.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from kompetensbron.errors import PermissionDenied
from kompetensbron.samverkan.permissions import organisation_ids

from .models import Institution, OccupationLink, Programme

__all__ = ["require", "institution_ids", "can_add", "can_change", "is_education_staff"]


def institution_ids(user) -> set[int]:
    """Institutions whose organisation ``user`` belongs to (coordinator or member)."""
    if not user.is_authenticated:
        return set()
    orgs = organisation_ids(user)
    if not orgs:
        return set()
    return set(Institution.objects.filter(organisation_id__in=orgs).values_list("pk", flat=True))


@rules.predicate
def is_education_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


@rules.predicate
def has_an_institution(user) -> bool:
    return bool(institution_ids(user))


@rules.predicate
def belongs_to_institution(user, institution) -> bool:
    if institution is None:
        return bool(institution_ids(user))
    pk = institution.pk if isinstance(institution, Institution) else institution
    return pk in institution_ids(user)


@rules.predicate
def belongs_to_programme_institution(user, programme: Programme) -> bool:
    return programme is not None and programme.institution_id in institution_ids(user)


@rules.predicate
def belongs_to_link_institution(user, link: OccupationLink) -> bool:
    if link is None:
        return False
    if link.programme_id is not None:
        inst = Programme.objects.filter(pk=link.programme_id).values_list("institution_id", flat=True).first()
    else:
        from .models import Course

        inst = Course.objects.filter(pk=link.course_id).values_list("institution_id", flat=True).first()
    return inst in institution_ids(user)


_active = rules.is_authenticated & rules.is_active

rules.add_perm("education.add_programme", _active & (is_education_staff | belongs_to_institution))
rules.add_perm("education.change_programme", _active & (is_education_staff | belongs_to_programme_institution))
rules.add_perm("education.decide_link", _active & (is_education_staff | belongs_to_link_institution))
rules.add_perm("education.import_programmes", _active & (is_education_staff | has_an_institution))


def require(user, perm: str, obj=None, message: str | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` has ``education.<perm>`` (on ``obj``)."""
    if (
        user is None
        or not user.is_authenticated
        or not user.is_active
        or not rules.has_perm(f"education.{perm}", user, obj)
    ):
        raise PermissionDenied(message or _("Du saknar behörighet (%(perm)s).") % {"perm": perm})


def can_add(user) -> bool:
    """May ``user`` add a programme to some institution (shows the "new programme" button)."""
    return bool(user is not None and rules.has_perm("education.add_programme", user, None))


def can_change(user, programme: Programme) -> bool:
    return bool(user is not None and rules.has_perm("education.change_programme", user, programme))
