"""The Matchning service layer: every change goes through here.

Functions are keyword-only (``actor=`` first), check rights (:mod:`..permissions`), validate,
write and audit (:func:`kompetensbron.samverkan.audit.record`) in one transaction, and raise
:class:`~kompetensbron.errors.PermissionDenied` (403), :class:`~kompetensbron.errors.ValidationFailed`
(422) or :class:`~kompetensbron.errors.NotFound` (404); a refused change writes nothing.
"""

from . import public
from .applications import apply, find_application, get_application, own_applications, transition_application
from .opportunities import (
    InvalidTransition,
    create_opportunity,
    find_opportunity,
    get_opportunity,
    list_opportunities,
    suggest_skills,
    transition_opportunity,
    update_opportunity,
)
from .indicators import compute_indicator_year, find_indicator
from .outcomes import find_placement, outcome_public, record_outcome
from .ranking import published_index, ranked_applicants, ranked_for_student
from .rounds import (
    close_round,
    create_round,
    find_round,
    get_round,
    rank_opportunities,
    rank_students,
    round_public,
    run_round,
    set_placement,
    set_round_opportunities,
    visible_rounds,
)
from .students import (
    add_allowed_domain,
    delete_allowed_domain,
    get_own_profile,
    invite_student,
    register_student,
    update_profile,
)

__all__ = [
    "public",
    "apply",
    "find_application",
    "get_application",
    "own_applications",
    "transition_application",
    "InvalidTransition",
    "create_opportunity",
    "find_opportunity",
    "get_opportunity",
    "list_opportunities",
    "suggest_skills",
    "transition_opportunity",
    "update_opportunity",
    "compute_indicator_year",
    "find_indicator",
    "find_placement",
    "outcome_public",
    "record_outcome",
    "published_index",
    "ranked_applicants",
    "ranked_for_student",
    "close_round",
    "create_round",
    "find_round",
    "get_round",
    "rank_opportunities",
    "rank_students",
    "round_public",
    "run_round",
    "set_placement",
    "set_round_opportunities",
    "visible_rounds",
    "add_allowed_domain",
    "delete_allowed_domain",
    "get_own_profile",
    "invite_student",
    "register_student",
    "update_profile",
]
