"""Factories of the Matchning tests, built on the real service layer, with a toy taxonomy.

``mworld``: a university (with a coordinator and an allowed e-mail domain), a region (with a
coordinator), an employer (with a member) and another employer (with a member), two students
with consent, toy reference rows (two län, three kommuner, six skills, three SSYK-4 groups) and
a toy skill extractor (keywords → skill ids).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from kompetensbron.matchning import services
from kompetensbron.matchning.models import AllowedEmailDomain, StudentProfile
from kompetensbron.matchning.schemas import OpportunityCreate, StudentProfileUpdate
from kompetensbron.reference.models import (
    DataLoad,
    FaRegion,
    Kommun,
    Lan,
    Skill,
    SsykGroup,
)
from kompetensbron.samverkan import services as sv
from kompetensbron.samverkan.schemas import OrganisationCreate


def make_user(email: str, *, superuser: bool = False, password: str | None = None):
    from django.contrib.auth import get_user_model

    user = get_user_model()(
        username=email, email=email, first_name=email.split("@")[0].capitalize(), last_name="Testsson"
    )
    user.is_superuser = user.is_staff = superuser
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


SKILLS = {
    "sk-py": "Python",
    "sk-sql": "SQL",
    "sk-git": "Git",
    "sk-stat": "Statistik",
    "sk-weld": "Svetsning",
    "sk-care": "Omvårdnad",
}


class ToyMatch:
    def __init__(self, skill_id: str) -> None:
        self.skill_id = skill_id


class ToyExtractor:
    """Finds a skill when its label (lower case) occurs in the text."""

    def extract(self, text: str):
        low = text.lower()
        return [ToyMatch(i) for i, label in SKILLS.items() if label.lower() in low]


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_dns_lookup_for_mail(monkeypatch):
    # Django names e-mails after socket.getfqdn(), which waits for DNS on a machine without network.
    from django.core.mail.utils import DNS_NAME

    monkeypatch.setattr(DNS_NAME, "_fqdn", "test.invalid", raising=False)


@pytest.fixture(autouse=True)
def _toy_extractor(monkeypatch):
    monkeypatch.setattr("kompetensbron.matchning.skills.default_extractor", lambda: ToyExtractor())


def toy_profile(ssyk: str):
    """A toy ESCO profile: 2512 → Git (essential, 0.9), Statistik (optional), an ESCO URI Matchning does not know."""
    from types import SimpleNamespace as P

    if ssyk != "2512":
        return []
    return [
        P(skill_id="http://data.europa.eu/esco/skill/unknown", weight=1.0, essential=True),
        P(skill_id="sk-git", weight=0.9, essential=True),
        P(skill_id="sk-stat", weight=0.95, essential=False),
    ]


@pytest.fixture(autouse=True)
def _toy_profile(monkeypatch):
    monkeypatch.setattr("kompetensbron.matchning.profile_skills._default_profile", toy_profile)


def _reference():
    load = DataLoad.objects.create(
        dataset="toy-matchning",
        title="toy",
        source_file="toy",
        version="1",
        publisher="test",
        licence="CC0",
        sha256="0" * 64,
        loaded_at=timezone.now(),
    )
    ynorr = Lan.objects.create(code="22", name="Västernorrlands län", load=load)
    sthlm = Lan.objects.create(code="01", name="Stockholms län", load=load)
    fa = FaRegion.objects.create(code="52", name="Sundsvall", load=load)
    fa_s = FaRegion.objects.create(code="01", name="Stockholm", load=load)
    Kommun.objects.create(code="2281", name="Sundsvall", lan=ynorr, fa_region=fa, load=load)
    Kommun.objects.create(code="2280", name="Härnösand", lan=ynorr, fa_region=fa, load=load)
    Kommun.objects.create(code="0126", name="Huddinge", lan=sthlm, fa_region=fa_s, load=load)
    for cid, label in SKILLS.items():
        Skill.objects.create(concept_id=cid, label=label, search_text=label.lower(), load=load)
    top = SsykGroup.objects.create(code="2", level=1, label="Chefsyrken", load=load)
    for code, label in (
        ("2512", "Mjukvaru- och systemutvecklare"),
        ("2511", "Systemanalytiker"),
        ("2221", "Sjuksköterskor"),
    ):
        SsykGroup.objects.create(code=code, level=4, label=label, parent=top, load=load)


@dataclass
class MWorld:
    admin: object
    uni: object
    region: object
    employer: object
    other_employer: object
    uni_coordinator: object
    region_coordinator: object
    employer_member: object
    other_member: object
    student: object
    student2: object
    outsider: object

    def opportunity_data(self, **overrides) -> OpportunityCreate:
        data = dict(
            host_id=self.employer.pk,
            kind="degree_project",
            title="Exjobb: prognoser med Python",
            description="Vi söker en student som kan Python, SQL och statistik.",
            level="second",
            credits=30,
            required_skills=["sk-py", "sk-sql", "sk-stat"],
            desirable_skills=["sk-git"],
            ssyk_code="2512",
            kommun_code="2281",
            capacity=1,
        )
        data.update(overrides)
        return OpportunityCreate(**data)

    def draft(self, **overrides):
        return services.create_opportunity(actor=self.employer_member, data=self.opportunity_data(**overrides))

    def published(self, **overrides):
        opp = self.draft(**overrides)
        services.transition_opportunity(actor=self.employer_member, opportunity=opp, to_status="in_review")
        return services.transition_opportunity(
            actor=self.uni_coordinator, opportunity=services.find_opportunity(opp.pk), to_status="published"
        )


def _student(email, uni, admin):
    user = make_user(email)
    StudentProfile.objects.create(user=user, university=uni)
    services.update_profile(
        actor=user,
        data=StudentProfileUpdate(
            added_skills=["sk-py", "sk-sql", "sk-git"], preferred_kommuner=["2281"], consent_matching=True
        ),
    )
    return user


@pytest.fixture
def mworld(db) -> MWorld:
    _reference()
    admin = make_user("admin@test.invalid", superuser=True)
    org = lambda name, kind, kommun=None: sv.create_organisation(
        actor=admin, data=OrganisationCreate(name=name, kind=kind, kommun_code=kommun)
    )
    uni = org("Testuniversitetet", "university", "2281")
    region = org("Region Test", "region")
    employer = org("Test AB", "company", "2281")
    other_employer = org("Annan AB", "company", "0126")
    people = {}
    for key, organisation, role in (
        ("uni_coordinator", uni, "coordinator"),
        ("region_coordinator", region, "coordinator"),
        ("employer_member", employer, "member"),
        ("other_member", other_employer, "member"),
    ):
        people[key] = make_user(f"{key}@test.invalid")
        sv.set_membership(actor=admin, user=people[key], organisation=organisation, role=role)
    AllowedEmailDomain.objects.create(domain="student.test.invalid", university=uni)
    student = _student("student@student.test.invalid", uni, admin)
    student2 = _student("student2@student.test.invalid", uni, admin)
    outsider = make_user("outsider@test.invalid")
    return MWorld(
        admin, uni, region, employer, other_employer, student=student, student2=student2, outsider=outsider, **people
    )
