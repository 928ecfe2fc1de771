"""The choices the board's filters offer: only what the user may see (areas of their agreements,
units of the organisations they see, those organisations, the phases and statuses)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import ActivityStatus, DevelopmentArea, Phase, Unit
from .permissions import visible_agreements, visible_organisations

__all__ = ["board_options", "board_filter_fields"]


def board_filter_fields(user, filters) -> list[tuple[str, str, list[tuple[str, str]], str]]:
    """(parameter, label, choices, selected value) for each of the board's filter selects."""
    options = board_options(user)
    selected = {
        "fas": filters.phase,
        "omrade": filters.area,
        "enhet": filters.unit,
        "organisation": filters.organisation,
        "status": filters.status,
        "grupp": filters.group,
    }
    labels = {
        "fas": _("Fas"),
        "omrade": _("Område"),
        "enhet": _("Enhet"),
        "organisation": _("Organisation"),
        "status": _("Status"),
        "grupp": _("Gruppera efter"),
    }
    return [(name, labels[name], choices, str(selected[name] or "")) for name, choices in options.items()]


def board_options(user) -> dict[str, list[tuple[str, str]]]:
    orgs = list(visible_organisations(user).values_list("pk", "name"))
    org_ids = [pk for pk, _n in orgs]
    areas = DevelopmentArea.objects.filter(agreements__in=visible_agreements(user).values("pk")).distinct()
    units = Unit.objects.filter(organisation_id__in=org_ids).select_related("organisation")
    return {
        "fas": [(p.value, str(p.label)) for p in Phase] + [("none", _("Utan fas"))],
        "omrade": [(str(a.pk), a.name) for a in areas],
        "enhet": [(str(u.pk), f"{u.name} ({u.organisation.name})") for u in units],
        "organisation": [(str(pk), name) for pk, name in orgs],
        "status": [(s.value, str(s.label)) for s in ActivityStatus],
        "grupp": [
            ("phase", _("Fas")),
            ("area", _("Område")),
            ("unit", _("Enhet")),
            ("organisation", _("Organisation")),
            ("status", _("Status")),
        ],
    }
