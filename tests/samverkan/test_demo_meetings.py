"""The demo's Högskolerådet meeting, competence need and computed indicator (through the services)."""

from __future__ import annotations

from kompetensbron.samverkan.demo import create_demo_content
from kompetensbron.samverkan.models import AuditEntry, CompetenceNeed, Indicator, Meeting


def test_demo_meeting_need_and_computed_indicator(db):
    result = create_demo_content(password="x-Lösen-123456")
    meeting = Meeting.objects.get(body__name="Högskolerådet (exempel)")
    assert meeting.agenda and meeting.minutes and meeting.attendees.count() == 4 and meeting.is_demo
    idea = meeting.ideas.get()
    assert idea.activity is not None and idea.activity.is_demo and idea.activity.title.endswith("(exempel)")
    assert AuditEntry.objects.filter(model="samverkan.meetingidea", action="to_activity", actor__isnull=False).exists()
    need = CompetenceNeed.objects.get(is_demo=True)
    assert need.status == "in_progress" and need.answers.get().status == "accepted"
    indicator = Indicator.objects.get(name="Placeringar genom Matchning (beräknat)")
    assert indicator.source.kind == "matchning:placements" and indicator.source.organisation.name.startswith("Mittuniv")
    assert "sodertorn@demo.invalid" in result.users
    again = create_demo_content(password="x-Lösen-123456")
    assert again.created_total == 0 and Meeting.objects.count() == 1
