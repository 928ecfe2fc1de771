"""Härnösands kommun and Mittuniversitetet: the annex on competence supply.

The life-cycle model (attrahera, stimulera, behålla, utveckla); a working group creates the
content and the steering group decides concrete activities (``steering_group`` governance); the
agreement binds no funding ("ingen, för parterna bindande, finansiering"). Every activity is
created, proposed, decided and moved through the services by the demo users; decisions carry the
day the demo ran (a decision cannot predate its proposal).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import services
from .demo_builder import Builder, table, x
from .demo_workflow import walk
from .models import Activity, Agreement, Body, FundingApplication, Governance, Indicator
from .schemas import ActivityCreate, FundingCreate, IndicatorCreate, IndicatorYearIn

__all__ = ["harnosand"]

# title | phase | status | target group | place | start | end | expected | actual | description
_HARNOSAND_ACTIVITIES = table("""
Science Meeting | attract | evaluated | Gymnasieungdomar och lärare i gymnasieskolan | Mittuniversitetet, Härnösand | 2024-04-16 | 2024-04-16 | 300 | 260 | Gymnasieelever och lärare möter universitetet och forskningen.
Mentorsprogram med lokalt näringsliv | stimulate | running | Studenter vid Mittuniversitetet | Härnösand | 2025-01-15 | 2025-12-15 | 30 | - | Studenter får en mentor från det lokala näringslivet och organisationer.
Sommarinternship hos lokala arbetsgivare | stimulate | decided | Studenter | Härnösand | 2025-06-09 | 2025-08-15 | 12 | - | Internship under sommaren i samarbete med lokalt näringsliv och organisationer.
Examensarbeten med lokalt näringsliv | stimulate | proposed | Studenter i sista året | Härnösand | 2025-09-01 | 2026-06-15 | 15 | - | Examensarbeten och uppsatser tillsammans med lokala företag och organisationer.
Traineeprogram i Härnösand | retain | proposed | Nyexaminerade | Härnösand | 2025-09-01 | 2026-08-31 | 8 | - | Avancerat traineeprogram för att behålla kompetens i regionen.
Karriärdag: lokala karriärvägar | retain | idea | Studenter nära examen | Mittuniversitetet, Härnösand | - | - | 150 | - | Visa möjligheterna till karriär och utveckling som finns lokalt.
Distansutbildning med campusträffar | develop | running | Yrkesverksamma i kommunen | Distans och campus | 2025-01-20 | 2025-12-20 | 40 | - | Blandad utbildning campus/hemma med attraktiva förutsättningar.
Studiezon i kommundelarna | develop | decided | Distansstudenter | Kommunens alla delar | 2025-03-01 | 2025-12-31 | 60 | - | Lärcenter med bra teknik som ger en känsla av campus fast man studerar på distans.
Uppdragsutbildning för kommunens behov | develop | idea | Anställda i Härnösands kommun | Härnösand | - | - | 20 | - | Uppdragsutbildningar som täcker specifika kompetensbehov.
""")

# activity | funder | programme | applied | granted | status | deadline
_HARNOSAND_FUNDING = table("""
Mentorsprogram med lokalt näringsliv | Region Västernorrland | Regionala utvecklingsmedel | 150000 | - | submitted | 2025-03-01
Studiezon i kommundelarna | Tillväxtverket | Regionalfonden | 400000 | 300000 | granted | 2025-02-01
Traineeprogram i Härnösand | Europeiska socialfonden | ESF+ | 600000 | - | planned | 2025-10-15
""")


def _date(cell: str | None) -> dt.date | None:
    return dt.date.fromisoformat(cell) if cell else None


def _int(cell: str | None) -> int | None:
    return int(cell) if cell else None


def harnosand(b: Builder, users: dict) -> None:
    kommun = b.org("Härnösands kommun", "municipality", "2280", "https://www.harnosand.se")
    miun = b.org("Mittuniversitetet", "university", "2280", "https://www.miun.se")
    school = b.org("Härnösands gymnasium", "school", "2280")
    company = b.org("Lokalt näringsliv i Härnösand", "company", "2280")
    b.member(users["arbetsgrupp"], kommun, "member")
    b.member(users["samordnare"], kommun, "coordinator")
    b.member(users["styrgrupp"], miun, "coordinator")

    agreement = b.get(
        Agreement,
        {"title": x("Samverkansavtal Härnösands kommun – Mittuniversitetet, bilaga Kompetensförsörjning")},
        {
            "purpose": "Öka attraktiviteten hos båda parter så att fler väljer att studera vid universitetet och fler "
            "flyttar till eller stannar kvar i Härnösand efter utbildningen. Arbetet följer en livscykel: attrahera, "
            "stimulera, behålla, utveckla. Avtalet innebär ingen bindande finansiering; medel söks i varje enskilt fall.",
            "period_start": dt.date(2023, 1, 1),
            "period_end": dt.date(2026, 12, 31),
            "governance": Governance.STEERING_GROUP,
            "binds_funding": False,
            "uses_lifecycle": True,
            "is_demo": True,
        },
    )
    agreement.parties.set([kommun, miun])
    agreement.areas.set(b.areas("Kompetensförsörjning"))

    steering = b.get(
        Body,
        {"name": x("Styrgrupp kompetensförsörjning Härnösand")},
        {"kind": "steering_group", "agreement": agreement, "is_demo": True},
    )
    working = b.get(
        Body,
        {"name": x("Arbetsgrupp kompetensförsörjning Härnösand")},
        {"kind": "working_group", "agreement": agreement, "parent": steering, "is_demo": True},
    )
    steering.organisations.set([kommun, miun])
    working.organisations.set([kommun, miun, school, company])  # the school and the companies take part
    b.seat(steering, users["styrgrupp"], miun)
    b.seat(working, users["arbetsgrupp"], kommun)
    if steering.chair_id is None:
        steering.chair = users["styrgrupp"]
        steering.save()

    by_title = {}
    for title, phase, status, target, place, start, end, expected, actual, description in _HARNOSAND_ACTIVITIES:
        owner = miun if phase in ("attract", "stimulate") else kommun
        partners = [kommun if owner == miun else miun] + (
            [school] if phase == "attract" else [company] if phase in ("stimulate", "retain") else []
        )
        activity = Activity.objects.filter(title=x(title)).first()
        if activity is None:
            creator = users["styrgrupp"] if owner == miun else users["samordnare"]  # the owner's coordinator
            activity = services.create_activity(
                actor=creator,
                data=ActivityCreate(
                    title=x(title),
                    description=description,
                    phase=phase,
                    target_group=target,
                    owner_id=owner.pk,
                    partner_ids=[p.pk for p in partners],
                    agreement_id=agreement.pk,
                    working_group_id=working.pk,
                    period_start=_date(start),
                    period_end=_date(end),
                    place=place or "",
                    expected_participants=_int(expected),
                ),
                is_demo=True,
            )
            b.count(Activity)
            activity = walk(
                activity,
                status,
                proposer=users["arbetsgrupp"],
                decider=users["styrgrupp"],
                mover=users["arbetsgrupp"],
                actual_participants=_int(actual),
                evaluation="Välbesökt; fler lärare bör bjudas in nästa år.",
                justification="Ligger i linje med avtalets livscykelmodell (exempel).",
            )
        by_title[title] = activity

    for title, funder, programme, applied, granted, status, deadline in _HARNOSAND_FUNDING:
        if FundingApplication.objects.filter(activity=by_title[title], funder=funder).exists():
            continue
        services.create_funding_application(
            actor=users["arbetsgrupp"],
            activity=by_title[title],
            data=FundingCreate(
                funder=funder,
                programme=programme or "",
                amount_applied=Decimal(applied),
                amount_granted=Decimal(granted) if granted else None,
                status=status,
                deadline=_date(deadline),
                note="Exempel: belopp påhittade.",
            ),
            is_demo=True,
        )
        b.count(FundingApplication)

    indicators = [
        ("Studenter i mentorsprogram", "st", True, {2024: ("25", "21"), 2025: ("30", "24")}),
        ("Examensarbeten med lokala arbetsgivare", "st", True, {2024: ("10", "11"), 2025: ("15", None)}),
        ("Examinerade som stannar i Härnösand", "%", True, {2024: ("25", "22"), 2025: ("27", None)}),
    ]
    for name, unit, higher, years in indicators:
        ind = Indicator.objects.filter(agreement=agreement, name=name).first()
        if ind is None:
            ind = services.create_indicator(
                actor=users["samordnare"],
                agreement=agreement,
                data=IndicatorCreate(name=name, unit=unit, higher_is_better=higher),
                is_demo=True,
            )
            b.count(Indicator)
        for year, (target, value) in years.items():
            if not ind.years.filter(year=year).exists():
                services.set_indicator_year(
                    actor=users["samordnare"],
                    indicator=ind,
                    year=year,
                    data=IndicatorYearIn(
                        target=Decimal(target), value=Decimal(value) if value else None, comment="Exempelvärden."
                    ),
                )
