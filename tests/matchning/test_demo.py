"""The Matchning example content: marked, idempotent, students from (toy) MIUN course rows."""

from __future__ import annotations

from kompetensbron.matchning.aggregates import aggregates
from kompetensbron.matchning.demo import create_matchning_demo
from kompetensbron.matchning.models import Opportunity, Placement, StudentProfile
from kompetensbron.samverkan.demo import create_demo_content


def _courses():
    from kompetensbron.education.models import Course, Institution

    miun = Institution.objects.create(name="Mittuniversitetet")
    for i, (prefix, text) in enumerate(
        [("DT", "Python och SQL"), ("DT", "Git och Python"), ("OM", "Omvårdnad"), ("FÖ", "Statistik")] * 4
    ):
        Course.objects.create(
            institution=miun,
            code=f"{prefix}{i:03d}G",
            title=f"Kurs {i}",
            level="GR",
            credits=7.5,
            learning_outcomes=text,
        )


def test_demo_content(mworld):
    _courses()
    result = create_demo_content(password="Demo-lösenord-1")
    demo = create_matchning_demo(password=result.password)
    assert demo.opportunities == 8 and demo.students == 8 and demo.placements == 6
    assert all(o.title.endswith("(exempel)") and o.is_demo for o in Opportunity.objects.filter(is_demo=True))
    assert Opportunity.objects.filter(is_demo=True, status="in_review").count() == 1
    data1 = StudentProfile.objects.get(user__username__startswith="student-data1@")
    assert data1.completed_courses.count() == 6 and "sk-py" in data1.skills  # from the courses' learning outcomes
    assert {p.university.name for p in Placement.objects.all()} == {"Mittuniversitetet (exempel)"}
    total = next(r for r in aggregates(dimension="total").rows)
    assert not total.suppressed and total.people == 6
    again = create_matchning_demo(password=result.password)
    assert again.opportunities == 0 and Opportunity.objects.filter(is_demo=True).count() == 8
