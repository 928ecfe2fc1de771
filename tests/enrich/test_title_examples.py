"""Training examples and title variants (documented examples asserted exactly)."""

from __future__ import annotations

import random

from kompetensbron.enrich.title_examples import (
    held_out_names,
    inflected_forms,
    title_alternatives,
    title_examples,
    title_variants,
    with_typo,
    without_diacritics,
)


def test_inflected_forms_of_the_head_noun():
    assert inflected_forms("Sjuksköterska, grundutbildad") == [
        "Sjuksköterskor, grundutbildad",
        "Sjuksköterskan, grundutbildad",
    ]
    assert inflected_forms("Lärare i grundskolan") == ["Lärarna i grundskolan", "Läraren i grundskolan"]
    assert inflected_forms("Ingenjör") == ["Ingenjörer", "Ingenjören"]
    assert inflected_forms("Brandman") == ["Brandmän", "Brandmannen"]


def test_without_diacritics_keeps_case():
    assert without_diacritics("Förskollärare") == "Forskollarare"


def test_with_typo_changes_one_inner_letter_of_the_longest_word():
    typo = with_typo("Sjuksköterska", random.Random(1))
    assert typo != "Sjuksköterska"
    assert typo[0] == "S" and typo[-1] == "a"
    assert abs(len(typo) - len("Sjuksköterska")) <= 1


def test_title_alternatives():
    assert title_alternatives("Systemutvecklare/Programmerare") == ["Systemutvecklare", "Programmerare"]
    assert title_alternatives("Key account manager/KAM") == ["Key account manager", "KAM"]
    assert title_alternatives("Lärare") == ["Lärare"]


def test_title_examples_come_from_reference_data(toy_snapshot, toy_sources):
    examples = title_examples(toy_snapshot, toy_sources)
    texts = {(e.text, e.ssyk, e.origin) for e in examples}
    assert ("Systemutvecklare", "2512", "name") in texts
    assert ("Programmerare", "2512", "name") in texts
    assert ("Sjuksköterska", "2221", "head") in texts  # "Sjuksköterska, grundutbildad"
    assert ("Grundutbildade sjuksköterskor", "2221", "group") in texts
    assert ("Programmerare inom IT", "2512", "keyword") in texts
    assert all(e.ssyk for e in examples)


def test_excluded_concepts_leave_no_trace(toy_snapshot, toy_sources):
    examples = title_examples(toy_snapshot, toy_sources, exclude_concepts={"systemutv", "sjuk_grund"})
    assert not any(e.concept_id in {"systemutv", "sjuk_grund"} for e in examples)
    assert not any(e.text in {"Programmerare inom IT", "Sjuksköterska"} for e in examples)


def test_held_out_names_are_a_seeded_share_per_group(toy_snapshot):
    held = held_out_names(toy_snapshot, fraction=0.5, seed=3)
    assert held == held_out_names(toy_snapshot, fraction=0.5, seed=3)
    assert {r.ssyk_code for r in held} <= {"2512", "2341", "3322"}


def test_title_variants_kinds():
    kinds = [kind for kind, _ in title_variants("Barnmorska", random.Random(0))]
    assert kinds == ["raw", "no_diacritics", "typo", "plural", "definite"]
