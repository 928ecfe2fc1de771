"""Importers for graduate statistics users download themselves, and connectors for when a network exists.

* **UKÄ graduate statistics** (``docs/uka_graduates_template.md``): the CSV that UKÄ's
  statistics database exports — title lines first, then a header with ``Lärosäte``, a year
  column (``Läsår`` such as ``2022/23``, or ``År``), a count column (``Antal``, ``Antal
  examina`` or ``Examina``) and optional ``Examen`` / ``Program`` / ``Ämnesområde`` / ``Kön``;
  ``;`` or ``,`` separated; numbers may have spaces as thousands separators; ``..`` / ``-`` mean
  "no figure". :func:`read_uka_graduates_csv`.
* **SCB regional statistics** (``docs/scb_regional_template.md``): a PxWeb answer as JSON-stat 2
  (``"class": "dataset"``) or as the API's CSV (dimension columns, then one column per year).
  The region dimension (``Region``) gives kommun/län codes; every other dimension is kept as
  the figure's ``measure`` (e.g. "Utbildningsnivå: eftergymnasial, 3 år"). :func:`read_scb_pxweb`.
* Connectors: :class:`ScbPxWebClient` (POST a query to a PxWeb table, JSON-stat 2 answer) and
  :func:`fetch_uka_csv` (GET an https export URL); both take an injectable ``httpx.Client``.

Every refusal names file, line and column (:class:`DataFileMalformed`).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kompetensbron.errors import ConnectorError, DataFileMalformed, DataFileMissing

__all__ = [
    "GraduateFigure",
    "SCB_API_BASE",
    "ScbPxWebClient",
    "fetch_uka_csv",
    "parse_scb_pxweb",
    "parse_uka_graduates_csv",
    "read_scb_pxweb",
    "read_uka_graduates_csv",
]

SCB_API_BASE = "https://api.scb.se/OV0104/v1/doris/sv/ssd/"
_MAX_BYTES = 20 * 1024 * 1024
_MAX_VALUE = 1e9
_MISSING = {"", "..", "...", "-", "–", ".", "x"}
_YEAR = re.compile(r"^(\d{4})(?:/(\d{2,4}))?$")


@dataclass(frozen=True, slots=True)
class GraduateFigure:
    """One figure of an imported file."""

    source: str  # "uka" | "scb"
    year: int  # calendar year (a läsår 2022/23 counts as 2023, the year it ends)
    value: float | None
    region_code: str = ""  # kommunkod / länskod ("" = Sweden or not regional)
    region_name: str = ""
    institution: str = ""
    programme: str = ""  # examen / program / ämnesområde
    measure: str = ""  # what is counted ("Antal examina", SCB contents and other dimensions)
    line: int = 0


def _number(text: str, path: Path | str, line: int, column: str) -> float | None:
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if t in _MISSING:
        return None
    try:
        value = float(t.replace(",", "."))
    except ValueError:
        raise DataFileMalformed(f"not a number: {text[:40]!r}", path=path, line=line, key=column) from None
    if not -_MAX_VALUE <= value <= _MAX_VALUE:
        raise DataFileMalformed(f"number out of range: {value}", path=path, line=line, key=column)
    return value


def _year(text: str, path: Path | str, line: int, column: str) -> int:
    m = _YEAR.match(text.strip())
    if not m:
        raise DataFileMalformed(f"not a year or läsår (2023, 2022/23): {text[:20]!r}", path=path, line=line, key=column)
    year = int(m.group(1)) + (1 if m.group(2) else 0)
    if not 1950 <= year <= 2100:
        raise DataFileMalformed(f"year {year} out of range", path=path, line=line, key=column)
    return year


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    if path.stat().st_size > _MAX_BYTES:
        raise DataFileMalformed(f"file larger than {_MAX_BYTES // (1024 * 1024)} MB", path=path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):  # UKÄ and SCB CSV exports are UTF-8 or Windows-1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFileMalformed(
        "neither UTF-8 nor Windows-1252 text", path=path
    )  # pragma: no cover - cp1252 decodes most bytes


# ---------------------------------------------------------------------------------- UKÄ
_UKA_YEAR = ("Läsår", "År")
_UKA_COUNT = ("Antal", "Antal examina", "Examina", "Antal examinerade")
_UKA_PROGRAMME = ("Examen", "Program", "Ämnesområde", "Utbildningsområde")


def read_uka_graduates_csv(path: Path) -> list[GraduateFigure]:
    """Figures of a UKÄ statistics-database CSV export (see the module docstring)."""
    return parse_uka_graduates_csv(_read_text(Path(path)), origin=Path(path))


def parse_uka_graduates_csv(text: str, *, origin: Path | str = "<answer>") -> list[GraduateFigure]:
    lines = text.splitlines()
    header_at = next(
        (i for i, line in enumerate(lines) if "Lärosäte" in line and any(c in line for c in _UKA_COUNT)), None
    )
    if header_at is None:
        raise DataFileMalformed("no header row with 'Lärosäte' and a count column (Antal / Antal examina)", path=origin)
    delimiter = ";" if lines[header_at].count(";") >= lines[header_at].count(",") else ","
    reader = csv.reader(lines[header_at:], delimiter=delimiter)
    header = [h.strip().strip('"') for h in next(reader)]
    year_col = next((c for c in _UKA_YEAR if c in header), None)
    count_col = next((c for c in _UKA_COUNT if c in header), None)
    if year_col is None:
        raise DataFileMalformed("missing a year column (Läsår or År)", path=origin, line=header_at + 1, key="Läsår")
    if count_col is None:
        raise DataFileMalformed(
            f"missing a count column ({' or '.join(_UKA_COUNT)})", path=origin, line=header_at + 1, key=_UKA_COUNT[0]
        )
    programme_cols = [c for c in _UKA_PROGRAMME if c in header]
    out = []
    for offset, row in enumerate(reader, start=header_at + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            if len(row) == 1 and offset > header_at + 2:
                continue  # a footnote line after the table
            raise DataFileMalformed(f"row has {len(row)} fields, the header {len(header)}", path=origin, line=offset)
        cells = dict(zip(header, row))
        institution = cells["Lärosäte"].strip()
        if not institution:
            raise DataFileMalformed("empty Lärosäte", path=origin, line=offset, key="Lärosäte")
        if len(institution) > 200:
            raise DataFileMalformed("Lärosäte longer than 200 characters", path=origin, line=offset, key="Lärosäte")
        out.append(
            GraduateFigure(
                "uka",
                _year(cells[year_col], origin, offset, year_col),
                _number(cells[count_col], origin, offset, count_col),
                institution=institution,
                programme=" – ".join(cells[c].strip()[:200] for c in programme_cols if cells[c].strip()),
                measure=count_col + (f" ({cells['Kön'].strip()})" if cells.get("Kön", "").strip() else ""),
                line=offset,
            )
        )
    if not out:
        raise DataFileMalformed("no rows after the header", path=origin, line=header_at + 1)
    return out


# ---------------------------------------------------------------------------------- SCB
def read_scb_pxweb(path: Path) -> list[GraduateFigure]:
    """Figures of an SCB PxWeb answer saved as JSON-stat 2 (``.json``) or CSV."""
    path = Path(path)
    return parse_scb_pxweb(_read_text(path), origin=path)


def parse_scb_pxweb(text: str, *, origin: Path | str = "<answer>") -> list[GraduateFigure]:
    if text.lstrip().startswith("{"):
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFileMalformed(f"invalid JSON: {exc.msg}", path=origin, line=exc.lineno) from exc
        return _jsonstat(payload, origin)
    return _pxweb_csv(text, origin)


def _split_region(label: str) -> tuple[str, str]:
    """``"2281 Sundsvall"`` → ("2281", "Sundsvall"); ``"Riket"`` → ("", "Riket")."""
    code, _, name = label.strip().partition(" ")
    if code == "00":
        return "", name.strip()
    if code.isdigit() and len(code) in (2, 4):
        return code, name.strip()
    return "", label.strip()


def _jsonstat(payload: Any, origin: Path | str) -> list[GraduateFigure]:
    if not isinstance(payload, dict) or payload.get("class") != "dataset":
        raise DataFileMalformed("not a JSON-stat 2 dataset (class must be 'dataset')", path=origin, key="class")
    ids, sizes, dims, values = payload.get("id"), payload.get("size"), payload.get("dimension"), payload.get("value")
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dims, dict) and isinstance(values, list)):
        raise DataFileMalformed("JSON-stat 2 needs id, size, dimension and value", path=origin, key="id")
    if len(ids) != len(sizes) or any(i not in dims for i in ids):
        raise DataFileMalformed("id and size disagree, or a dimension is missing", path=origin, key="dimension")
    expected = 1
    for s in sizes:
        expected *= int(s)
    if len(values) != expected:
        raise DataFileMalformed(f"value has {len(values)} entries, the sizes say {expected}", path=origin, key="value")
    cats: list[list[tuple[str, str]]] = []
    for dim_id, size in zip(ids, sizes):
        category = dims[dim_id].get("category") if isinstance(dims[dim_id], dict) else None
        index = category.get("index") if isinstance(category, dict) else None
        labels = category.get("label", {}) if isinstance(category, dict) else {}
        if isinstance(index, dict):
            codes = sorted(index, key=lambda c: index[c])
        elif isinstance(index, list):
            codes = index
        else:
            raise DataFileMalformed(
                f"dimension {dim_id!r} has no category index", path=origin, key=f"dimension.{dim_id}"
            )
        if len(codes) != int(size):
            raise DataFileMalformed(
                f"dimension {dim_id!r} has {len(codes)} categories, size says {size}",
                path=origin,
                key=f"dimension.{dim_id}",
            )
        cats.append([(str(c), str(labels.get(c, c))) for c in codes])
    region_dim = next((i for i, d in enumerate(ids) if str(d).lower() in ("region", "lan", "län", "kommun")), None)
    time_dim = next(
        (i for i, d in enumerate(ids) if dims[d].get("role") == "time" or str(d).lower() in ("tid", "år")), None
    )
    if time_dim is None:
        role = payload.get("role", {}).get("time") if isinstance(payload.get("role"), dict) else None
        time_dim = ids.index(role[0]) if role and role[0] in ids else None
    if time_dim is None:
        raise DataFileMalformed("no time dimension (Tid)", path=origin, key="dimension.Tid")
    out = []
    position = [0] * len(ids)
    for flat, raw in enumerate(values):
        rest = flat
        for d in range(len(ids) - 1, -1, -1):
            position[d] = rest % int(sizes[d])
            rest //= int(sizes[d])
        if raw is not None and (isinstance(raw, bool) or not isinstance(raw, int | float) or abs(raw) > _MAX_VALUE):
            raise DataFileMalformed(f"value #{flat + 1} is not a number: {raw!r}", path=origin, key="value")
        code, name = ("", "")
        if region_dim is not None:
            rc, rl = cats[region_dim][position[region_dim]]
            code = rc if rc.isdigit() and len(rc) in (2, 4) and rc != "00" else ""
            name = rl
        year_code = cats[time_dim][position[time_dim]][0]
        measure = "; ".join(
            f"{dims[ids[d]].get('label', ids[d])}: {cats[d][position[d]][1]}"
            for d in range(len(ids))
            if d not in (region_dim, time_dim)
        )
        out.append(
            GraduateFigure(
                "scb", _year(year_code[:4], origin, 0, "Tid"), raw, code, name, measure=measure, line=flat + 1
            )
        )
    return out


def _pxweb_csv(text: str, origin: Path | str) -> list[GraduateFigure]:
    lines = [line for line in text.splitlines()]
    if not lines:
        raise DataFileMalformed("empty file", path=origin)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    year_cols = [i for i, h in enumerate(header) if _YEAR.match(h.split(" ")[-1])]
    if not year_cols:
        raise DataFileMalformed(
            "no year columns in the header (PxWeb CSV puts one column per year)", path=origin, line=1
        )
    region_col = next((i for i, h in enumerate(header) if h.lower() in ("region", "län", "kommun")), None)
    out = []
    for number, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise DataFileMalformed(f"row has {len(row)} fields, the header {len(header)}", path=origin, line=number)
        code, name = _split_region(row[region_col]) if region_col is not None else ("", "")
        measure = "; ".join(
            f"{header[i]}: {row[i].strip()}" for i in range(len(header)) if i not in year_cols and i != region_col
        )
        for i in year_cols:
            year_text = header[i].split(" ")[-1]
            out.append(
                GraduateFigure(
                    "scb",
                    _year(year_text, origin, 1, header[i]),
                    _number(row[i], origin, number, header[i]),
                    code,
                    name,
                    measure=measure,
                    line=number,
                )
            )
    if not out:
        raise DataFileMalformed("no rows after the header", path=origin, line=1)
    return out


# ---------------------------------------------------------------------------------- connectors
def _https(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.netloc:
        raise ConnectorError(f"only https URLs are fetched, not {url[:80]!r}")
    return url


class ScbPxWebClient:
    """SCB's PxWeb API (v1): ``fetch(table, query)`` posts a PxWeb query and parses the
    JSON-stat 2 answer. ``table`` is the path under :data:`SCB_API_BASE`, e.g.
    ``"UF/UF0506/UF0506B/Utbildning"``; ``query`` the PxWeb ``query`` list."""

    def __init__(self, client: Any | None = None, *, base_url: str = SCB_API_BASE, timeout: float = 30.0) -> None:
        import httpx

        self.base_url = _https(base_url.rstrip("/") + "/")
        self.client = client or httpx.Client(timeout=timeout)

    def fetch(self, table: str, query: list[dict[str, Any]]) -> list[GraduateFigure]:
        import httpx

        if not re.fullmatch(r"[A-Za-z0-9_/]{1,200}", table) or ".." in table:
            raise ConnectorError(f"not a PxWeb table path: {table[:80]!r}")
        url = self.base_url + table.strip("/")
        try:
            response = self.client.post(url, json={"query": query, "response": {"format": "json-stat2"}})
        except httpx.HTTPError as exc:
            raise ConnectorError(f"SCB PxWeb request failed: {exc}") from exc
        if response.status_code != 200:
            raise ConnectorError(f"SCB PxWeb answered {response.status_code} for {table}")
        if len(response.content) > _MAX_BYTES:
            raise ConnectorError("SCB PxWeb answer too large")
        try:
            return parse_scb_pxweb(response.text, origin=url)
        except DataFileMalformed as exc:
            raise ConnectorError(f"SCB PxWeb answered in an unexpected format: {exc}") from exc


def fetch_uka_csv(url: str, *, client: Any | None = None, timeout: float = 30.0) -> list[GraduateFigure]:
    """GET a UKÄ statistics-database CSV export (https only) and parse it."""
    import httpx

    url = _https(url)
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=False)
    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise ConnectorError(f"UKÄ request failed: {exc}") from exc
    finally:
        if own:
            client.close()
    if response.status_code != 200:
        raise ConnectorError(f"UKÄ answered {response.status_code}")
    if len(response.content) > _MAX_BYTES:
        raise ConnectorError("UKÄ answer too large")
    content = response.content
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    try:
        return parse_uka_graduates_csv(text, origin=url)
    except DataFileMalformed as exc:
        raise ConnectorError(f"UKÄ answered in an unexpected format: {exc}") from exc
