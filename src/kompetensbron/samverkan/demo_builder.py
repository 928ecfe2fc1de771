"""The register rows of the demo, found by name or created (``is_demo=True``, "(exempel)")."""

from __future__ import annotations

from .audit import record, snapshot
from .models import Body, BodyMembership, DevelopmentArea, Membership, Organisation, Unit

__all__ = ["DEMO_SUFFIX", "DEMO_DOMAIN", "x", "table", "Builder"]

DEMO_SUFFIX = " (exempel)"
DEMO_DOMAIN = "demo.invalid"


def x(name: str) -> str:
    return name + DEMO_SUFFIX


def table(text: str) -> list[list[str | None]]:
    """The rows of a demo table written one row a line, the cells separated by ``|``; an empty
    cell or ``-`` is None."""
    rows = []
    for line in text.strip().splitlines():
        rows.append([None if cell.strip() in ("", "-") else cell.strip() for cell in line.split("|")])
    return rows


def _kommun(code: str):
    from kompetensbron.reference.models import Kommun

    return Kommun.objects.filter(pk=code).first()


class Builder:
    """Finds or creates register rows (audited as ``demo``) and counts what it made."""

    def __init__(self) -> None:
        self.created: dict[str, int] = {}

    def count(self, model) -> None:
        key = str(model._meta.verbose_name_plural)
        self.created[key] = self.created.get(key, 0) + 1

    def get(self, model, lookup: dict, defaults: dict | None = None):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **(defaults or {}))
            self.count(model)
            record(actor=None, action="demo", obj=obj, after=snapshot(obj))
        return obj

    def areas(self, *names: str) -> list[DevelopmentArea]:
        return [self.get(DevelopmentArea, {"name": n}, {"is_demo": True}) for n in names]

    def org(self, name: str, kind: str, kommun_code: str | None = None, website: str = "") -> Organisation:
        return self.get(
            Organisation,
            {"name": x(name)},
            {
                "kind": kind,
                "kommun": _kommun(kommun_code) if kommun_code else None,
                "website": website,
                "is_demo": True,
            },
        )

    def unit(self, org: Organisation, name: str) -> Unit:
        return self.get(Unit, {"organisation": org, "name": name}, {"is_demo": True})

    def member(self, user, org: Organisation, role: str = "member", unit: Unit | None = None) -> None:
        self.get(Membership, {"user": user, "organisation": org}, {"role": role, "unit": unit})

    def seat(self, body: Body, user, org: Organisation | None = None) -> None:
        self.get(BodyMembership, {"body": body, "user": user}, {"organisation": org})
