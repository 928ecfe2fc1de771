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
from .demo_builder import Builder, x
from .demo_workflow import walk
from .models import Activity, Agreement, Body, FundingApplication, Governance, Indicator
from .schemas import ActivityCreate, FundingCreate, IndicatorCreate, IndicatorYearIn

__all__ = ["harnosand"]

_HARNOSAND_ACTIVITIES = [
    # title, phase, status, target group, place, start, end, expected, actual, description
    (
        "Science Meeting",
        "attract",
        "evaluated",
        "Gymnasieungdomar och lärare i gymnasieskolan",
        "Mittuniversitetet, Härnösand",
        dt.date(2024, 4, 16),
        dt.date(2024, 4, 16),
        300,
        260,
        "Gymnasieelever och lärare möter universitetet och forskningen.",
    ),
    (
        "Mentorsprogram med lokalt näringsliv",
        "stimulate",
        "running",
        "Studenter vid Mittuniversitetet",
        "Härnösand",
        dt.date(2025, 1, 15),
        dt.date(2025, 12, 15),
        30,
        None,
        "Studenter får en mentor från det lokala näringslivet och organisationer.",
    ),
    (
        "Sommarinternship hos lokala arbetsgivare",
        "stimulate",
        "decided",
        "Studenter",
        "Härnösand",
        dt.date(2025, 6, 9),
        dt.date(2025, 8, 15),
        12,
        None,
        "Internship under sommaren i samarbete med lokalt näringsliv och organisationer.",
    ),
    (
        "Examensarbeten med lokalt näringsliv",
        "stimulate",
        "proposed",
        "Studenter i sista året",
        "Härnösand",
        dt.date(2025, 9, 1),
        dt.date(2026, 6, 15),
        15,
        None,
        "Examensarbeten och uppsatser tillsammans med lokala företag och organisationer.",
    ),
    (
        "Traineeprogram i Härnösand",
        "retain",
        "proposed",
        "Nyexaminerade",
        "Härnösand",
        dt.date(2025, 9, 1),
        dt.date(2026, 8, 31),
        8,
        None,
        "Avancerat traineeprogram för att behålla kompetens i regionen.",
    ),
    (
        "Karriärdag: lokala karriärvägar",
        "retain",
        "idea",
        "Studenter nära examen",
        "Mittuniversitetet, Härnösand",
        None,
        None,
        150,
        None,
        "Visa möjligheterna till karriär och utveckling som finns lokalt.",
    ),
    (
        "Distansutbildning med campusträffar",
        "develop",
        "running",
        "Yrkesverksamma i kommunen",
        "Distans och campus",
        dt.date(2025, 1, 20),
        dt.date(2025, 12, 20),
        40,
        None,
        "Blandad utbildning campus/hemma med attraktiva förutsättningar.",
    ),
    (
        "Studiezon i kommundelarna",
        "develop",
        "decided",
        "Distansstudenter",
        "Kommunens alla delar",
        dt.date(2025, 3, 1),
        dt.date(2025, 12, 31),
        60,
        None,
        "Lärcenter med bra teknik som ger en känsla av campus fast man studerar på distans.",
    ),
    (
        "Uppdragsutbildning för kommunens behov",
        "develop",
        "idea",
        "Anställda i Härnösands kommun",
        "Härnösand",
        None,
        None,
        20,
        None,
        "Uppdragsutbildningar som täcker specifika kompetensbehov.",
    ),
]


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
                    period_start=start,
                    period_end=end,
                    place=place,
                    expected_participants=expected,
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
                actual_participants=actual,
                evaluation="Välbesökt; fler lärare bör bjudas in nästa år.",
                justification="Ligger i linje med avtalets livscykelmodell (exempel).",
            )
        by_title[title] = activity

    funding = [
        (
            "Mentorsprogram med lokalt näringsliv",
            "Region Västernorrland",
            "Regionala utvecklingsmedel",
            "150000",
            None,
            "submitted",
            dt.date(2025, 3, 1),
        ),
        (
            "Studiezon i kommundelarna",
            "Tillväxtverket",
            "Regionalfonden",
            "400000",
            "300000",
            "granted",
            dt.date(2025, 2, 1),
        ),
        (
            "Traineeprogram i Härnösand",
            "Europeiska socialfonden",
            "ESF+",
            "600000",
            None,
            "planned",
            dt.date(2025, 10, 15),
        ),
    ]
    for title, funder, programme, applied, granted, status, deadline in funding:
        if FundingApplication.objects.filter(activity=by_title[title], funder=funder).exists():
            continue
        services.create_funding_application(
            actor=users["arbetsgrupp"],
            activity=by_title[title],
            data=FundingCreate(
                funder=funder,
                programme=programme,
                amount_applied=Decimal(applied),
                amount_granted=Decimal(granted) if granted else None,
                status=status,
                deadline=deadline,
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
