"""Thin routes and CLI: no ORM query in a view, an API route or a CLI command (issue #9).

A route module (``views*.py``, ``*_views.py``, ``api*.py``, ``*_api.py``) and every module under
``cli/`` reads through its app's services; a ``Model.objects`` manager or ``get_object_or_404``
there is a query that belongs in a service function with a name.
"""

from __future__ import annotations

import re
from pathlib import Path

import kompetensbron

SRC = Path(kompetensbron.__file__).parent
ORM = re.compile(r"\.objects\.|\bget_object_or_404\b")

# Route modules that may still hold ORM queries while they are being moved onto their services
# (none today); a name stays here only while its module still queries (the test below).
NOT_YET_MOVED: set[str] = set()


def is_route_or_cli(path: Path) -> bool:
    stem = path.stem
    return (
        "cli" in path.relative_to(SRC).parts[:-1]
        or stem.startswith(("views", "api"))
        or stem.endswith(("_views", "_api"))
    )


def route_modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts and is_route_or_cli(p))


def orm_lines(path: Path) -> list[str]:
    return [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ORM.search(line)
    ]


def test_the_check_sees_the_route_modules() -> None:
    names = {p.relative_to(SRC).as_posix() for p in route_modules()}
    assert {"matchning/views.py", "matchning/round_views.py", "samverkan/api.py", "cli/common.py"} <= names
    assert "matchning/services/rounds.py" not in names


def test_the_check_finds_a_query() -> None:
    assert ORM.search("    orgs = Organisation.objects.filter(pk=1)")
    assert ORM.search("obj = get_object_or_404(Body, pk=pk)")
    assert not ORM.search("services.list_opportunities(actor=user)")


def test_no_orm_query_in_routes_or_the_cli() -> None:
    found = [
        line
        for path in route_modules()
        if path.relative_to(SRC).as_posix() not in NOT_YET_MOVED
        for line in orm_lines(path)
    ]
    assert found == [], "ORM queries in routes or the CLI (move them into the app's services):\n" + "\n".join(found)


def test_the_allowlist_names_only_modules_that_still_query() -> None:
    stale = sorted(name for name in NOT_YET_MOVED if not orm_lines(SRC / name))
    assert stale == [], f"these no longer query the ORM; remove them from NOT_YET_MOVED: {stale}"
