"""The typed context of the dossier page and its PDF: one :class:`DossierPage`.

It only arranges the :class:`~.schemas.Dossier` for display (labels of the balance classes and
uncertainty, the page's tables from :mod:`.tables`, built on every request in the reader's
language); every figure comes from :func:`.services.build_dossier`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompetensbron.labour_market.label_texts import BALANCE_TEXT, UNCERTAINTY_TEXT

from .schemas import Dossier, OutlookRow
from .summary import percent
from .tables import dossier_tables

if TYPE_CHECKING:
    from django import forms

    from kompetensbron.web.tables import Table

__all__ = ["BALANCE_LABELS", "UNCERTAINTY_LABELS", "OutlookDisplay", "DossierPage", "outlook_display"]

#: The one text of each balance label and uncertainty level (:mod:`kompetensbron.labour_market.label_texts`).
BALANCE_LABELS = BALANCE_TEXT
UNCERTAINTY_LABELS = UNCERTAINTY_TEXT
BASIS_LABELS = {
    "confirmed": _("bekräftade och manuella kopplingar"),
    "suggested": _("föreslagna kopplingar (inga är bekräftade ännu)"),
    "none": _("inga kopplingar"),
}


@dataclass(frozen=True)
class OutlookDisplay:
    row: OutlookRow
    probability_pct: str
    interval_pct: str
    balance_label: str
    leaning_label: str
    uncertainty_label: str
    five_year_label: str


def outlook_display(row: OutlookRow) -> OutlookDisplay:
    return OutlookDisplay(
        row=row,
        probability_pct=percent(row.probability, 0) if row.probability is not None else "–",
        interval_pct=f"{percent(row.low, 0)}–{percent(row.high, 0)}"
        if row.low is not None and row.high is not None
        else "",
        balance_label=str(BALANCE_LABELS.get(row.balance or "", "–")),
        leaning_label=str(BALANCE_LABELS.get(row.leaning or "", "")),
        uncertainty_label=str(UNCERTAINTY_LABELS.get(row.uncertainty, row.uncertainty)),
        five_year_label=str(BALANCE_LABELS.get(row.five_year_label or "", "–")),
    )


@dataclass(frozen=True)
class DossierPage:
    dossier: Dossier
    basis_label: str
    outlook: list[OutlookDisplay] = field(default_factory=list)
    form: forms.Form | None = None
    can_add_input: bool = False
    can_suggest: bool = False
    for_print: bool = False
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def export_base(self) -> str:
        """The URL that answers the tables' ``?format=csv|xlsx&table=KEY`` (the page's own, also
        when the figures arrive as an htmx fragment of another URL)."""
        if self.dossier.frozen:
            return reverse("dossier:version", args=[self.dossier.frozen.id])
        return reverse("dossier:programme", args=[self.dossier.programme.id])

    @property
    def programme_url(self) -> str:
        return reverse("education:programme", args=[self.dossier.programme.id])

    @property
    def pdf_url(self) -> str:
        return reverse("dossier:programme_pdf", args=[self.dossier.programme.id])

    @property
    def figures_url(self) -> str:
        return reverse("dossier:programme_figures", args=[self.dossier.programme.id])

    @property
    def xlsx_url(self) -> str:
        return reverse("dossier:programme_xlsx", args=[self.dossier.programme.id])

    @property
    def mapping_url(self) -> str:
        return reverse("dossier:suggest_occupations", args=[self.dossier.programme.id])

    @property
    def input_url(self) -> str:
        return reverse("dossier:input_add", args=[self.dossier.programme.id])

    @classmethod
    def build(
        cls,
        dossier: Dossier,
        *,
        form=None,
        can_add_input: bool = False,
        can_suggest: bool = False,
        for_print: bool = False,
    ) -> DossierPage:
        return cls(
            dossier=dossier,
            basis_label=str(BASIS_LABELS[dossier.target_basis]),
            outlook=[outlook_display(r) for r in dossier.outlook],
            form=form,
            can_add_input=can_add_input,
            can_suggest=can_suggest,
            for_print=for_print,
            tables=dossier_tables(dossier),
        )
