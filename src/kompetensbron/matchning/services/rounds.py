"""Rounds: a cohort placed at once (VFU, summer internships) by deferred acceptance.

The organiser's coordinator creates the round with published opportunities; students rank
opportunities of the round; hosts rank the students who ranked them (nobody else: a student
becomes visible to a host by ranking it); the coordinator may lock manual placements; running
the round allocates everyone else with :func:`..allocation.allocate` (stable, reproducible);
the coordinator may then edit single placements (they become locked) and run again, and
finally closes the round (opportunities whose places are taken become filled).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.samverkan import validation as v
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.models import Organisation, OrganisationKind
from kompetensbron.samverkan.permissions import organisation_ids

from ..allocation import allocate
from ..models import (
    Opportunity,
    OpportunityStatus,
    Placement,
    PlacementSource,
    Round,
    RoundHostRank,
    RoundStatus,
    RoundStudentRank,
    StudentProfile,
)
from ..permissions import PUBLISHER_KINDS, publisher_organisation_ids, require, student_profile
from ..schemas import (
    HostRankingIn,
    PlacementIn,
    RoundCreate,
    RoundOpportunitiesIn,
    RoundPublic,
    StudentRankingIn,
)
from . import public
from .applications import days_since_published, fill_if_full

__all__ = [
    "close_round",
    "create_round",
    "find_round",
    "get_round",
    "host_round_rows",
    "rank_opportunities",
    "rank_students",
    "round_candidates",
    "round_organisers",
    "round_public",
    "run_round",
    "set_placement",
    "set_round_opportunities",
    "student_round_ranking",
    "visible_rounds",
]


def visible_rounds(user) -> QuerySet[Round]:
    if user is None or not user.is_authenticated:
        return Round.objects.none()
    if user.is_superuser:
        return Round.objects.select_related("organiser")
    cond = Q(organiser__in=organisation_ids(user)) | Q(opportunities__host__in=organisation_ids(user))
    profile = student_profile(user)
    if profile is not None:
        cond |= Q(organiser=profile.university) | Q(organiser__kind=OrganisationKind.REGION)
    return Round.objects.filter(cond).select_related("organiser").distinct()


def round_organisers(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may create a round for: the universities and regions they coordinate."""
    organisers = Organisation.objects.filter(kind__in=PUBLISHER_KINDS)
    if not user.is_superuser:
        organisers = organisers.filter(pk__in=publisher_organisation_ids(user))
    return organisers


def student_round_ranking(round_: Round, profile: StudentProfile | None) -> list[int]:
    """The opportunity ids the student ``profile`` ranked in ``round_`` (none: not a student)."""
    if profile is None:
        return []
    return list(RoundStudentRank.objects.filter(round=round_, student=profile).values_list("opportunity_id", flat=True))


def host_round_rows(round_: Round, opportunity_id: int) -> list[tuple[int, str, int | None]]:
    """The students who ranked the opportunity in ``round_``: (student id, name, the host's rank or None)."""
    ranks = dict(
        RoundHostRank.objects.filter(round=round_, opportunity_id=opportunity_id).values_list("student_id", "rank")
    )
    applicants = RoundStudentRank.objects.filter(round=round_, opportunity_id=opportunity_id).select_related(
        "student__user"
    )
    return [(r.student_id, public.student_name(r.student) or "", ranks.get(r.student_id)) for r in applicants]


def round_candidates(round_: Round) -> list[tuple[int, str]]:
    """Every student who ranked something in ``round_``: (student id, name), by id."""
    seen: dict[int, str] = {}
    for r in RoundStudentRank.objects.filter(round=round_).select_related("student__user").order_by("student_id"):
        seen.setdefault(r.student_id, public.student_name(r.student) or "")
    return sorted(seen.items())


def get_round(*, actor, pk: int) -> Round:
    found = visible_rounds(actor).filter(pk=pk).select_related("organiser").first()
    if found is None:
        raise NotFound(_("Okänd omgång: %(pk)s") % {"pk": pk})
    return found


