"""The Matchning service layer: every change goes through here.

Functions are keyword-only (``actor=`` first), check rights (:mod:`..permissions`), validate,
write and audit (:func:`kompetensbron.samverkan.audit.record`) in one transaction, and raise
:class:`~kompetensbron.errors.PermissionDenied` (403), :class:`~kompetensbron.errors.ValidationFailed`
(422) or :class:`~kompetensbron.errors.NotFound` (404); a refused change writes nothing.
"""

from . import public
from .applications import (
    apply,
    find_application,
    get_application,
    own_applications,
    transition_application,
)
from .indicators import compute_indicator_year, find_indicator
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
from .outcomes import find_placement, outcome_public, record_outcome
from .ranking import published_index, ranked_applicants, ranked_for_student
from .rounds import (
    close_round,
    create_round,
    find_round,
    get_round,
    rank_opportunities,
    rank_students,
    round_files,
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
    "InvalidTransition",
    "add_allowed_domain",
    "apply",
    "close_round",
    "compute_indicator_year",
    "create_opportunity",
    "create_round",
    "delete_allowed_domain",
    "find_application",
    "find_indicator",
    "find_opportunity",
    "find_placement",
    "find_round",
    "get_application",
    "get_opportunity",
    "get_own_profile",
    "get_round",
    "invite_student",
    "list_opportunities",
    "outcome_public",
    "own_applications",
    "public",
    "published_index",
    "rank_opportunities",
    "rank_students",
    "ranked_applicants",
    "ranked_for_student",
    "record_outcome",
    "register_student",
    "round_files",
    "round_public",
    "run_round",
    "set_placement",
    "set_round_opportunities",
    "suggest_skills",
    "transition_application",
    "transition_opportunity",
    "update_opportunity",
    "update_profile",
    "visible_rounds",
]
