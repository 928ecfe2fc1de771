"""Personal data in Matchning: export and erase, registered with kompetensbron.privacy."""

from __future__ import annotations

from kompetensbron import privacy
from kompetensbron.matchning import services
from kompetensbron.matchning.models import (
    Application,
    Outcome,
    Placement,
    StudentProfile,
)
from kompetensbron.matchning.privacy import erase, export
from kompetensbron.matchning.schemas import ApplyIn, OutcomeIn, StudentProfileUpdate
from kompetensbron.samverkan.models import AuditEntry


def _placed(w):
    opp = w.published()
    services.update_profile(actor=w.student, data=StudentProfileUpdate(consent_followup=True))
    a = services.apply(actor=w.student, opportunity=opp, data=ApplyIn(message="Jag heter Stina"))
    services.transition_application(actor=w.employer_member, application=a, to_status="offered")
    services.transition_application(actor=w.student, application=a, to_status="accepted")
    services.record_outcome(
        actor=w.employer_member,
        placement=Placement.objects.get(),
        data=OutcomeIn(hired=True, stayed_region_1y=True, grade="VG"),
    )
    return opp


def test_handlers_are_registered():
    assert any(h.name == "matchning" and h.export is export and h.erase is erase for h in privacy.handlers())


def test_export_has_profile_applications_and_placements(mworld):
    _placed(mworld)
    data = export(mworld.student)
    assert data["profile"]["university"] == "Testuniversitetet"
    assert data["profile"]["skills"] == ["sk-py", "sk-sql", "sk-git"]
    assert data["applications"][0]["message"] == "Jag heter Stina"
    assert data["placements"][0]["outcome"]["stayed_region_1y"] is True
    assert export(mworld.employer_member) == {}


def test_erase_removes_the_person_but_keeps_anonymous_placements(mworld):
    _placed(mworld)
    profile_pk = StudentProfile.objects.get(user=mworld.student).pk
    changed = erase(mworld.student)
    assert changed > 3
    assert not StudentProfile.objects.filter(pk=profile_pk).exists()
    assert not Application.objects.exists()
    placement = Placement.objects.get()
    assert placement.student is None and placement.university == mworld.uni  # the aggregates keep counting it
    outcome = Outcome.objects.get()
    assert outcome.hired is True and outcome.stayed_region_1y is None and outcome.grade == ""
    assert not AuditEntry.objects.filter(model="matchning.application", after__isnull=False).exists()
    assert not AuditEntry.objects.filter(
        model="matchning.studentprofile", object_id=str(profile_pk), after__isnull=False
    ).exists()
    assert export(mworld.student) == {} and erase(mworld.student) == 0
