"""Rules for meetings, competence needs and knowledge-base links (django-rules, ``samverkan.*``).

- a body's **members and chair** (and administrators) record its meetings: attendees,
  documents, ideas and the decisions taken on the agreement or a programme; a decision on an
  activity goes through ``samverkan.decide_activity`` as always;
- an organisation's **members** register its competence needs and move them along; members
  of a **university** answer them in its name; the need's organisation accepts or declines an
  answer, the answering organisation runs, completes or withdraws it;
- links from an activity to the knowledge base follow ``samverkan.change_activity``; links
  from a decision are made by the meeting's body or the person who decided.

Reads: meetings of the bodies a user sees (:func:`~.permissions.visible_bodies`); competence
needs by everyone with a role in some organisation (they are addressed to the region's
universities).
"""

from __future__ import annotations

import rules
from django.db.models import QuerySet

from .models import Body, CompetenceNeed, Decision, Meeting, NeedAnswer, Organisation, OrganisationKind
from .permissions import body_ids, is_admin, organisation_ids, visible_bodies

__all__ = ["visible_meetings", "visible_needs", "answering_organisations", "needing_organisations"]


def _in_body(user, body: Body | None) -> bool:
    if body is None or not user.is_authenticated:
        return False
    return body.pk in body_ids(user) or body.chair_id == user.pk


@rules.predicate
def is_in_body(user, body: Body) -> bool:
    return _in_body(user, body)


@rules.predicate
def is_in_meeting_body(user, meeting: Meeting) -> bool:
    return meeting is not None and _in_body(user, meeting.body)


@rules.predicate
def is_member_of_organisation(user, organisation: Organisation) -> bool:
    return organisation is not None and organisation.pk in organisation_ids(user)


@rules.predicate
def is_member_of_university(user, organisation: Organisation) -> bool:
    return (
        organisation is not None
        and organisation.kind == OrganisationKind.UNIVERSITY
        and organisation.pk in organisation_ids(user)
    )


@rules.predicate
def is_member_of_need_organisation(user, need: CompetenceNeed) -> bool:
    return need is not None and need.organisation_id in organisation_ids(user)


@rules.predicate
def is_member_of_answering_organisation(user, answer: NeedAnswer) -> bool:
    return answer is not None and answer.organisation_id in organisation_ids(user)


@rules.predicate
def is_member_of_answered_need_organisation(user, answer: NeedAnswer) -> bool:
    return answer is not None and answer.need.organisation_id in organisation_ids(user)


@rules.predicate
def took_or_recorded_decision(user, decision: Decision) -> bool:
    if decision is None or not user.is_authenticated:
        return False
    if decision.meeting_id is not None and _in_body(user, decision.meeting.body):
        return True
    return decision.decided_by_id == user.pk


rules.add_perm("samverkan.record_meeting", is_admin | is_in_body)
rules.add_perm("samverkan.change_meeting", is_admin | is_in_meeting_body)
rules.add_perm("samverkan.add_competence_need", is_admin | is_member_of_organisation)
rules.add_perm("samverkan.change_competence_need", is_admin | is_member_of_need_organisation)
rules.add_perm("samverkan.answer_competence_need", is_admin | is_member_of_university)
rules.add_perm("samverkan.change_need_answer", is_admin | is_member_of_answering_organisation)
rules.add_perm("samverkan.accept_need_answer", is_admin | is_member_of_answered_need_organisation)
rules.add_perm("samverkan.link_decision", is_admin | took_or_recorded_decision)


def visible_meetings(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body__in=visible_bodies(user).values("pk"))


def visible_needs(user) -> QuerySet[CompetenceNeed]:
    if not user.is_authenticated:
        return CompetenceNeed.objects.none()
    if user.is_superuser or organisation_ids(user):
        return CompetenceNeed.objects.all()
    return CompetenceNeed.objects.none()


def needing_organisations(user) -> QuerySet[Organisation]:
    """Organisations ``user`` may register a need for: their own (all for administrators)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user))


def answering_organisations(user) -> QuerySet[Organisation]:
    """Universities ``user`` may answer a need in the name of."""
    return needing_organisations(user).filter(kind=OrganisationKind.UNIVERSITY)
