"""Example meetings, competence needs and a computed indicator (part of ``init --demo``).

Everything goes through the services (rights, validation, audit) as the demo users: Hugo
(Huddinge's coordinator, seated in Högskolerådet) records a Högskolerådet meeting with agenda,
attendees, minutes, a document and an idea that becomes an activity; Huddinge's
Barn- och utbildningsförvaltningen registers a competence need that Södertörns högskola answers
with commissioned education, which Huddinge accepts; Mittuniversitetet's coordinator makes an
indicator of the Härnösand agreement count itself from Matchning placements. Idempotent: each
part is skipped when its row exists. Dates and figures are invented for illustration.
"""

from __future__ import annotations

import datetime as dt

from .models import Agreement, Body, CompetenceNeed, Indicator, Organisation, Unit

__all__ = ["create_meeting_demo"]


def create_meeting_demo(b, users: dict) -> None:
    """Called by :func:`.demo.create_demo_content` after the collaborations exist."""
    from .demo_builder import x as _x

    sh = Organisation.objects.get(name=_x("Södertörns högskola"))
    b.member(users["sodertorn"], sh, "coordinator")
    _council_meeting(b, users, sh)
    _competence_need(b, users, sh)
    _computed_indicator(b, users)


def _count(b, key: str) -> None:
    b.created[key] = b.created.get(key, 0) + 1


def _council_meeting(b, users: dict, sh: Organisation) -> None:
    from . import services
    from .demo_builder import x as _x
    from .schemas_meetings import AttendeeIn, IdeaIn, IdeaToActivityIn, MeetingCreate

    council = Body.objects.get(name=_x("Högskolerådet"))
    title = "Vårens möte: kompetensförsörjning och praktiknära forskning"
    if council.meetings.filter(title=title).exists():
        return
    hugo = users["huddinge"]
    huddinge = Organisation.objects.get(name=_x("Huddinge kommun"))
    kar = Organisation.objects.get(name=_x("Studentkåren i Flemingsberg"))
    agreement = Agreement.objects.get(title=_x("Samverkansavtal Huddinge kommun – Södertörns högskola"))
    m = services.meetings
    meeting = m.create_meeting(
        actor=hugo,
        body=council,
        data=MeetingCreate(
            date=dt.date(2025, 3, 12),
            title=title,
            place="Huddinge kommunhus",
            agenda="1. Mötets öppnande\n2. Läget i samverkansavtalen med SH och KI\n"
            "3. Kompetensförsörjning i förskola och skola\n4. Idéer från lärosätena\n5. Nästa möte",
            minutes="Rådet fick en lägesbild av avtalen. Förvaltningarna beskrev bristen på förskollärare. "
            "Södertörns högskola presenterade idén om en gemensam forskarskola för lärare; rådet ställde sig "
            "bakom att kommunen tar fram ett förslag tillsammans med högskolan. Rådet beslutar inte, det "
            "utbyter information och diskuterar strategi.",
            agreement_id=agreement.pk,
        ),
        is_demo=True,
    )
    _count(b, "möten")
    m.add_attendee(
        actor=hugo, meeting=meeting, data=AttendeeIn(user_id=hugo.pk, role="Samordnare", organisation_id=huddinge.pk)
    )
    m.add_attendee(
        actor=hugo,
        meeting=meeting,
        data=AttendeeIn(
            name="Gymnasie- och arbetsmarknadsnämndens ordförande", role="Ordförande", organisation_id=huddinge.pk
        ),
    )
    m.add_attendee(
        actor=hugo, meeting=meeting, data=AttendeeIn(name="Prorektor", role="Ledamot", organisation_id=sh.pk)
    )
    m.add_attendee(
        actor=hugo, meeting=meeting, data=AttendeeIn(name="Ordförande", role="Ledamot", organisation_id=kar.pk)
    )
    m.add_document(
        actor=hugo, meeting=meeting, title="Samverkan med akademierna (huddinge.se)", url="https://www.huddinge.se/"
    )
    idea = m.add_idea(
        actor=hugo,
        meeting=meeting,
        data=IdeaIn(
            title="Gemensam forskarskola för lärare i Huddinge",
            description="Lärare i kommunens skolor forskar på deltid inom Södertörns högskolas forskarutbildning.",
            presented_by="Prorektor",
            organisation_id=sh.pk,
        ),
    )
    m.idea_to_activity(
        actor=hugo,
        idea=idea,
        data=IdeaToActivityIn(
            title=_x("Forskarskola för lärare i Huddinge"),
            phase="develop",
            owner_id=huddinge.pk,
            partner_ids=[sh.pk],
            agreement_id=agreement.pk,
            target_group="Lärare i förskola och skola",
            period_start=dt.date(2025, 9, 1),
            period_end=dt.date(2027, 6, 30),
            place="Huddinge",
            expected_participants=8,
        ),
        is_demo=True,
    )
    _count(b, "aktiviteter")


