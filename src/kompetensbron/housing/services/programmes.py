"""Regional programmes with a target, their kommun targets, and their progress.

Progress of a programme (``programme_progress``), per year from its start year:

- **completed**: new homes of completed projects in the programme's län with a completion
  year from the start year up to that year (cumulative);
- **under construction** / **planned** (idea, detailed plan, building permit): homes of those
  projects expected by that year (a project without an expected year counts from the target
  year on);
- **target line**: the target in new homes, linear from the start year to the target year, flat
  after. A percent target is a share of the baseline stock: the SCB stock at the end of the
  year before the start year (else of the start year itself), summed over the län's kommuner;
- **kommuner without student homes**: no stock figure above zero in their latest year and no
  completed project.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.reference.models import Kommun, Lan
from kompetensbron.samverkan import validation as v
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.models import Organisation

from ..models import (
    PLANNED_STATUSES,
    HousingProject,
    KommunTarget,
    Programme,
    ProjectStatus,
    StockFigure,
)
from ..permissions import require
from ..schemas import (
    KommunTargetIn,
    ProgrammeCreate,
    ProgrammeProgress,
    ProgrammeUpdate,
    ProgressKommun,
    ProgressYear,
)
from . import public

__all__ = [
    "MAX_PROGRAMME_YEARS",
    "create_programme",
    "get_programme",
    "list_programmes",
    "programme_progress",
    "set_kommun_target",
    "update_programme",
]

MAX_PROGRAMME_YEARS = 40
NOT_OWNER = gettext_noop("Endast den ansvariga regionens samordnare får ändra programmet.")


def get_programme(pk: int) -> Programme:
    try:
        return Programme.objects.select_related("owner", "lan").get(pk=pk)
    except Programme.DoesNotExist:
        raise NotFound(_("Okänt program: %(pk)s") % {"pk": pk}) from None


def list_programmes() -> QuerySet[Programme]:
    return Programme.objects.select_related("owner", "lan")


def _check_years(baseline: int | None, target: int | None, errors: dict[str, str]) -> None:
    if baseline is not None and target is not None:
        if target < baseline:
            errors["target_year"] = _("Målåret får inte ligga före basåret.")
        elif target - baseline > MAX_PROGRAMME_YEARS:
            errors["target_year"] = _("Ett program kan vara högst %(years)s år.") % {"years": MAX_PROGRAMME_YEARS}


def _check_percent(kind: str, value: int | None, errors: dict[str, str]) -> None:
    if kind == "percent" and value is not None and value > 1000:
        errors["target_value"] = _("Ett procentmål får vara högst 1 000 %.")


def create_programme(*, actor, data: ProgrammeCreate, is_demo: bool = False) -> Programme:
    owner = Organisation.objects.filter(pk=data.owner_id).first()
    if owner is None:
        raise ValidationFailed(
            _("Uppgifterna kunde inte sparas."), {"owner_id": _(v.UNKNOWN_ORGANISATION) % {"ids": data.owner_id}}
        )
    require(actor, "add_housing_programme", owner, _("Endast en regions samordnare får lägga upp ett program."))
    errors = v.check_required(name=data.name)
    lan = Lan.objects.filter(pk=data.lan_code).first()
    if lan is None:
        errors["lan_code"] = _("Okänd länskod: %(lan_code)s.") % {"lan_code": data.lan_code}
    if Programme.objects.filter(name__iexact=data.name.strip()).exists():
        errors["name"] = _("Programmet %(name)s finns redan.") % {"name": data.name.strip()}
    _check_years(data.baseline_year, data.target_year, errors)
    _check_percent(data.target_kind, data.target_value, errors)
    v.raise_if(errors)
    with transaction.atomic():
        programme = Programme.objects.create(
            name=data.name.strip(),
            owner=owner,
            lan=lan,
            baseline_year=data.baseline_year,
            target_year=data.target_year,
            target_kind=data.target_kind,
            target_value=data.target_value,
            description=data.description.strip(),
            is_demo=is_demo,
        )
        record(actor=actor, action="create", obj=programme, after=snapshot(programme))
    return programme


def update_programme(*, actor, programme: Programme, data: ProgrammeUpdate) -> Programme:
    require(actor, "change_housing_programme", programme, _(NOT_OWNER))
    changes = {k: val for k, val in data.model_dump(exclude_unset=True).items()}
    errors: dict[str, str] = {}
    for key in ("name", "baseline_year", "target_year", "target_kind", "target_value"):
        if key in changes and (changes[key] is None or (isinstance(changes[key], str) and not changes[key].strip())):
            errors[key] = _(v.REQUIRED)
    name = (changes.get("name") or "").strip()
    if name and Programme.objects.filter(name__iexact=name).exclude(pk=programme.pk).exists():
        errors["name"] = _("Programmet %(name)s finns redan.") % {"name": name}
    _check_years(
        changes.get("baseline_year", programme.baseline_year), changes.get("target_year", programme.target_year), errors
    )
    _check_percent(
        changes.get("target_kind", programme.target_kind), changes.get("target_value", programme.target_value), errors
    )
    v.raise_if(errors)
    with transaction.atomic():
        before = snapshot(programme)
        for field, value in changes.items():
            setattr(programme, field, value.strip() if isinstance(value, str) else value)
        programme.save()
        record(actor=actor, action="update", obj=programme, before=before, after=snapshot(programme))
    return programme


def set_kommun_target(*, actor, programme: Programme, data: KommunTargetIn) -> KommunTarget | None:
    """Set (or, with 0, remove) a kommun's own target within the programme."""
    require(actor, "change_housing_programme", programme, _(NOT_OWNER))
    kommun = Kommun.objects.filter(pk=data.kommun_code).first()
    if kommun is None or kommun.lan_id != programme.lan_id:
        raise ValidationFailed(
            _("Uppgifterna kunde inte sparas."),
            {
                "kommun_code": _("%(kommun_code)s är ingen kommun i %(name)s.")
                % {"kommun_code": data.kommun_code, "name": programme.lan.name}
            },
        )
    with transaction.atomic():
        existing = KommunTarget.objects.filter(programme=programme, kommun=kommun).first()
        if data.target_homes == 0:
            if existing is not None:
                record(actor=actor, action="delete", obj=existing, before=snapshot(existing))
                existing.delete()
            return None
        before = snapshot(existing) if existing else None
        target, _created = KommunTarget.objects.update_or_create(
            programme=programme, kommun=kommun, defaults={"target_homes": data.target_homes}
        )
        record(
            actor=actor, action="update" if existing else "create", obj=target, before=before, after=snapshot(target)
        )
    return target