def find_round(pk: int) -> Round:
    found = Round.objects.filter(pk=pk).select_related("organiser").first()
    if found is None:
        raise NotFound(_("Okänd omgång: %(pk)s") % {"pk": pk})
    return found


def _published(ids: list[int], errors: dict[str, str]) -> list[Opportunity]:
    ids = list(dict.fromkeys(ids))
    found = {o.pk: o for o in Opportunity.objects.filter(pk__in=ids, status=OpportunityStatus.PUBLISHED)}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        errors["opportunity_ids"] = _("Inte publicerade eller okända möjligheter: %(items)s.") % {
            "items": ", ".join(missing[:10])
        }
    return [found[i] for i in ids if i in found]


def _open(round_: Round) -> None:
    if round_.status != RoundStatus.OPEN:
        raise ValidationFailed(
            _("Omgången är %(status)s: rangordningen är stängd.") % {"status": round_.get_status_display().lower()},
            errors={"status": round_.status},
        )


def create_round(*, actor, data: RoundCreate, is_demo: bool = False) -> Round:
    errors: dict[str, str] = {}
    organiser = v.organisation(data.organiser_id, "organiser_id", errors)
    errors |= v.check_required(title=data.title)
    if organiser is not None and organiser.kind not in PUBLISHER_KINDS:
        errors["organiser_id"] = _("Omgångar ordnas av ett lärosäte eller regionen.")
    v.raise_if(errors, _("Omgången kunde inte skapas."))
    require(actor, "add_round", Round(organiser=organiser), _("Endast arrangörens samordnare skapar omgångar."))
    opportunities = _published(data.opportunity_ids, errors)
    v.raise_if(errors, _("Omgången kunde inte skapas."))
    with transaction.atomic():
        round_ = Round.objects.create(title=data.title.strip(), organiser=organiser, created_by=actor, is_demo=is_demo)
        round_.opportunities.set(opportunities)
        record(actor=actor, action="create", obj=round_, after=snapshot(round_))
    return round_


def set_round_opportunities(*, actor, round_: Round, data: RoundOpportunitiesIn) -> Round:
    require(actor, "manage_round", round_, _("Endast arrangörens samordnare ändrar omgången."))
    _open(round_)
    errors: dict[str, str] = {}
    opportunities = _published(data.opportunity_ids, errors)
    v.raise_if(errors, _("Omgången kunde inte ändras."))
    with transaction.atomic():
        before = snapshot(round_)
        round_.opportunities.set(opportunities)
        keep = [o.pk for o in opportunities]
        RoundStudentRank.objects.filter(round=round_).exclude(opportunity__in=keep).delete()
        RoundHostRank.objects.filter(round=round_).exclude(opportunity__in=keep).delete()
        record(actor=actor, action="update", obj=round_, before=before, after=snapshot(round_))
    return round_


def _may_take_part(profile: StudentProfile, round_: Round) -> bool:
    organiser = round_.organiser
    return organiser.kind == OrganisationKind.REGION or profile.university_id == organiser.pk


