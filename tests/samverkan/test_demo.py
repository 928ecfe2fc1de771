"""Demo content: idempotent, clearly marked, and usable by the demo users."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.test import RequestFactory

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
        actor=sg, activity=proposal, decision="approve", justification="OK", date=dt.date(2025, 6, 1)
    )
    report = services.yearly_report(actor=wg, agreement=proposal.agreement, year=2025)
    assert sum(p.total for p in report.phases) >= 8
