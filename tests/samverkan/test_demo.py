"""Demo content: idempotent, clearly marked, and usable by the demo users."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

from kompetensbron.samverkan import services
from kompetensbron.samverkan.demo import create_demo_content
from kompetensbron.samverkan.models import Activity, Agreement, AuditEntry, Body, Organisation


def _counts():
    return tuple(m.objects.count() for m in (Organisation, Agreement, Body, Activity, AuditEntry))


def test_demo_content_is_idempotent_and_marked(db):
    first = create_demo_content(password="exempel-Lösen-123")
    counts = _counts()
    second = create_demo_content(password="exempel-Lösen-123")
    assert first.created_total > 0 and second.created_total == 0
    assert _counts() == counts
    assert all(o.is_demo and o.name.endswith("(exempel)") for o in Organisation.objects.all())
    assert all(a.is_demo and "(exempel)" in a.title for a in Activity.objects.all())
    assert {"arbetsgrupp@demo.invalid", "styrgrupp@demo.invalid"} <= set(first.users)
    assert "exempel-Lösen-123" in str(first)


def test_demo_covers_the_documents(db):
    create_demo_content(password="x-Lösen-123456")
    names = set(Organisation.objects.values_list("name", flat=True))
    for org in (
        "Huddinge kommun",
        "Södertörns högskola",
        "Karolinska Institutet",
        "Härnösands kommun",
        "Mittuniversitetet",
    ):
        assert f"{org} (exempel)" in names
    assert Body.objects.filter(name="Högskolerådet (exempel)", kind="council").exists()
    working = Body.objects.get(name__startswith="Arbetsgrupp kompetensförsörjning Härnösand")
    assert working.parent.kind == "steering_group"
    phases = set(Activity.objects.filter(working_group=working).values_list("phase", flat=True))
    assert phases == {"attract", "stimulate", "retain", "develop"}
    for title in (
        "Science Meeting",
        "Mentorsprogram",
        "Sommarinternship",
        "Examensarbeten",
        "Traineeprogram",
        "Studiezon",
        "Distansutbildning",
        "Uppdragsutbildning",
        "ULF",
    ):
        assert Activity.objects.filter(title__contains=title).exists(), title


def test_demo_users_can_log_in_and_work_the_workflow(db):
    result = create_demo_content(password="x-Lösen-123456")
    request = RequestFactory().post("/konto/logga-in/")
    wg = authenticate(request, username="arbetsgrupp@demo.invalid", password=result.password)
    sg = authenticate(request, username="styrgrupp@demo.invalid", password=result.password)
    assert (getattr(wg, "username", None), getattr(sg, "username", None)) == (
        "arbetsgrupp@demo.invalid",
        "styrgrupp@demo.invalid",
    )
    proposal = Activity.objects.get(title__startswith="Traineeprogram")
    assert proposal.status == "proposed"
    services.decide_activity(
        actor=sg, activity=proposal, decision="approve", justification="OK", date=timezone.localdate()
    )
    report = services.yearly_report(actor=wg, agreement=proposal.agreement, year=2025)
    assert sum(p.total for p in report.phases) >= 8


def test_demo_shows_the_three_governance_styles_with_their_bodies(db):
    """Issue 12: Härnösand's steering group decides, Huddinge's departments and Södertörn's
    institutions agree directly, Högskolerådet notes; nothing is decided around the workflow."""
    create_demo_content(password="x-Lösen-123456")
    harnosand = Agreement.objects.get(title__startswith="Samverkansavtal Härnösands kommun")
    assert harnosand.governance == "steering_group" and harnosand.binds_funding is False and harnosand.uses_lifecycle
    sh = Agreement.objects.get(title="Samverkansavtal Huddinge kommun – Södertörns högskola (exempel)")
    assert sh.governance == "direct" and sh.binds_funding is None and not sh.uses_lifecycle
    assert set(sh.areas.values_list("name", flat=True)) == {"Samhällsbyggnad", "Kompetensförsörjning", "Likvärdig vård"}
    council = Body.objects.get(name="Högskolerådet (exempel)")
    assert council.governance == "council_notes"
    units = set(Organisation.objects.get(name="Södertörns högskola (exempel)").units.values_list("name", flat=True))
    assert "Institutionen för kultur och lärande" in units
    # every activity past "idea" got there through a service, by a person, with an audit entry per step
    for activity in Activity.objects.exclude(status="idea"):
        actions = set(
            AuditEntry.objects.filter(model="samverkan.activity", object_id=str(activity.pk))
            .exclude(actor=None)
            .values_list("action", flat=True)
        )
        assert actions & {"propose", "approve", "status:running"}, (activity.title, actions)
        assert not AuditEntry.objects.filter(
            model="samverkan.activity", object_id=str(activity.pk), action="demo"
        ).exists()
    ulf = Activity.objects.get(title__startswith="ULF")
    assert ulf.status == "running" and ulf.phase == "" and ulf.decisions.count() == 0
    assert {a.organisation.name for a in ulf.approvals.all()} == {
        "Huddinge kommun (exempel)",
        "Södertörns högskola (exempel)",
    }
    noted = Activity.objects.get(title__startswith="Gemensam rekryteringsdag")
    assert noted.status == "running" and noted.approvals.get().kind == "note"
    assert noted.decisions.count() == 0
    evaluated = Activity.objects.get(title__startswith="Science Meeting")
    assert evaluated.status == "evaluated" and evaluated.decisions.get().body.kind == "steering_group"
