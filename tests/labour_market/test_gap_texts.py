"""The gap pages' words (:mod:`kompetensbron.labour_market.gap_texts`): built when called, in the
active language (toy inputs; no data files)."""

from __future__ import annotations

from django.utils import translation

from kompetensbron.analysis.forecast import MethodChoice
from kompetensbron.analysis.outlook import RatedCode
from kompetensbron.labour_market import gap_texts
from kompetensbron.sources.yrkesbarometer import FiveYearForecast


def _choice(method: str, best: str) -> MethodChoice:
    return MethodChoice("demand", method, 0.05, 4.0, 0.06, 5.0, best, "English reason of the analysis")


def test_the_reason_of_a_choice_follows_the_language() -> None:
    with translation.override("sv"):
        assert gap_texts.method_reason(_choice("holt", "holt"), 0.05) == (
            "lägst MAE i bakåttestet och bättre än naiv (0,0500 mot 0,0600)"
        )
        kept = gap_texts.method_reason(_choice("naive", "ses"), 0.0598)
        assert (
            kept == "enkel exponentiell utjämning (MAE 0,0598) var inte minst 1 % bättre än naiv (0,0600); naiv behålls"
        )
        assert gap_texts.method_reason(_choice("naive", "naive"), 0.06).startswith("ingen metod slog")
    with translation.override("en"):
        assert gap_texts.method_reason(_choice("holt", "holt"), 0.05) == (
            "lowest MAE in the back-test and better than naive (0.0500 against 0.0600)"
        )
        assert gap_texts.method_reason(_choice("naive", "ses"), 0.0598) == (
            "simple exponential smoothing (MAE 0.0598) was not at least 1 % better than naive (0.0600); naive is kept"
        )


def test_rated_notes_and_bands_follow_the_language() -> None:
    five = FiveYearForecast("Hälso- och sjukvård", ("2223", "2226"), "Specialistsjuksköterskor", 4.1, 2)
    together = RatedCode("2226", "2223", "af_group", five)
    with translation.override("sv"):
        assert gap_texts.rated_notes(together) == [
            "Arbetsförmedlingen bedömer SSYK 2223, 2226 tillsammans (Specialistsjuksköterskor)"
        ]
        assert gap_texts.band_text("0.1–0.3") == "0,1–0,3"
        assert gap_texts.method_name("mean") == "medelvärde"
    with translation.override("en"):
        assert gap_texts.rated_notes(together) == [
            "Arbetsförmedlingen rates SSYK 2223, 2226 together (Specialistsjuksköterskor)"
        ]
        assert gap_texts.rated_notes(RatedCode("2219", "221", "ssyk3", None)) == [
            "Arbetsförmedlingen rates only the SSYK-3 group 221; its figure is shown"
        ]
        assert gap_texts.band_text("0.1–0.3") == "0.1–0.3"
        assert gap_texts.method_name("unknown-id") == "unknown-id"


def test_the_missing_ads_note_speaks_to_users_not_operators() -> None:
    """Issue 14: no operator command on a page every visitor reads."""
    for language in ("sv", "en"):
        with translation.override(language):
            note = gap_texts.no_ads_note()
        assert "kompetensbron" not in note and "2024" in note
    with translation.override("en"):
        assert gap_texts.no_ads_note().startswith("No 2024 ad counts")
