"""Client of the JobTech Taxonomy API and the online refresh of the taxonomy snapshot files.

The API (https://taxonomy.api.jobtechdev.se/v1/taxonomy) answers GraphQL queries at
``GET {base}/graphql?query=...`` and lists its published versions at ``GET {base}/main/versions``
(``[{"taxonomy/version": 1, "taxonomy/timestamp": "..."}, ...]``). A taxonomy version is chosen
with the ``version`` argument of the ``concepts`` field; without it the latest version answers.

Each dataset method sends the query that yields one of the JobTech "static datasets" kept in
``jobtech/taxonomy/`` and returns the answer in exactly that file format (``{"data":
{"concepts": [...]}}``, concept lists ordered by id, no null or empty values), so the parsers
of :mod:`.taxonomy_records` read it. :func:`refresh_taxonomy_files` writes all of them into a
data directory, atomically: a failure leaves the existing files untouched.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from kompetensbron import __version__
from kompetensbron.errors import ConnectorError, DataError
from kompetensbron.sources.http_retries import get_with_retries

from . import catalog
from .file_formats import read_json
from .taxonomy_records import (
    parse_isco_links,
    parse_skills,
    parse_ssyk_groups,
    parse_ssyk_hierarchy,
    parse_sun_hierarchy,
)

if TYPE_CHECKING:
    from kompetensbron.config import Settings

__all__ = ["USER_AGENT", "TaxonomyVersion", "TaxonomyClient", "refresh_taxonomy_files"]

USER_AGENT = f"Kompetensbron/{__version__} (JobTech Taxonomy client; python-httpx/{httpx.__version__})"

Version = int | str  # a published version number, or "next"/"latest" as the API accepts

# --- the queries of the static datasets ------------------------------------------------------

_SSYK = "id type preferred_label ssyk_code_2012"
_SUN_LEVEL = "id type preferred_label definition sun_education_level_code_2020"
_SUN_FIELD = "id type preferred_label definition sun_education_field_code_2020"

QUERY_SSYK_GROUPS = """query ssyk_level_{level} {{
  concepts(type: "ssyk-level-{level}") {{ id type preferred_label definition ssyk_code_2012 }}
}}"""

QUERY_SSYK_HIERARCHY = f"""query ssyk_hierarchy_with_occupations {{
  concepts(type: "ssyk-level-1") {{ {_SSYK}
    narrower(type: "ssyk-level-2") {{ {_SSYK}
      narrower(type: "ssyk-level-3") {{ {_SSYK}
        narrower(type: "ssyk-level-4") {{ {_SSYK} definition
          narrower(type: "occupation-name") {{ id type preferred_label }} }} }} }} }}
}}"""

QUERY_SSYK_ISCO = """query ssyk_level_4_with_related_isco_level_4 {
  concepts(type: "ssyk-level-4") { id type preferred_label definition ssyk_code_2012
    related(type: "isco-level-4") { id type preferred_label definition isco_code_08 } }
}"""

QUERY_SKILLS = """query skills {
  concepts(type: "skill") { id type preferred_label }
}"""

QUERY_SUN_LEVELS = f"""query sun_level_hierarchy {{
  concepts(type: "sun-education-level-1") {{ {_SUN_LEVEL}
    narrower(type: "sun-education-level-2") {{ {_SUN_LEVEL}
      narrower(type: "sun-education-level-3") {{ {_SUN_LEVEL} }} }} }}
}}"""

QUERY_SUN_FIELDS = f"""query sun_field_hierarchy {{
  concepts(type: "sun-education-field-1") {{ {_SUN_FIELD}
    narrower(type: "sun-education-field-2") {{ {_SUN_FIELD}
      narrower(type: "sun-education-field-3") {{ {_SUN_FIELD}
        narrower(type: "sun-education-field-4") {{ {_SUN_FIELD} }} }} }} }}
}}"""

_CONCEPTS_FIELD = re.compile(r"\bconcepts\s*(\(|\{)")


def with_version(query: str, version: Version) -> str:
    """``query`` with ``version: "<version>"`` set on every ``concepts`` field.

    Nested relations (``narrower``, ``related``) follow the version of their root concept.
    """
    arg = f"version: {json.dumps(str(version))}"

    def repl(m: re.Match[str]) -> str:
        return f"concepts({arg}, " if m.group(1) == "(" else f"concepts({arg}) {{"

    return _CONCEPTS_FIELD.sub(repl, query)


def normalise(payload: dict[str, Any]) -> dict[str, Any]:
    """``{"data": {"concepts": ...}}`` in the static-dataset form.

    Null values and empty relation lists are dropped and every list of concepts is ordered
    by id, so the files are deterministic and identical in form to the published datasets.
    """

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None and v != []}
        if isinstance(value, list):
            items = [clean(v) for v in value]
            if all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in items):
                items.sort(key=lambda v: v["id"])
            return items
        return value

    return {"data": {"concepts": clean(payload["data"]["concepts"])}}


@dataclass(frozen=True, slots=True)
class TaxonomyVersion:
    """One published version of the taxonomy."""

    version: int
    timestamp: str


class TaxonomyClient:
    """The JobTech Taxonomy API: raw GraphQL answers in the static-dataset file format.

    ``client`` is injectable (tests pass one with an ``httpx.MockTransport``); without it a
    client with the base URL and timeout of the settings is created and closed by :meth:`close`.
    Server errors (5xx, 429), timeouts and connection errors are retried ``attempts`` times in
    all by :func:`~.http_retries.get_with_retries`, sleeping through ``sleep`` what the server's
    ``Retry-After`` asks, else ``backoff * 2**n`` seconds.
    """

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        settings: Settings | None = None,
        version: Version | None = None,
        attempts: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if settings is None:
            from kompetensbron.config import get_settings

            settings = get_settings()
        self.base_url = settings.taxonomy_api_url.rstrip("/")
        self.version = version
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self._sleep = sleep
        self._owns_client = client is None
        self._http = client or httpx.Client(
            base_url=self.base_url,
            timeout=settings.http_timeout,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
        )

    # -- lifecycle
    def close(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owns_client:
            self._http.close()

    def __enter__(self) -> TaxonomyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport
    def _get_json(self, path: str, params: dict[str, str] | None = None) -> Any:
        """GET ``{base}/{path}`` and decode JSON, retrying transient failures."""
        url = f"{self.base_url}/{path}"
        response = get_with_retries(
            self._http,
            url,
            name="JobTech Taxonomy API",
            params=params,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            attempts=self.attempts,
            backoff=self.backoff,
            sleep=self._sleep,
        )
        if response.status_code >= 300:  # client errors, and redirects the client did not follow
            detail = _graphql_messages(_try_json(response))
            raise ConnectorError(
                f"JobTech Taxonomy API: HTTP {response.status_code} {response.reason_phrase} from {url}"
                + (f": {detail}" if detail else "")
            )
        return _decode(response, url)

    # -- generic endpoints
    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, version: Version | None = None
    ) -> dict[str, Any]:
        """Run a GraphQL query (``GET {base}/graphql``); returns the whole answer (``{"data": ...}``).

        ``version`` (default: the client's) is set on every ``concepts`` field of the query.
        A GraphQL ``errors`` array or a missing ``data`` object raises :class:`ConnectorError`.
        """
        version = version if version is not None else self.version
        if version is not None:
            query = with_version(query, version)
        params = {"query": query}
        if variables:
            params["variables"] = json.dumps(variables, ensure_ascii=False)
        url = f"{self.base_url}/graphql"
        answer = self._get_json("graphql", params)
        messages = _graphql_messages(answer)
        if messages:
            raise ConnectorError(f"JobTech Taxonomy API: GraphQL error from {url}: {messages}")
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), dict):
            raise ConnectorError(f"JobTech Taxonomy API: answer from {url} has no 'data' object")
        return answer

    def versions(self) -> list[TaxonomyVersion]:
        """The published versions (``GET {base}/main/versions``), oldest first."""
        url = f"{self.base_url}/main/versions"
        answer = self._get_json("main/versions")
        try:
            out = [TaxonomyVersion(int(v["taxonomy/version"]), str(v["taxonomy/timestamp"])) for v in answer]
        except (TypeError, KeyError, ValueError) as exc:
            raise ConnectorError(f"JobTech Taxonomy API: unexpected answer from {url}: {exc!r}") from exc
        return sorted(out, key=lambda v: v.version)

    # -- the datasets
    def _dataset(self, query: str, version: Version | None) -> dict[str, Any]:
        answer = self.graphql(query, version=version)
        if not isinstance(answer["data"].get("concepts"), list):
            raise ConnectorError(
                f"JobTech Taxonomy API: answer from {self.base_url}/graphql has no 'data.concepts' list"
            )
        return normalise(answer)

    def ssyk_groups(self, level: int, *, version: Version | None = None) -> dict[str, Any]:
        """SSYK 2012 groups of one level 1–4 (``ssyk-level-N-groups.json``)."""
        if level not in (1, 2, 3, 4):
            raise ValueError(f"SSYK level must be 1-4, not {level!r}")
        return self._dataset(QUERY_SSYK_GROUPS.format(level=level), version)

    def ssyk_hierarchy(self, *, version: Version | None = None) -> dict[str, Any]:
        """SSYK levels 1–4 with the occupation-names (``the-ssyk-hierarchy-with-occupations.json``)."""
        return self._dataset(QUERY_SSYK_HIERARCHY, version)

    def ssyk_isco(self, *, version: Version | None = None) -> dict[str, Any]:
        """SSYK-4 groups with related ISCO-08 groups (``ssyk-level-4-with-related-isco-level-4-groups.json``)."""
        return self._dataset(QUERY_SSYK_ISCO, version)

    def skills(self, *, version: Version | None = None) -> dict[str, Any]:
        """All skill concepts (``skills.json``)."""
        return self._dataset(QUERY_SKILLS, version)

    def sun_levels(self, *, version: Version | None = None) -> dict[str, Any]:
        """SUN 2020 education levels, three levels deep (``sun-level-hierarchy.json``)."""
        return self._dataset(QUERY_SUN_LEVELS, version)

    def sun_fields(self, *, version: Version | None = None) -> dict[str, Any]:
        """SUN 2020 education fields, four levels deep (``sun-field-hierarchy.json``)."""
        return self._dataset(QUERY_SUN_FIELDS, version)


def _try_json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _decode(response: httpx.Response, url: str) -> Any:
    """The JSON body of a 2xx answer; a non-JSON or truncated body raises."""
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as exc:
        kind = response.headers.get("content-type", "unknown content type")
        raise ConnectorError(
            f"JobTech Taxonomy API: HTTP {response.status_code} from {url} is not valid JSON "
            f"({kind}, {len(response.content)} bytes): {exc}"
        ) from exc


def _graphql_messages(answer: Any) -> str:
    """The messages of a GraphQL ``errors`` array, joined; empty when there is none."""
    if not isinstance(answer, dict) or not answer.get("errors"):
        return ""
    errors = answer["errors"] if isinstance(answer["errors"], list) else [answer["errors"]]
    return "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors)


# --- refreshing the data directory ------------------------------------------------------------

Fetch = Callable[[TaxonomyClient], dict[str, Any]]
Check = Callable[[Any, Path], list[Any]]

#: catalogue key -> (fetch the answer, parse it into records)
TAXONOMY_DATASETS: dict[str, tuple[Fetch, Check]] = {
    "ssyk-1": (lambda c: c.ssyk_groups(1), lambda p, o: parse_ssyk_groups(p, o, 1)),
    "ssyk-2": (lambda c: c.ssyk_groups(2), lambda p, o: parse_ssyk_groups(p, o, 2)),
    "ssyk-4": (lambda c: c.ssyk_groups(4), lambda p, o: parse_ssyk_groups(p, o, 4)),
    "ssyk-hierarchy": (lambda c: c.ssyk_hierarchy(), lambda p, o: parse_ssyk_hierarchy(p, o)[1]),
    "ssyk-isco": (lambda c: c.ssyk_isco(), parse_isco_links),
    "skills": (lambda c: c.skills(), parse_skills),
    "sun-levels": (lambda c: c.sun_levels(), lambda p, o: parse_sun_hierarchy(p, o, kind="level")),
    "sun-fields": (lambda c: c.sun_fields(), lambda p, o: parse_sun_hierarchy(p, o, kind="field")),
}


def refresh_taxonomy_files(
    data_dir: Path,
    *,
    settings: Settings | None = None,
    client: httpx.Client | None = None,
    version: Version | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Path]:
    """Fetch every taxonomy dataset of the catalogue and write it under ``data_dir``.

    Each answer is written to a temporary file beside its target, read back and parsed with
    the snapshot parser; only when all datasets are fetched and valid are the temporary files
    moved into place with :func:`os.replace`. Any failure raises :class:`ConnectorError` and
    leaves the existing files untouched. Returns the paths written, in catalogue order.
    """
    data_dir = Path(data_dir)
    staged: list[tuple[Path, Path]] = []  # (temporary file, target)
    try:
        with TaxonomyClient(client, settings=settings, version=version, sleep=sleep) as api:
            for key, (fetch, check) in TAXONOMY_DATASETS.items():
                target = data_dir / catalog.dataset(key).path
                payload = fetch(api)
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                tmp = Path(name)
                staged.append((tmp, target))
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(payload, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                try:
                    records = check(read_json(tmp), target)
                except DataError as exc:
                    raise ConnectorError(
                        f"JobTech Taxonomy API: the answer for dataset '{key}' from {api.base_url}/graphql "
                        f"is not usable: {exc.message}" + (f" (key {exc.key!r})" if exc.key else "")
                    ) from exc
                if not records:
                    raise ConnectorError(
                        f"JobTech Taxonomy API: the answer for dataset '{key}' from {api.base_url}/graphql "
                        "has no concepts; existing files are kept"
                    )
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return [target for _, target in staged]
