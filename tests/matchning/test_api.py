"""Matchning JSON API: every write route (enumerated from the OpenAPI schema, so a new route
without an entry here fails) works for the right person with CSRF and is audited; anonymous
→ 401; the wrong person → 403 (or 404 where the object is invisible to them); no CSRF → 403;
nothing stored or audited for a refused request."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client

from kompetensbron.matchning import services
from kompetensbron.matchning.models import AllowedEmailDomain, Placement, StudentProfile
from kompetensbron.matchning.schemas import ApplyIn, RoundCreate, StudentRankingIn
from kompetensbron.samverkan import services as sv
from kompetensbron.samverkan.models import AuditEntry, IndicatorYear
from kompetensbron.samverkan.schemas import AgreementCreate, IndicatorCreate
from kompetensbron.web.api import api

API = "/api/v1/matchning"

#: (method, OpenAPI path) → (who may, who is refused). ``None`` as who-may: anonymous allowed.
RULES = {
    ("post", "/opportunities"): ("employer_member", "other_member"),
    ("patch", "/opportunities/{opportunity_id}"): ("employer_member", "other_member"),
    ("post", "/opportunities/{opportunity_id}/transition"): ("uni_coordinator", "employer_member"),
    ("post", "/opportunities/{opportunity_id}/apply"): ("student2", "employer_member"),
    ("post", "/skills/suggest"): ("employer_member", None),
    ("post", "/students/register"): (None, None),
    ("post", "/students/invitations"): ("uni_coordinator", "region_coordinator"),
    ("patch", "/me/profile"): ("student", "employer_member"),
    ("post", "/applications/{application_id}/transition"): ("employer_member", "other_member"),
    ("post", "/domains"): ("admin", "uni_coordinator"),
    ("delete", "/domains/{domain_id}"): ("admin", "uni_coordinator"),
    ("post", "/rounds"): ("uni_coordinator", "employer_member"),
    ("put", "/rounds/{round_id}/opportunities"): ("uni_coordinator", "region_coordinator"),
    ("put", "/rounds/{round_id}/ranking"): ("student", "employer_member"),
    ("put", "/rounds/{round_id}/opportunities/{opportunity_id}/ranking"): ("employer_member", "other_member"),
    ("post", "/rounds/{round_id}/placements"): ("uni_coordinator", "employer_member"),
    ("post", "/rounds/{round_id}/run"): ("uni_coordinator", "student"),
    ("post", "/rounds/{round_id}/close"): ("uni_coordinator", "employer_member"),
    ("put", "/placements/{placement_id}/outcome"): ("employer_member", "other_member"),
    ("post", "/indicators/{indicator_id}/years/{year}/compute"): ("uni_coordinator", "employer_member"),
}
#: Routes that store nothing (so they write no audit entry).
NO_CHANGE = {("post", "/skills/suggest")}


def _write_routes() -> set[tuple[str, str]]:
    out = set()
    for path, operations in api.get_openapi_schema()["paths"].items():
        if path.startswith(API + "/"):
            for method in operations:
                if method != "get":
                    out.add((method, path[len(API) :]))
    return out


def test_every_write_route_has_a_rule_in_this_test():
    assert _write_routes() == set(RULES)


def _setup(w) -> dict:
    """Objects for the routes and the concrete request of each (valid input)."""
    published = w.published(title="Publicerad")
    draft = w.draft(title="Utkast")
    review = w.draft(title="Granskas")
    services.transition_opportunity(actor=w.employer_member, opportunity=review, to_status="in_review")
    application = services.apply(actor=w.student, opportunity=published, data=ApplyIn())
    round_ = services.create_round(
        actor=w.uni_coordinator, data=RoundCreate(title="VFU", organiser_id=w.uni.pk, opportunity_ids=[published.pk])
    )
    services.rank_opportunities(actor=w.student2, round_=round_, data=StudentRankingIn(opportunity_ids=[published.pk]))
    allocated = services.create_round(
        actor=w.uni_coordinator, data=RoundCreate(title="Klar", organiser_id=w.uni.pk, opportunity_ids=[published.pk])
    )
    services.run_round(actor=w.uni_coordinator, round_=allocated)
    placement = Placement.objects.create(
        opportunity=published, student=StudentProfile.objects.get(user=w.student), university=w.uni, source="manual"
    )
    domain = AllowedEmailDomain.objects.create(domain="annan.test.invalid", university=w.uni)
    p2 = StudentProfile.objects.get(user=w.student2)
    agreement = sv.create_agreement(
        actor=w.admin,
        data=AgreementCreate(title="Avtal", party_ids=[w.uni.pk, w.employer.pk], period_start=dt.date(2024, 1, 1)),
    )
    indicator = sv.create_indicator(
        actor=w.admin, agreement=agreement, data=IndicatorCreate(name="Exjobb hos lokala arbetsgivare")
    )
    return {
        ("post", "/indicators/{indicator_id}/years/{year}/compute"): (
            f"/indicators/{indicator.pk}/years/2026/compute",
            {"kind": "degree_projects_local", "organisation_id": w.uni.pk},
        ),
        ("post", "/opportunities"): ("/opportunities", json.loads(w.opportunity_data().model_dump_json())),
        ("patch", "/opportunities/{opportunity_id}"): (f"/opportunities/{draft.pk}", {"pay": "Lön enligt avtal"}),
        ("post", "/opportunities/{opportunity_id}/transition"): (
            f"/opportunities/{review.pk}/transition",
            {"to_status": "published"},
        ),
        ("post", "/opportunities/{opportunity_id}/apply"): (f"/opportunities/{published.pk}/apply", {"message": "Hej"}),
        ("post", "/skills/suggest"): ("/skills/suggest", {"text": "Python och SQL"}),
        ("post", "/students/register"): ("/students/register", {"email": "ny@student.test.invalid"}),
        ("post", "/students/invitations"): (
            "/students/invitations",
            {"email": "inbjuden@test.invalid", "university_id": w.uni.pk},
        ),
        ("patch", "/me/profile"): ("/me/profile", {"preferred_kommuner": ["2280"], "consent_followup": True}),
        ("post", "/applications/{application_id}/transition"): (
            f"/applications/{application.pk}/transition",
            {"to_status": "shortlisted"},
        ),
        ("post", "/domains"): ("/domains", {"domain": "miun.test.invalid", "university_id": w.uni.pk}),
        ("delete", "/domains/{domain_id}"): (f"/domains/{domain.pk}", {}),
        ("post", "/rounds"): (
            "/rounds",
            {"title": "Sommarpraktik", "organiser_id": w.uni.pk, "opportunity_ids": [published.pk]},
        ),
        ("put", "/rounds/{round_id}/opportunities"): (
            f"/rounds/{round_.pk}/opportunities",
            {"opportunity_ids": [published.pk]},
        ),
        ("put", "/rounds/{round_id}/ranking"): (f"/rounds/{round_.pk}/ranking", {"opportunity_ids": [published.pk]}),
        ("put", "/rounds/{round_id}/opportunities/{opportunity_id}/ranking"): (
            f"/rounds/{round_.pk}/opportunities/{published.pk}/ranking",
            {"student_ids": [p2.pk]},
        ),
        ("post", "/rounds/{round_id}/placements"): (
            f"/rounds/{round_.pk}/placements",
            {"student_id": p2.pk, "opportunity_id": published.pk},
        ),
        ("post", "/rounds/{round_id}/run"): (f"/rounds/{round_.pk}/run", {}),
        ("post", "/rounds/{round_id}/close"): (f"/rounds/{allocated.pk}/close", {}),
        ("put", "/placements/{placement_id}/outcome"): (
            f"/placements/{placement.pk}/outcome",
            {"completed": True, "hired": True},
        ),
    }


def _csrf_client(user=None) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    return client, _mask_cipher_secret(secret)


def _call(client, method, url, body, **extra):
    return getattr(client, method)(API + url, data=json.dumps(body), content_type="application/json", **extra)


@pytest.mark.parametrize("route", sorted(RULES))
def test_write_route_permissions_csrf_and_audit(mworld, route):
    w = mworld
    method, _ = route
    url, body = _setup(w)[route]
    allowed, refused = RULES[route]

    def audit():
        return AuditEntry.objects.count()

    if allowed is not None:
        client, token = _csrf_client()
        before = audit()
        assert _call(client, method, url, body, HTTP_X_CSRFTOKEN=token).status_code == 401, "anonymous"
        client, _ = _csrf_client(getattr(w, allowed))
        assert _call(client, method, url, body).status_code == 403, "no CSRF token"
        assert audit() == before
    if refused is not None:
        client, token = _csrf_client(getattr(w, refused))
        before = audit()
        resp = _call(client, method, url, body, HTTP_X_CSRFTOKEN=token)
        assert resp.status_code in (403, 404), (refused, resp.status_code, resp.content)
        assert audit() == before
    client, token = _csrf_client(getattr(w, allowed) if allowed else None)
    before = audit()
    resp = _call(client, method, url, body, HTTP_X_CSRFTOKEN=token)
    assert resp.status_code in (200, 201, 204), (allowed, resp.status_code, resp.content)
    if route not in NO_CHANGE:
        assert audit() > before, "every change is audited"


def test_bad_input_is_422_with_field_errors(mworld):
    client, token = _csrf_client(mworld.employer_member)
    body = json.loads(mworld.opportunity_data(required_skills=["okänd"], capacity=3).model_dump_json())
    resp = _call(client, "post", "/opportunities", body, HTTP_X_CSRFTOKEN=token)
    assert resp.status_code == 422 and "required_skills" in resp.json()["errors"]
    body["capacity"] = 100000
    assert _call(client, "post", "/opportunities", body, HTTP_X_CSRFTOKEN=token).status_code == 422
    body = json.loads(mworld.opportunity_data().model_dump_json()) | {"title": "x" * 500}
    assert _call(client, "post", "/opportunities", body, HTTP_X_CSRFTOKEN=token).status_code == 422


def test_reads_are_scoped(mworld):
    w = mworld
    draft = w.draft(title="Utkast")
    published = w.published(title="Publicerad")
    application = services.apply(actor=w.student, opportunity=published, data=ApplyIn())
    student, _ = _csrf_client(w.student)
    assert [o["id"] for o in student.get(f"{API}/opportunities").json()] == [published.pk]
    assert student.get(f"{API}/opportunities/{draft.pk}").status_code == 404
    assert student.get(f"{API}/opportunities/{published.pk}/applicants").status_code == 403
    ranked = student.get(f"{API}/me/ranked").json()
    assert ranked["matches"][0]["reasons"][0] == "täcker 2 av 3 krav; saknas: Statistik"
    other, _ = _csrf_client(w.other_member)
    assert other.get(f"{API}/opportunities/{published.pk}/applicants").status_code == 403
    host, _ = _csrf_client(w.employer_member)
    rows = host.get(f"{API}/opportunities/{published.pk}/applicants").json()
    assert [r["application_id"] for r in rows] == [application.pk]
    assert Client().get(f"{API}/opportunities").status_code == 401
    student2, _ = _csrf_client(w.student2)
    assert student2.get(f"{API}/me/applications").json() == []
    assert {"id": "sk-py", "label": "Python"} in student.get(
        f"{API}/skills?q=pyth"
    ).json()  # the real snapshot may add more


def test_an_indicator_counts_itself_from_placements(mworld):
    w = mworld
    opp = w.published()
    application = services.apply(actor=w.student, opportunity=opp, data=ApplyIn())
    services.transition_application(actor=w.employer_member, application=application, to_status="offered")
    services.transition_application(actor=w.student, application=application, to_status="accepted")
    agreement = sv.create_agreement(
        actor=w.admin, data=AgreementCreate(title="Avtal", party_ids=[w.uni.pk], period_start=dt.date(2024, 1, 1))
    )
    indicator = sv.create_indicator(
        actor=w.admin, agreement=agreement, data=IndicatorCreate(name="Exjobb hos lokala arbetsgivare")
    )
    year = Placement.objects.get().matched_at.year
    client, token = _csrf_client(w.uni_coordinator)
    body = {"kind": "degree_projects_local", "organisation_id": w.uni.pk}
    resp = _call(client, "post", f"/indicators/{indicator.pk}/years/{year}/compute", body, HTTP_X_CSRFTOKEN=token)
    assert resp.status_code == 200 and resp.json()["value"] == 1.0
    assert IndicatorYear.objects.get(indicator=indicator, year=year).value == 1
    bad = _call(
        client,
        "post",
        f"/indicators/{indicator.pk}/years/{year}/compute",
        body | {"organisation_id": w.employer.pk},
        HTTP_X_CSRFTOKEN=token,
    )
    assert bad.status_code == 422  # not a party of the agreement


def test_refusals_and_match_reasons_speak_the_request_language(mworld):
    w = mworld
    draft = w.draft(title="Utkast")
    published = w.published(title="Publicerad")
    student, _ = _csrf_client(w.student)
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    unknown = student.get(f"{API}/opportunities/{draft.pk}", **english)
    assert unknown.status_code == 404 and unknown.json()["detail"] == f"Unknown opportunity: {draft.pk}"
    swedish = student.get(f"{API}/opportunities/{draft.pk}", HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish.json()["detail"] == f"Okänd möjlighet: {draft.pk}"
    refused = student.get(f"{API}/opportunities/{published.pk}/applicants", **english)
    assert refused.status_code == 403 and refused.json()["detail"].startswith("Only the host organisation")
    ranked = student.get(f"{API}/me/ranked", **english).json()
    assert ranked["matches"][0]["reasons"][0] == "covers 2 of 3 requirements; missing: Statistik"