def _competence_need(b, users: dict, sh: Organisation) -> None:
    from kompetensbron.reference.models import Kommun, SsykGroup

    from . import services
    from .demo_builder import x as _x
    from .schemas_meetings import AnswerCreate, NeedCreate

    title = "Förskollärare med specialpedagogisk kompetens"
    if CompetenceNeed.objects.filter(title=title, is_demo=True).exists():
        return
    hugo = users["huddinge"]
    huddinge = Organisation.objects.get(name=_x("Huddinge kommun"))
    unit = Unit.objects.filter(organisation=huddinge, name="Barn- och utbildningsförvaltningen").first()
    n = services.needs
    need = n.create_need(
        actor=hugo,
        data=NeedCreate(
            organisation_id=huddinge.pk,
            unit_id=unit.pk if unit else None,
            title=title,
            description="Förskollärare som kan stödja barn i behov av särskilt stöd; vidareutbildning av "
            "anställda förskollärare eller nyrekrytering.",
            headcount=12,
            needed_from=dt.date(2026, 8, 1),
            needed_until=dt.date(2027, 6, 30),
            region_code="0126" if Kommun.objects.filter(pk="0126").exists() else "",
            ssyk_code="2343" if SsykGroup.objects.filter(pk="2343").exists() else "",
        ),
        is_demo=True,
    )
    _count(b, "kompetensbehov")
    answer = n.answer_need(
        actor=users["sodertorn"],
        need=need,
        data=AnswerCreate(
            organisation_id=sh.pk,
            kind="commissioned",
            title="Uppdragsutbildning i specialpedagogik för förskollärare, 15 hp",
            description="Halvfart under ett år, på campus Flemingsberg och på distans.",
            places=12,
            starts=dt.date(2026, 8, 24),
        ),
        is_demo=True,
    )
    n.transition_answer(actor=hugo, answer=answer, to_status="accepted")
    n.transition_need(actor=hugo, need=need, to_status="in_progress")


def _computed_indicator(b, users: dict) -> None:
    from . import services
    from .demo_builder import x as _x
    from .schemas import IndicatorCreate
    from .schemas_meetings import IndicatorSourceIn

    agreement = Agreement.objects.get(
        title=_x("Samverkansavtal Härnösands kommun – Mittuniversitetet, bilaga Kompetensförsörjning")
    )
    name = "Placeringar genom Matchning (beräknat)"
    if Indicator.objects.filter(agreement=agreement, name=name).exists():
        return
    miun = Organisation.objects.get(name=_x("Mittuniversitetet"))
    coordinator = users["styrgrupp"]
    indicator = services.create_indicator(
        actor=coordinator,
        agreement=agreement,
        data=IndicatorCreate(
            name=name,
            unit="st",
            description="Examensarbeten, praktik och sommarpraktik där Mittuniversitetet är lärosäte eller värd, "
            "räknade ur Matchning.",
        ),
        is_demo=True,
    )
    _count(b, "indikatorer")
    services.set_indicator_source(
        actor=coordinator,
        indicator=indicator,
        data=IndicatorSourceIn(kind="matchning:placements", organisation_id=miun.pk),
    )
