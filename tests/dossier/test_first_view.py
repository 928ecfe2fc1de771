"""Speed you can feel (issue 14, item 7): the first view of a dossier answers with what it has
and fetches the costly figures apart; PDFs are tagged (PDF/UA-1) and cached per content."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core.cache import cache

from kompetensbron.dossier import figures
from kompetensbron.dossier.exports import dossier_pdf
from kompetensbron.dossier.services import build_dossier
from kompetensbron.web import pdf as web_pdf

pytestmark = pytest.mark.django_db


def _refuse(*args, **kwargs):
    raise AssertionError("the first view must not build the costly figures")


def test_first_view_answers_without_building_the_figures(linked, client, monkeypatch):
    cache.clear()
    with monkeypatch.context() as m:
        for name in ("demand_rows", "outlook_rows", "_skills"):
            m.setattr(figures, name, _refuse)
        response = client.get(f"/relevans/program/{linked.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="dossier-pending"' in html and f'hx-get="/relevans/program/{linked.pk}/siffror/"' in html
    assert 'id="yrken"' in html and 'id="synpunkter"' in html and 'id="kallor"' in html
    assert 'id="efterfragan"' not in html and 'id="prognos"' not in html
    # the pending dossier is not cached as the dossier: the next build computes the figures
    assert build_dossier(programme_id=linked.pk).pending is False


def test_the_figures_fragment_fills_the_page(linked, client):
    cache.clear()
    response = client.get(f"/relevans/program/{linked.pk}/siffror/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="dossier-body">') and "<html" not in html
    assert 'id="efterfragan"' in html and 'id="prognos"' in html and 'id="kompetenser"' in html
    assert 'hx-swap-oob="true"' in html and "1-ar.xlsx" in html  # the sources with the outlook's files
    assert "dossier-pending" not in html
    # once built, the page itself is whole at once
    page = client.get(f"/relevans/program/{linked.pk}/").content.decode()
    assert "dossier-pending" not in page and 'id="efterfragan"' in page


def test_the_figures_url_without_javascript_is_the_whole_page(linked, client):
    cache.clear()
    html = client.get(f"/relevans/program/{linked.pk}/siffror/").content.decode()
    assert "<html" in html and 'id="efterfragan"' in html and "dossier-pending" not in html


def test_pdf_is_tagged_and_cached_per_content(linked, monkeypatch):
    d = build_dossier(programme_id=linked.pk)
    cache.clear()
    first = dossier_pdf(d)
    if shutil.which("pdfinfo") is not None:
        info = subprocess.run(["pdfinfo", "-"], input=first, capture_output=True, check=True, timeout=60).stdout
        assert b"Tagged:          yes" in info and linked.name.encode() in info  # tagged, with its title
    import weasyprint

    with monkeypatch.context() as m:
        m.setattr(weasyprint, "HTML", _refuse)
        assert dossier_pdf(d) == first  # same dossier version: from the cache, no rendering
    calls = []
    real = weasyprint.HTML

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", counting)
    changed = d.model_copy(update={"summary": [*d.summary, "En mening till."]})
    assert dossier_pdf(changed) != first and calls == [1]  # another content: rendered anew
    from django.utils import translation

    with translation.override("en"):
        english = dossier_pdf(d)
    assert calls == [1, 1] and english != first  # another language: its own PDF
    assert web_pdf.pdf_cache_key("a") != web_pdf.pdf_cache_key("b")
