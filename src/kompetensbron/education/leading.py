"""Programmes and courses leading to one SSYK-4 group.

The reverse view of the occupation links: which programmes and courses lead to one SSYK-4
group. The reference app's occupation page calls this (imported inside its view, so the
reference app has no import-time dependency on this app); the JSON route serves the same.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from kompetensbron import provenance as prov
from kompetensbron.errors import UnknownConcept
from kompetensbron.reference.models import SsykGroup
from kompetensbron.reference.search_text import search_key

from .models import Course, LinkProvenance, LinkStatus, OccupationLink
from .schemas import MAX_LIMIT, CodeLabel
from .schemas import code_label as _code_label

__all__ = [
    "LEADING_LIMIT",
    "LeadingLinkOut",
    "LeadingItemOut",
    "LeadingGroupOut",
    "ProgrammesLeadingTo",
    "programmes_leading_to",
]

LEADING_LIMIT = 50


class LeadingLinkOut(BaseModel):
    """One occupation link of a programme or course to the SSYK group."""

    id: int
    provenance: prov.LinkProvenance = Field(description="official_ssyk_sun, skill_overlap or manual")
    provenance_label: str
    score: float
    rank: int | None
    status: str = Field(description="suggested or confirmed (rejected links are left out)")
    status_label: str


class LeadingItemOut(BaseModel):
    """A programme or a course linked to the SSYK group, with its (non-rejected) links to it."""

    kind: Literal["programme", "course"]
    programme_id: int | None
    course_code: str | None
    code: str
    name: str
    institution: str
    kommun: CodeLabel | None
    sun_field: CodeLabel | None
    url: str = Field(description="the page of the programme or course")
    score: float = Field(description="highest score of its links")
    links: list[LeadingLinkOut]


class LeadingGroupOut(BaseModel):
    key: Literal["confirmed", "suggested"]
    count: int = Field(description="items in the group before the limit")
    items: list[LeadingItemOut]


class ProgrammesLeadingTo(BaseModel):
    """Programmes and courses linked to one SSYK-4 group: confirmed or manual first, then suggestions."""

    ssyk: CodeLabel
    sun_fields: list[CodeLabel] = Field(description="official SSYK↔SUN 2020 fields of the group")
    limit: int
    confirmed: LeadingGroupOut = Field(description="items with a confirmed or manual link")
    suggested: LeadingGroupOut = Field(description="items with suggested links only")

    @property
    def count(self) -> int:
        return self.confirmed.count + self.suggested.count

    @property
    def truncated(self) -> bool:
        return len(self.confirmed.items) < self.confirmed.count or len(self.suggested.items) < self.suggested.count


def _is_decided(link: OccupationLink) -> bool:
    return link.status == LinkStatus.CONFIRMED or link.provenance == LinkProvenance.MANUAL


def programmes_leading_to(ssyk: str, *, limit: int = LEADING_LIMIT) -> ProgrammesLeadingTo:
    """Programmes and courses linked to the SSYK-4 group ``ssyk`` (rejected links excluded).

    One item per programme or course, with all its non-rejected links to the group. An item
    with a confirmed or manual link goes to ``confirmed``, the others to ``suggested``; each
    group is ordered by the item's highest score, then name, and cut at ``limit``.
    Raises :class:`UnknownConcept` for a code that is not an SSYK-4 group.
    """
    from django.urls import reverse
    from django.utils.http import urlencode

    limit = max(1, min(limit, MAX_LIMIT))
    group = SsykGroup.objects.filter(code=ssyk, level=4).first()
    if group is None:
        raise UnknownConcept("SSYK-4 code", ssyk)
    links = (
        OccupationLink.objects.filter(ssyk=group)
        .exclude(status=LinkStatus.REJECTED)
        .select_related(
            "programme",
            "programme__institution",
            "programme__kommun",
            "programme__sun_field",
            "course",
            "course__institution",
        )
        .order_by("-score", "rank", "pk")
    )
    items: dict[tuple[str, object], tuple[LeadingItemOut, bool]] = {}
    for link in links:
        brief = LeadingLinkOut(
            id=link.pk,
            provenance=link.provenance,
            provenance_label=str(link.get_provenance_display()),
            score=link.score,
            rank=link.rank,
            status=link.status,
            status_label=str(link.get_status_display()),
        )
        if link.programme_id:
            p = link.programme
            key: tuple[str, object] = ("programme", p.pk)
            if key not in items:
                items[key] = (
                    LeadingItemOut(
                        kind="programme",
                        programme_id=p.pk,
                        course_code=None,
                        code=p.code,
                        name=p.name,
                        institution=p.institution.name,
                        kommun=_code_label(p.kommun, "name"),
                        sun_field=_code_label(p.sun_field),
                        url=reverse("education:programme", kwargs={"pk": p.pk}),
                        score=link.score,
                        links=[],
                    ),
                    False,
                )
        else:
            c = link.course
            key = ("course", c.pk)
            if key not in items:
                url = reverse("education:course", kwargs={"code": c.code})
                if Course.objects.filter(code=c.code).exclude(pk=c.pk).exists():
                    url += "?" + urlencode({"larosate": c.institution_id})
                items[key] = (
                    LeadingItemOut(
                        kind="course",
                        programme_id=None,
                        course_code=c.code,
                        code=c.code,
                        name=c.title,
                        institution=c.institution.name,
                        kommun=None,
                        sun_field=None,
                        url=url,
                        score=link.score,
                        links=[],
                    ),
                    False,
                )
        item, decided = items[key]
        item.links.append(brief)
        item.score = max(item.score, link.score)
        items[key] = (item, decided or _is_decided(link))
    confirmed = [i for i, d in items.values() if d]
    suggested = [i for i, d in items.values() if not d]
    for bucket in (confirmed, suggested):
        bucket.sort(key=lambda i: (-i.score, search_key(i.name), i.code))
        for i in bucket:
            i.links.sort(key=lambda x: (not _is_decided_brief(x), -x.score, x.provenance))
    return ProgrammesLeadingTo(
        ssyk=CodeLabel(code=group.code, label=group.label),
        sun_fields=[CodeLabel(code=s.code, label=s.label) for s in group.sun_fields.order_by("code")],
        limit=limit,
        confirmed=LeadingGroupOut(key="confirmed", count=len(confirmed), items=confirmed[:limit]),
        suggested=LeadingGroupOut(key="suggested", count=len(suggested), items=suggested[:limit]),
    )


def _is_decided_brief(link: LeadingLinkOut) -> bool:
    return link.status == LinkStatus.CONFIRMED or link.provenance == LinkProvenance.MANUAL
