"""The one translated text of each balance label and uncertainty level (Swedish msgids, English in
the shared catalogue). Every page, export and summary words a label through these tables — the
occupation and region pages, the gap map, the relevance dossier and its PDF/Excel."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompetensbron.analysis.labels import Balance, Uncertainty

__all__ = ["BALANCE_TEXT", "UNCERTAINTY_TEXT", "balance_text", "uncertainty_text"]

BALANCE_TEXT: dict[str, Promise] = {
    Balance.SHORTAGE: _("brist"),
    Balance.BALANCE: _("balans"),
    Balance.SURPLUS: _("överskott"),
}
UNCERTAINTY_TEXT: dict[str, Promise] = {
    Uncertainty.LOW: _("låg"),
    Uncertainty.MEDIUM: _("medelhög"),
    Uncertainty.HIGH: _("hög"),
    Uncertainty.UNKNOWN: _("okänd"),
}


def balance_text(value: str | None, default: str = "–") -> str:
    """The word of a balance label in the active language (``default`` for none)."""
    return str(BALANCE_TEXT.get(value or "", default))


def uncertainty_text(value: str | None, default: str = "–") -> str:
    """The word of an uncertainty level in the active language."""
    return str(UNCERTAINTY_TEXT.get(value or "", UNCERTAINTY_TEXT[Uncertainty.UNKNOWN] if value else default))
