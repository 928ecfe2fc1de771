"""Names and SSYK codes of Arbetsförmedlingen's prognosis occupations (plain Python, no Django).

``historik.csv`` and ``bedomning.csv`` key everything by a *prognosis-occupation concept id*
(``conceptidprognosyrke``) that no published file names. An operator who has AF's list adds
it to the data directory as ``af-yrkesbarometer/prognosyrken.csv`` (the registry's operator
file ``yrkesbarometer-prognosyrken``; format in ``docs/prognosyrken_template.md``)::

    conceptidprognosyrke;namn;ssyk;name_en
    AbCd_EfG_hIj;Exempelyrken;2221,2222;Example occupations

``;``-separated, UTF-8 with or without BOM; ``ssyk`` is one or more 4-digit SSYK 2012 codes
separated by ``,``; ``name_en`` is optional (column and cell). Every row is checked: a missing
id or name, an SSYK code that is not an SSYK 2012 unit group of the taxonomy file, or an id
given twice raises :class:`~kompetensbron.errors.DataFileMalformed` naming the file, the line
and the column. An absent file means "no names" (:func:`prognosis_names` returns ``{}``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from kompetensbron.errors import DataFileMalformed

__all__ = ["NAMES_KEY", "PrognosisOccupationName", "read_prognosis_names", "prognosis_names"]

#: the registry key of the operator file (``catalog.OPERATOR``)
NAMES_KEY = "yrkesbarometer-prognosyrken"
_COLUMNS = ["conceptidprognosyrke", "namn", "ssyk"]
_MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class PrognosisOccupationName:
    """One row of the names file: a prognosis occupation's name(s) and its SSYK-4 group(s)."""

    occupation_id: str
    name: str
    ssyk: tuple[str, ...]
    name_en: str | None
    line: int

    def label(self, language: str) -> str:
        """The name in ``language`` (``en``: the English name where the file gives one)."""
        return self.name_en if language == "en" and self.name_en else self.name


def _text(row: dict[str, str], column: str, path: Path, line: int, *, required: bool = True) -> str:
    value = (row.get(column) or "").strip()
    if required and not value:
        raise DataFileMalformed("empty", path=path, line=line, key=column)
    if len(value) > _MAX_NAME:
        raise DataFileMalformed(f"longer than {_MAX_NAME} characters", path=path, line=line, key=column)
    return value


def _codes(value: str, known: Collection[str], path: Path, line: int) -> tuple[str, ...]:
    codes = tuple(c.strip() for c in value.split(","))
    for code in codes:
        if not (len(code) == 4 and code.isdigit()):
            raise DataFileMalformed(
                f"expected 4-digit SSYK codes separated by ',', got {value!r}", path=path, line=line, key="ssyk"
            )
        if code not in known:
            raise DataFileMalformed(f"unknown SSYK 2012 unit group {code!r}", path=path, line=line, key="ssyk")
    if len(set(codes)) != len(codes):
        raise DataFileMalformed(f"an SSYK code given twice in {value!r}", path=path, line=line, key="ssyk")
    return codes


def read_prognosis_names(path: Path, known_ssyk: Collection[str]) -> dict[str, PrognosisOccupationName]:
    """Every row of the names file by concept id; ``known_ssyk``: the SSYK 2012 unit groups."""
    from .file_formats import read_csv

    out: dict[str, PrognosisOccupationName] = {}
    for line, row in read_csv(path, _COLUMNS, delimiter=";"):
        occupation_id = _text(row, "conceptidprognosyrke", path, line)
        if occupation_id in out:
            raise DataFileMalformed(
                f"id {occupation_id!r} given twice (first on line {out[occupation_id].line})",
                path=path,
                line=line,
                key="conceptidprognosyrke",
            )
        out[occupation_id] = PrognosisOccupationName(
            occupation_id=occupation_id,
            name=_text(row, "namn", path, line),
            ssyk=_codes(_text(row, "ssyk", path, line), known_ssyk, path, line),
            name_en=_text(row, "name_en", path, line, required=False) or None,
            line=line,
        )
    if not out:
        raise DataFileMalformed("no data rows", path=path)
    return out


def _ssyk4_codes(path: Path) -> frozenset[str]:
    from .file_formats import read_json
    from .taxonomy_records import parse_ssyk_groups

    return frozenset(r.code for r in parse_ssyk_groups(read_json(path), path, 4))


def prognosis_names(data_dir: Path) -> dict[str, PrognosisOccupationName]:
    """The names file of ``data_dir`` checked against its SSYK-4 taxonomy file, through the one
    data-file cache (read again when either file changes); ``{}`` when the operator has not
    added the file."""
    from . import catalog
    from .file_cache import cached

    path = catalog.operator_path(data_dir, NAMES_KEY)
    if not path.is_file():
        return {}
    ssyk_path = Path(data_dir) / catalog.dataset("ssyk-4").path
    return cached(NAMES_KEY, [path, ssyk_path], lambda: read_prognosis_names(path, _ssyk4_codes(ssyk_path)))
