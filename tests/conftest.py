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
    config.stash[_MODULE_STATE] = _module_states(items)
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
# one of the module-scoped fixtures below, asked for by name (by the module, or by a
# fixture the module uses):
#
#     pytestmark = pytest.mark.usefixtures("reference_db")
#
# ``reference_db`` holds the official reference data of the snapshot (SSYK, kommuner,
# län, skills, ...); ``syllabi_db`` adds Mittuniversitetet's course syllabi. One state per
# module: before a module's first test, ``_module_database_state`` puts in place the state
# that any of its tests asks for, or the database as the migrations left it. No module
# sees data another module loaded, so any test file passes alone and in any order.
#
# How: the first module that asks for a state loads the snapshot once into the test
# database and keeps an in-memory copy (SQLite's backup API); later modules get the copy
# back in a fraction of a second, and consecutive modules on the same state share it. On other databases (PostgreSQL) the module's data is loaded inside
# one transaction that is rolled back after the module.
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def snapshot_dir() -> Path:
    """The data snapshot (``KOMPETENSBRON_DATA_DIR``); tests asking for it skip without one."""
    from kompetensbron.config import get_settings

    path = get_settings().data_dir
    if not (path / "jobtech").is_dir():
        pytest.skip(f"no data snapshot at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def yrkesbarometer_dir(snapshot_dir: Path) -> Path:
    """The snapshot, when it holds Arbetsförmedlingen's Yrkesbarometer files."""
    if not (snapshot_dir / "af-yrkesbarometer" / "historik.csv").is_file():
        pytest.skip(f"no Yrkesbarometer files at {snapshot_dir} (set KOMPETENSBRON_DATA_DIR)")
    return snapshot_dir


class DatabaseStates:
    """Named contents of the test database, built once and put in place per test module.

    On SQLite a state is put in place only when the module needs another one than the
    database holds (consecutive modules on the same snapshot share the copy); a module that
    asks for none gets the database as the migrations left it (``_database_as_migrated``).
    """

    #: the states of this session, once a module has asked for one
    active: DatabaseStates | None = None

    def __init__(self, blocker: Any) -> None:
        from django.db import connection

        self._blocker = blocker
        # KOMPETENSBRON_TEST_DB_COPY=0 takes the other databases' way on SQLite too (to test it)
        self.copyable = connection.vendor == "sqlite" and os.environ.get("KOMPETENSBRON_TEST_DB_COPY") != "0"
        self._copies: dict[str, Any] = {}
        #: the state the database holds; None after a transactional test (it flushes)
        self.current: str | None = "as migrated"
        if self.copyable:
            with blocker.unblock():
                self._copies["as migrated"] = self._copy_current()

    @staticmethod
    def _raw() -> Any:
        from django.db import connection

        connection.ensure_connection()
        return connection.connection

    def _copy_current(self) -> Any:
        import sqlite3

        copy = sqlite3.connect(":memory:", check_same_thread=False)
        self._raw().backup(copy)
        return copy

    def put(self, name: str, build: Callable[[], None] | None = None) -> None:
        """Make the (SQLite) test database hold state ``name``, built by ``build`` the first time."""
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache

        if self.current == name:
            return
        with self._blocker.unblock():
            cache.clear()
            ContentType.objects.clear_cache()  # ids may differ after a transactional test's flush
            if name in self._copies:
                self._copies[name].backup(self._raw())
            else:
                assert build is not None, name
                self._copies["as migrated"].backup(self._raw())
                build()
                self._copies[name] = self._copy_current()
        self.current = name

    @contextlib.contextmanager
    def holding(self, name: str, build: Callable[[], None]) -> Iterator[None]:
        """The test database holds state ``name`` (made by ``build`` the first time) inside the block."""
        from django.core.cache import cache
        from django.db import transaction

        if self.copyable:
            self.put(name, build)
            yield
            return
        # elsewhere (PostgreSQL): the module's data in one transaction, rolled back after it
        with self._blocker.unblock():
            cache.clear()
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


STATE_FIXTURES = ("reference_db", "syllabi_db")
#: the data state each test module asks for (modules asking for none are left out)
_MODULE_STATE = pytest.StashKey[dict[Path, str]]()


def _module_states(items: list[pytest.Item]) -> dict[Path, str]:
    states: dict[Path, str] = {}
    for item in items:
        for name in STATE_FIXTURES:
            if name in getattr(item, "fixturenames", ()):
                if states.setdefault(item.path, name) != name:
                    raise pytest.UsageError(
                        f"{item.path}: one data state per test module ({states[item.path]}, {name})"
                    )
    return states


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & {"transactional_db", "live_server"}) or bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    if DatabaseStates.active is not None and _is_transactional(item):
        DatabaseStates.active.current = None  # the test flushes the database afterwards


@pytest.fixture(scope="module", autouse=True)
def _module_database_state(request: pytest.FixtureRequest) -> None:
    """Before a module's first test: the data state it asks for (in any of its tests), or the
    database as the migrations left it."""
    wanted = request.config.stash[_MODULE_STATE].get(request.node.path)
    if wanted is not None:
        request.getfixturevalue(wanted)
        return
    states = DatabaseStates.active
    if states is not None and states.copyable:
        states.put("as migrated")


@pytest.fixture(scope="session")
def database_states(django_db_setup: None, django_db_blocker: Any) -> Iterator[DatabaseStates]:
    DatabaseStates.active = DatabaseStates(django_db_blocker)
    yield DatabaseStates.active
    DatabaseStates.active = None


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
