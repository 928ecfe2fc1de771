from kompetensbron.reference.search_text import fold, query_terms


def test_documented_examples():
    assert fold("Sjuksköterskor") == "sjukskoterskor"
    assert fold("  Överläkare,  ST ") == "overlakare, st"
    assert query_terms("sjukskoterska") == ["sjukskotersk"]
    assert query_terms("Lärarna i Umeå") == ["lar", "i", "ume"]


def test_singular_plural_and_definite_share_a_stem():
    stems = {query_terms(w)[0] for w in ("sjuksköterska", "sjuksköterskor", "sjuksköterskan", "sjuksköterskorna")}
    assert stems == {"sjukskotersk"}
