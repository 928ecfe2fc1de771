from kompetensbron.reference.search_text import query_terms, search_key


def test_documented_examples():
    assert search_key("Sjuksköterskor") == "sjukskoterskor"
    assert search_key("  Överläkare,  ST ") == "overlakare, st"
    assert query_terms("sjukskoterska") == ["sjukskotersk"]
    assert query_terms("Lärarna i Umeå") == ["lar", "i", "ume"]


def test_singular_plural_and_definite_share_a_stem():
    stems = {query_terms(w)[0] for w in ("sjuksköterska", "sjuksköterskor", "sjuksköterskan", "sjuksköterskorna")}
    assert stems == {"sjukskotersk"}


def test_one_folding_everywhere():
    """Search keys, query terms, the gazetteers' match form and the classifier's fold agree."""
    from kompetensbron.enrich.swedish_text import fold, match_form, tokenize

    expected = {"Ørsted": "orsted", "Straße": "strase", "Åre": "are", "ÆBLE": "able"}
    for text, folded in expected.items():
        assert fold(text) == folded
        assert search_key(text) == folded
        assert match_form(text) == folded
        assert [t.text for t in tokenize(text)] == [folded]
    assert search_key("  Ørsted   Straße ") == "orsted strase"
    assert query_terms("Ørsted Straße Åre") == query_terms("orsted strase are") == ["orsted", "stras", "are"]
