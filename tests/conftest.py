"""Shared pytest configuration of the test suite.

Sections are delimited below; add fixtures in their own section.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
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
    states = config.stash[_MODULE_STATE] = _module_states(items)
    # modules on the same data state next to each other (else in their order), so the state is
    # put in place once per run of them; pytest-django then moves the transactional tests
    # last, keeping this order within its groups (a stable sort)
    order = {name: rank for rank, name in enumerate(STATE_FIXTURES, start=1)}
    items.sort(key=lambda item: order.get(states.get(item.path, ""), 0))
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
# database and keeps a copy of the result; later modules get the copy back in a fraction of
# a second, and consecutive modules on the same state share it (the collection puts modules
# on the same state next to each other). SQLite keeps its copies in memory (the backup
# API); PostgreSQL keeps them as template databases beside the test database and puts one
# back by re-creating the test database from it (CREATE DATABASE ... TEMPLATE). A
# transactional test flushes the database, so the next module gets its state put back.
# KOMPETENSBRON_TEST_DB_COPY=0 (and any other database) loads the module's data inside one
# transaction that is rolled back after the module instead: every module pays the load.
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


class _SqliteCopies:
    """Saved states of an SQLite test database: in-memory databases (the backup API)."""

    def __init__(self) -> None:
        self._copies: dict[str, Any] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._copies

    @staticmethod
    def _raw() -> Any:
        from django.db import connection

        connection.ensure_connection()
        return connection.connection

    def save(self, name: str) -> None:
        import sqlite3

        copy = sqlite3.connect(":memory:", check_same_thread=False)
        self._raw().backup(copy)
        self._copies[name] = copy

    def restore(self, name: str) -> None:
        self._copies[name].backup(self._raw())

    def discard(self) -> None:
        for copy in self._copies.values():
            copy.close()
        self._copies.clear()


class _PostgresTemplates:
    """Saved states of a PostgreSQL test database: template databases named after it.

    Saving copies the test database into ``<test db>_<state>``; restoring drops the test
    database and creates it again from that template. Both need the databases unused, so
    Django's connections are closed first (they reconnect on the next query).
    """

    def __init__(self) -> None:
        from django.db import connection

        self._database: str = connection.settings_dict["NAME"]
        # FILE_COPY copies the files (PostgreSQL >= 15 would otherwise copy block by block through the WAL)
        self._strategy = " STRATEGY FILE_COPY" if connection.pg_version >= 150000 else ""
        self._templates: dict[str, str] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._templates

    @staticmethod
    def _run(*statements: tuple[str, list[Any]]) -> None:
        from django.db import connection, connections

        connections.close_all()
        with connection._nodb_cursor() as cursor:  # the maintenance database ("postgres")
            for sql, params in statements:
                cursor.execute(sql, params)

    def _create(self, database: str, template: str) -> list[tuple[str, list[Any]]]:
        from django.db import connection

        q = connection.ops.quote_name
        return [
            (
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            ),
            (f"DROP DATABASE IF EXISTS {q(database)} WITH (FORCE)", []),
            (f"CREATE DATABASE {q(database)} TEMPLATE {q(template)}{self._strategy}", []),
        ]

    def save(self, name: str) -> None:
        template = f"{self._database}_{re.sub(r'[^a-z0-9]+', '_', name.lower())}"[:63]
        self._run(*self._create(template, self._database))
        self._templates[name] = template

    def restore(self, name: str) -> None:
        self._run(*self._create(self._database, self._templates[name]))

    def discard(self) -> None:
        from django.db import connection

        self._run(*((f"DROP DATABASE IF EXISTS {connection.ops.quote_name(t)}", []) for t in self._templates.values()))
        self._templates.clear()


class DatabaseStates:
    """Named contents of the test database, built once and put in place per test module.

    A state is put in place only when the module needs another one than the database holds
    (consecutive modules on the same snapshot share it); a module that asks for none gets
    the database as the migrations left it (``_module_database_state``).
    """

    #: the states of this session, once a module has asked for one
    active: DatabaseStates | None = None

    def __init__(self, blocker: Any) -> None:
        from django.db import connection

        self._blocker = blocker
        self._saved: _SqliteCopies | _PostgresTemplates | None = None
        if os.environ.get("KOMPETENSBRON_TEST_DB_COPY") != "0":
            if connection.vendor == "sqlite":
                self._saved = _SqliteCopies()
            elif connection.vendor == "postgresql":
                self._saved = _PostgresTemplates()
        #: the state the database holds; None after a transactional test (it flushes)
        self.current: str | None = "as migrated"
        if self._saved is not None:
            with blocker.unblock():
                self._saved.save("as migrated")

    @property
    def copyable(self) -> bool:
        """States are saved and put back (else each module's data is loaded and rolled back)."""
        return self._saved is not None

    def put(self, name: str, build: Callable[[], None] | None = None) -> None:
        """Make the test database hold state ``name``, built by ``build`` the first time."""
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache

        if self.current == name:
            return
        assert self._saved is not None
        with self._blocker.unblock():
            cache.clear()
            ContentType.objects.clear_cache()  # ids may differ after a transactional test's flush
            if name in self._saved:
                self._saved.restore(name)
            else:
                assert build is not None, name
                self._saved.restore("as migrated")
                build()
                self._saved.save(name)
        self.current = name

    def discard(self) -> None:
        """Drop the saved states (end of the session)."""
        if self._saved is not None:
            with self._blocker.unblock():
                self._saved.discard()

    @contextlib.contextmanager
    def holding(self, name: str, build: Callable[[], None]) -> Iterator[None]:
        """The test database holds state ``name`` (made by ``build`` the first time) inside the block."""
        from django.core.cache import cache
        from django.db import transaction

        if self.copyable:
            self.put(name, build)
            yield
            return
        # without saved states: the module's data in one transaction, rolled back after it
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
    DatabaseStates.active.discard()
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


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the site's default language (Swedish). A request through the test
    client activates its language on the test's thread and leaves it active afterwards, so
    without this a library call after an English page would run in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# --------------------------------------------------------------------------------------
# One model cache per test run
#
# The enrichment models (the skill extractor the dossier uses, the whole enricher) are built
# from the data directory and cached under a hash of their inputs and code; every var dir a
# test makes would build them anew (seconds to a minute for the skill extractor, minutes for
# the enricher). For the whole run KOMPETENSBRON_MODELS_DIR points at one temporary directory,
# seeded with the developer's cached models (var/models, linked or copied), so each model is
# built at most once per run whatever var dir a test uses. Only these model files are shared
# (written once, atomically, never changed); every test keeps its own databases and warehouse.
# A KOMPETENSBRON_MODELS_DIR set by the developer is used as it is.
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def shared_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from kompetensbron.config import Settings, get_settings

    if os.environ.get("KOMPETENSBRON_MODELS_DIR"):
        yield Settings().model_cache_dir
        return
    shared = tmp_path_factory.mktemp("models")
    for model in Settings().model_cache_dir.glob("*.pkl"):
        try:
            os.link(model, shared / model.name)
        except OSError:  # another file system
            shutil.copy2(model, shared / model.name)
    patch = pytest.MonkeyPatch()
    patch.setenv("KOMPETENSBRON_MODELS_DIR", str(shared))
    get_settings.cache_clear()
    yield shared
    patch.undo()
    get_settings.cache_clear()


# ------------------------------ end of one model cache per run ------------------------
