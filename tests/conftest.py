"""Shared pytest configuration of the test suite.

Sections are delimited below; add fixtures in their own section.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


# --------------------------------------------------------------------------------------
# Real data in the test database, per test module
#
# The test database starts as the migrations leave it, and every test module builds the
# data it needs: toy rows in its own fixtures, or -- when the real snapshot is the point --
# one of the module-scoped fixtures below, asked for by name:
#
#     pytestmark = pytest.mark.usefixtures("reference_db")
#
# ``reference_db`` holds the official reference data of the snapshot (SSYK, kommuner,
# län, skills, ...); ``syllabi_db`` adds Mittuniversitetet's course syllabi. The first
# module that asks loads the snapshot once into a template; every module that asks gets
# the template copied into the test database, and the empty database back after its last
# test. On SQLite the copy is SQLite's backup API (milliseconds); on other databases the
# module's data is loaded inside one transaction that is rolled back after the module.
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def snapshot_dir() -> Path:
    """The data snapshot (``KOMPETENSBRON_DATA_DIR``); tests asking for it skip without one."""
    from kompetensbron.config import get_settings

    path = get_settings().data_dir
    if not (path / "jobtech").is_dir():
        pytest.skip(f"no data snapshot at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


class DatabaseStates:
    """Named contents of the test database, built once and put in place per test module."""

    def __init__(self, blocker: Any) -> None:
        self._blocker = blocker
        self._copies: dict[str, Any] = {}

    @staticmethod
    def _copyable() -> bool:
        from django.db import connection

        return connection.vendor == "sqlite"

    @staticmethod
    def _backup(source: Any, target: Any) -> None:
        source.backup(target)

    def _raw(self) -> Any:
        from django.db import connection

        connection.ensure_connection()
        return connection.connection

    def _copy_current(self) -> Any:
        import sqlite3

        copy = sqlite3.connect(":memory:", check_same_thread=False)
        self._backup(self._raw(), copy)
        return copy

    @contextlib.contextmanager
    def holding(self, name: str, build: Callable[[], None]) -> Iterator[None]:
        """The test database holds state ``name`` (made by ``build`` the first time) inside the block."""
        from django.core.cache import cache
        from django.db import transaction

        with self._blocker.unblock():
            cache.clear()
            if not self._copyable():
                atomic = transaction.atomic()
                atomic.__enter__()
                try:
                    build()
                    with self._blocker.block():
                        yield
                finally:
                    transaction.set_rollback(True)
                    atomic.__exit__(None, None, None)
                    cache.clear()
                return
            if "empty" not in self._copies:
                self._copies["empty"] = self._copy_current()
            if name not in self._copies:
                build()
                self._copies[name] = self._copy_current()
            else:
                self._backup(self._copies[name], self._raw())
        try:
            yield
        finally:
            with self._blocker.unblock():
                self._backup(self._copies["empty"], self._raw())
                cache.clear()


@pytest.fixture(scope="session")
def database_states(django_db_setup: None, django_db_blocker: Any) -> DatabaseStates:
    return DatabaseStates(django_db_blocker)


@pytest.fixture(scope="session")
def _reference_snapshot(snapshot_dir: Path) -> Any:
    """The parsed reference files (read once per session)."""
    from kompetensbron.sources.reference_files import read_reference_snapshot

    return read_reference_snapshot(snapshot_dir)


@pytest.fixture(scope="module")
def reference_db(database_states: DatabaseStates, snapshot_dir: Path, _reference_snapshot: Any) -> Iterator[None]:
    """The official reference data of the snapshot in the test database, for this module."""
    from kompetensbron.reference.loading import store_snapshot

    with database_states.holding("reference", lambda: store_snapshot(_reference_snapshot, snapshot_dir)):
        yield


@pytest.fixture(scope="module")
def syllabi_db(database_states: DatabaseStates, snapshot_dir: Path, _reference_snapshot: Any) -> Iterator[None]:
    """The reference data and Mittuniversitetet's 3,586 course syllabi, for this module."""
    from kompetensbron.education.loading import load_syllabi
    from kompetensbron.reference.loading import store_snapshot

    if not (snapshot_dir / "education" / "kursplaner_miun.jsonl").is_file():
        pytest.skip(f"no MIUN syllabi in {snapshot_dir}")

    def build() -> None:
        store_snapshot(_reference_snapshot, snapshot_dir)
        load_syllabi(snapshot_dir)

    with database_states.holding("reference+syllabi", build):
        yield


# ------------------------------ end of real data per module ---------------------------
