"""Arbetsförmedlingen's Yrkesbarometer words in the reader's language (issue 14, item 5): the data
keep AF's Swedish words; the pages word them through the one table of label_texts."""

from __future__ import annotations

import pytest
from django.utils import translation

from kompetensbron.labour_market.label_texts import BAROMETER_TEXT, barometer_text
from kompetensbron.labour_market.schemas import OutlookCell
from kompetensbron.labour_market.tables import _outlook_cells

ENGLISH = {
    "Mer påtaglig brist": "Marked shortage",
    "Viss brist": "Some shortage",
    "Balans": "Balance",
    "Visst överskott": "Some surplus",
    "Mer påtagligt överskott": "Marked surplus",
    "små": "small",
    "medelstora": "medium",
    "stora": "large",
    "öka": "increase",
    "vara oförändrad": "stay unchanged",
    "minska": "decrease",
}


@pytest.mark.parametrize("word", sorted(ENGLISH))
def test_every_barometer_word_in_both_languages(word: str) -> None:
    with translation.override("en"):
        assert barometer_text(word) == ENGLISH[word]
    with translation.override("sv"):
        assert barometer_text(word) == word


def test_the_table_holds_exactly_the_published_words() -> None:
    assert set(BAROMETER_TEXT) == set(ENGLISH)


def test_an_unknown_word_is_shown_as_published() -> None:
    with translation.override("en"):
        assert barometer_text("Okänd klass") == "Okänd klass"


def _cell(text: str) -> OutlookCell:
    return OutlookCell(
        rated_ssyk="2611", index=3.5, text=text, label="shortage", basis="lan", source="1-ar.xlsx", period="2019"
    )


def test_the_occupation_pages_outlook_cell_speaks_the_readers_language() -> None:
    with translation.override("en"):
        index, text, label, _p = _outlook_cells(_cell("Viss brist"))
    assert (index, text) == (3.5, "Some shortage") and label.startswith("shortage")
    with translation.override("sv"):
        _i, text, label, _p = _outlook_cells(_cell("Viss brist"))
    assert text == "Viss brist" and label.startswith("brist")
