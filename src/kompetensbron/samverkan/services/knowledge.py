"""Links from activities and decisions to the knowledge base, and the collaboration around a
programme or an occupation (what the programme and occupation pages list).

A link names a programme or a course (education app, by id), an occupation (an SSYK 2012 code
that must exist in the reference tables: ``"2221"`` fine, ``"9999"`` → 422) or a region (a
kommun code of four digits or a län code of two, from the reference tables: ``"0126"`` Huddinge,
``"22"`` Västernorrland).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound

from .. import validation as v
from ..audit import record, snapshot
from ..models import Activity, Decision, KnowledgeLink, LinkKind
from ..permissions import require, visible_activities, visible_agreements, visible_bodies
from ..schemas_meetings import CollaborationRow, LinkIn

__all__ = [
    "find_link",
    "remove_link",
    "resolve_region",
    "resolve_ssyk",
    "add_activity_link",
    "add_decision_link",
    "find_decision",
    "links_of",
    "collaboration_around",
]


def resolve_region(code: str, errors: dict[str, str], field: str = "region_code") -> dict:
    """``{"kommun": …}`` or ``{"lan": …}`` for a kommun or län code of the reference tables."""
    from kompetensbron.reference.models import Kommun, Lan

    code = (code or "").strip()
    found = None
    if code.isdigit() and len(code) == 4:
        found = {"kommun": Kommun.objects.filter(pk=code).first()}
    elif code.isdigit() and len(code) == 2:
        found = {"lan": Lan.objects.filter(pk=code).first()}
    if not found or next(iter(found.values())) is None:
        errors[field] = _("Okänd regionkod: %(code)r (kommunkod med fyra siffror eller länskod med två).") % {
            "code": code
        }
        return {}
    return found


def resolve_ssyk(code: str, errors: dict[str, str], field: str = "ssyk_code"):
    from kompetensbron.reference.models import SsykGroup

    code = (code or "").strip()
    found = SsykGroup.objects.filter(pk=code).first() if code.isdigit() and 1 <= len(code) <= 4 else None
    if found is None:
        errors[field] = _("Okänd SSYK 2012-kod: %(code)r.") % {"code": code}
    return found


def _target(data: LinkIn, errors: dict[str, str]) -> dict:
    from kompetensbron.education.models import Course, Programme

    ref = data.ref.strip()
    if data.kind == LinkKind.REGION:
        return resolve_region(ref, errors, "ref")
    if data.kind == LinkKind.OCCUPATION:
        ssyk = resolve_ssyk(ref, errors, "ref")
        return {"ssyk": ssyk} if ssyk else {}
    model = Programme if data.kind == LinkKind.PROGRAMME else Course
    found = model.objects.filter(pk=int(ref)).first() if ref.isdigit() and len(ref) <= 18 else None
    if found is None:
        errors["ref"] = (_("Okänt program: %(ref)r.") if model is Programme else _("Okänd kurs: %(ref)r.")) % {
            "ref": ref
        }
        return {}
    return {data.kind: found}


def _add(*, actor, owner: dict, data: LinkIn) -> KnowledgeLink:
    errors: dict[str, str] = {}
    target = _target(data, errors)
    v.raise_if(errors, _("Kopplingen kunde inte sparas."))
    if KnowledgeLink.objects.filter(**owner, kind=data.kind, **target).exists():
        v.raise_if({"ref": _("Kopplingen finns redan.")}, _("Kopplingen kunde inte sparas."))
    with transaction.atomic():
        link = KnowledgeLink.objects.create(**owner, kind=data.kind, **target)
        record(actor=actor, action="create", obj=link, after=snapshot(link))
    return link


def add_activity_link(*, actor, activity: Activity, data: LinkIn) -> KnowledgeLink:
    require(
        actor,
        "change_activity",
        activity,
        _("Endast arbetsgruppens medlemmar eller ägarens samordnare får ändra aktiviteten."),
    )
    return _add(actor=actor, owner={"activity": activity}, data=data)


def find_decision(pk: int) -> Decision:
    found = Decision.objects.filter(pk=pk).select_related("meeting__body", "activity").first()
    if found is None:
        raise NotFound(_("Okänt beslut: %(pk)s") % {"pk": pk})
    return found


def add_decision_link(*, actor, decision: Decision, data: LinkIn) -> KnowledgeLink:
    require(actor, "link_decision", decision, _("Endast den som beslutade eller mötets organ får koppla beslutet."))
    return _add(actor=actor, owner={"decision": decision}, data=data)


def find_link(pk: int) -> KnowledgeLink:
    found = KnowledgeLink.objects.filter(pk=pk).select_related("activity", "decision__meeting__body").first()
    if found is None:
        raise NotFound(_("Okänd koppling: %(pk)s") % {"pk": pk})
    return found


def remove_link(*, actor, link: KnowledgeLink) -> None:
    """Remove an activity's or a decision's link, by the rule that adds it; audited (``delete``,
    with the link as it was)."""
    if link.activity_id is not None:
        require(
            actor,
            "change_activity",
            link.activity,
            _("Endast arbetsgruppens medlemmar eller ägarens samordnare får ändra aktiviteten."),
        )
    else:
        require(
            actor, "link_decision", link.decision, _("Endast den som beslutade eller mötets organ får koppla beslutet.")
        )
    with transaction.atomic():
        before = snapshot(link)
        record(actor=actor, action="delete", obj=link, before=before)
        link.delete()


def links_of(*, activity: Activity | None = None, decision: Decision | None = None) -> list[KnowledgeLink]:
    owner = {"activity": activity} if activity is not None else {"decision": decision}
    return list(KnowledgeLink.objects.filter(**owner).select_related("programme", "course", "ssyk", "kommun", "lan"))


def _visible_decisions(actor):
    return Decision.objects.filter(
        Q(activity__in=visible_activities(actor).values("pk"))
        | Q(meeting__body__in=visible_bodies(actor).values("pk"))
        | Q(agreement__in=visible_agreements(actor).values("pk"))
    )


def collaboration_around(*, actor, programme_id: int | None = None, ssyk: str | None = None) -> list[CollaborationRow]:
    """The activities and decisions the actor may see that name the programme (or decide its
    adoption) or the occupation (its SSYK code or a broader group containing it)."""
    if not actor.is_authenticated:
        return []
    if programme_id is not None:
        links = Q(knowledge_links__programme_id=programme_id)
        decision_q = links | Q(subject="programme", programme_id=programme_id)
    else:
        codes = [ssyk[:i] for i in range(1, len(ssyk or "") + 1)]
        links = Q(knowledge_links__ssyk_id__in=codes)
        decision_q = links
    rows = [
        CollaborationRow(
            kind="activity",
            id=a.pk,
            title=a.title,
            status_label=str(a.get_status_display()),
            date=a.period_start,
            url=reverse("samverkan:activity", args=[a.pk]),
        )
        for a in visible_activities(actor).filter(links).distinct().order_by("-period_start", "title")[:100]
    ]
    for d in (
        _visible_decisions(actor)
        .filter(decision_q)
        .select_related("activity", "agreement", "programme", "meeting")
        .distinct()
        .order_by("-date")[:100]
    ):
        url = (
            reverse("samverkan:meeting", args=[d.meeting_id])
            if d.meeting_id
            else reverse("samverkan:activity", args=[d.activity_id])
            if d.activity_id
            else ""
        )
        rows.append(
            CollaborationRow(
                kind="decision",
                id=d.pk,
                title=f"{d.get_subject_display()}: {d.subject_title}",
                status_label=str(d.get_outcome_display()),
                date=d.date,
                url=url,
            )
        )
    return rows
