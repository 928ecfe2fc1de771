"""The yearly report's section on competence needs: the needs of an agreement registered or
answered in the year, per area of the agreement (issue 12: needs and answers "followed up like
activities")."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Agreement, AnswerStatus, CompetenceNeed, NeedAnswer
from ..schemas_governance import NeedAreaRow, NeedsSection, ReportNeed

__all__ = ["needs_section"]

#: answers the need's organisation accepted (and that went on from there)
ACCEPTED = (AnswerStatus.ACCEPTED, AnswerStatus.RUNNING, AnswerStatus.COMPLETED)


def _year(moment) -> int:
    return timezone.localtime(moment).year


def _row(area_id: int | None, area: str, needs: list[CompetenceNeed], year: int) -> NeedAreaRow:
    registered = [n for n in needs if _year(n.created_at) == year]
    answers: list[NeedAnswer] = [a for n in needs for a in n.answers.all() if _year(a.created_at) == year]
    return NeedAreaRow(
        area_id=area_id,
        area=area,
        registered=len(registered),
        headcount=sum(n.headcount for n in registered),
        answered=len({a.need_id for a in answers}),
        answers=len(answers),
        accepted=sum(1 for a in answers if a.status in ACCEPTED),
    )


def needs_section(*, agreement: Agreement, year: int) -> NeedsSection | None:
    """``None`` when no need of the agreement was registered or answered in ``year``."""
    needs = list(
        CompetenceNeed.objects.filter(agreement=agreement)
        .filter(Q(created_at__year=year) | Q(answers__created_at__year=year))
        .distinct()
        .select_related("organisation")
        .prefetch_related("areas", "answers")
        .order_by("created_at", "id")
    )
    if not needs:
        return None
    areas = [(x.pk, x.name) for x in agreement.areas.all()]
    no_area = [n for n in needs if not n.areas.all()]
    rows = [_row(pk, name, [n for n in needs if any(x.pk == pk for x in n.areas.all())], year) for pk, name in areas]
    if no_area and areas:
        rows.append(_row(None, _("Utan område"), no_area, year))
    return NeedsSection(
        rows=rows,
        total=_row(None, "Summa", needs, year),
        needs=[
            ReportNeed(
                id=n.pk,
                title=n.title,
                organisation=n.organisation.name,
                headcount=n.headcount,
                status_label=str(n.get_status_display()),
                areas=[x.name for x in n.areas.all()],
                registered_this_year=_year(n.created_at) == year,
                answers_this_year=sum(1 for a in n.answers.all() if _year(a.created_at) == year),
            )
            for n in needs
        ],
    )
