"""Storing the occupation map's suggestions: idempotent, and people's decisions stand."""

from __future__ import annotations

import pytest

from kompetensbron.analysis.occupation_mapping import CourseMapping, LinkEvidence, MatchedSkill, OccupationSuggestion
from kompetensbron.education.mapping_service import store_course_suggestions, store_programme_suggestions
from kompetensbron.education.models import Course, OccupationLink

pytestmark = pytest.mark.usefixtures("syllabi_db")

CODE = "AK001U"  # a real MIUN course of the imported syllabi


def _mapping(code: str, groups: list[tuple[str, float]], provenance: str = "skill_overlap") -> CourseMapping:
    evidence = LinkEvidence(0.5, 0.2, (MatchedSkill("dDxe_fWR_Q5Y", "Dokumenthantering", 0.5),), ("arkiv",))
    return CourseMapping(
        code,
        tuple(
            OccupationSuggestion(ssyk, f"label {ssyk}", rank, score, provenance, evidence)
            for rank, (ssyk, score) in enumerate(groups, start=1)
        ),
    )


def _links(code: str = CODE) -> dict[str, OccupationLink]:
    return {link.ssyk_id: link for link in OccupationLink.objects.filter(course__code=code)}


@pytest.mark.django_db
def test_store_creates_suggested_links_and_is_idempotent():
    mapping = _mapping(CODE, [("4410", 0.4), ("2622", 0.3), ("4119", 0.2)])
    counts = store_course_suggestions(suggestions=[mapping, _mapping("NOPE01", [("4410", 0.1)])])
    assert (counts.created, counts.updated, counts.unknown_courses) == (3, 0, 1)
    links = _links()
    assert {k: (v.rank, v.score, v.status, v.provenance) for k, v in links.items()} == {
        "4410": (1, 0.4, "suggested", "skill_overlap"),
        "2622": (2, 0.3, "suggested", "skill_overlap"),
        "4119": (3, 0.2, "suggested", "skill_overlap"),
    }
    assert links["4410"].evidence["matched_skills"][0]["label"] == "Dokumenthantering"
    assert links["4410"].evidence["label"] == "label 4410"
    again = store_course_suggestions(suggestions=[mapping])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert OccupationLink.objects.filter(course__code=CODE).count() == 3


@pytest.mark.django_db
def test_decisions_and_manual_links_are_never_overwritten(staff):
    from kompetensbron.education.links import add_manual_link, confirm_link, reject_link

    store_course_suggestions(suggestions=[_mapping(CODE, [("4410", 0.4), ("2622", 0.3), ("4119", 0.2)])])
    links = _links()
    confirm_link(actor=staff, link=links["4410"])
    reject_link(actor=staff, link=links["2622"], reason="Arkivarier kräver mer än en kurs.")
    course = Course.objects.get(code=CODE)
    add_manual_link(actor=staff, course=course, ssyk="2622", reason="Kursen ingår i arkivarieutbildningen.")

    counts = store_course_suggestions(suggestions=[_mapping(CODE, [("4410", 0.9), ("2622", 0.8), ("1350", 0.1)])])
    assert (counts.kept, counts.created, counts.removed) == (2, 1, 1)  # 4119 was stale and only suggested
    after = {(link.ssyk_id, link.provenance): link for link in OccupationLink.objects.filter(course=course)}
    assert (after[("4410", "skill_overlap")].status, after[("4410", "skill_overlap")].score) == ("confirmed", 0.4)
    rejected = after[("2622", "skill_overlap")]
    assert (rejected.status, rejected.reason, rejected.score) == ("rejected", "Arkivarier kräver mer än en kurs.", 0.3)
    assert after[("2622", "manual")].reason == "Kursen ingår i arkivarieutbildningen."
    assert ("4119", "skill_overlap") not in after and after[("1350", "skill_overlap")].status == "suggested"


@pytest.mark.django_db
def test_unknown_ssyk_is_skipped_and_programmes_store_official_links(programme):
    counts = store_course_suggestions(suggestions=[_mapping(CODE, [("9999", 0.4), ("4410", 0.3)])])
    assert (counts.created, counts.unknown_ssyk) == (1, 1)
    mapping = CourseMapping(
        programme.code,
        (
            OccupationSuggestion(
                "2221", "Grundutbildade sjuksköterskor", 1, 1.0, "official_ssyk_sun", LinkEvidence(sun_field="723a")
            ),
            OccupationSuggestion("5321", "Undersköterskor", 2, 0.3, "skill_overlap", LinkEvidence(0.4, 0.2)),
        ),
    )
    store_programme_suggestions(programme=programme, mapping=mapping)
    links = {(link.ssyk_id, link.provenance): link for link in OccupationLink.objects.filter(programme=programme)}
    assert links[("2221", "official_ssyk_sun")].evidence["sun_field"] == "723a"
    assert links[("5321", "skill_overlap")].rank == 2
