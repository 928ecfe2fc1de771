"""Frozen, dated versions of the relevance dossier (for UKÄ reviews).

:func:`freeze_dossier` (a programme owner: ``education.change_programme``) builds the dossier
afresh, stores it whole as JSON (:class:`~.models.DossierVersion`: figures, inputs, reviewed
target occupations, sources with their data dates, the public view without people's names)
with its SHA-256, and audits it, in one transaction. :func:`version_dossier` reads a version
back as the same typed :class:`~.schemas.Dossier`, marked :class:`~.schemas.FrozenVersion`, so
the page, the JSON route, the PDF and the Excel file render it like a live one — and it reads
the same whatever the live data becomes.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.education.permissions import can_change, require
from kompetensbron.education.services import get_programme_model
from kompetensbron.errors import DataError, NotFound, ValidationFailed
from kompetensbron.samverkan import audit

from .inputs import for_viewer
from .models import DossierVersion
from .schemas import Dossier, FrozenVersion
from .services import build_dossier, localised
from .version_schemas import FreezeIn, VersionOut

__all__ = ["freeze_dossier", "list_versions", "get_version", "version_dossier", "data_dates", "redact_versions"]

MAX_VERSIONS = 200


def _digest(snapshot: dict) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def data_dates(d: Dossier) -> dict[str, str]:
    """Each source of the dossier → the date / version / period of its data."""
    out: dict[str, str] = {}
    for s in d.sources:
        out[s.title[:200]] = " · ".join(x for x in (s.version, s.period) if x)
    for p in [*d.demand_provenance, *d.outlook_provenance]:
        out.setdefault(p.source[:200], " · ".join(x for x in (p.snapshot, p.period) if x))
    for o in d.outcomes:
        if o.source and o.period:
            out.setdefault(o.source[:200], o.period)
    out["Relevansunderlaget byggt"] = d.built_at.isoformat(timespec="seconds")
    return out


def _out(v: DossierVersion, viewer=None) -> VersionOut:
    names = viewer is not None and can_change(viewer, v.programme)
    by = None
    if names and v.frozen_by is not None:
        by = v.frozen_by.get_full_name() or v.frozen_by.get_username()
    programme = v.snapshot.get("programme", {})
    return VersionOut(
        id=v.pk,
        programme_id=v.programme_id,
        programme_code=str(programme.get("code", "")),
        programme_name=str(programme.get("name", "")),
        version_date=v.version_date,
        frozen_at=v.frozen_at,
        label=v.label,
        frozen_by=by,
        data_dates=v.data_dates,
        sha256=v.sha256,
    )


def freeze_dossier(*, actor, programme_id: int, data: FreezeIn | None = None) -> VersionOut:
    """Freeze today's dossier of a programme; :class:`PermissionDenied` unless ``actor`` may
    change the programme, :class:`NotFound` for an unknown programme."""
    programme = get_programme_model(programme_id)
    require(actor, "change_programme", programme, _("Bara programmets ägare kan frysa en version av underlaget."))
    dossier = build_dossier(programme_id=programme.pk, viewer=None, use_cache=False)
    dossier = for_viewer(dossier, False)  # the public view: no names behind the inputs
    snapshot = dossier.model_dump(mode="json")
    with transaction.atomic():
        if DossierVersion.objects.filter(programme=programme).count() >= MAX_VERSIONS:
            raise ValidationFailed(f"at most {MAX_VERSIONS} versions per programme", {"label": "too many versions"})
        v = DossierVersion.objects.create(
            programme=programme,
            version_date=timezone.localdate(),
            label=(data.label.strip() if data else ""),
            frozen_by=actor,
            snapshot=snapshot,
            data_dates=data_dates(dossier),
            sha256=_digest(snapshot),
        )
        audit.record(
            actor=actor,
            action="dossier.freeze_version",
            obj=programme,
            after={"version_id": v.pk, "version_date": v.version_date.isoformat(), "sha256": v.sha256},
        )
    return _out(v, actor)


def list_versions(*, programme_id: int, viewer=None) -> list[VersionOut]:
    programme = get_programme_model(programme_id)
    rows = DossierVersion.objects.filter(programme=programme).select_related("frozen_by", "programme")
    return [_out(v, viewer) for v in rows[:MAX_VERSIONS]]


def _row(version_id: int) -> DossierVersion:
    v = DossierVersion.objects.select_related("frozen_by", "programme").filter(pk=version_id).first()
    if v is None:
        raise NotFound(f"no dossier version {version_id}")
    return v


def get_version(*, version_id: int, viewer=None) -> VersionOut:
    return _out(_row(version_id), viewer)


def version_dossier(*, version_id: int) -> Dossier:
    """The frozen dossier as stored (display words in the active language), marked frozen."""
    v = _row(version_id)
    if _digest(v.snapshot) != v.sha256:
        raise DataError(f"dossier version {version_id} does not match its SHA-256: it was changed outside the platform")
    d = Dossier.model_validate(v.snapshot)
    frozen = FrozenVersion(id=v.pk, version_date=v.version_date, frozen_at=v.frozen_at, label=v.label)
    return localised(d).model_copy(update={"frozen": frozen})


def _redacted(value, names: list[str], replacement: str):
    from kompetensbron.privacy import replace_names

    if isinstance(value, str):
        return replace_names(value, names, replacement)
    if isinstance(value, list):
        return [_redacted(v, names, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _redacted(v, names, replacement) for k, v in value.items()}
    return value


def redact_versions(names: list[str], replacement: str) -> int:
    """Erase a person from every frozen version (right to erasure beats "reads the same"): their
    names in the snapshots' texts become ``replacement`` and the digest is recomputed. Returns
    the number of versions changed (called by :mod:`.privacy` inside the erasure's transaction)."""
    names = [n for n in names if n]
    if not names:
        return 0
    changed = 0
    for v in DossierVersion.objects.only("pk", "snapshot", "sha256").iterator():
        text = json.dumps(v.snapshot, ensure_ascii=False).casefold()
        if not any(n.casefold() in text for n in names):
            continue
        snapshot = _redacted(v.snapshot, names, replacement)
        if snapshot != v.snapshot:
            DossierVersion.objects.filter(pk=v.pk).update(snapshot=snapshot, sha256=_digest(snapshot))
            changed += 1
    return changed
