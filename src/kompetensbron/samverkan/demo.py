"""Example content from the mission documents: the Huddinge and Härnösand collaborations.

:func:`create_demo_content` is idempotent: rows are found by their names (all of which end in
"(exempel)") and created only when missing; every row carries ``is_demo=True``. Demo users have
``@demo.invalid`` addresses; each run sets them the password it returns (a fresh random one
unless given), so the caller can print it. Organisational facts follow the public documents
(Huddinge kommun's page on collaboration with the universities; the Härnösand–Mittuniversitetet
annex on competence supply); dates, figures and amounts are invented for illustration.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from .audit import record, snapshot
from .demo_meetings import create_meeting_demo
from .models import (
    Activity,
    Agreement,
    AgreementDocument,
    Body,
    BodyMembership,
    Decision,
    DevelopmentArea,
    FundingApplication,
    Indicator,
    IndicatorYear,
    Membership,
    Organisation,
    Unit,
)

__all__ = ["DemoResult", "create_demo_content", "DEMO_SUFFIX", "DEMO_DOMAIN"]

DEMO_SUFFIX = " (exempel)"
DEMO_DOMAIN = "demo.invalid"


@dataclass
class DemoResult:
    password: str
    users: list[str]
    created: dict[str, int] = field(default_factory=dict)

    @property
    def created_total(self) -> int:
        return sum(self.created.values())

    def __str__(self) -> str:
        made = ", ".join(f"{k}: {n}" for k, n in self.created.items() if n) or "inget nytt (fanns redan)"
        users = "\n".join(f"  {u}" for u in self.users)
        return (
            f"Exempeldata för Samverkan (Huddinge, Härnösand). Skapat: {made}.\n"
            f"Demoanvändare (lösenord: {self.password}):\n{users}"
        )


def _x(name: str) -> str:
    return name + DEMO_SUFFIX


class _Builder:
    def __init__(self) -> None:
        self.created: dict[str, int] = {}

    def get(self, model, lookup: dict, defaults: dict | None = None):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **(defaults or {}))
            key = model._meta.verbose_name_plural
            self.created[str(key)] = self.created.get(str(key), 0) + 1
            record(actor=None, action="demo", obj=obj, after=snapshot(obj))
        return obj


def _kommun(code: str):
    from kompetensbron.reference.models import Kommun

    return Kommun.objects.filter(pk=code).first()


def create_demo_content(*, password: str | None = None) -> DemoResult:
    """Create (or complete) the example collaborations; safe to run again."""
    password = password or secrets.token_urlsafe(12)
    b = _Builder()
    with transaction.atomic():
        users = _users(b, password)
        _huddinge(b, users)
        _harnosand(b, users)
        create_meeting_demo(b, users, password)  # meetings, a competence need, a computed indicator
    return DemoResult(password=password, users=sorted(users_.email for users_ in users.values()), created=b.created)


def _users(b: _Builder, password: str) -> dict[str, object]:
    User = get_user_model()
    people = {
        "arbetsgrupp": ("Anna", "Arbetsgrupp"),
        "styrgrupp": ("Sven", "Styrgrupp"),
        "samordnare": ("Sara", "Samordnare"),
        "huddinge": ("Hugo", "Högskoleråd"),
    }
    out = {}
    for key, (first, last) in people.items():
        email = f"{key}@{DEMO_DOMAIN}"
        user = b.get(User, {"username": email}, {"email": email, "first_name": first, "last_name": _x(last)})
        user.set_password(password)
        user.is_active = True
        user.save()
        out[key] = user
    return out


def _areas(b: _Builder, *names: str) -> list[DevelopmentArea]:
    return [b.get(DevelopmentArea, {"name": n}, {"is_demo": True}) for n in names]


def _org(b: _Builder, name: str, kind: str, kommun_code: str | None = None, website: str = "") -> Organisation:
    return b.get(
        Organisation,
        {"name": _x(name)},
        {"kind": kind, "kommun": _kommun(kommun_code) if kommun_code else None, "website": website, "is_demo": True},
    )


def _member(b: _Builder, user, org: Organisation, role: str = "member") -> None:
    b.get(Membership, {"user": user, "organisation": org}, {"role": role})


def _seat(b: _Builder, body: Body, user, org: Organisation | None = None) -> None:
    b.get(BodyMembership, {"body": body, "user": user}, {"organisation": org})


# ------------------------------------------------------------------ Huddinge


def _huddinge(b: _Builder, users: dict) -> None:
    huddinge = _org(b, "Huddinge kommun", "municipality", "0126", "https://www.huddinge.se")
    sh = _org(b, "Södertörns högskola", "university", "0126", "https://www.sh.se")
    ki = _org(b, "Karolinska Institutet", "university", None, "https://ki.se")
    kth = _org(b, "KTH Flemingsberg", "university", "0126")
    kar = _org(b, "Studentkåren i Flemingsberg", "student_union", "0126")
    region = _org(b, "Region Stockholm", "region")
    botkyrka = _org(b, "Botkyrka kommun", "municipality", "0127")
    fsci = _org(b, "Stiftelsen Flemingsberg Science", "foundation", "0126")
    for unit in (
        "Barn- och utbildningsförvaltningen",
        "Gymnasie- och arbetsmarknadsförvaltningen",
        "Näringslivssektionen",
    ):
        b.get(Unit, {"organisation": huddinge, "name": unit}, {"is_demo": True})
    _member(b, users["huddinge"], huddinge, "coordinator")
    _member(b, users["samordnare"], huddinge, "coordinator")

    areas = _areas(b, "Samhällsbyggnad", "Kompetensförsörjning", "Likvärdig vård")
    purpose = (
        "Ömsesidigt samverkansavtal med gemensamt prioriterade utvecklingsområden. Målet är att underlätta "
        "kommunens rekrytering, bidra till verksamhetsutveckling genom forskning, gynna tillväxt genom tätare "
        "kontakt mellan näringslivssektionen och akademin och erbjuda medarbetarna kompetensutveckling."
    )
    agreements = []
    for uni in (sh, ki):
        a = b.get(
            Agreement,
            {"title": _x(f"Samverkansavtal Huddinge kommun – {uni.name.removesuffix(DEMO_SUFFIX)}")},
            {
                "purpose": purpose,
                "period_start": dt.date(2021, 1, 1),
                "period_end": dt.date(2025, 12, 31),
                "is_demo": True,
            },
        )
        a.parties.set([huddinge, uni])
        a.areas.set(areas)
        b.get(
            AgreementDocument,
            {"agreement": a, "title": "Samverkan med akademierna (huddinge.se)"},
            {"url": "https://www.huddinge.se/"},
        )
        agreements.append(a)
    ulf = b.get(
        Agreement,
        {"title": _x("ULF-avtal Huddinge kommun – Södertörns högskola")},
        {
            "purpose": "Utveckling, Lärande och Forskning: praktiknära forskning i förskola och skola, en nationell "
            "försöksverksamhet på uppdrag av regeringen 2017–2025. Syftet är att stärka forskning, lärarutbildning "
            "och vetenskaplig grund i förskola och skola.",
            "period_start": dt.date(2017, 1, 1),
            "period_end": dt.date(2025, 12, 31),
            "is_demo": True,
        },
    )
    ulf.parties.set([huddinge, sh])
    ulf.areas.set(_areas(b, "Kompetensförsörjning"))

    council = b.get(
        Body,
        {"name": _x("Högskolerådet")},
        {"kind": "council", "chair_title": "Gymnasie- och arbetsmarknadsnämndens ordförande", "is_demo": True},
    )
    council.organisations.set([huddinge, sh, ki, kth, kar])
    council.areas.set(areas)
    _seat(b, council, users["huddinge"], huddinge)
    board = b.get(
        Body, {"name": _x("Stiftelsen Flemingsberg Science, styrelse")}, {"kind": "foundation_board", "is_demo": True}
    )
    board.organisations.set([huddinge, sh, ki, kth, region, botkyrka, fsci])
    for a in agreements:
        b.get(
            Body,
            {"name": _x(f"Arbetsgrupp {a.title.removeprefix('Samverkansavtal ').removesuffix(DEMO_SUFFIX)}")},
            {"kind": "working_group", "agreement": a, "is_demo": True},
        )
    b.get(
        Activity,
        {"title": _x("ULF: praktiknära forskning i förskola och skola")},
        {
            "description": "Barn- och utbildningsförvaltningen och gymnasie- och arbetsmarknadsförvaltningen forskar "
            "tillsammans med Södertörns högskola i förskolans och skolans praktik.",
            "phase": "develop",
            "status": "running",
            "target_group": "Lärare och förskollärare",
            "owner": huddinge,
            "agreement": ulf,
            "period_start": dt.date(2017, 1, 1),
            "period_end": dt.date(2025, 12, 31),
            "place": "Huddinge",
            "expected_participants": 40,
            "is_demo": True,
        },
    ).partners.set([sh])


# ------------------------------------------------------------------ Härnösand


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


def _harnosand(b: _Builder, users: dict) -> None:
    kommun = _org(b, "Härnösands kommun", "municipality", "2280", "https://www.harnosand.se")
    miun = _org(b, "Mittuniversitetet", "university", "2280", "https://www.miun.se")
    school = _org(b, "Härnösands gymnasium", "school", "2280")
    company = _org(b, "Lokalt näringsliv i Härnösand", "company", "2280")
    _member(b, users["arbetsgrupp"], kommun, "member")
    _member(b, users["samordnare"], kommun, "coordinator")
    _member(b, users["styrgrupp"], miun, "coordinator")

    agreement = b.get(
        Agreement,
        {"title": _x("Samverkansavtal Härnösands kommun – Mittuniversitetet, bilaga Kompetensförsörjning")},
        {
            "purpose": "Öka attraktiviteten hos båda parter så att fler väljer att studera vid universitetet och fler "
            "flyttar till eller stannar kvar i Härnösand efter utbildningen. Arbetet följer en livscykel: attrahera, "
            "stimulera, behålla, utveckla. Avtalet innebär ingen bindande finansiering; medel söks i varje enskilt fall.",
            "period_start": dt.date(2023, 1, 1),
            "period_end": dt.date(2026, 12, 31),
            "is_demo": True,
        },
    )
    agreement.parties.set([kommun, miun])
    agreement.areas.set(_areas(b, "Kompetensförsörjning"))

    steering = b.get(
        Body,
        {"name": _x("Styrgrupp kompetensförsörjning Härnösand")},
        {"kind": "steering_group", "agreement": agreement, "is_demo": True},
    )
    working = b.get(
        Body,
        {"name": _x("Arbetsgrupp kompetensförsörjning Härnösand")},
        {"kind": "working_group", "agreement": agreement, "parent": steering, "is_demo": True},
    )
    for body in (steering, working):
        body.organisations.set([kommun, miun])
    _seat(b, steering, users["styrgrupp"], miun)
    _seat(b, working, users["arbetsgrupp"], kommun)
    if steering.chair_id is None:
        steering.chair = users["styrgrupp"]
        steering.save()

    past_decision = {"decided", "running", "completed", "evaluated"}
    by_title = {}
    for title, phase, status, target, place, start, end, expected, actual, description in _HARNOSAND_ACTIVITIES:
        owner = miun if phase in ("attract", "stimulate") else kommun
        activity = b.get(
            Activity,
            {"title": _x(title)},
            {
                "description": description,
                "phase": phase,
                "status": status,
                "target_group": target,
                "owner": owner,
                "agreement": agreement,
                "working_group": working,
                "period_start": start,
                "period_end": end,
                "place": place,
                "expected_participants": expected,
                "actual_participants": actual,
                "evaluation": "Välbesökt; fler lärare bör bjudas in nästa år." if status == "evaluated" else "",
                "proposed_by": users["arbetsgrupp"] if status != "idea" else None,
                "is_demo": True,
            },
        )
        activity.partners.set(
            [kommun if owner == miun else miun]
            + ([school] if phase == "attract" else [company] if phase in ("stimulate", "retain") else [])
        )
        if status in past_decision:
            b.get(
                Decision,
                {"activity": activity, "body": steering},
                {
                    "decided_by": users["styrgrupp"],
                    "date": (start or dt.date(2025, 1, 1)) - dt.timedelta(days=45),
                    "outcome": "approve",
                    "justification": "Ligger i linje med avtalets livscykelmodell (exempel).",
                },
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
        b.get(
            FundingApplication,
            {"activity": by_title[title], "funder": funder},
            {
                "programme": programme,
                "amount_applied": Decimal(applied),
                "amount_granted": Decimal(granted) if granted else None,
                "status": status,
                "deadline": deadline,
                "note": "Exempel: belopp påhittade.",
                "is_demo": True,
            },
        )

    indicators = [
        ("Studenter i mentorsprogram", "st", True, {2024: ("25", "21"), 2025: ("30", "24")}),
        ("Examensarbeten med lokala arbetsgivare", "st", True, {2024: ("10", "11"), 2025: ("15", None)}),
        ("Examinerade som stannar i Härnösand", "%", True, {2024: ("25", "22"), 2025: ("27", None)}),
    ]
    for name, unit, higher, years in indicators:
        ind = b.get(
            Indicator,
            {"agreement": agreement, "name": name},
            {"unit": unit, "higher_is_better": higher, "is_demo": True},
        )
        for year, (target, value) in years.items():
            b.get(
                IndicatorYear,
                {"indicator": ind, "year": year},
                {"target": Decimal(target), "value": Decimal(value) if value else None, "comment": "Exempelvärden."},
            )
