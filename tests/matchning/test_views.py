"""Matchning pages: the exjobb flow through the HTML forms; refusals; every page renders."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kompetensbron.matchning import services
from kompetensbron.matchning.models import (
    Application,
    Opportunity,
    Placement,
    RoundStudentRank,
)
from kompetensbron.matchning.schemas import ApplyIn, RoundCreate
from kompetensbron.samverkan.models import AuditEntry


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_exjobb_flow_through_the_pages(mworld):
    w = mworld
    employer = _client(w.employer_member)
    form = {
        "host": w.employer.pk,
        "kind": "degree_project",
        "title": "Exjobb: prognosmodell",
        "description": "Du kan Python och SQL.",
        "level": "second",
        "credits": "30",
        "required_skills": "",
        "desirable_skills": "",
        "ssyk_code": "2512",
        "kommun_code": "2281",
        "capacity": "1",
        "work_mode": "on_site",
        "pay": "",
        "dual_report_note": "En rapport till lärosätet, en kortare till oss.",
    }
    resp = employer.post(reverse("matchning:opportunity_create"), form | {"action": "suggest"})
    assert resp.status_code == 200 and "sk-py" in resp.content.decode() and not Opportunity.objects.exists()
    resp = employer.post(
        reverse("matchning:opportunity_create"), form | {"required_skills": "sk-py\nsk-sql", "action": "save"}
    )
    opp = Opportunity.objects.get()
    assert resp.status_code == 302 and opp.required_skills == ["sk-py", "sk-sql"] and opp.status == "draft"
    detail = reverse("matchning:opportunity", args=[opp.pk])
    employer.post(reverse("matchning:opportunity_transition", args=[opp.pk]), {"to_status": "in_review"})
    assert (
        employer.post(
            reverse("matchning:opportunity_transition", args=[opp.pk]), {"to_status": "published"}
        ).status_code
        == 403
    )
    coordinator = _client(w.uni_coordinator)
    assert "Exjobb: prognosmodell" in coordinator.get(reverse("matchning:home")).content.decode()
    coordinator.post(reverse("matchning:opportunity_transition", args=[opp.pk]), {"to_status": "published"})
    opp.refresh_from_db()
    assert opp.status == "published"

    student = _client(w.student)
    home = student.get(reverse("matchning:home")).content.decode()
    assert "Exjobb: prognosmodell" in home and "täcker 2 av 2 krav" in home
    assert "Så passar den dig" in student.get(detail).content.decode()
    student.post(reverse("matchning:opportunity_apply", args=[opp.pk]), {"message": "Hej"})
    application = Application.objects.get()
    page = employer.get(detail).content.decode()
    assert "student@student.test.invalid" in page
    assert "student@student.test.invalid" not in _client(w.other_member).get(detail).content.decode()
    employer.post(
        reverse("matchning:application_transition", args=[application.pk]), {"to_status": "shortlisted", "next": detail}
    )
    employer.post(
        reverse("matchning:application_transition", args=[application.pk]), {"to_status": "offered", "next": detail}
    )
    assert (
        student.post(
            reverse("matchning:application_transition", args=[application.pk]), {"to_status": "accepted"}
        ).status_code
        == 302
    )
    placement = Placement.objects.get()
    resp = employer.post(
        reverse("matchning:outcome", args=[placement.pk]),
        {f"p{placement.pk}-completed": "true", f"p{placement.pk}-hired": "true"},
    )
    assert resp.status_code == 302 and placement.outcome.hired is True
    stats = employer.get(reverse("matchning:statistics")).content.decode()
    assert "färre än 5" in stats and "Placeringar (alla typer)" in stats


def test_refusals_and_login(mworld):
    w = mworld
    opp = w.published()
    assert Client().get(reverse("matchning:home")).status_code == 302
    before = AuditEntry.objects.count()
    resp = _client(w.student).post(reverse("matchning:opportunity_transition", args=[opp.pk]), {"to_status": "closed"})
    assert resp.status_code == 403
    resp = _client(w.other_member).post(
        reverse("matchning:opportunity_transition", args=[opp.pk]), {"to_status": "closed"}
    )
    assert resp.status_code == 403
    c = Client(enforce_csrf_checks=True)
    c.force_login(w.employer_member)
    assert (
        c.post(reverse("matchning:opportunity_transition", args=[opp.pk]), {"to_status": "closed"}).status_code == 403
    )
    assert AuditEntry.objects.count() == before
    assert _client(w.student).get(reverse("matchning:opportunity", args=[w.draft().pk])).status_code == 404
    assert _client(w.employer_member).get(reverse("matchning:profile")).status_code == 404


def test_pages_render(mworld):
    w = mworld
    opp = w.published()
    services.apply(actor=w.student, opportunity=opp, data=ApplyIn())
    round_ = services.create_round(
        actor=w.uni_coordinator, data=RoundCreate(title="VFU våren", organiser_id=w.uni.pk, opportunity_ids=[opp.pk])
    )
    for user, url in [
        (w.student, reverse("matchning:home")),
        (w.student, reverse("matchning:profile")),
        (w.employer_member, reverse("matchning:opportunity_create")),
        (w.employer_member, reverse("matchning:opportunity_edit", args=[opp.pk])),
        (w.employer_member, reverse("matchning:opportunity", args=[opp.pk])),
        (w.uni_coordinator, reverse("matchning:round_create")),
        (w.uni_coordinator, reverse("matchning:round", args=[round_.pk])),
        (w.student, reverse("matchning:round", args=[round_.pk])),
        (w.employer_member, reverse("matchning:skill_search") + "?q=python"),
        (w.employer_member, reverse("matchning:statistics")),
    ]:
        resp = _client(user).get(url)
        assert resp.status_code == 200, url
    assert Client().get(reverse("matchning:register")).status_code == 200


def test_round_through_the_pages(mworld):
    w = mworld
    a = w.published(title="VFU A", capacity=1)
    b = w.published(title="VFU B", capacity=1)
    coordinator = _client(w.uni_coordinator)
    coordinator.post(reverse("matchning:round_create"), {"title": "VFU", "organiser": w.uni.pk})
    round_ = services.visible_rounds(w.uni_coordinator).get()
    coordinator.post(reverse("matchning:round_opportunities", args=[round_.pk]), {"opportunity": [a.pk, b.pk]})
    _client(w.student).post(
        reverse("matchning:round_rank", args=[round_.pk]), {f"rank-{a.pk}": "1", f"rank-{b.pk}": "2"}
    )
    _client(w.student2).post(reverse("matchning:round_rank", args=[round_.pk]), {f"rank-{a.pk}": "1"})
    assert RoundStudentRank.objects.count() == 3
    p1 = w.student.matchning_student.pk
    p2 = w.student2.matchning_student.pk
    host = _client(w.employer_member)
    host.post(
        reverse("matchning:round_host_rank", args=[round_.pk, a.pk]), {f"student-{p2}": "1", f"student-{p1}": "2"}
    )
    host.post(reverse("matchning:round_host_rank", args=[round_.pk, b.pk]), {f"student-{p1}": "1"})
    assert coordinator.post(reverse("matchning:round_run", args=[round_.pk])).status_code == 302
    assert dict(Placement.objects.values_list("student_id", "opportunity_id")) == {p2: a.pk, p1: b.pk}
    # the coordinator swaps by hand: student 1 locked to A; the run keeps it and places student 2 nowhere (B unranked by 2)
    coordinator.post(reverse("matchning:round_placement", args=[round_.pk]), {"student_id": p1, "opportunity_id": a.pk})
    coordinator.post(reverse("matchning:round_run", args=[round_.pk]))
    assert dict(Placement.objects.values_list("student_id", "opportunity_id")) == {p1: a.pk}
    page = coordinator.get(reverse("matchning:round", args=[round_.pk])).content.decode()
    assert "VFU A" in page
    assert "Omgångens underlag som CSV" in page and "kompetensbron match-round" not in page  # no operator command
    coordinator.post(reverse("matchning:round_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.status == "closed"
    assert Opportunity.objects.get(pk=a.pk).status == "filled"
    assert _client(w.student).post(reverse("matchning:round_run", args=[round_.pk])).status_code == 403


def test_english_pages_use_the_apps_own_catalogue(mworld):
    w = mworld
    w.published()
    client = _client(w.student)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("matchning:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Opportunities for you" in page and "My applications" in page
    sv = _client(w.student).get(reverse("matchning:home"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Möjligheter för dig" in sv


def test_admin_configures_allowed_domains_with_audit(mworld):
    from kompetensbron.matchning.models import AllowedEmailDomain

    admin_client = _client(mworld.admin)
    assert admin_client.get("/admin/matchning/allowedemaildomain/").status_code == 200
    before = AuditEntry.objects.count()
    resp = admin_client.post(
        "/admin/matchning/allowedemaildomain/add/", {"domain": "student.ny.invalid", "university": mworld.uni.pk}
    )
    assert resp.status_code == 302
    assert AllowedEmailDomain.objects.filter(domain="student.ny.invalid").exists()
    assert (
        AuditEntry.objects.filter(model="matchning.allowedemaildomain").count() == 1
        and AuditEntry.objects.count() == before + 1
    )
    assert _client(mworld.uni_coordinator).get("/admin/matchning/allowedemaildomain/").status_code == 302


def test_round_files_reproduce_the_allocation_offline(mworld, tmp_path):
    """The downloaded CSV files, run through match-round's reader and allocation, give the round's result."""
    from kompetensbron.matchning.allocation import allocate
    from kompetensbron.matchning.round_files import read_round
    from kompetensbron.matchning.schemas import HostRankingIn, StudentRankingIn

    w = mworld
    a, b = w.published(title="A", capacity=1), w.published(title="B", capacity=1)
    round_ = services.create_round(
        actor=w.uni_coordinator, data=RoundCreate(title="VFU", organiser_id=w.uni.pk, opportunity_ids=[a.pk, b.pk])
    )
    p1, p2 = w.student.matchning_student.pk, w.student2.matchning_student.pk
    services.rank_opportunities(actor=w.student, round_=round_, data=StudentRankingIn(opportunity_ids=[a.pk, b.pk]))
    services.rank_opportunities(actor=w.student2, round_=round_, data=StudentRankingIn(opportunity_ids=[a.pk]))
    services.rank_students(
        actor=w.employer_member, round_=round_, opportunity=a, data=HostRankingIn(student_ids=[p2, p1])
    )
    services.rank_students(actor=w.employer_member, round_=round_, opportunity=b, data=HostRankingIn(student_ids=[p1]))
    services.run_round(actor=w.uni_coordinator, round_=round_)
    coordinator = _client(w.uni_coordinator)
    s_path, o_path = tmp_path / "s.csv", tmp_path / "o.csv"
    s_path.write_bytes(coordinator.get(reverse("matchning:round_students_csv", args=[round_.pk])).content)
    o_path.write_bytes(coordinator.get(reverse("matchning:round_opportunities_csv", args=[round_.pk])).content)
    offline = allocate(**dict(zip(("students", "opportunities"), read_round(s_path, o_path))))
    stored = {
        str(s): str(o) for s, o in Placement.objects.filter(round=round_).values_list("student_id", "opportunity_id")
    }
    assert offline.matches == stored == {str(p1): str(b.pk), str(p2): str(a.pk)}
    assert _client(w.employer_member).get(reverse("matchning:round_students_csv", args=[round_.pk])).status_code == 403


def test_the_forms_answer_422_with_errors_on_their_fields(mworld):
    """The opportunity, round and profile forms run the site's form flow: an invalid form or a
    service's refusal of a field is shown again with the error (422), and nothing is written."""
    w = mworld
    before = AuditEntry.objects.count()
    employer = _client(w.employer_member)
    resp = employer.post(reverse("matchning:opportunity_create"), {"host": w.employer.pk, "title": ""})
    assert resp.status_code == 422 and not Opportunity.objects.exists()
    resp = employer.post(
        reverse("matchning:opportunity_create"),
        {
            "host": w.employer.pk,
            "kind": "degree_project",
            "title": "Exjobb",
            "description": "Python.",
            "credits": "30",
            "ssyk_code": "9999",  # no such SSYK group: the service refuses the field
            "capacity": "1",
            "work_mode": "on_site",
        },
    )
    assert resp.status_code == 422 and not Opportunity.objects.exists()
    assert resp.context["page"].form.errors.get("ssyk_code")
    resp = _client(w.uni_coordinator).post(reverse("matchning:round_create"), {"title": "", "organiser": w.uni.pk})
    assert resp.status_code == 422 and "title" in resp.context["form"].errors
    resp = _client(w.student).post(reverse("matchning:profile"), {"course_codes": "XX999"})
    assert resp.status_code == 422
    assert "XX999" in str(resp.context["page"].form.errors["course_codes"])
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("language", "expected", "other"),
    [
        ("en", "covers 2 of 3 requirements; missing: Statistik", "täcker"),
        ("sv", "täcker 2 av 3 krav; saknas: Statistik", "covers"),
    ],
)
def test_students_ranking_reasons_on_the_pages_speak_the_request_language(mworld, language, expected, other):
    """Review 19: the reasons of ``matchning/scoring.py`` on the student's start page and on an
    opportunity's page (its fit) in the page's language."""
    published = mworld.published(title="Publicerad")
    client = Client()
    client.force_login(mworld.student)
    for url in ("/matchning/", f"/matchning/mojligheter/{published.pk}/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert expected in html and other not in html, url
    start = client.get("/matchning/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    label = "Fit" if language == "en" else "Passning"
    assert f'{label} <span class="mt-score"' in start  # the score is named, not a bare "1,00 ·"
