"""Queue statistics per housing organisation, year and home type: entered one by one, read as
time series (imports of whole files are in :mod:`..importing`)."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _

from kompetensbron.errors import ValidationFailed
from kompetensbron.samverkan import validation as v
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.models import Organisation

from ..models import HousingSource, QueueStatistic, SourceKind
from ..permissions import require
from ..schemas import QueueSeries, QueueStatisticIn
from . import public

__all__ = ["check_queue_figures", "queue_series", "set_queue_statistic"]


def check_queue_figures(median: int | None, p90: int | None) -> dict[str, str]:
    if median is not None and p90 is not None and p90 < median:
        return {"p90_wait_days": _("Den 90:e percentilen kan inte vara kortare än medianen.")}
    return {}


def set_queue_statistic(*, actor, data: QueueStatisticIn) -> QueueStatistic:
    """Enter (or correct) one year's figures of an organisation's queue for one home type."""
    organisation = Organisation.objects.filter(pk=data.organisation_id).first()
    if organisation is None:
        raise ValidationFailed(
            _("Uppgifterna kunde inte sparas."),
            {"organisation_id": _(v.UNKNOWN_ORGANISATION) % {"ids": data.organisation_id}},
        )
    require(
        actor,
        "change_queue_statistics",
        organisation,
        _("Endast bostadsföretagets samordnare får ange dess köstatistik."),
    )
    v.raise_if(check_queue_figures(data.median_wait_days, data.p90_wait_days))
    figures = data.model_dump(exclude={"organisation_id", "year", "home_type", "source"})
    with transaction.atomic():
        source = HousingSource.objects.create(
            kind=SourceKind.FORM,
            title=data.source.strip() or _("Inmatat för %(name)s") % {"name": organisation.name},
            rows=1,
            imported_by=actor if getattr(actor, "pk", None) else None,
        )
        existing = QueueStatistic.objects.filter(
            organisation=organisation, year=data.year, home_type=data.home_type
        ).first()
        before = snapshot(existing) if existing else None
        row, _created = QueueStatistic.objects.update_or_create(
            organisation=organisation, year=data.year, home_type=data.home_type, defaults={**figures, "source": source}
        )
        record(actor=actor, action="update" if existing else "create", obj=row, before=before, after=snapshot(row))
    return row


def queue_series(*, organisation_id: int | None = None) -> list[QueueSeries]:
    """Every organisation's queue statistics by year (and home type), oldest first."""
    qs = QueueStatistic.objects.select_related("organisation", "source").order_by(
        "organisation__name", "year", "home_type"
    )
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    grouped: dict[int, list] = defaultdict(list)
    names: dict[int, str] = {}
    for q in qs:
        grouped[q.organisation_id].append(public.queue_statistic(q))
        names[q.organisation_id] = q.organisation.name
    return [QueueSeries(organisation_id=pk, organisation=names[pk], rows=rows) for pk, rows in grouped.items()]
