"""Diacritic- and case-insensitive search keys for reference data.

Examples (asserted in tests)::

    search_key("Sjuksköterskor")      == "sjukskoterskor"
    search_key("  Överläkare,  ST ")  == "overlakare, st"
    search_key("Ørsted Straße Åre")   == "orsted strase are"
    query_terms("sjukskoterska")  == ["sjukskotersk"]
    query_terms("Lärarna i Umeå") == ["lar", "i", "ume"]
    query_terms("x" * 1_000_000)  == ["x" * 200]      (bounded: a search box, not a document)

``query_terms`` strips common Swedish plural and definite endings so that singular,
plural and definite forms of a title find each other by substring.
"""

from __future__ import annotations

import re

from kompetensbron.enrich.swedish_text import fold

__all__ = ["search_key", "query_terms"]

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[\w]+", re.UNICODE)
# longest first; only stripped when at least 3 characters remain
_ENDINGS = ("orna", "arna", "erna", "ornas", "arnas", "ernas", "or", "ar", "er", "na", "en", "et", "an", "a", "e", "n")


def search_key(text: str) -> str:
    """The platform's one folding (:func:`kompetensbron.enrich.swedish_text.fold`: lower case,
    å→a, ä→a, ö→o, é→e, ø→o, ß→s), with single spaces and no space at either end."""
    return _SPACE.sub(" ", fold(text)).strip()


def _stem(token: str) -> str:
    for ending in sorted(_ENDINGS, key=len, reverse=True):
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            return token[: -len(ending)]
    return token


#: a query is cut to this many characters and terms, so that no input makes the database's
#: LIKE pattern "too complex" (SQLite) or a search slow; the API refuses longer ``q`` with 422
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12


def query_terms(query: str) -> list[str]:
    """Folded, stemmed terms of a search query, in order (at most 12, from its first 200 characters)."""
    return [_stem(t) for t in _TOKEN.findall(search_key(query[:MAX_QUERY_CHARS]))][:MAX_QUERY_TERMS]
