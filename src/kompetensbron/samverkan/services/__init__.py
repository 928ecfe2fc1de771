"""The Samverkan service layer: every change goes through here.

Functions are keyword-only (``actor=`` first), run in ``transaction.atomic``, check rights
(:mod:`kompetensbron.samverkan.permissions`), validate input, and write the audit record in the
same transaction. They raise :class:`kompetensbron.errors.PermissionDenied`,
:class:`~kompetensbron.errors.ValidationFailed` (``errors={field: message}``) or
:class:`~kompetensbron.errors.NotFound`; a refused change writes nothing.
"""

from . import public
from .accounts import (
    accept_invitation,
    activation_path,
    erase_person,
    export_personal_data,
    get_person,
    invite_user,
    user_from_token,
)
from .activities import (
    InvalidTransition,
    create_activity,
    decide_activity,
    find_activity,
    get_activity,
    list_activities,
    propose_activity,
    submit_proposal,
    transition_activity,
    update_activity,
)
from .bodies import listed_bodies, remove_body_member, update_body
from .documents import add_agreement_document, remove_agreement_document
from .followup import (
    agreement_indicators,
    create_indicator,
    find_indicator,
    get_indicator,
    get_visible_agreement,
    indicator_year,
    set_indicator_year,
    yearly_report,
)
from .funding import (
    NOT_BINDING,
    activity_funding,
    create_funding_application,
    find_funding,
    funding_totals,
    get_funding,
    update_funding_application,
)
from .governance import agree_activity, next_steps, note_activity
from .parties import accept_party_invitation, decline_party_invitation, find_invitation, pending_invitations
from .register import (
    add_body_member,
    create_agreement,
    create_body,
    create_organisation,
    create_unit,
    get_agreement,
    get_body,
    get_organisation,
    organisation_units,
    set_membership,
    update_agreement,
    update_organisation,
    visible_organisation,
)

__all__ = [
    "public",
    "listed_bodies",
    "remove_body_member",
    "update_body",
    "add_agreement_document",
    "remove_agreement_document",
    "agree_activity",
    "next_steps",
    "note_activity",
    "accept_invitation",
    "activation_path",
    "erase_person",
    "export_personal_data",
    "get_person",
    "invite_user",
    "user_from_token",
    "InvalidTransition",
    "create_activity",
    "decide_activity",
    "find_activity",
    "find_indicator",
    "find_funding",
    "get_activity",
    "list_activities",
    "propose_activity",
    "submit_proposal",
    "transition_activity",
    "update_activity",
    "agreement_indicators",
    "create_indicator",
    "get_indicator",
    "get_visible_agreement",
    "indicator_year",
    "set_indicator_year",
    "yearly_report",
    "NOT_BINDING",
    "activity_funding",
    "create_funding_application",
    "funding_totals",
    "get_funding",
    "update_funding_application",
    "accept_party_invitation",
    "decline_party_invitation",
    "find_invitation",
    "pending_invitations",
    "add_body_member",
    "create_agreement",
    "create_body",
    "create_organisation",
    "create_unit",
    "get_agreement",
    "get_body",
    "get_organisation",
    "organisation_units",
    "visible_organisation",
    "set_membership",
    "update_agreement",
    "update_organisation",
]

# meetings, competence needs, knowledge links and computed indicators (own modules)
from . import meetings, meetings_public, needs  # noqa: E402
from .computed_indicators import computed_value, set_indicator_source  # noqa: E402
from .knowledge import add_activity_link, add_decision_link, collaboration_around  # noqa: E402

__all__ += [
    "meetings",
    "meetings_public",
    "needs",
    "computed_value",
    "set_indicator_source",
    "add_activity_link",
    "add_decision_link",
    "collaboration_around",
]
from . import computed_indicators, knowledge  # noqa: E402

__all__ += ["computed_indicators", "knowledge"]
