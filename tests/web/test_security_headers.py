"""Every response carries a Content-Security-Policy that allows only this site's own scripts
and styles, and no template needs more: no inline script, event handler or style attribute
(issue 8, item 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "kompetensbron"
# Server-side only: rendered to PDF by WeasyPrint, never sent to a browser.
PRINT_TEMPLATES = {"dossier/print.html", "samverkan/yearly_report_print.html", "housing/progress_print.html"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/yrken/", "/api/v1/openapi.json", "/api/v1/docs", "/konto/logga-in/", "/samverkan/", "/finns-inte/"]
)
def test_every_response_has_a_strict_csp(client, path):
    response = client.get(path)
    policy = response.headers.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    assert directives.get("script-src") == "'self'", policy
    assert directives.get("style-src") == "'self'", policy
    assert directives.get("object-src") == "'none'"
    assert directives.get("frame-ancestors") == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def _templates():
    for path in SRC.rglob("templates/**/*.html"):
        name = path.as_posix().split("/templates/", 1)[1]
        if name not in PRINT_TEMPLATES:
            yield name, path.read_text(encoding="utf-8")


def test_templates_have_no_inline_script_handler_or_style():
    problems = []
    for name, text in _templates():
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and "application/json" not in tag:
                problems.append(f"{name}: inline {tag}")
        if re.search(r"<style\b", text):
            problems.append(f"{name}: <style>")
        for attr in re.findall(r"<[a-zA-Z][^<>]*?\s(on[a-z]+|style)\s*=", text):
            problems.append(f"{name}: {attr}=")
        if "javascript:" in text.lower():
            problems.append(f"{name}: javascript: URL")
    assert not problems, problems


def test_static_scripts_build_no_inline_styles():
    scripts = (SRC / "web" / "static" / "web" / "js").glob("*.js")
    assert not [p.name for p in scripts if re.search(r"style=|eval\(|new Function", p.read_text(encoding="utf-8"))]


def test_https_setting_turns_on_hsts_redirect_and_secure_cookies(monkeypatch):
    import importlib

    from kompetensbron.config import get_settings

    monkeypatch.setenv("KOMPETENSBRON_HTTPS", "true")
    get_settings.cache_clear()
    try:
        import kompetensbron.web.settings as web_settings

        fresh = importlib.reload(web_settings)
        assert fresh.SECURE_SSL_REDIRECT is True
        assert fresh.SECURE_HSTS_SECONDS == 31_536_000
        assert fresh.SESSION_COOKIE_SECURE is True and fresh.CSRF_COOKIE_SECURE is True
        assert fresh.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    finally:
        monkeypatch.delenv("KOMPETENSBRON_HTTPS")
        get_settings.cache_clear()
        importlib.reload(web_settings)
