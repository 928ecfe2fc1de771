"""Huddinge kommun and the academies (huddinge.se, "Samverkan med akademierna").

Two mutual agreements (Södertörns högskola, Karolinska Institutet) with jointly prioritised
development areas — samhällsbyggnad, kompetensförsörjning, likvärdig vård — and the ULF agreement
in which two departments work with Södertörns högskola. The departments (förvaltningar) and the
institutions agree directly: no steering group decides (``direct`` governance). Högskolerådet,
chaired by the chair of gymnasie- och arbetsmarknadsnämnden, exchanges information and discusses
strategy: it notes activities and decides nothing (``council_notes``).
"""

from __future__ import annotations

import datetime as dt

from . import services
from .demo_builder import DEMO_SUFFIX, Builder, x
from .demo_workflow import walk
from .models import Activity, Agreement, AgreementDocument, Body, Governance
from .schemas import ActivityCreate

__all__ = ["huddinge"]

AREAS = ("Samhällsbyggnad", "Kompetensförsörjning", "Likvärdig vård")
HUDDINGE_UNITS = (
    "Barn- och utbildningsförvaltningen",
    "Gymnasie- och arbetsmarknadsförvaltningen",
    "Socialförvaltningen",
    "Näringslivssektionen",
)
SH_UNITS = ("Institutionen för kultur och lärande", "Institutionen för samhällsvetenskaper")
PURPOSE = (
    "Ömsesidigt samverkansavtal med gemensamt prioriterade utvecklingsområden. Målet är att underlätta "
    "kommunens rekrytering, bidra till verksamhetsutveckling genom forskning, gynna tillväxt genom tätare "
    "kontakt mellan näringslivssektionen och akademin och erbjuda medarbetarna kompetensutveckling."
)


