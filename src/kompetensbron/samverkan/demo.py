"""Example content from the mission documents: the Huddinge and Härnösand collaborations.

:func:`create_demo_content` is idempotent: rows are found by their names (all of which end in
"(exempel)") and created only when missing; every row carries ``is_demo=True``. Demo users have
``@demo.invalid`` addresses; each run sets them the password it returns (a fresh random one
unless given), so the caller can print it. Organisational facts follow the public documents
(Huddinge kommun's page on collaboration with the universities; the Härnösand–Mittuniversitetet
annex on competence supply); dates, figures and amounts are invented for illustration.

The three governance styles appear with their real bodies: Härnösand's steering group decides
(:mod:`.demo_harnosand`); Huddinge's departments and Södertörns högskola's institutions agree
directly, and Högskolerådet notes without deciding (:mod:`.demo_huddinge`). Every activity is
created and moved through the services by the demo users (:mod:`.demo_workflow`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from .demo_builder import DEMO_DOMAIN, DEMO_SUFFIX, Builder, x
from .demo_harnosand import harnosand
from .demo_huddinge import huddinge
from .demo_meetings import create_meeting_demo

__all__ = ["DemoResult", "create_demo_content", "DEMO_SUFFIX", "DEMO_DOMAIN"]


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


def create_demo_content(*, password: str | None = None) -> DemoResult:
    """Create (or complete) the example collaborations; safe to run again."""
    password = password or secrets.token_urlsafe(12)
    b = Builder()
    with transaction.atomic():
        users = _users(b, password)
        huddinge(b, users)
        harnosand(b, users)
        create_meeting_demo(b, users)  # meetings, a competence need, a computed indicator
    return DemoResult(password=password, users=sorted(users_.email for users_ in users.values()), created=b.created)


#: The demo people: key (e-mail is key@demo.invalid) → first and last name.
PEOPLE = {
    "arbetsgrupp": ("Anna", "Arbetsgrupp"),
    "styrgrupp": ("Sven", "Styrgrupp"),
    "samordnare": ("Sara", "Samordnare"),
    "huddinge": ("Hugo", "Högskoleråd"),
    "forvaltning": ("Frida", "Förvaltning"),  # coordinator at Huddinge's Barn- och utbildningsförvaltningen
    "institution": ("Ivar", "Institution"),  # coordinator at Södertörns högskola's Institutionen för kultur och lärande
    "sodertorn": ("Sofia", "Södertörn"),  # coordinator for all of Södertörns högskola (answers needs, approves)
}


def _users(b: Builder, password: str) -> dict[str, object]:
    User = get_user_model()
    out = {}
    for key, (first, last) in PEOPLE.items():
        email = f"{key}@{DEMO_DOMAIN}"
        user = b.get(User, {"username": email}, {"email": email, "first_name": first, "last_name": x(last)})
        user.set_password(password)
        user.is_active = True
        user.save()
        out[key] = user
    return out