# ------------------------------------------------------------------ progress


def _stock_by_kommun(kommun_codes: list[str]) -> tuple[dict[str, dict[int, int]], list[str]]:
    stock: dict[str, dict[int, int]] = defaultdict(dict)
    sources: dict[int, str] = {}
    for figure in StockFigure.objects.filter(kommun_id__in=kommun_codes).select_related("source"):
        stock[figure.kommun_id][figure.year] = figure.homes
        sources[figure.source_id] = figure.source.title
    return stock, sorted(set(sources.values()))


def _baseline(stock: dict[int, int], start: int) -> int | None:
    return stock.get(start - 1, stock.get(start))


def programme_progress(programme: Programme) -> ProgrammeProgress:
    kommuner = list(Kommun.objects.filter(lan_id=programme.lan_id).order_by("name"))
    codes = [k.code for k in kommuner]
    stock, sources = _stock_by_kommun(codes)
    projects = list(
        HousingProject.objects.filter(kommun_id__in=codes)
        .exclude(status=ProjectStatus.CANCELLED)
        .values("kommun_id", "homes", "status", "expected_completion_year", "actual_completion_year", "is_demo")
    )
    start, target_year = programme.baseline_year, programme.target_year
    baselines = {c: _baseline(stock.get(c, {}), start) for c in codes}
    known = [b for b in baselines.values() if b is not None]
    baseline_stock = sum(known) if known else None
    target = public.target_homes(programme, baseline_stock)
    last_year = max(
        [target_year]
        + [p["actual_completion_year"] or 0 for p in projects]
        + [p["expected_completion_year"] or 0 for p in projects]
    )
    last_year = min(last_year, start + MAX_PROGRAMME_YEARS)

    def due(p) -> int:
        return p["expected_completion_year"] or target_year

    years = []
    span = target_year - start + 1
    for year in range(start, last_year + 1):
        completed = sum(
            p["homes"]
            for p in projects
            if p["status"] == ProjectStatus.COMPLETED
            and p["actual_completion_year"]
            and start <= p["actual_completion_year"] <= year
        )
        building = sum(
            p["homes"] for p in projects if p["status"] == ProjectStatus.UNDER_CONSTRUCTION and due(p) <= year
        )
        planned = sum(p["homes"] for p in projects if p["status"] in PLANNED_STATUSES and due(p) <= year)
        line = None if target is None else round(target * min(year - start + 1, span) / span)
        years.append(
            ProgressYear(year=year, completed=completed, under_construction=building, planned=planned, target=line)
        )

    targets = {t.kommun_id: t.target_homes for t in KommunTarget.objects.filter(programme=programme)}
    rows = []
    for k in kommuner:
        mine = [p for p in projects if p["kommun_id"] == k.code]
        completed = sum(
            p["homes"]
            for p in mine
            if p["status"] == ProjectStatus.COMPLETED and (p["actual_completion_year"] or 0) >= start
        )
        any_completed = any(p["status"] == ProjectStatus.COMPLETED for p in mine)
        latest_year = max(stock.get(k.code, {}), default=None)
        latest = stock[k.code][latest_year] if latest_year is not None else None
        rows.append(
            ProgressKommun(
                kommun_code=k.code,
                kommun_name=k.name,
                baseline_stock=baselines[k.code],
                latest_stock=latest,
                latest_stock_year=latest_year,
                completed=completed,
                under_construction=sum(p["homes"] for p in mine if p["status"] == ProjectStatus.UNDER_CONSTRUCTION),
                planned=sum(p["homes"] for p in mine if p["status"] in PLANNED_STATUSES),
                target=targets.get(k.code),
                has_student_homes=bool(latest) or any_completed,
            )
        )
    totals = years[-1] if years else ProgressYear(year=start, completed=0, under_construction=0, planned=0)
    completed_now = sum(r.completed for r in rows)
    return ProgrammeProgress(
        programme=public.programme(programme, baseline_stock=baseline_stock),
        baseline_stock=baseline_stock,
        completed=completed_now,
        under_construction=totals.under_construction,
        planned=totals.planned,
        share_of_target=round(completed_now / target, 4) if target else None,
        years=years,
        kommuner=rows,
        kommuner_without_student_homes=[r.kommun_name for r in rows if not r.has_student_homes],
        sources=[*sources, "Registrerade bostadsprojekt (Kompetensbron)"],
        is_demo=programme.is_demo or any(p["is_demo"] for p in projects),
    )
