"""Example content of Matchning (``kompetensbron init --demo``), clearly marked "(exempel)".

Builds on the Samverkan example collaborations (Mittuniversitetet and Härnösands kommun;
Huddinge kommun with Södertörns högskola and Karolinska Institutet), adds two invented
employers in Sundsvall, opportunities in Härnösand, Sundsvall and Huddinge, demo users, allowed
student e-mail domains, and students whose skills come from **real MIUN courses** (the
education app's imported syllabi) through the skill extractor. A summer-internship round is
ranked and allocated, so the aggregates have placements to show. Everything goes through the
services (audited); rows carry ``is_demo=True``. Idempotent: a second run only resets passwords.
Organisations, postings and people are invented for illustration.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from kompetensbron.errors import DataError
from kompetensbron.samverkan.demo import DEMO_DOMAIN, DEMO_SUFFIX
from kompetensbron.samverkan.models import Membership, Organisation, Unit

from . import services
from . import skills as sk
from .models import AllowedEmailDomain, Opportunity, StudentProfile
from .schemas import (
    ApplyIn,
    HostRankingIn,
    OpportunityCreate,
    RoundCreate,
    StudentProfileUpdate,
    StudentRankingIn,
)

__all__ = ["MatchningDemoResult", "create_matchning_demo"]


@dataclass
class MatchningDemoResult:
    users: list[str] = field(default_factory=list)
    opportunities: int = 0
    students: int = 0
    placements: int = 0
    note: str = ""

    def __str__(self) -> str:
        if not self.opportunities:
            return "Exempeldata för Matchning fanns redan (lösenorden är återställda)."
        users = "\n".join(f"  {u}" for u in self.users)
        return (
            f"Exempeldata för Matchning: {self.opportunities} möjligheter, {self.students} studenter, "
            f"{self.placements} placeringar. {self.note}\nDemoanvändare (samma lösenord):\n{users}"
        )


def _x(name: str) -> str:
    return name + DEMO_SUFFIX


def _org(name: str, kind: str, kommun: str | None = None) -> Organisation:
    from kompetensbron.reference.models import Kommun

    org = Organisation.objects.filter(name=_x(name)).first()
    if org is None:
        org = Organisation.objects.create(
            name=_x(name), kind=kind, kommun=Kommun.objects.filter(pk=kommun).first() if kommun else None, is_demo=True
        )
    return org


def _unit(org: Organisation, name: str) -> Unit:
    return Unit.objects.get_or_create(organisation=org, name=_x(name), defaults={"is_demo": True})[0]


def _user(email: str, first: str, last: str, password: str, org: Organisation | None = None, role: str = "member"):
    User = get_user_model()
    user = User.objects.filter(username=email).first() or User(
        username=email, email=email, first_name=first, last_name=_x(last)
    )
    user.set_password(password)
    user.is_active = True
    user.save()
    if org is not None:
        Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
    return user


#: MIUN course-code prefixes of the demo students (course rows come from the imported syllabi).
STUDENTS = [
    (
        "student-data1",
        "Alva",
        "Datatekniksson",
        "Mittuniversitetet",
        "Civilingenjör i datateknik",
        "DT",
        0,
        ["2281", "2280"],
    ),
    ("student-data2", "Elias", "Systemsson", "Mittuniversitetet", "Högskoleingenjör i datateknik", "DT", 6, ["2281"]),
    ("student-data3", "Maja", "Nätverksdotter", "Mittuniversitetet", "Datateknik", "DT", 12, ["2280"]),
    (
        "student-vard1",
        "Ebba",
        "Omvårdnadsdotter",
        "Mittuniversitetet",
        "Sjuksköterskeprogrammet",
        "OM",
        0,
        ["2280", "2281"],
    ),
    ("student-vard2", "Noah", "Vårdsson", "Mittuniversitetet", "Sjuksköterskeprogrammet", "OM", 6, ["2281"]),
    ("student-ek1", "Saga", "Ekonomdotter", "Mittuniversitetet", "Civilekonomprogrammet", "FÖ", 0, ["2281"]),
    ("student-sh1", "Omar", "Lärarsson", "Södertörns högskola", "Grundlärarprogrammet", "", 0, ["0126"]),
    ("student-ki1", "Lina", "Vårdvetare", "Karolinska Institutet", "Sjuksköterskeprogrammet", "", 0, ["0126"]),
]
STUDENT_DOMAINS = {"Mittuniversitetet": "miun", "Södertörns högskola": "sh", "Karolinska Institutet": "ki"}
PROGRAMME_TEXTS = {
    "Grundlärarprogrammet": "Undervisning i matematik och svenska, didaktik, bedömning, ledarskap i klassrummet.",
    "Sjuksköterskeprogrammet": "Omvårdnad, farmakologi, patientsäkerhet, dokumentation och hälsofrämjande arbete.",
}


def _courses(prefix: str, offset: int):
    from kompetensbron.education.models import Course

    return list(
        Course.objects.filter(code__startswith=prefix, level="GR")
        .exclude(learning_outcomes="", ilos=[])
        .order_by("code")[offset : offset + 6]
    )


def _opportunities(people: dict, orgs: dict) -> list[tuple[str, OpportunityCreate, object, str]]:
    """(key, data, actor, final status) of each example opportunity."""
    year = dt.date.today().year
    summer = (dt.date(year, 6, 8), dt.date(year, 8, 14))
    spring = (dt.date(year + 1, 1, 19), dt.date(year + 1, 6, 5))

    from kompetensbron.reference.models import Kommun, SsykGroup

    def opp(host, kind, title, text, kommun, ssyk, **kw):
        return OpportunityCreate(
            host_id=host.pk,
            kind=kind,
            title=_x(title),
            description=text,
            kommun_code=kommun if Kommun.objects.filter(pk=kommun).exists() else None,
            ssyk_code=ssyk if ssyk and SsykGroup.objects.filter(pk=ssyk, level=4).exists() else None,
            required_skills=[],
            desirable_skills=[],
            **kw,
        )

    energi, hkommun, huddinge = orgs["energi"], orgs["harnosand"], orgs["huddinge"]
    return [
        (
            "exjobb-el",
            opp(
                energi,
                "degree_project",
                "Exjobb: prognos av elförbrukning med maskininlärning",
                "Bygg en prognosmodell för timvis elförbrukning i Sundsvall. Du programmerar i Python, arbetar med SQL-databaser, "
                "statistik och maskininlärning, och dokumenterar modellen för driftpersonalen.",
                "2281",
                "2512",
                level="second",
                credits=30,
                period_start=spring[0],
                period_end=spring[1],
                capacity=1,
                pay="Stipendium 10 000 kr",
                dual_report_note="En akademisk rapport enligt lärosätets mall och en kortare teknisk rapport till driftavdelningen.",
            ),
            people["arbetsgivare"],
            "published",
        ),
        (
            "sommar-it",
            opp(
                hkommun,
                "summer_internship",
                "Sommarpraktik: IT-support och nätverk",
                "Praktik på kommunens IT-enhet: användarsupport, felsökning i datornätverk, installation av datorer och dokumentation.",
                "2280",
                "3512",
                period_start=summer[0],
                period_end=summer[1],
                capacity=2,
                pay="Praktiklön",
            ),
            people["harnosand-hr"],
            "published",
        ),
        (
            "vfu-hemsjukvard",
            opp(
                hkommun,
                "summer_internship",
                "Sommarpraktik: sjuksköterskestudent i hemsjukvården",
                "Sommarpraktik i hemsjukvården i Härnösand: omvårdnad, läkemedelshantering, dokumentation och samarbete med distriktssköterskor.",
                "2280",
                "2221",
                period_start=summer[0],
                period_end=summer[1],
                capacity=3,
            ),
            people["harnosand-hr"],
            "published",
        ),
        (
            "trainee-ekonomi",
            opp(
                energi,
                "trainee",
                "Traineetjänst: ekonomi och controlling",
                "Ett år som trainee inom redovisning, budgetering och controlling, med analys i Excel och affärssystem.",
                "2281",
                "2411",
                period_start=dt.date(year + 1, 9, 1),
                period_end=dt.date(year + 2, 8, 31),
                capacity=1,
                pay="Månadslön",
            ),
            people["arbetsgivare"],
            "published",
        ),
        (
            "mentor-teknik",
            opp(
                energi,
                "mentorship",
                "Mentorskap: vägen in i energibranschen",
                "En mentor från energibranschen träffar dig en gång i månaden under ett läsår: karriärval, nätverk och projektledning.",
                "2281",
                None,
                work_mode="remote",
                capacity=4,
            ),
            people["arbetsgivare"],
            "published",
        ),
        (
            "exjobb-underhall",
            opp(
                energi,
                "degree_project",
                "Exjobb: datadriven underhållsplanering",
                "Analysera driftdata från elnätet med statistik och Python för att planera förebyggande underhåll.",
                "2281",
                "2512",
                level="first",
                credits=15,
                capacity=1,
            ),
            people["arbetsgivare"],
            "in_review",
        ),
        (
            "ulf-matematik",
            opp(
                huddinge,
                "research_question",
                "Forskningsfråga: digitala verktyg i matematikundervisningen (ULF)",
                "Utbildningsförvaltningen vill veta hur digitala verktyg påverkar elevers lärande i matematik i årskurs 4–6. "
                "Praktiknära forskning tillsammans med lärare, inom ULF-samverkan.",
                "0126",
                "2341",
                capacity=2,
            ),
            people["huddinge-hr"],
            "published",
        ),
        (
            "sommarjobb-aldre",
            opp(
                huddinge,
                "summer_job",
                "Sommarjobb: vårdbiträde inom äldreomsorgen",
                "Sommarjobb inom äldreomsorgen i Huddinge: omvårdnad, social samvaro och dokumentation.",
                "0126",
                "5321",
                period_start=summer[0],
                period_end=summer[1],
                capacity=5,
                pay="Timlön enligt avtal",
            ),
            people["huddinge-hr"],
            "published",
        ),
    ]


def create_matchning_demo(*, password: str) -> MatchningDemoResult:
    """Create the Matchning example content (after the Samverkan example content)."""
    result = MatchningDemoResult()
    with transaction.atomic():
        orgs = {
            "miun": _org("Mittuniversitetet", "university", "2280"),
            "harnosand": _org("Härnösands kommun", "municipality", "2280"),
            "huddinge": _org("Huddinge kommun", "municipality", "0126"),
            "sh": _org("Södertörns högskola", "university", "0126"),
            "ki": _org("Karolinska Institutet", "university"),
            "energi": _org("Energibolaget i Sundsvall", "company", "2281"),
        }
        for key, (first, last, org, role) in {
            "arbetsgivare": ("Erik", "Energi", orgs["energi"], "member"),
            "harnosand-hr": ("Hanna", "Personal", orgs["harnosand"], "member"),
            "huddinge-hr": ("Hugo", "Förvaltning", orgs["huddinge"], "member"),
            "miun-samordnare": ("Mira", "Samverkan", orgs["miun"], "coordinator"),
            "sh-samordnare": ("Sam", "Samverkan", orgs["sh"], "coordinator"),
        }.items():
            result.users.append(f"{key}@{DEMO_DOMAIN}")
            _user(f"{key}@{DEMO_DOMAIN}", first, last, password, org, role)
        people = {k.split("@")[0]: get_user_model().objects.get(username=k) for k in result.users}
        for code, name in (("miun", "miun"), ("sh", "sh"), ("ki", "ki")):
            AllowedEmailDomain.objects.get_or_create(
                domain=f"student.{name}.{DEMO_DOMAIN}", defaults={"university": orgs[code]}
            )
        students = {}
        for key, first, last, uni, _programme, _prefix, _offset, _kommuner in STUDENTS:
            email = f"{key}@student.{STUDENT_DOMAINS[uni]}.{DEMO_DOMAIN}"
            user = _user(email, first, last, password)
            result.users.append(email)
            students[key] = user
            if not StudentProfile.objects.filter(user=user).exists():
                StudentProfile.objects.create(user=user, university=_org(uni, "university"), is_demo=True)
        if Opportunity.objects.filter(is_demo=True).exists():
            return MatchningDemoResult()
        try:
            extractor = sk.default_extractor()
        except DataError as exc:  # no snapshot to build the extractor from: skills stay empty
            extractor, result.note = None, f"Inga kompetenser härleddes ({exc})."
        for key, _first, _last, _uni, programme, prefix, offset, kommuner in STUDENTS:
            courses = _courses(prefix, offset) if prefix else []
            extra = sk.extract(PROGRAMME_TEXTS.get(programme, ""), extractor) if extractor and not prefix else []
            services.update_profile(
                actor=students[key],
                data=StudentProfileUpdate(
                    programme_name=programme,
                    course_ids=[c.pk for c in courses] if extractor else [],
                    added_skills=extra,
                    preferred_kommuner=kommuner,
                    consent_matching=True,
                    consent_followup=key.endswith("1"),
                ),
                extractor=extractor,
            )
            result.students += 1
        created = {}
        for key, data, actor, final in _opportunities(people, orgs):
            if extractor is not None:
                found = sk.extract(data.description, extractor)
                data = data.model_copy(update={"required_skills": found[:4], "desirable_skills": found[4:8]})
            opp = services.create_opportunity(actor=actor, data=data, is_demo=True)
            services.transition_opportunity(actor=actor, opportunity=opp, to_status="in_review")
            if final == "published":
                publisher = people["sh-samordnare"] if data.kommun_code == "0126" else people["miun-samordnare"]
                opp = services.transition_opportunity(
                    actor=publisher, opportunity=services.find_opportunity(opp.pk), to_status="published"
                )
            created[key] = opp
            result.opportunities += 1
        result.placements = _summer_round(people, students, created, orgs)
        services.apply(
            actor=students["student-data1"],
            opportunity=created["exjobb-el"],
            data=ApplyIn(message="Jag skriver gärna exjobbet hos er."),
        )
    return result


def _summer_round(people, students, created, orgs) -> int:
    """A summer-internship round at Mittuniversitetet: students rank, hosts rank, the round runs."""
    coordinator = people["miun-samordnare"]
    opps = [created["sommar-it"], created["vfu-hemsjukvard"], created["mentor-teknik"]]
    round_ = services.create_round(
        actor=coordinator,
        data=RoundCreate(
            title=_x("Sommarpraktik och mentorskap"), organiser_id=orgs["miun"].pk, opportunity_ids=[o.pk for o in opps]
        ),
        is_demo=True,
    )
    it, vard, mentor = opps
    rankings = {
        "student-data1": [it, mentor],
        "student-data2": [it, mentor],
        "student-data3": [it, mentor, vard],
        "student-vard1": [vard],
        "student-vard2": [vard, mentor],
        "student-ek1": [mentor],
    }
    for key, ranked in rankings.items():
        services.rank_opportunities(
            actor=students[key], round_=round_, data=StudentRankingIn(opportunity_ids=[o.pk for o in ranked])
        )
    profile = {k: StudentProfile.objects.get(user=students[k]).pk for k in rankings}
    host_lists = {
        it: ["student-data3", "student-data1", "student-data2"],
        vard: ["student-vard1", "student-vard2", "student-data3"],
        mentor: ["student-ek1", "student-data2", "student-data1", "student-vard2", "student-data3"],
    }
    for opp, keys in host_lists.items():
        actor = people["arbetsgivare"] if opp.host_id == orgs["energi"].pk else people["harnosand-hr"]
        services.rank_students(
            actor=actor, round_=round_, opportunity=opp, data=HostRankingIn(student_ids=[profile[k] for k in keys])
        )
    services.run_round(actor=coordinator, round_=round_)
    return round_.placements.count()
