"""Every PDF of the platform (the relevance dossier, the yearly report, the housing progress
report): tagged PDF/UA-1 from an HTML print template, rendered by WeasyPrint, cached by the
content hash of that HTML.

The HTML is rendered from the typed result in the active language, so its SHA-256 is a key that
changes with the data *and* the language: an unchanged dossier is served from the cache (no
WeasyPrint run), a changed one or another language renders anew. PDF/UA-1 makes WeasyPrint write
a tagged, structured PDF (headings, tables, reading order, document language and title from
``<html lang>`` and ``<title>``) that screen readers can read. WeasyPrint is imported only when a
PDF is rendered (it loads system libraries).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

__all__ = ["PDF_VARIANT", "PDF_CACHE_SECONDS", "html_to_pdf", "pdf_cache_key"]

PDF_VARIANT = "pdf/ua-1"
PDF_CACHE_SECONDS = 24 * 3600


def pdf_cache_key(html: str) -> str:
    return "pdf:" + PDF_VARIANT + ":" + hashlib.sha256(html.encode("utf-8")).hexdigest()


def html_to_pdf(html: str, *, use_cache: bool = True) -> bytes:
    """The tagged PDF of ``html`` (a complete print document), from the cache when the same HTML
    was rendered before in this process."""
    key = pdf_cache_key(html)
    if use_cache:
        found = cache.get(key)
        if found is not None:
            return found
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    if use_cache:
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
