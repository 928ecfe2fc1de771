"""Example content for Studentbostäder: a Sthlm6000+-style programme in Stockholm county.

:func:`create_demo_content` is idempotent: rows are found by their names (ending in
"(exempel)") and created only when missing; every row carries ``is_demo=True``. The shape
follows Sthlm6000+ (FIELD-NOTES.md: started 2013, target 6,000 more student homes by 2017,
about +50 %, 13 of the county's 26 kommuner without student housing); the projects, stock
figures and queue statistics are invented for illustration and marked as example data.
Two demo users (``bostad@demo.invalid``, coordinator of the example housing company, and
``region@demo.invalid``, coordinator of the example region) get the password given.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from kompetensbron.reference.models import Kommun
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.demo import DEMO_DOMAIN, DEMO_SUFFIX
from kompetensbron.samverkan.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
)

from .models import (
    HousingProject,
    HousingSource,
    Programme,
    ProjectStatusChange,
    QueueStatistic,
    SourceKind,
    StockFigure,
)

__all__ = ["HousingDemoResult", "create_demo_content"]

SOURCE_TITLE = "Exempeldata: påhittade siffror i Sthlm6000+-storlek"
#: student homes at the end of 2012 (invented; about 12,000 in the county, 13 kommuner with none)
STOCK_2012 = {
    "0180": 8600,
    "0184": 1250,
    "0126": 700,
    "0181": 350,
    "0186": 300,
    "0182": 250,
    "0162": 150,
    "0183": 120,
    "0114": 100,
    "0163": 90,
    "0191": 50,
    "0188": 30,
    "0136": 10,
}
#: (name, kommunkod, homes, type, status, expected year, completed year)
PROJECTS = [
    ("Forskarbacken", "0180", 1100, "studio", "completed", 2015, 2015),
    ("Kungshamra Norra", "0184", 600, "corridor_room", "completed", 2014, 2014),
    ("Campus Flemingsberg etapp 1", "0126", 450, "studio", "completed", 2016, 2016),
    ("Lappkärrsberget Väst", "0180", 700, "corridor_room", "completed", 2016, 2016),
    ("Södertälje Campus", "0181", 250, "studio", "completed", 2015, 2015),
    ("Frescati Hage", "0180", 800, "studio", "completed", 2017, 2017),
    ("Nacka Strand studenthus", "0182", 300, "apartment", "completed", 2017, 2017),
    ("Jakobsberg studentby", "0123", 300, "studio", "completed", 2017, 2017),
    ("Haninge centrum", "0136", 200, "corridor_room", "completed", 2018, 2018),
    ("Campus Flemingsberg etapp 2", "0126", 500, "studio", "under_construction", 2019, None),
    ("Täby park studenthus", "0160", 220, "studio", "building_permit", 2020, None),
    ("Norrtälje hamn", "0188", 120, "apartment", "detailed_plan", 2021, None),
    ("Sigtuna stadsängar", "0191", 150, "corridor_room", "idea", 2022, None),
]
#: (year, home type, in queue, offered, median days, p90 days, declines): invented, SSSB-like
QUEUE = [
    (2014, "all", 42000, 3000, 760, 1400, 800),
    (2015, "all", 45000, 3200, 790, 1450, 850),
    (2016, "all", 47000, 3300, 800, 1480, 900),
    (2017, "all", 49000, 3400, 820, 1500, 950),
    (2018, "all", 50000, 3500, 820, 1500, 1000),
    (2018, "corridor_room", None, 1600, 365, 560, 400),
    (2018, "studio", None, 1500, 1100, 1500, 500),
]


@dataclass
class HousingDemoResult:
    password: str
    users: list[str]
    created: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        made = ", ".join(f"{k}: {n}" for k, n in self.created.items() if n) or "inget nytt (fanns redan)"
        users = "\n".join(f"  {u}" for u in self.users)
        return f"Exempeldata för Studentbostäder (Sthlm6000+-liknande program). Skapat: {made}.\nDemoanvändare (lösenord: {self.password}):\n{users}"


def create_demo_content(*, password: str | None = None) -> HousingDemoResult:
    password = password or secrets.token_urlsafe(12)
    created: dict[str, int] = {}

    def note(kind: str, obj, was_created: bool) -> None:
        if was_created:
            created[kind] = created.get(kind, 0) + 1
            record(actor=None, action="create", obj=obj, after=snapshot(obj))

    kommuner = {k.code: k for k in Kommun.objects.filter(lan_id="01")}
    if not kommuner:
        return HousingDemoResult(password=password, users=[], created={"skipped: no reference data (run init)": 0})
    with transaction.atomic():
        region, made = Organisation.objects.get_or_create(
            name=f"Region Stockholm{DEMO_SUFFIX}",
            defaults={"kind": OrganisationKind.REGION, "kommun": kommuner.get("0180"), "is_demo": True},
        )
        note("organisationer", region, made)
        company, made = Organisation.objects.get_or_create(
            name=f"Studentbostäder i Stockholm{DEMO_SUFFIX}",
            defaults={"kind": OrganisationKind.HOUSING, "kommun": kommuner.get("0180"), "is_demo": True},
        )
        note("organisationer", company, made)
        users = []
        for key, org, first in (("bostad", company, "Bo"), ("region", region, "Regina")):
            email = f"{key}@{DEMO_DOMAIN}"
            user, _ = get_user_model().objects.get_or_create(
                username=email, defaults={"email": email, "first_name": first, "last_name": "Exempel"}
            )
            user.set_password(password)
            user.is_active = True
            user.save()
            Membership.objects.update_or_create(
                user=user, organisation=org, defaults={"role": MembershipRole.COORDINATOR}
            )
            users.append(email)
        source, _ = HousingSource.objects.get_or_create(
            title=SOURCE_TITLE, kind=SourceKind.DEMO, defaults={"is_demo": True}
        )
        for code, homes in STOCK_2012.items():
            if code in kommuner:
                _, made = StockFigure.objects.get_or_create(
                    kommun=kommuner[code], year=2012, defaults={"homes": homes, "source": source, "is_demo": True}
                )
                created["beståndssiffror"] = created.get("beståndssiffror", 0) + made
        programme, made = Programme.objects.get_or_create(
            name=f"Sthlm6000+{DEMO_SUFFIX}",
            defaults={
                "owner": region,
                "lan_id": "01",
                "baseline_year": 2013,
                "target_year": 2017,
                "target_kind": "absolute",
                "target_value": 6000,
                "is_demo": True,
                "description": "Exempel i Sthlm6000+:s form: 6 000 fler studentbostäder i Stockholms län 2013–2017.",
            },
        )
        note("program", programme, made)
        for name, code, homes, home_type, status, expected, actual in PROJECTS:
            if code not in kommuner:
                continue
            date = dt.date(actual or expected - 1, 6, 1)
            project, made = HousingProject.objects.get_or_create(
                owner=company,
                name=f"{name}{DEMO_SUFFIX}",
                defaults={
                    "kommun": kommuner[code],
                    "homes": homes,
                    "home_type": home_type,
                    "status": status,
                    "status_date": date,
                    "expected_completion_year": expected,
                    "actual_completion_year": actual,
                    "is_demo": True,
                    "source": source,
                },
            )
            if made:
                ProjectStatusChange.objects.create(project=project, to_status=status, date=date, note="Exempeldata")
            note("projekt", project, made)
        for year, home_type, queue, offered, median, p90, declines in QUEUE:
            _, made = QueueStatistic.objects.get_or_create(
                organisation=company,
                year=year,
                home_type=home_type,
                defaults={
                    "people_in_queue": queue,
                    "homes_offered": offered,
                    "median_wait_days": median,
                    "p90_wait_days": p90,
                    "declines": declines,
                    "source": source,
                    "is_demo": True,
                },
            )
            created["köstatistik"] = created.get("köstatistik", 0) + made
    return HousingDemoResult(password=password, users=users, created=created)
