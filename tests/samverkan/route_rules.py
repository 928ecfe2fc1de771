"""Samverkan's write routes → the rule each enforces (read by tests/web/test_permission_matrix.py).

One row per route: ``"<METHOD> <OpenAPI path>"`` for the API, ``"POST <namespace:url_name>"``
for pages; ``path`` and ``body`` may be functions of the shared world ``w``. The body is valid,
so a refusal comes from the rule, not from validation.
"""

API = "/api/v1/samverkan"
DECISION = {"decision": "approve", "justification": "x", "date": "2025-03-01"}
ACTIVITY = lambda w: {  # noqa: E731
    "title": "Ny",
    "phase": "stimulate",
    "owner_id": w.kommun.pk,
    "agreement_id": w.agreement.pk,
    "working_group_id": w.working.pk,
}

ROUTES = {
    # ------------------------------------------------------------ API
    f"POST {API}/organisations": {
        "rule": "samverkan.add_organisation",
        "path": f"{API}/organisations",
        "body": {"name": "Ny", "kind": "company"},
    },
    f"PATCH {API}/organisations/{{org_id}}": {
        "rule": "samverkan.change_organisation",
        "path": lambda w: f"{API}/organisations/{w.kommun.pk}",
        "body": {"name": "Nytt namn"},
    },
    f"POST {API}/invitations": {
        "rule": "samverkan.invite_user",
        "path": f"{API}/invitations",
        "body": lambda w: {"email": "ny@matrix.invalid", "organisation_id": w.kommun.pk},
    },
    f"POST {API}/people/{{user_id}}/erase": {
        "rule": "samverkan.manage_personal_data",
        "path": lambda w: f"{API}/people/{w.wg_member.pk}/erase",
    },
    f"POST {API}/agreements": {
        "rule": "samverkan.add_agreement",
        "path": f"{API}/agreements",
        "body": lambda w: {"title": "Nytt avtal", "party_ids": [w.kommun.pk], "period_start": "2025-01-01"},
    },
    f"PATCH {API}/agreements/{{agreement_id}}": {
        "rule": "samverkan.change_agreement",
        "path": lambda w: f"{API}/agreements/{w.agreement.pk}",
        "body": {"purpose": "Nytt syfte"},
    },
    f"POST {API}/agreements/{{agreement_id}}/indicators": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"{API}/agreements/{w.agreement.pk}/indicators",
        "body": {"name": "Ny indikator"},
    },
    f"PUT {API}/indicators/{{indicator_id}}/years/{{year}}": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"{API}/indicators/{w.indicator.pk}/years/2025",
        "body": {"target": "10"},
    },
    f"POST {API}/party-invitations/{{invitation_id}}/accept": {
        "rule": "samverkan.decide_party_invitation",
        "path": lambda w: f"{API}/party-invitations/{w.invitation.pk}/accept",
    },
    f"POST {API}/party-invitations/{{invitation_id}}/decline": {
        "rule": "samverkan.decide_party_invitation",
        "path": lambda w: f"{API}/party-invitations/{w.invitation.pk}/decline",
    },
    f"POST {API}/bodies": {
        "rule": "samverkan.add_body",
        "path": f"{API}/bodies",
        "body": {"name": "Nytt råd", "kind": "council"},
    },
    f"POST {API}/bodies/{{body_id}}/members": {
        "rule": "samverkan.change_body",
        "path": lambda w: f"{API}/bodies/{w.working.pk}/members",
        "body": lambda w: {"user_id": w.no_role.pk},
    },
    f"POST {API}/activities": {"rule": "samverkan.change_activity", "path": f"{API}/activities", "body": ACTIVITY},
    f"PATCH {API}/activities/{{activity_id}}": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"{API}/activities/{w.idea.pk}",
        "body": {"title": "Nytt namn"},
    },
    f"POST {API}/activities/{{activity_id}}/propose": {
        "rule": "samverkan.propose_activity",
        "path": lambda w: f"{API}/activities/{w.idea.pk}/propose",
    },
    f"POST {API}/activities/{{activity_id}}/decision": {
        "rule": "samverkan.decide_activity",
        "path": lambda w: f"{API}/activities/{w.proposed.pk}/decision",
        "body": DECISION,
    },
    f"POST {API}/activities/{{activity_id}}/transition": {
        "rule": "samverkan.move_activity",
        "path": lambda w: f"{API}/activities/{w.idea.pk}/transition",
        "body": {"to_status": "running"},
    },
    f"POST {API}/activities/{{activity_id}}/funding": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"{API}/activities/{w.idea.pk}/funding",
        "body": {"funder": "ESF", "amount_applied": "1"},
    },
    f"PATCH {API}/funding/{{funding_id}}": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"{API}/funding/{w.funding.pk}",
        "body": {"note": "Ny anteckning"},
    },
    # ------------------------------------------------------------ API of issue 12 (governance, documents, bodies, units)
    f"POST {API}/activities/{{activity_id}}/approval": {
        "rule": "samverkan.approve_activity",
        "path": lambda w: f"{API}/activities/{w.idea.pk}/approval",
        "body": lambda w: {"organisation_id": w.kommun.pk, "approve": True},
    },
    f"POST {API}/activities/{{activity_id}}/note": {
        "rule": "samverkan.note_activity",
        "path": lambda w: f"{API}/activities/{w.idea.pk}/note",
        "body": {"comment": "Noterat."},
    },
    f"POST {API}/agreements/{{agreement_id}}/documents": {
        "rule": "samverkan.change_agreement",
        "path": lambda w: f"{API}/agreements/{w.agreement.pk}/documents",
        "body": {"title": "Bilaga", "url": "https://example.org/bilaga.pdf"},
    },
    f"DELETE {API}/agreements/{{agreement_id}}/documents/{{document_id}}": {
        "rule": "samverkan.change_agreement",
        "path": lambda w: f"{API}/agreements/{w.agreement.pk}/documents/{w.document.pk}",
    },
    f"PATCH {API}/bodies/{{body_id}}": {
        "rule": "samverkan.change_body",
        "path": lambda w: f"{API}/bodies/{w.working.pk}",
        "body": {"governance": "direct"},
    },
    f"DELETE {API}/bodies/{{body_id}}/members/{{user_id}}": {
        "rule": "samverkan.change_body",
        "path": lambda w: f"{API}/bodies/{w.working.pk}/members/{w.wg_member.pk}",
    },
    f"POST {API}/organisations/{{org_id}}/units": {
        "rule": "samverkan.change_organisation",
        "path": lambda w: f"{API}/organisations/{w.kommun.pk}/units",
        "body": {"name": "Socialförvaltningen"},
    },
    # ------------------------------------------------------------ pages
    "POST samverkan:activity_create": {
        "rule": "samverkan.change_activity",
        "path": "/samverkan/aktiviteter/ny/",
        "body": ACTIVITY,
    },
    "POST samverkan:activity_propose": {
        "rule": "samverkan.propose_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.idea.pk}/foresla/",
    },
    "POST samverkan:activity_decide": {
        "rule": "samverkan.decide_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.proposed.pk}/beslut/",
        "body": DECISION,
    },
    "POST samverkan:activity_transition": {
        "rule": "samverkan.move_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.idea.pk}/status/",
        "body": {"to_status": "running"},
    },
    "POST samverkan:activity_funding": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.idea.pk}/finansiering/",
        "body": {"funder": "ESF", "amount_applied": "1", "status": "planned"},
    },
    "POST samverkan:agreement_create": {
        "rule": "samverkan.add_agreement",
        "path": "/samverkan/avtal/nytt/",
        "body": lambda w: {"title": "Nytt avtal", "parties": [w.kommun.pk], "period_start": "2025-01-01"},
    },
    "POST samverkan:organisation_edit": {
        "rule": "samverkan.change_organisation",
        "path": lambda w: f"/samverkan/organisationer/{w.kommun.pk}/redigera/",
        "body": {"name": "Nytt namn", "kind": "municipality"},
    },
    "POST samverkan:party_invitation_accept": {
        "rule": "samverkan.decide_party_invitation",
        "path": lambda w: f"/samverkan/inbjudningar/{w.invitation.pk}/acceptera/",
    },
    "POST samverkan:party_invitation_decline": {
        "rule": "samverkan.decide_party_invitation",
        "path": lambda w: f"/samverkan/inbjudningar/{w.invitation.pk}/avboj/",
    },
    # issue 12: the coordinators' editing pages and the governance steps
    "POST samverkan:activity_edit": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.idea.pk}/redigera/",
        "body": {"title": "Nytt namn", "phase": "stimulate"},
    },
    "POST samverkan:activity_approve": {
        "rule": "samverkan.approve_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.idea.pk}/godkann/",
        "body": lambda w: {"organisation": w.kommun.pk, "approve": "1"},
    },
    "POST samverkan:activity_note": {
        "rule": "samverkan.note_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.idea.pk}/notera/",
        "body": {"comment": "Noterat."},
    },
    "POST samverkan:funding_status": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"/samverkan/finansiering/{w.funding.pk}/status/",
        "body": lambda w: {f"f{w.funding.pk}-status": "submitted"},
    },
    "POST samverkan:agreement_edit": {
        "rule": "samverkan.change_agreement",
        "path": lambda w: f"/samverkan/avtal/{w.agreement.pk}/redigera/",
        "body": {"title": "Matrisavtal", "period_start": "2024-01-01", "governance": "direct"},
    },
    "POST samverkan:agreement_document_add": {
        "rule": "samverkan.change_agreement",
        "path": lambda w: f"/samverkan/avtal/{w.agreement.pk}/dokument/nytt/",
        "body": {"title": "Bilaga", "url": "https://example.org/bilaga.pdf"},
    },
    "POST samverkan:agreement_document_remove": {
        "rule": "samverkan.change_agreement",
        "path": lambda w: f"/samverkan/avtal/{w.agreement.pk}/dokument/{w.document.pk}/ta-bort/",
    },
    "POST samverkan:indicators": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"/samverkan/avtal/{w.agreement.pk}/indikatorer/",
        "body": {"name": "Ny indikator"},
    },
    "POST samverkan:indicator_year": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"/samverkan/indikatorer/{w.indicator.pk}/ar/",
        "body": lambda w: {f"i{w.indicator.pk}-year": "2025", f"i{w.indicator.pk}-target": "10"},
    },
    "POST samverkan:body_edit": {
        "rule": "samverkan.change_body",
        "path": lambda w: f"/samverkan/organ/{w.working.pk}/redigera/",
        "body": {"governance": "direct"},
    },
    "POST samverkan:body_member_add": {
        "rule": "samverkan.change_body",
        "path": lambda w: f"/samverkan/organ/{w.working.pk}/ledamoter/",
        "body": lambda w: {"user": w.coordinator.pk},
    },
    "POST samverkan:body_member_remove": {
        "rule": "samverkan.change_body",
        "path": lambda w: f"/samverkan/organ/{w.working.pk}/ledamoter/{w.wg_member.pk}/ta-bort/",
    },
    "POST samverkan:activate": {
        # a one-time invitation link: anyone holding a valid token; an invalid one is refused (400)
        "rule": "token",
        "path": "/samverkan/konto/aktivera/MQ/fel-token/",
        "body": {"new_password1": "x-Lösen-123456", "new_password2": "x-Lösen-123456"},
        "anonymous": (400,),
        "no_role": (400,),
    },
}


# ------------------------------------------------------------ meetings, links, computed indicators, needs
def _sibling(name: str):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(f"samverkan_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_meetings = _sibling("route_rules_meetings")
ROUTES |= _meetings.ROUTES
_followup = _sibling("route_rules_followup")
ROUTES |= _followup.ROUTES


def setup(w):
    """A document of the shared agreement (for the routes that remove one); the meeting, idea,
    decision, need and answer of the meeting routes."""
    from kompetensbron.samverkan.models import AgreementDocument

    w.document = AgreementDocument.objects.create(agreement=w.agreement, title="Avtalstext", url="https://example.org/")
    _meetings.setup(w)
    _followup.setup(w)