def rank_opportunities(*, actor, round_: Round, data: StudentRankingIn) -> list[int]:
    """The student's ranking of the round's opportunities, best first (replaces the previous)."""
    require(actor, "rank_in_round", None, _("Endast studenter rangordnar."))
    profile = student_profile(actor)
    if not _may_take_part(profile, round_):
        raise ValidationFailed(
            _("Omgången är för studenter vid arrangerande lärosäte."), errors={"round": _("inte din omgång")}
        )
    if not profile.consent_matching:
        raise ValidationFailed(
            _("Ge samtycke till matchning i din profil innan du rangordnar."), errors={"consent_matching": _("krävs")}
        )
    _open(round_)
    ids = data.opportunity_ids
    if len(set(ids)) != len(ids):
        raise ValidationFailed(
            _("Varje möjlighet får bara rangordnas en gång."), errors={"opportunity_ids": "dubbletter"}
        )
    in_round = set(round_.opportunities.values_list("pk", flat=True))
    outside = [str(i) for i in ids if i not in in_round]
    if outside:
        raise ValidationFailed(
            _("Inte i omgången: %(items)s.") % {"items": ", ".join(outside[:10])},
            errors={"opportunity_ids": _("inte i omgången")},
        )
    with transaction.atomic():
        old = list(
            RoundStudentRank.objects.filter(round=round_, student=profile).values_list("opportunity_id", flat=True)
        )
        RoundStudentRank.objects.filter(round=round_, student=profile).delete()
        RoundStudentRank.objects.bulk_create(
            [RoundStudentRank(round=round_, student=profile, opportunity_id=o, rank=i + 1) for i, o in enumerate(ids)]
        )
        dropped = set(old) - set(ids)
        if dropped:  # a host may no longer rank a student who withdrew the ranking
            RoundHostRank.objects.filter(round=round_, student=profile, opportunity__in=dropped).delete()
        record(
            actor=actor,
            action="rank",
            obj=round_,
            before={"student": profile.pk, "ranking": old},
            after={"student": profile.pk, "ranking": ids},
        )
    return ids


def rank_students(*, actor, round_: Round, opportunity: Opportunity, data: HostRankingIn) -> list[int]:
    """The host's ranking of students who ranked this opportunity, best first; unlisted = unacceptable."""
    require(actor, "host_rank", opportunity, _("Endast värdorganisationen rangordnar studenter till sin möjlighet."))
    _open(round_)
    if not round_.opportunities.filter(pk=opportunity.pk).exists():
        raise NotFound(_("Möjligheten %(pk)s ingår inte i omgången.") % {"pk": opportunity.pk})
    ids = data.student_ids
    if len(set(ids)) != len(ids):
        raise ValidationFailed(_("Varje student får bara rangordnas en gång."), errors={"student_ids": "dubbletter"})
    applicants = set(
        RoundStudentRank.objects.filter(round=round_, opportunity=opportunity).values_list("student_id", flat=True)
    )
    others = [str(i) for i in ids if i not in applicants]
    if others:
        raise ValidationFailed(
            _("Endast studenter som rangordnat möjligheten kan rangordnas: %(items)s.")
            % {"items": ", ".join(others[:10])},
            errors={"student_ids": _("har inte sökt")},
        )
    with transaction.atomic():
        old = list(
            RoundHostRank.objects.filter(round=round_, opportunity=opportunity).values_list("student_id", flat=True)
        )
        RoundHostRank.objects.filter(round=round_, opportunity=opportunity).delete()
        RoundHostRank.objects.bulk_create(
            [RoundHostRank(round=round_, opportunity=opportunity, student_id=s, rank=i + 1) for i, s in enumerate(ids)]
        )
        record(
            actor=actor,
            action="host_rank",
            obj=round_,
            before={"opportunity": opportunity.pk, "ranking": old},
            after={"opportunity": opportunity.pk, "ranking": ids},
        )
    return ids