def huddinge(b: Builder, users: dict) -> None:
    huddinge = b.org("Huddinge kommun", "municipality", "0126", "https://www.huddinge.se")
    sh = b.org("Södertörns högskola", "university", "0126", "https://www.sh.se")
    ki = b.org("Karolinska Institutet", "university", None, "https://ki.se")
    kth = b.org("KTH Flemingsberg", "university", "0126")
    kar = b.org("Studentkåren i Flemingsberg", "student_union", "0126")
    region = b.org("Region Stockholm", "region")
    botkyrka = b.org("Botkyrka kommun", "municipality", "0127")
    fsci = b.org("Stiftelsen Flemingsberg Science", "foundation", "0126")
    units = {name: b.unit(huddinge, name) for name in HUDDINGE_UNITS} | {name: b.unit(sh, name) for name in SH_UNITS}
    b.member(users["huddinge"], huddinge, "coordinator")
    b.member(users["samordnare"], huddinge, "coordinator")
    b.member(users["forvaltning"], huddinge, "coordinator", units["Barn- och utbildningsförvaltningen"])
    b.member(users["institution"], sh, "coordinator", units["Institutionen för kultur och lärande"])
    b.member(users["sodertorn"], sh, "coordinator")  # for the whole university

    areas = b.areas(*AREAS)
    agreements = {}
    for uni in (sh, ki):
        a = b.get(
            Agreement,
            {"title": x(f"Samverkansavtal Huddinge kommun – {uni.name.removesuffix(DEMO_SUFFIX)}")},
            {
                "purpose": PURPOSE,
                "period_start": dt.date(2021, 1, 1),
                "period_end": dt.date(2027, 12, 31),
                "governance": Governance.DIRECT,
                "uses_lifecycle": False,
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
        agreements[uni.pk] = a
    ulf = b.get(
        Agreement,
        {"title": x("ULF-avtal Huddinge kommun – Södertörns högskola")},
        {
            "purpose": "Utveckling, Lärande och Forskning: praktiknära forskning i förskola och skola, en nationell "
            "försöksverksamhet på uppdrag av regeringen 2017–2025. Syftet är att stärka forskning, lärarutbildning "
            "och vetenskaplig grund i förskola och skola.",
            "period_start": dt.date(2017, 1, 1),
            "period_end": dt.date(2025, 12, 31),
            "governance": Governance.DIRECT,
            "uses_lifecycle": False,
            "is_demo": True,
        },
    )
    ulf.parties.set([huddinge, sh])
    ulf.areas.set(b.areas("Kompetensförsörjning"))

    council = b.get(
        Body,
        {"name": x("Högskolerådet")},
        {
            "kind": "council",
            "chair_title": "Gymnasie- och arbetsmarknadsnämndens ordförande",
            "governance": Governance.COUNCIL_NOTES,
            "is_demo": True,
        },
    )
    council.organisations.set([huddinge, sh, ki, kth, kar])
    council.areas.set(areas)
    b.seat(council, users["huddinge"], huddinge)
    b.seat(council, users["institution"], sh)
    board = b.get(
        Body, {"name": x("Stiftelsen Flemingsberg Science, styrelse")}, {"kind": "foundation_board", "is_demo": True}
    )
    board.organisations.set([huddinge, sh, ki, kth, region, botkyrka, fsci])
    for a in agreements.values():
        group = b.get(
            Body,
            {"name": x(f"Arbetsgrupp {a.title.removeprefix('Samverkansavtal ').removesuffix(DEMO_SUFFIX)}")},
            {"kind": "working_group", "agreement": a, "is_demo": True},
        )
        group.organisations.set(a.parties.all())
        group.units.set([u for u in units.values() if u.organisation_id in {p.pk for p in a.parties.all()}])

    people = {"coordinators": (users["forvaltning"], users["institution"]), "mover": users["forvaltning"]}
    _activity(
        b,
        users["forvaltning"],
        ActivityCreate(
            title=x("ULF: praktiknära forskning i förskola och skola"),
            description="Barn- och utbildningsförvaltningen och gymnasie- och arbetsmarknadsförvaltningen forskar "
            "tillsammans med Södertörns högskola i förskolans och skolans praktik.",
            target_group="Lärare och förskollärare",
            owner_id=huddinge.pk,
            owner_unit_id=units["Barn- och utbildningsförvaltningen"].pk,
            partner_ids=[sh.pk],
            agreement_id=ulf.pk,
            area_ids=[a.pk for a in ulf.areas.all()],
            unit_ids=[
                units[n].pk
                for n in (
                    "Barn- och utbildningsförvaltningen",
                    "Gymnasie- och arbetsmarknadsförvaltningen",
                    "Institutionen för kultur och lärande",
                )
            ],
            period_start=dt.date(2017, 1, 1),
            period_end=dt.date(2025, 12, 31),
            place="Huddinge",
            expected_participants=40,
        ),
        "running",
        **people,
    )
    sh_agreement = agreements[sh.pk]
    area = {a.name: a.pk for a in areas}
    # an idea the department and the institution agree on directly (the browser test does it)
    _activity(
        b,
        users["forvaltning"],
        ActivityCreate(
            title=x("Verksamhetsförlagd utbildning i Huddinges förskolor"),
            description="Lärarstudenter från Södertörns högskola gör sin VFU i kommunens förskolor, med handledare "
            "som får kompetensutveckling från högskolan.",
            target_group="Förskollärarstudenter och handledare",
            owner_id=huddinge.pk,
            owner_unit_id=units["Barn- och utbildningsförvaltningen"].pk,
            partner_ids=[sh.pk],
            agreement_id=sh_agreement.pk,
            area_ids=[area["Kompetensförsörjning"]],
            unit_ids=[units["Barn- och utbildningsförvaltningen"].pk, units["Institutionen för kultur och lärande"].pk],
            place="Huddinge",
            expected_participants=25,
        ),
        "idea",
    )
    _activity(
        b,
        users["samordnare"],
        ActivityCreate(
            title=x("Socionomstudenter i socialtjänstens praktik"),
            description="Praktikplatser och gemensamma seminarier för socionomstudenter i Socialförvaltningen.",
            target_group="Socionomstudenter",
            owner_id=huddinge.pk,
            owner_unit_id=units["Socialförvaltningen"].pk,
            partner_ids=[sh.pk],
            agreement_id=sh_agreement.pk,
            area_ids=[area["Kompetensförsörjning"], area["Likvärdig vård"]],
            unit_ids=[units["Socialförvaltningen"].pk, units["Institutionen för samhällsvetenskaper"].pk],
            period_start=dt.date(2026, 1, 15),
            period_end=dt.date(2026, 12, 15),
            place="Huddinge",
            expected_participants=12,
        ),
        "decided",  # approved by the central coordinators: the institution's own is of another institution
        coordinators=(users["samordnare"], users["sodertorn"]),
    )
    # Högskolerådet notes; the parties start it
    _activity(
        b,
        users["huddinge"],
        ActivityCreate(
            title=x("Gemensam rekryteringsdag i Flemingsberg"),
            description="Kommunen och akademierna visar studenter jobb och praktik i Huddinge. Diskuterad och "
            "noterad i Högskolerådet.",
            target_group="Studenter i Flemingsberg",
            owner_id=huddinge.pk,
            owner_unit_id=units["Näringslivssektionen"].pk,
            partner_ids=[sh.pk, ki.pk, kar.pk],
            working_group_id=council.pk,
            place="Flemingsberg",
            expected_participants=300,
        ),
        "running",
        council_member=users["institution"],
        mover=users["huddinge"],
    )


def _activity(b: Builder, creator, data: ActivityCreate, target: str, **people) -> Activity:
    found = Activity.objects.filter(title=data.title).first()
    if found is not None:
        return found
    activity = services.create_activity(actor=creator, data=data, is_demo=True)
    b.count(Activity)
    return walk(activity, target, **people)
