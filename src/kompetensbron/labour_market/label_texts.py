"""The one translated text of each balance label and uncertainty level (Swedish msgids, English in
the shared catalogue). Every page, export and summary words a label through these tables — the
occupation and region pages, the gap map, the relevance dossier and its PDF/Excel.

:data:`BAROMETER_TEXT` holds Arbetsförmedlingen's own Yrkesbarometer words as the files publish
them (the 1-year bristindex class texts, the job-opportunity levels and the 5-year directions):
the data keep AF's Swedish words, and :func:`barometer_text` words them in the reader's language
at display time (a word not in the table is shown as published)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompetensbron.analysis.labels import Balance, Uncertainty

__all__ = ["BALANCE_TEXT", "BAROMETER_TEXT", "UNCERTAINTY_TEXT", "balance_text", "barometer_text", "uncertainty_text"]

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

BAROMETER_TEXT: dict[str, Promise] = {
    # 1-year bristindex class texts (1-ar.xlsx)
    "Mer påtagligt överskott": pgettext_lazy("yrkesbarometer", "Mer påtagligt överskott"),
    "Visst överskott": pgettext_lazy("yrkesbarometer", "Visst överskott"),
    "Balans": pgettext_lazy("yrkesbarometer", "Balans"),
    "Viss brist": pgettext_lazy("yrkesbarometer", "Viss brist"),
    "Mer påtaglig brist": pgettext_lazy("yrkesbarometer", "Mer påtaglig brist"),
    # job opportunities now (barometer_regional.json, Yrkesbarometer JSON)
    "små": pgettext_lazy("yrkesbarometer", "små"),
    "medelstora": pgettext_lazy("yrkesbarometer", "medelstora"),
    "stora": pgettext_lazy("yrkesbarometer", "stora"),
    # five-year direction of demand
    "öka": pgettext_lazy("yrkesbarometer", "öka"),
    "vara oförändrad": pgettext_lazy("yrkesbarometer", "vara oförändrad"),
    "minska": pgettext_lazy("yrkesbarometer", "minska"),
}


def barometer_text(value: str) -> str:
    """One of AF's Yrkesbarometer words in the active language (as published when unknown)."""
    text = BAROMETER_TEXT.get(value.strip())
    return str(text) if text is not None else value


def balance_text(value: str | None, default: str = "–") -> str:
    """The word of a balance label in the active language (``default`` for none)."""
    return str(BALANCE_TEXT.get(value or "", default))


def uncertainty_text(value: str | None, default: str = "–") -> str:
    """The word of an uncertainty level in the active language."""
    return str(UNCERTAINTY_TEXT.get(value or "", UNCERTAINTY_TEXT[Uncertainty.UNKNOWN] if value else default))
