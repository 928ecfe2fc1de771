"""Matchning services: the exjobb flow, permissions, validation, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.matchning import services
from kompetensbron.matchning.models import (
    Application,
    Opportunity,
    Placement,
    StudentProfile,
)
from kompetensbron.matchning.permissions import visible_opportunities
from kompetensbron.matchning.schemas import (
    ApplyIn,
    OpportunityUpdate,
    OutcomeIn,
    StudentProfileUpdate,
)
from kompetensbron.samverkan.models import AuditEntry


def test_employer_posts_coordinator_publishes_student_applies_and_accepts(mworld):
    w = mworld
    before = AuditEntry.objects.count()
    opp = w.draft()
    assert opp.status == "draft" and opp.created_by == w.employer_member
    with pytest.raises(PermissionDenied):  # the host cannot publish its own posting
        services.transition_opportunity(actor=w.employer_member, opportunity=opp, to_status="published")
    services.transition_opportunity(actor=w.employer_member, opportunity=opp, to_status="in_review")
    with pytest.raises(PermissionDenied):  # nor can another employer or a student
        services.transition_opportunity(
            actor=w.other_member, opportunity=services.find_opportunity(opp.pk), to_status="published"
        )
    with pytest.raises(PermissionDenied):
        services.transition_opportunity(
            actor=w.student, opportunity=services.find_opportunity(opp.pk), to_status="published"
        )
    opp = services.transition_opportunity(
        actor=w.uni_coordinator, opportunity=services.find_opportunity(opp.pk), to_status="published"
    )
    assert opp.status == "published" and opp.published_by == w.uni_coordinator

    ranked = services.ranked_for_student(actor=w.student)
    assert [m.opportunity.id for m in ranked.matches] == [opp.pk]
    top = ranked.matches[0]
    assert top.reasons[0] == "täcker 2 av 3 krav; saknas: Statistik"
    assert "i önskad kommun Sundsvall" in top.reasons

    application = services.apply(actor=w.student, opportunity=opp, data=ApplyIn(message="Hej!"))
    with pytest.raises(ValidationFailed):
        services.apply(actor=w.student, opportunity=opp, data=ApplyIn())
    applicants = services.ranked_applicants(actor=w.employer_member, opportunity=opp)
    assert [a.application_id for a in applicants] == [application.pk]
    assert applicants[0].email == "student@student.test.invalid"
    with pytest.raises(PermissionDenied):
        services.ranked_applicants(actor=w.other_member, opportunity=opp)
    with pytest.raises(PermissionDenied):  # the student cannot offer to itself
        services.transition_application(actor=w.student, application=application, to_status="offered")
    with pytest.raises(ValidationFailed):  # nor accept before an offer
        services.transition_application(actor=w.student, application=application, to_status="accepted")
    services.transition_application(actor=w.employer_member, application=application, to_status="shortlisted")
    services.transition_application(actor=w.employer_member, application=application, to_status="offered")
    with pytest.raises(PermissionDenied):
        services.transition_application(actor=w.other_member, application=application, to_status="rejected")
    accepted = services.transition_application(actor=w.student, application=application, to_status="accepted")
    assert accepted.status == "accepted"
    placement = Placement.objects.get(application=application)
    assert placement.university == w.uni and placement.source == "application" and placement.days_to_match == 0
    assert Opportunity.objects.get(pk=opp.pk).status == "filled"  # capacity 1
    assert AuditEntry.objects.count() - before >= 9
    actions = set(AuditEntry.objects.filter(model="matchning.application").values_list("action", flat=True))
    assert {"apply", "status:shortlisted", "status:offered", "status:accepted"} <= actions


def test_students_see_only_published_opportunities_and_own_applications(mworld):
    w = mworld
    draft = w.draft(title="Utkast")
    published = w.published(title="Publicerad")
    assert list(visible_opportunities(w.student)) == [published]
    assert set(visible_opportunities(w.employer_member)) == {draft, published}
    assert list(visible_opportunities(w.other_member)) == [published]
    with pytest.raises(NotFound):
        services.get_opportunity(actor=w.student, pk=draft.pk)
    with pytest.raises(NotFound):  # applying to a draft: it does not exist for the student
        services.apply(actor=w.student, opportunity=draft, data=ApplyIn())
    a = services.apply(actor=w.student, opportunity=published, data=ApplyIn())
    assert list(services.own_applications(actor=w.student2)) == []
    with pytest.raises(NotFound):
        services.get_application(actor=w.student2, pk=a.pk)
    with pytest.raises(NotFound):
        services.get_application(actor=w.other_member, pk=a.pk)


def test_nothing_personal_reaches_the_host_before_applying(mworld):
    w = mworld
    opp = w.published()
    assert services.ranked_applicants(actor=w.employer_member, opportunity=opp) == []


def test_invalid_input_is_refused_with_field_errors(mworld):
    w = mworld
    with pytest.raises(ValidationFailed) as exc:
        w.draft(
            required_skills=["sk-py", "nonexistent"],
            kommun_code="9999",
            ssyk_code="2",
            kind="party",
            period_start=dt.date(2026, 5, 1),
            period_end=dt.date(2026, 1, 1),
        )
    assert {"required_skills", "kommun_code", "ssyk_code", "kind", "period_end"} <= set(exc.value.errors)
    assert Opportunity.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.create_opportunity(actor=w.other_member, data=w.opportunity_data())
    with pytest.raises(PermissionDenied):
        services.create_opportunity(actor=w.student, data=w.opportunity_data())


def test_editing_a_published_posting_sends_it_back_to_review(mworld):
    w = mworld
    opp = w.published()
    updated = services.update_opportunity(
        actor=w.employer_member, opportunity=opp, data=OpportunityUpdate(description="Ny text")
    )
    assert updated.status == "in_review"
    with pytest.raises(ValidationFailed):
        services.transition_opportunity(actor=w.employer_member, opportunity=updated, to_status="filled")


def test_courses_derive_skills_and_the_student_edits_them(mworld, django_db_blocker):
    from kompetensbron.education.models import Course, Institution

    w = mworld
    inst = Institution.objects.create(name="Testuniversitetet (utbildning)")
    c1 = Course.objects.create(
        institution=inst,
        code="DT001G",
        title="Programmering",
        credits=7.5,
        ilos=["skriva program i Python", "använda Git"],
    )
    c2 = Course.objects.create(
        institution=inst, code="MA002G", title="Statistik", credits=7.5, learning_outcomes="grundläggande statistik"
    )
    profile = services.update_profile(
        actor=w.student2, data=StudentProfileUpdate(course_ids=[c1.pk, c2.pk], removed_skills=["sk-git"])
    )
    assert profile.derived_skills == ["sk-py", "sk-git", "sk-stat"]
    assert "sk-git" not in profile.skills and "sk-stat" in profile.skills
    with pytest.raises(ValidationFailed):
        services.update_profile(actor=w.student2, data=StudentProfileUpdate(course_ids=[999999]))
    with pytest.raises(PermissionDenied):
        services.update_profile(actor=w.employer_member, data=StudentProfileUpdate(consent_matching=True))


def test_without_consent_there_is_no_ranking_and_no_application(mworld):
    w = mworld
    opp = w.published()
    services.update_profile(actor=w.student, data=StudentProfileUpdate(consent_matching=False))
    ranked = services.ranked_for_student(actor=w.student)
    assert ranked.matches == [] and ranked.notes
    with pytest.raises(ValidationFailed):
        services.apply(actor=w.student, opportunity=opp, data=ApplyIn())


def test_neighbouring_occupations_are_suggested(mworld):
    w = mworld
    main = [
        w.published(title=f"Utvecklare {i}", ssyk_code="2512", required_skills=["sk-py", "sk-sql"]) for i in range(3)
    ]
    near = w.published(title="Systemanalys", ssyk_code="2511", required_skills=["sk-stat", "sk-weld"])
    ranked = services.ranked_for_student(actor=w.student, top=3)
    assert {m.opportunity.id for m in ranked.matches} == {o.pk for o in main}
    assert [n.opportunity.id for n in ranked.neighbours] == [near.pk]
    assert ranked.neighbours[0].reasons[0].startswith("närliggande yrke")


def test_self_registration_needs_an_allowed_domain_and_sends_a_link(mworld, mailoutbox):
    from kompetensbron.matchning.schemas import StudentRegistrationIn

    with pytest.raises(ValidationFailed):
        services.register_student(data=StudentRegistrationIn(email="someone@gmail.invalid"))
    out = services.register_student(data=StudentRegistrationIn(email="Ny@Student.Test.Invalid", first_name="Ny"))
    assert out.email == "ny@student.test.invalid"
    profile = StudentProfile.objects.get(user__email="ny@student.test.invalid")
    assert profile.university == mworld.uni and not profile.user.is_active
    assert len(mailoutbox) == 1 and "/samverkan/konto/aktivera/" in mailoutbox[0].body
    again = services.register_student(data=StudentRegistrationIn(email="ny@student.test.invalid"))
    assert again.detail == out.detail and len(mailoutbox) == 1  # same answer, no second account


def test_outcome_follow_up_needs_consent(mworld):
    w = mworld
    opp = w.published()
    a = services.apply(actor=w.student, opportunity=opp, data=ApplyIn())
    services.transition_application(actor=w.employer_member, application=a, to_status="offered")
    services.transition_application(actor=w.student, application=a, to_status="accepted")
    placement = Placement.objects.get()
    outcome = services.record_outcome(
        actor=w.employer_member, placement=placement, data=OutcomeIn(completed=True, grade="A", hired=True)
    )
    assert outcome.hired and outcome.grade == "A"
    with pytest.raises(ValidationFailed):
        services.record_outcome(actor=w.employer_member, placement=placement, data=OutcomeIn(stayed_region_1y=True))
    services.update_profile(actor=w.student, data=StudentProfileUpdate(consent_followup=True))
    outcome = services.record_outcome(
        actor=w.uni_coordinator, placement=services.find_placement(placement.pk), data=OutcomeIn(stayed_region_1y=True)
    )
    assert outcome.stayed_region_1y is True and outcome.hired is True
    with pytest.raises(PermissionDenied):
        services.record_outcome(actor=w.other_member, placement=placement, data=OutcomeIn(completed=False))
    assert Application.objects.get().status == "accepted"


def test_a_round_runs_again_after_a_locked_student_was_erased(mworld):
    from kompetensbron.matchning.privacy import erase
    from kompetensbron.matchning.schemas import (
        HostRankingIn,
        PlacementIn,
        RoundCreate,
        StudentRankingIn,
    )

    w = mworld
    opp = w.published(capacity=1)
    round_ = services.create_round(
        actor=w.uni_coordinator, data=RoundCreate(title="VFU", organiser_id=w.uni.pk, opportunity_ids=[opp.pk])
    )
    p1, p2 = (StudentProfile.objects.get(user=u).pk for u in (w.student, w.student2))
    services.rank_opportunities(actor=w.student2, round_=round_, data=StudentRankingIn(opportunity_ids=[opp.pk]))
    services.rank_students(
        actor=w.employer_member, round_=round_, opportunity=opp, data=HostRankingIn(student_ids=[p2])
    )
    services.set_placement(
        actor=w.uni_coordinator, round_=round_, data=PlacementIn(student_id=p1, opportunity_id=opp.pk)
    )
    erase(w.student)
    services.run_round(actor=w.uni_coordinator, round_=round_)
    placements = list(Placement.objects.filter(round=round_).values_list("student_id", "locked"))
    assert placements == [(None, True)]  # the locked place stays taken; student 2 is not placed over capacity


@pytest.mark.django_db
def test_a_course_code_with_several_versions_means_the_newest():
    """Of several versions of one course code (at different institutions), the newest one — latest
    valid-from, then the highest version — is the one a profile's course code names."""
    from kompetensbron.education.models import Course, Institution

    def course(n: int, valid_from: dt.date | None, version: int | None, code: str = "DT001G") -> int:
        inst = Institution.objects.create(name=f"Lärosäte {code} {n}")
        c = Course.objects.create(
            institution=inst, code=code, title="Programmering", credits=7.5, valid_from=valid_from, version=version
        )
        return c.pk

    course(1, dt.date(2019, 1, 1), 1)
    newest = course(2, dt.date(2024, 8, 1), 3)
    course(3, None, None)
    course(4, dt.date(2021, 1, 1), 2)
    course(5, dt.date(2023, 1, 1), 2, code="MA002G")
    higher = course(6, dt.date(2023, 1, 1), 4, code="MA002G")
    assert services.course_ids_by_code(["DT001G", "MA002G", "XX999X"]) == {"DT001G": newest, "MA002G": higher}
