"""Table sync on toy rows: a many-to-many link table made equal to a set of pairs, in few queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetensbron.reference import models as m
from kompetensbron.reference.table_sync import sync_pairs

pytestmark = pytest.mark.django_db

LINKS = m.SsykGroup.isco_groups.through


@pytest.fixture
def groups() -> None:
    load = m.DataLoad.objects.create(dataset="toy-table-sync", loaded_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    for code in ("2611", "2612", "2613"):
        m.SsykGroup.objects.create(code=code, level=4, label=f"grupp {code}", load=load)
    for code in ("2611", "2612", "2619"):
        m.IscoGroup.objects.create(code=code, concept_id=f"isco-{code}", label=f"ISCO {code}", load=load)


def _pairs() -> set[tuple[str, str]]:
    return set(LINKS.objects.values_list("ssykgroup_id", "iscogroup_id"))


def sync(pairs: set[tuple[str, str]]) -> tuple[int, int, int, int]:
    with CaptureQueriesContext(connection) as ctx:
        stats = sync_pairs(LINKS, "ssykgroup_id", "iscogroup_id", pairs)
    return stats.created, stats.deleted, stats.unchanged, len(ctx.captured_queries)


@pytest.mark.usefixtures("groups")
def test_sync_pairs_deletes_every_missing_pair_in_one_query():
    everything = {(s, i) for s in ("2611", "2612", "2613") for i in ("2611", "2612", "2619")}
    assert sync(everything)[:3] == (9, 0, 0)
    assert _pairs() == everything

    kept = {("2611", "2611"), ("2613", "2619")}
    created, deleted, unchanged, queries = sync(kept)
    assert (created, deleted, unchanged) == (0, 7, 2)
    assert _pairs() == kept
    # one SELECT of the table, one DELETE of the seven gone pairs (was one DELETE per pair),
    # and the bulk insert of no new pair (Django skips it)
    assert queries == 2


@pytest.mark.usefixtures("groups")
def test_sync_pairs_adds_and_removes_in_one_pass_and_is_idempotent():
    sync({("2611", "2611"), ("2612", "2612")})
    wanted = {("2612", "2612"), ("2613", "2619")}
    assert sync(wanted)[:3] == (1, 1, 1)
    assert _pairs() == wanted
    assert sync(wanted) == (0, 0, 2, 1)  # nothing to change: the SELECT alone
