"""Occupation-link decisions: confirm, reject (reason required), manual links, suggestions."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kompetensbron.errors import PermissionDenied, ValidationFailed


@pytest.mark.django_db
def test_confirm_records_author_and_time(suggested, coordinator):
    from kompetensbron.education.links import confirm_link

    official, _ = suggested
    before = timezone.now()
    link = confirm_link(actor=coordinator, link=official)
    assert (link.status, link.author, link.reason) == ("confirmed", coordinator, "")
    assert link.decided_at is not None and before <= link.decided_at <= timezone.now()


@pytest.mark.django_db
def test_reject_needs_a_reason(suggested, staff):
    from kompetensbron.education.links import reject_link

    _, overlap = suggested
    with pytest.raises(ValidationFailed) as err:
        reject_link(actor=staff, link=overlap, reason="   ")
    assert err.value.errors == {"reason": "En motivering krävs."}
    overlap.refresh_from_db()
    assert overlap.status == "suggested"
    link = reject_link(
        actor=staff, link=overlap, reason="Programmet leder till legitimation, inte till undersköterskeyrket."
    )
    assert link.status == "rejected" and link.reason.startswith("Programmet leder")


@pytest.mark.django_db
def test_decisions_need_the_right(suggested, reader):
    from kompetensbron.education.links import add_manual_link, confirm_link, reject_link

    official, _ = suggested
    with pytest.raises(PermissionDenied):
        confirm_link(actor=reader, link=official)
    with pytest.raises(PermissionDenied):
        reject_link(actor=reader, link=official, reason="Nej.")
    with pytest.raises(PermissionDenied):
        add_manual_link(actor=reader, programme=official.programme, ssyk="2223", reason="Ja.")


@pytest.mark.django_db
def test_manual_link_needs_reason_and_a_known_ssyk4(programme, staff):
    from kompetensbron.education.links import add_manual_link

    with pytest.raises(ValidationFailed) as err:
        add_manual_link(actor=staff, programme=programme, ssyk="222", reason="")
    assert err.value.errors == {
        "ssyk": "SSYK-koden ”222” är inte på nivå 4 (undergrupp).",
        "reason": "En motivering krävs.",
    }
    with pytest.raises(ValidationFailed) as err:
        add_manual_link(actor=staff, programme=programme, ssyk="9998", reason="x")
    assert err.value.errors == {"ssyk": "Okänd SSYK-kod: ”9998”."}
    link = add_manual_link(actor=staff, programme=programme, ssyk="2223", reason="Vidareutbildning efter examen.")
    assert (link.provenance, link.status, link.author, link.score) == ("manual", "confirmed", staff, 1.0)
    with pytest.raises(ValidationFailed) as err:
        add_manual_link(actor=staff, programme=programme, ssyk="2223", reason="igen")
    assert "ssyk" in err.value.errors
    with pytest.raises(ValidationFailed) as err:
        add_manual_link(actor=staff, ssyk="2223", reason="x")
    assert "target" in err.value.errors


@pytest.mark.django_db
def test_manual_link_on_a_course(miun, staff):
    from kompetensbron.education.links import add_manual_link
    from kompetensbron.education.models import Course

    course = Course.objects.get(institution=miun, code="OM083G")
    link = add_manual_link(actor=staff, course=course, ssyk="2221", reason="Kärnkurs i sjuksköterskeprogrammet.")
    assert link.course == course and link.programme is None


@pytest.mark.django_db
def test_suggestions_refresh_scores_but_keep_decisions(suggested, staff):
    from kompetensbron.education.links import reject_link, suggest_link

    _, overlap = suggested
    reject_link(actor=staff, link=overlap, reason="Fel nivå.")
    link, created = suggest_link(
        programme=overlap.programme, ssyk="5321", provenance="skill_overlap", score=0.5, rank=3
    )
    assert not created and (link.status, link.reason, link.score, link.rank) == ("rejected", "Fel nivå.", 0.5, 3)
    with pytest.raises(ValidationFailed):
        suggest_link(programme=overlap.programme, ssyk="5321", provenance="manual", score=0.5)
    with pytest.raises(ValidationFailed):
        suggest_link(programme=overlap.programme, ssyk="5321", provenance="skill_overlap", score=1.5)


@pytest.mark.django_db
def test_database_constraints(programme, miun):
    from kompetensbron.education.models import Course, OccupationLink

    course = Course.objects.get(institution=miun, code="OM083G")
    for bad in (
        dict(programme=programme, course=course, ssyk_id="2221", provenance="skill_overlap"),  # both set
        dict(ssyk_id="2221", provenance="skill_overlap"),  # neither set
        dict(programme=programme, ssyk_id="2221", provenance="skill_overlap", score=1.2),  # score > 1
        dict(programme=programme, ssyk_id="2221", provenance="manual"),  # manual without reason
        dict(
            programme=programme, ssyk_id="2221", provenance="skill_overlap", status="rejected"
        ),  # rejected without reason
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            OccupationLink.objects.create(**bad)
    OccupationLink.objects.create(programme=programme, ssyk_id="2221", provenance="skill_overlap", score=0.3)
    with pytest.raises(IntegrityError), transaction.atomic():
        OccupationLink.objects.create(programme=programme, ssyk_id="2221", provenance="skill_overlap", score=0.4)
