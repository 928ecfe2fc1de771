"""Imports of housing files: parse and check everything, then write in one transaction.

- :func:`import_stock_file`: student homes per kommun and year, from SCB BO0104T7 (the
  extract's long CSV, PxWeb's wide CSV or JSON-stat; :mod:`kompetensbron.sources.scb_housing`)
  or the stock template (``docs/housing_template.md``);
- :func:`import_projects_file`: the project template (create or update by owner and name; a
  changed status adds a dated status change);
- :func:`import_queue_file`: the queue-statistics template.

Every problem of a file (form and meaning: unknown kommun, organisation) is collected and
raised as one :class:`~kompetensbron.sources.programme_template.TemplateInvalid` with row and
column; nothing is stored then. ``actor=None`` is the operator at the command line; a web
upload passes the user, whose right is checked. Each import writes one
:class:`~.models.HousingSource` (file name, SHA-256) and one audit entry.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kompetensbron.reference.models import Kommun
from kompetensbron.reference.table_sync import upsert
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.models import Organisation
from kompetensbron.sources.housing_template import read_housing_template
from kompetensbron.sources.programme_template import TemplateInvalid, TemplateProblem
from kompetensbron.sources.scb_housing import is_scb_stock_file, read_scb_student_homes

from .models import (
    HousingProject,
    HousingSource,
    ProjectStatusChange,
    QueueStatistic,
    SourceKind,
    StockFigure,
)
from .permissions import require
from .schemas import ImportReport

__all__ = ["import_projects_file", "import_queue_file", "import_stock_file"]

SCB_TITLE = "SCB BO0104T7 (TAB827): antal lägenheter efter region, typ av specialbostad, bostadsarea och år"


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _kommun_index() -> tuple[dict[str, Kommun], dict[str, Kommun]]:
    kommuner = list(Kommun.objects.all())
    return {k.code: k for k in kommuner}, {k.name.casefold(): k for k in kommuner}


def _source(kind: str, title: str, path: Path, sha: str, rows: int, actor) -> HousingSource:
    return HousingSource.objects.create(
        kind=kind,
        title=title[:255],
        file_name=Path(path).name[:255],
        sha256=sha,
        rows=rows,
        imported_by=actor if getattr(actor, "pk", None) else None,
        imported_at=timezone.now(),
    )


def import_stock_file(path: Path, *, actor=None) -> ImportReport:
    """Student homes per kommun and year from an SCB BO0104T7 file or the stock template."""
    if actor is not None:
        require(actor, "import_housing_stock", None, gettext("Endast administratörer importerar beståndsstatistik."))
    path = Path(path)
    by_code, by_name = _kommun_index()
    problems: list[TemplateProblem] = []
    figures: list[tuple[Kommun, int, int, int]] = []
    notes: list[str] = []
    if is_scb_stock_file(path):
        parsed = read_scb_student_homes(path)
        kind = SourceKind.SCB if parsed.fmt == "scb-csv-long" else SourceKind.PXWEB
        title, sha = f"{SCB_TITLE} ({path.name})", parsed.sha256
        for r in parsed.records:
            kommun = by_code.get(r.code) if r.code else None
            if kommun is None and r.name:
                kommun = by_name.get(r.name.casefold())
            if kommun is None:
                problems.append(
                    TemplateProblem(r.line, "region", gettext("okänd kommun: ”%(region)s”.") % {"region": r.region})
                )
                continue
            figures.append((kommun, r.year, r.homes, r.line))
        if parsed.missing:
            notes.append(
                gettext("%(count)s region-år utan uppgift (”..”) importerades inte.") % {"count": len(parsed.missing)}
            )
        skipped = len(parsed.missing)
    else:
        template = read_housing_template(path, "stock")
        problems.extend(template.problems)
        sha, kind, skipped = _sha(path), SourceKind.TEMPLATE, 0
        titles = {row["source"] for row in template.rows if row.get("source")}
        title = f"{' / '.join(sorted(titles)) or 'Importmall'} ({path.name})"
        for row in template.rows:
            kommun = by_code.get(row["kommunkod"])
            if row["kommunkod"] and kommun is None:
                problems.append(
                    TemplateProblem(
                        row["row"],
                        "kommunkod",
                        gettext("okänd kommunkod: %(kommunkod)s.") % {"kommunkod": row["kommunkod"]},
                    )
                )
            if kommun is not None and row["year"] is not None and row["homes"] is not None:
                figures.append((kommun, row["year"], row["homes"], row["row"]))
    first_line: dict[tuple[str, int], int] = {}
    for kommun, year, _, line in figures:
        earlier = first_line.setdefault((kommun.code, year), line)
        if earlier != line:
            problems.append(
                TemplateProblem(
                    line,
                    "year",
                    gettext("%(code)s %(year)s finns redan på rad %(earlier)s.")
                    % {"code": kommun.code, "year": year, "earlier": earlier},
                )
            )
    if problems:
        raise TemplateInvalid(path, problems)
    created = updated = 0
    with transaction.atomic():
        source = _source(kind, title, path, sha, len(figures), actor)
        existing = {
            (f.kommun_id, f.year): f for f in StockFigure.objects.filter(kommun_id__in={f[0].code for f in figures})
        }
        for kommun, year, homes, _ in figures:
            old = existing.get((kommun.code, year))
            if old is None:
                StockFigure.objects.create(kommun=kommun, year=year, homes=homes, source=source)
                created += 1
            else:
                old.homes, old.source, old.is_demo = homes, source, False
                old.save(update_fields=["homes", "source", "is_demo"])
                updated += 1
        record(
            actor=actor, action="import", obj=source, after={**snapshot(source), "created": created, "updated": updated}
        )
    return ImportReport(
        kind="stock",
        file_name=path.name,
        sha256=sha,
        rows=len(figures),
        created=created,
        updated=updated,
        skipped=skipped,
        notes=notes,
    )


def _organisations() -> dict[str, Organisation]:
    return {o.name.casefold(): o for o in Organisation.objects.all()}


def import_projects_file(path: Path, *, actor=None) -> ImportReport:
    """Projects from the project template: created, or updated when owner and name match."""
    path = Path(path)
    template = read_housing_template(path, "projects")
    problems = list(template.problems)
    by_code, _ = _kommun_index()
    orgs = _organisations()
    rows = []
    for row in template.rows:
        owner = orgs.get(row["owner"].casefold()) if row["owner"] else None
        if row["owner"] and owner is None:
            problems.append(
                TemplateProblem(
                    row["row"], "owner", gettext("okänd organisation: ”%(owner)s”.") % {"owner": row["owner"]}
                )
            )
        elif owner is not None and actor is not None and not actor.has_perm("samverkan.add_housing_project", owner):
            problems.append(
                TemplateProblem(
                    row["row"], "owner", gettext("du får inte registrera projekt åt %(name)s.") % {"name": owner.name}
                )
            )
        kommun = by_code.get(row["kommunkod"])
        if row["kommunkod"] and kommun is None:
            problems.append(
                TemplateProblem(
                    row["row"],
                    "kommunkod",
                    gettext("okänd kommunkod: %(kommunkod)s.") % {"kommunkod": row["kommunkod"]},
                )
            )
        rows.append((row, owner, kommun))
    keys = [(o.pk, r["name"].casefold()) for r, o, _ in rows if o is not None]
    for r, o, _ in rows:
        if o is not None and keys.count((o.pk, r["name"].casefold())) > 1:
            problems.append(
                TemplateProblem(
                    r["row"], "name", gettext("projektet ”%(name)s” förekommer flera gånger.") % {"name": r["name"]}
                )
            )
    if problems:
        raise TemplateInvalid(path, problems)
    sha = _sha(path)
    created = updated = 0
    today = timezone.localdate()
    with transaction.atomic():
        source = _source(SourceKind.TEMPLATE, f"Projektmall ({path.name})", path, sha, len(rows), actor)
        for row, owner, kommun in rows:
            fields = {
                "kommun": kommun,
                "homes": row["homes"],
                "home_type": row["home_type"],
                "status": row["status"],
                "expected_completion_year": row["expected_completion_year"],
                "actual_completion_year": row["actual_completion_year"],
                "source": source,
            }
            date = row["status_date"] or today
            project = HousingProject.objects.filter(owner=owner, name__iexact=row["name"]).first()
            if project is None:
                project = HousingProject.objects.create(owner=owner, name=row["name"], status_date=date, **fields)
                ProjectStatusChange.objects.create(
                    project=project, to_status=project.status, date=date, note="Importerat"
                )
                record(actor=actor, action="create", obj=project, after=snapshot(project))
                created += 1
                continue
            before = snapshot(project)
            if project.status != row["status"]:
                ProjectStatusChange.objects.create(
                    project=project, from_status=project.status, to_status=row["status"], date=date, note="Importerat"
                )
                project.status_date = date
            for key, value in fields.items():
                setattr(project, key, value)
            project.save()
            record(actor=actor, action="update", obj=project, before=before, after=snapshot(project))
            updated += 1
    return ImportReport(
        kind="projects", file_name=path.name, sha256=sha, rows=len(rows), created=created, updated=updated
    )


def import_queue_file(path: Path, *, actor=None) -> ImportReport:
    """Queue statistics from the queue template (one row per organisation, year and home type)."""
    path = Path(path)
    template = read_housing_template(path, "queue")
    problems = list(template.problems)
    orgs = _organisations()
    rows = []
    for row in template.rows:
        org = orgs.get(row["organisation"].casefold()) if row["organisation"] else None
        if row["organisation"] and org is None:
            problems.append(
                TemplateProblem(
                    row["row"],
                    "organisation",
                    gettext("okänd organisation: ”%(organisation)s”.") % {"organisation": row["organisation"]},
                )
            )
        elif org is not None and actor is not None and not actor.has_perm("samverkan.change_queue_statistics", org):
            problems.append(
                TemplateProblem(
                    row["row"],
                    "organisation",
                    gettext("du får inte ange köstatistik för %(name)s.") % {"name": org.name},
                )
            )
        rows.append((row, org))
    keys = [(o.pk, r["year"], r["home_type"]) for r, o in rows if o is not None]
    for r, o in rows:
        if o is not None and keys.count((o.pk, r["year"], r["home_type"])) > 1:
            problems.append(
                TemplateProblem(
                    r["row"], "year", gettext("samma organisation, år och bostadstyp förekommer flera gånger.")
                )
            )
    if problems:
        raise TemplateInvalid(path, problems)
    sha = _sha(path)
    titles = {r["source"] for r, _ in rows if r["source"]}
    with transaction.atomic():
        source = _source(
            SourceKind.TEMPLATE, f"{' / '.join(sorted(titles)) or 'Kömall'} ({path.name})", path, sha, len(rows), actor
        )
        figures = ("people_in_queue", "homes_offered", "median_wait_days", "p90_wait_days", "declines")
        keys = {(org.pk, row["year"], row["home_type"]) for row, org in rows}
        stored = QueueStatistic.objects.filter(organisation__in={org for _, org in rows})
        updated = sum(1 for k in stored.values_list("organisation_id", "year", "home_type") if k in keys)
        created = len(keys) - updated
        upsert(
            QueueStatistic,
            [
                QueueStatistic(
                    organisation=org,
                    year=row["year"],
                    home_type=row["home_type"],
                    source=source,
                    is_demo=False,
                    **{k: row[k] for k in figures},
                )
                for row, org in rows
            ],
            unique_fields=["organisation", "year", "home_type"],
            update_fields=[*figures, "source", "is_demo"],
        )
        record(
            actor=actor, action="import", obj=source, after={**snapshot(source), "created": created, "updated": updated}
        )
    return ImportReport(kind="queue", file_name=path.name, sha256=sha, rows=len(rows), created=created, updated=updated)
