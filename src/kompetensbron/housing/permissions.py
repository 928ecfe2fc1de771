"""Who may change housing data, as django-rules predicates beside Samverkan's.

- a **housing project** is edited (details, status) by the coordinators of its owner
  organisation; anyone coordinating an organisation of kind ``housing`` may register a
  project for it; administrators may do both;
- a **programme** (target, kommun targets) is edited by the coordinators of its owner
  organisation (the region); creating one needs a coordinator of a ``region`` organisation;
- **stock figures and queue statistics** are imported by administrators; a housing
  organisation's coordinators enter and import its own queue statistics;
- the register, the programme's progress and the simulator are public to read.

Rules are registered under ``samverkan.*_housing_*`` so Samverkan's
:func:`~kompetensbron.samverkan.permissions.require` checks them like its own.
"""

from __future__ import annotations

import rules

from kompetensbron.samverkan.models import Organisation, OrganisationKind
from kompetensbron.samverkan.permissions import (
    coordinated_organisation_ids,
    is_admin,
    require,
)

__all__ = ["coordinated_housing_organisations", "coordinated_regions", "require"]


def coordinated_housing_organisations(user):
    ids = coordinated_organisation_ids(user)
    kinds = [OrganisationKind.HOUSING]
    if user.is_authenticated and user.is_superuser:
        return Organisation.objects.filter(kind__in=kinds)
    return Organisation.objects.filter(pk__in=ids, kind__in=kinds)


def coordinated_regions(user):
    if user.is_authenticated and user.is_superuser:
        return Organisation.objects.filter(kind=OrganisationKind.REGION)
    return Organisation.objects.filter(pk__in=coordinated_organisation_ids(user), kind=OrganisationKind.REGION)


@rules.predicate
def coordinates_project_owner(user, project) -> bool:
    return project is not None and project.owner_id in coordinated_organisation_ids(user)


@rules.predicate
def coordinates_organisation(user, organisation) -> bool:
    return organisation is not None and organisation.pk in coordinated_organisation_ids(user)


@rules.predicate
def coordinates_housing_organisation(user, organisation) -> bool:
    return (
        organisation is not None
        and organisation.kind == OrganisationKind.HOUSING
        and organisation.pk in coordinated_organisation_ids(user)
    )


@rules.predicate
def coordinates_programme_owner(user, programme) -> bool:
    return programme is not None and programme.owner_id in coordinated_organisation_ids(user)


@rules.predicate
def coordinates_region_organisation(user, organisation) -> bool:
    return (
        organisation is not None
        and organisation.kind == OrganisationKind.REGION
        and organisation.pk in coordinated_organisation_ids(user)
    )


# object: the owner Organisation
rules.add_perm("samverkan.add_housing_project", is_admin | coordinates_housing_organisation)
# object: the HousingProject
rules.add_perm("samverkan.change_housing_project", is_admin | coordinates_project_owner)
# object: the owner Organisation (a region)
rules.add_perm("samverkan.add_housing_programme", is_admin | coordinates_region_organisation)
# object: the Programme
rules.add_perm("samverkan.change_housing_programme", is_admin | coordinates_programme_owner)
# object: the Organisation whose queue it is
rules.add_perm("samverkan.change_queue_statistics", is_admin | coordinates_housing_organisation)
# no object: SCB / template files with stock figures for any kommun
rules.add_perm("samverkan.import_housing_stock", is_admin)