def set_placement(*, actor, round_: Round, data: PlacementIn) -> Placement | None:
    """Lock a manual placement of a student (or remove the student's placement: no opportunity)."""
    require(actor, "manage_round", round_, _("Endast arrangörens samordnare placerar manuellt."))
    if round_.status == RoundStatus.CLOSED:
        raise ValidationFailed(_("Omgången är avslutad."), errors={"status": round_.status})
    profile = StudentProfile.objects.filter(pk=data.student_id).select_related("university").first()
    if profile is None or not _may_take_part(profile, round_):
        raise ValidationFailed(
            _("Okänd student för omgången: %(student_id)s.") % {"student_id": data.student_id},
            errors={"student_id": _("okänd")},
        )
    opportunity = None
    if data.opportunity_id is not None:
        opportunity = round_.opportunities.filter(pk=data.opportunity_id).first()
        if opportunity is None:
            raise ValidationFailed(
                _("Möjligheten %(opportunity_id)s ingår inte i omgången.") % {"opportunity_id": data.opportunity_id},
                errors={"opportunity_id": _("inte i omgången")},
            )
    with transaction.atomic():
        old = Placement.objects.select_for_update().filter(round=round_, student=profile).first()
        if old is not None:
            record(actor=actor, action="delete", obj=old, before=snapshot(old))
            old.delete()
        if opportunity is None:
            return None
        taken = Placement.objects.filter(round=round_, opportunity=opportunity, locked=True).count()
        if taken >= opportunity.capacity:
            raise ValidationFailed(
                _("Alla platser är redan låsta för andra studenter."), errors={"opportunity_id": "fullt"}
            )
        rank = (
            RoundStudentRank.objects.filter(round=round_, student=profile, opportunity=opportunity)
            .values_list("rank", flat=True)
            .first()
        )
        now = timezone.now()
        placement = Placement.objects.create(
            opportunity=opportunity,
            student=profile,
            university=profile.university,
            source=PlacementSource.MANUAL,
            round=round_,
            locked=True,
            choice_rank=rank,
            matched_at=now,
            days_to_match=days_since_published(opportunity, now),
            is_demo=round_.is_demo,
        )
        # over capacity with the allocated (unlocked) ones: the last-ranked of those goes
        unlocked = list(
            Placement.objects.filter(round=round_, opportunity=opportunity, locked=False).order_by("-matched_at", "-pk")
        )
        for extra in unlocked[: max(0, taken + 1 + len(unlocked) - opportunity.capacity)]:
            record(actor=actor, action="delete", obj=extra, before=snapshot(extra))
            extra.delete()
        record(actor=actor, action="create", obj=placement, after=snapshot(placement))
    return placement


def run_round(*, actor, round_: Round) -> Round:
    """Allocate everyone not locked by deferred acceptance; replaces the previous allocation."""
    require(actor, "manage_round", round_, _("Endast arrangörens samordnare kör omgången."))
    if round_.status == RoundStatus.CLOSED:
        raise ValidationFailed(_("Omgången är avslutad."), errors={"status": round_.status})
    with transaction.atomic():
        current = Round.objects.select_for_update().get(pk=round_.pk)
        opportunities = {o.pk: o for o in current.opportunities.all()}
        students: dict[str, list[str]] = {}
        for r in RoundStudentRank.objects.filter(round=current).order_by("student_id", "rank"):
            students.setdefault(str(r.student_id), []).append(str(r.opportunity_id))
        host_lists: dict[str, list[str]] = {str(o): [] for o in opportunities}
        for r in RoundHostRank.objects.filter(round=current).order_by("opportunity_id", "rank"):
            host_lists[str(r.opportunity_id)].append(str(r.student_id))
        # A locked placement keeps its place even when its student was erased since (no id then).
        locked = [
            (str(s) if s is not None else f"erased-{pk}", str(o))
            for pk, s, o in Placement.objects.filter(round=current, locked=True).values_list(
                "pk", "student_id", "opportunity_id"
            )
        ]
        for s, _opportunity in locked:
            students.setdefault(s, [])
        result = allocate(
            students=students,
            opportunities={k: (opportunities[int(k)].capacity, v_) for k, v_ in host_lists.items()},
            locked=locked,
        )
        before = {
            "placements": [
                list(r)
                for r in Placement.objects.filter(round=current)
                .order_by("pk")
                .values_list("student_id", "opportunity_id")
            ]
        }
        Placement.objects.filter(round=current, locked=False).delete()
        profiles = {
            p.pk: p for p in StudentProfile.objects.filter(pk__in=[int(s) for s in result.matches if s.isdigit()])
        }
        now = timezone.now()
        Placement.objects.bulk_create(
            [
                Placement(
                    opportunity_id=int(o),
                    student_id=int(s),
                    university_id=profiles[int(s)].university_id,
                    source=PlacementSource.ROUND,
                    round=current,
                    choice_rank=result.choice_rank.get(s),
                    matched_at=now,
                    days_to_match=days_since_published(opportunities[int(o)], now),
                    is_demo=current.is_demo,
                )
                for s, o in result.matches.items()
                if s not in result.locked
            ]
        )
        current.status = RoundStatus.ALLOCATED
        current.allocated_at = now
        current.save()
        after = {
            "placements": sorted((int(s), int(o)) for s, o in result.matches.items() if s.isdigit()),
            "unmatched": sorted(int(s) for s in result.unmatched if s.isdigit()),
        }
        record(actor=actor, action="run", obj=current, before=before, after=after)
    return current


