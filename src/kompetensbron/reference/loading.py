"""Load the reference snapshot into the database: one transaction for the whole load.

The snapshot is parsed completely first (:func:`read_reference_snapshot`); only then are
the tables synced, inside one ``transaction.atomic`` block. A bad file therefore stops the
load before anything is written, and an error while writing rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kompetensbron.sources import catalog
from kompetensbron.sources.reference_files import ReferenceSnapshot, read_reference_snapshot

from . import models as m
from .search_text import search_key
from .table_sync import SyncStats, sync_pairs, sync_rows, upsert

__all__ = ["LoadReport", "load_reference_data", "store_snapshot"]

Progress = Callable[[str], None]
#: the dataset each SSYK level comes from (level 3 only exists in the hierarchy file)
_SSYK_DATASET_OF_LEVEL = {1: "ssyk-1", 2: "ssyk-2", 3: "ssyk-hierarchy", 4: "ssyk-4"}


@dataclass
class LoadReport:
    data_dir: Path
    tables: list[SyncStats] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(t.changed for t in self.tables)

    def as_rows(self) -> list[tuple[str, int, int, int, int]]:
        return [(t.table, t.created, t.updated, t.deleted, t.unchanged) for t in self.tables]


def load_reference_data(data_dir: Path, *, progress: Progress | None = None) -> LoadReport:
    """Parse the snapshot in ``data_dir`` and store it; idempotent."""
    say = progress or (lambda _msg: None)
    say("reading reference files")
    snapshot = read_reference_snapshot(data_dir)
    return store_snapshot(snapshot, data_dir, progress=say)


def _data_loads(snapshot: ReferenceSnapshot, data_dir: Path) -> tuple[dict[str, int], SyncStats]:
    keys = sorted({k for keys in snapshot.provenance.values() for k in keys})
    now = timezone.now()
    rows = []
    existing = {d.dataset: d for d in m.DataLoad.objects.all()}
    for key in keys:
        ds = catalog.dataset(key)
        path = data_dir / ds.path
        sha = catalog.file_sha256(path)
        old = existing.get(key)
        rows.append(
            dict(
                dataset=key,
                title=ds.title,
                source_file=ds.path,
                version=ds.version,
                publisher=ds.publisher,
                licence=ds.licence,
                sha256=sha,
                loaded_at=old.loaded_at if old and old.sha256 == sha else now,
            )
        )
    stats = sync_rows(m.DataLoad, rows, key="dataset", delete_missing=False)
    ids = dict(m.DataLoad.objects.values_list("dataset", "id"))
    return ids, stats


def store_snapshot(snapshot: ReferenceSnapshot, data_dir: Path, *, progress: Progress | None = None) -> LoadReport:
    say = progress or (lambda _msg: None)
    report = LoadReport(Path(data_dir), datasets=sorted({k for v in snapshot.provenance.values() for k in v}))
    with transaction.atomic():
        load_ids, stats = _data_loads(snapshot, Path(data_dir))
        report.tables.append(stats)

        def load_of(part: str) -> int:
            return load_ids[snapshot.provenance[part][0]]

        say("occupations")
        names_by_group: dict[str, list[str]] = {}
        for n in snapshot.occupation_names:
            names_by_group.setdefault(n.ssyk_code, []).append(n.label)
        ssyk_rows = [
            dict(
                code=r.code,
                level=r.level,
                concept_id=r.concept_id,
                label=r.label,
                definition=r.definition,
                parent_id=r.parent_code,
                search_text=search_key(" | ".join([r.code, r.label, *names_by_group.get(r.code, [])])),
                load_id=load_ids.get(_SSYK_DATASET_OF_LEVEL[r.level]) or load_of("ssyk"),
            )
            for r in snapshot.ssyk
        ]
        name_rows = [
            dict(
                concept_id=n.concept_id,
                label=n.label,
                ssyk_id=n.ssyk_code,
                search_text=search_key(n.label),
                load_id=load_of("occupation_names"),
            )
            for n in snapshot.occupation_names
        ]
        isco_rows = {
            link.isco_code: dict(
                code=link.isco_code,
                concept_id=link.isco_concept_id,
                label=link.isco_label,
                load_id=load_of("isco_links"),
            )
            for link in snapshot.isco_links
        }
        # parents before children; children deleted before parents
        report.tables.append(sync_rows(m.SsykGroup, ssyk_rows))
        report.tables.append(sync_rows(m.OccupationName, name_rows))
        report.tables.append(sync_rows(m.IscoGroup, list(isco_rows.values())))
        report.tables.append(
            sync_pairs(
                m.SsykGroup.isco_groups.through,
                "ssykgroup_id",
                "iscogroup_id",
                {(link.ssyk_code, link.isco_code) for link in snapshot.isco_links},
            )
        )

        say("skills")
        report.tables.append(
            sync_rows(
                m.Skill,
                [
                    dict(
                        concept_id=s.concept_id,
                        label=s.label,
                        search_text=search_key(s.label),
                        load_id=load_of("skills"),
                    )
                    for s in snapshot.skills
                ],
            )
        )
        report.tables.append(
            sync_rows(
                m.EscoSkill,
                [dict(uri=e.uri, label_sv=e.label_sv, load_id=load_of("esco_skills")) for e in snapshot.esco_skills],
            )
        )
        known_skills = {s.concept_id for s in snapshot.skills}
        mapping_rows = {
            (x.esco_uri, x.jobtech_concept_id or ""): dict(
                key=f"{x.esco_uri}|{x.jobtech_concept_id or ''}",
                esco_id=x.esco_uri,
                skill_id=x.jobtech_concept_id if x.jobtech_concept_id in known_skills else None,
                jobtech_concept_id=x.jobtech_concept_id or "",
                jobtech_label=x.jobtech_label,
                match_type=x.match_type,
                load_id=load_of("esco_mappings"),
            )
            for x in snapshot.esco_mappings
        }
        report.tables.append(_sync_mappings(list(mapping_rows.values())))

        say("education")
        for model, records, part in (
            (m.SunLevel, snapshot.sun_levels, "sun_levels"),
            (m.SunField, snapshot.sun_fields, "sun_fields"),
        ):
            report.tables.append(
                sync_rows(
                    model,
                    [
                        dict(
                            code=r.code,
                            level=r.level,
                            concept_id=r.concept_id,
                            label=r.label,
                            definition=r.definition,
                            parent_id=r.parent_code,
                            load_id=load_of(part),
                        )
                        for r in sorted(records, key=lambda r: (r.level, r.code))
                    ],
                )
            )
        known_sun = {r.code for r in snapshot.sun_fields}
        link_rows = [
            dict(
                key=f"{x.ssyk_code}|{x.sun_field_code}",
                ssyk_id=x.ssyk_code,
                sun_field_id=x.sun_field_code,
                load_id=load_of("ssyk_sun"),
            )
            for x in snapshot.ssyk_sun
            if x.sun_field_code in known_sun
        ]
        report.tables.append(_sync_links(link_rows))

        say("regions")
        report.tables.append(
            sync_rows(
                m.FaRegion,
                [
                    dict(
                        code=r.code, name=r.name, geometry=snapshot.fa_shapes.get(r.code), load_id=load_of("fa_regions")
                    )
                    for r in snapshot.fa_regions
                ],
            )
        )
        report.tables.append(
            sync_rows(
                m.Lan,
                [
                    dict(
                        code=r.code,
                        name=r.name,
                        letter=r.letter,
                        population=r.population,
                        concept_id=r.concept_id,
                        geometry=snapshot.lan_shapes.get(r.code),
                        load_id=load_of("lan"),
                    )
                    for r in snapshot.lan
                ],
            )
        )
        fa_of = {k: r.code for r in snapshot.fa_regions for k in r.kommun_codes}
        report.tables.append(
            sync_rows(
                m.Kommun,
                [
                    dict(
                        code=k.code,
                        name=k.name,
                        lan_id=k.lan_code,
                        fa_region_id=fa_of.get(k.code),
                        population=k.population,
                        area_km2=k.area_km2,
                        concept_id=k.concept_id,
                        geometry=snapshot.kommun_shapes.get(k.code),
                        search_text=search_key(f"{k.code} {k.name}"),
                        load_id=load_of("kommuner"),
                    )
                    for k in snapshot.kommuner
                ],
            )
        )
    return report


def _sync_mappings(rows: list[dict]) -> SyncStats:
    """ESCO mappings have a surrogate key; sync them by (ESCO URI, JobTech concept id)."""
    return _sync_by_composite(m.EscoSkillMapping, rows, ("esco_id", "jobtech_concept_id"))


def _sync_links(rows: list[dict]) -> SyncStats:
    return _sync_by_composite(m.SsykSunLink, rows, ("ssyk_id", "sun_field_id"))


def _sync_by_composite(model, rows: list[dict], key_fields: tuple[str, str]) -> SyncStats:
    stats = SyncStats(model._meta.db_table)
    value_fields = [f for f in (rows[0] if rows else {}) if f not in ("key", *key_fields)]
    existing = {(r[1], r[2]): (r[0], r[3:]) for r in model.objects.values_list("pk", *key_fields, *value_fields)}
    incoming = {tuple(r[f] for f in key_fields): r for r in rows}
    create, update = [], []
    for k, row in incoming.items():
        data = {f: row[f] for f in (*key_fields, *value_fields)}
        if k not in existing:
            create.append(model(**data))
        elif existing[k][1] != tuple(row[f] for f in value_fields):
            update.append(model(**data))
        else:
            stats.unchanged += 1
    gone = [pk for k, (pk, _) in existing.items() if k not in incoming]
    for i in range(0, len(gone), 500):
        model.objects.filter(pk__in=gone[i : i + 500]).delete()
    upsert(model, [*create, *update], unique_fields=key_fields, update_fields=value_fields)
    stats.created, stats.updated, stats.deleted = len(create), len(update), len(gone)
    return stats
