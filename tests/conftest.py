"""Shared pytest configuration of the test suite.

Sections are delimited below; add fixtures in their own section.
"""

from __future__ import annotations

import os

import pytest

# --------------------------------------------------------------------------------------
# Database selection (PostgreSQL or the embedded SQLite default)
#
# scripts/test runs the suite twice: without KOMPETENSBRON_DATABASE_URL (SQLite) and with
# it set to the PostgreSQL server of scripts/postgres. Tests that only make sense on
# PostgreSQL carry @pytest.mark.postgres and are skipped on SQLite.
# --------------------------------------------------------------------------------------

_POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


def _database_url() -> str:
    return os.environ.get("KOMPETENSBRON_DATABASE_URL", "").strip()


def _is_postgres_url(url: str) -> bool:
    scheme, sep, _ = url.partition("://")
    return bool(sep) and scheme.lower() in _POSTGRES_SCHEMES


def running_on_postgres() -> bool:
    """True when the tests' default database is PostgreSQL (Django's settings decide)."""
    try:
        from django.conf import settings

        return "postgis" in settings.DATABASES["default"]["ENGINE"] or (
            "postgresql" in settings.DATABASES["default"]["ENGINE"]
        )
    except Exception:  # settings not importable: judge by the environment alone
        return _is_postgres_url(_database_url())


def _check_postgres_reachable(url: str) -> str | None:
    """None when a PostgreSQL server answers at ``url``, else why not."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5):
            return None
    except psycopg.OperationalError as first:
        # The named database may not exist yet; the server is still reachable when
        # the maintenance database is (pytest-django connects there to create test_*).
        try:
            with psycopg.connect(url, dbname="postgres", connect_timeout=5):
                return None
        except psycopg.Error:
            return str(first).strip()


def pytest_sessionstart(session: pytest.Session) -> None:
    url = _database_url()
    if not _is_postgres_url(url):
        return
    problem = _check_postgres_reachable(url)
    if problem:
        raise pytest.UsageError(
            "KOMPETENSBRON_DATABASE_URL points to PostgreSQL, but the server cannot be reached:\n"
            f"  {problem}\n"
            "Start it with 'scripts/postgres start' (or run the whole suite with 'scripts/test'), "
            "or unset KOMPETENSBRON_DATABASE_URL to test on SQLite."
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if running_on_postgres():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set KOMPETENSBRON_DATABASE_URL; scripts/test does)")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


# ------------------------------ end of database selection -----------------------------