def round_files(*, actor, round_: Round) -> tuple[str, str]:
    """The round's rankings as the ``match-round`` CSV files (STUDENTS.csv, OPPORTUNITIES.csv).

    Ids are student-profile and opportunity ids only (no names), for the coordinator to
    re-run or archive the allocation outside the platform (locked placements are not in them).
    """
    import csv
    import io

    require(actor, "manage_round", round_, _("Endast arrangörens samordnare hämtar omgångens underlag."))
    students: dict[int, list[str]] = {}
    for r in RoundStudentRank.objects.filter(round=round_).order_by("student_id", "rank"):
        students.setdefault(r.student_id, []).append(str(r.opportunity_id))
    hosts: dict[int, list[str]] = {o.pk: [] for o in round_.opportunities.order_by("pk")}
    capacity = dict(round_.opportunities.values_list("pk", "capacity"))
    for r in RoundHostRank.objects.filter(round=round_).order_by("opportunity_id", "rank"):
        hosts.setdefault(r.opportunity_id, []).append(str(r.student_id))
    s_buf, o_buf = io.StringIO(), io.StringIO()
    w = csv.writer(s_buf, lineterminator="\n")
    w.writerow(["student_id", "preferences"])
    w.writerows((sid, ";".join(p)) for sid, p in students.items())
    w = csv.writer(o_buf, lineterminator="\n")
    w.writerow(["opportunity_id", "capacity", "preferences"])
    w.writerows((oid, capacity.get(oid, 0), ";".join(p)) for oid, p in hosts.items())
    return s_buf.getvalue(), o_buf.getvalue()


def close_round(*, actor, round_: Round) -> Round:
    require(actor, "manage_round", round_, _("Endast arrangörens samordnare avslutar omgången."))
    with transaction.atomic():
        current = Round.objects.select_for_update().get(pk=round_.pk)
        if current.status != RoundStatus.ALLOCATED:
            raise ValidationFailed(_("Kör omgången innan den avslutas."), errors={"status": current.status})
        before = snapshot(current)
        current.status = RoundStatus.CLOSED
        current.save()
        record(actor=actor, action=f"status:{RoundStatus.CLOSED}", obj=current, before=before, after=snapshot(current))
        for opp_id in current.placements.values_list("opportunity_id", flat=True).distinct():
            fill_if_full(actor=actor, opportunity_id=opp_id)
    return current


def round_public(*, actor, round_: Round) -> RoundPublic:
    """The round as the actor may see it: coordinators all placements, hosts and students their own."""
    manage = actor.has_perm("matchning.manage_round", round_)
    placements = (
        Placement.objects.filter(round=round_)
        .select_related("opportunity", "student__user")
        .order_by("opportunity__title", "pk")
    )
    if not manage:
        profile = student_profile(actor)
        cond = Q(opportunity__host__in=organisation_ids(actor))
        if profile is not None:
            cond |= Q(student=profile)
        placements = placements.filter(cond)
    opportunities = public.opportunities(round_.opportunities.select_related(*public.OPPORTUNITY_RELATED))
    return RoundPublic(
        id=round_.pk,
        title=round_.title,
        organiser_id=round_.organiser_id,
        organiser=round_.organiser.name,
        status=round_.status,
        status_label=str(round_.get_status_display()),
        opportunities=opportunities,
        students_ranked=RoundStudentRank.objects.filter(round=round_).values("student").distinct().count(),
        hosts_ranked=RoundHostRank.objects.filter(round=round_).values("opportunity").distinct().count(),
        placements=[public.placement(p) for p in placements],
        allocated_at=round_.allocated_at,
    )
