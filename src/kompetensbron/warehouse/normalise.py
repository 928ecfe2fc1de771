"""Turn one JobTech job ad (historical-ads / JobSearch / JobStream format) into a row.

The same function serves the single-machine ingest and the Spark pipeline
(:func:`normalise_json_lines` is what Spark's ``mapInPandas`` calls).

Rules, by example (``tx`` is a :class:`~kompetensbron.warehouse.taxonomy.TaxonomyLookup`):

* ``id`` is required (``"missing id"``); ``publication_date`` is required and must parse as
  an ISO date or datetime between 1990 and 2100 (``"missing publication_date"``). Time
  zones are dropped: Swedish ads carry local wall-clock time.
* Occupation: ``occupation.concept_id``, else ``occupation.legacy_ams_taxonomy_id``
  translated as an occupation-name; its group gives ``ssyk4``. Without a usable occupation
  the group's concept id, else its legacy id (see ``TaxonomyLookup.group_of_legacy``).
* Place: ``workplace_address.municipality_concept_id``, else ``municipality_code`` when it
  is a kommunkod (``"0180"``), else ``municipality_code`` as a legacy AMS municipality id
  (``"1"`` = Upplands Väsby). The län follows from the kommun, else from
  ``region_concept_id``, else from ``region_code`` when it is a länskod (``"01"``).
* ``number_of_vacancies`` that is missing, negative or not a number becomes null.
* Skills named by the employer (``must_have`` / ``nice_to_have`` ``skills``) go to
  ``source_skill_ids`` as concept ids (legacy ids translated).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from kompetensbron.warehouse.schema import ADS_SCHEMA, NORMALISED_COLUMNS
from kompetensbron.warehouse.taxonomy import TaxonomyLookup

_NORMALISED_SCHEMA = pa.schema([ADS_SCHEMA.field(name) for name in NORMALISED_COLUMNS])
_SEQ_FACTOR = 10**10


@dataclass(frozen=True)
class SkippedRecord:
    """A record that was not ingested: where it is and why."""

    path: Path
    line: int | None
    reason: str


class InvalidAd(ValueError):
    """Raised inside the normaliser for a record that cannot become a row."""


class RemovalStub(Exception):
    """Raised for a JobStream removal notice (``{"id", "removed": true, "removed_date"}``).

    It has no publication date, so it cannot be a row of its own; the ingest applies it to
    the stored ad instead (``removed`` / ``removed_date``).
    """

    def __init__(self, ad_id: str, removed_date: datetime | None) -> None:
        super().__init__(ad_id)
        self.ad_id = ad_id
        self.removed_date = removed_date


def _parse_dt(value: Any, key: str, *, required: bool = False) -> datetime | None:
    if value is None or value == "":
        if required:
            raise InvalidAd(f"missing {key}")
        return None
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            dt = datetime.fromtimestamp(value / 1000, tz=UTC)
        elif isinstance(value, str):
            text = value.strip()
            if text.endswith("Z"):
                text = text[:-1]
            dt = datetime.fromisoformat(text)
        else:
            raise ValueError(value)
    except (ValueError, OverflowError, OSError) as exc:
        if required:
            raise InvalidAd(f"unreadable {key}: {value!r}") from exc
        return None
    if not 1990 <= dt.year <= 2100:
        if required:
            raise InvalidAd(f"implausible {key}: {value!r}")
        return None
    return dt.replace(tzinfo=None, microsecond=0)


_BOOLEAN_TEXT = {"true": True, "false": False}


def _flag(value: Any, key: str) -> bool:
    """A JSON boolean, strictly: ``true``/``false`` (also as the strings), absent = false.

    Anything else (``"no"``, ``0``, ``{}``) is refused rather than guessed, so
    ``"removed": "false"`` is never stored as removed.
    """
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _BOOLEAN_TEXT:
        return _BOOLEAN_TEXT[value.strip().lower()]
    raise InvalidAd(f"{key}: expected true or false, got {value!r:.40}")


def _concept(obj: Any) -> tuple[str | None, str | None, str | None]:
    """``(concept_id, label, legacy_id)`` of a taxonomy object in an ad."""
    if not isinstance(obj, dict):
        return None, None, None
    cid = obj.get("concept_id") or None
    legacy = obj.get("legacy_ams_taxonomy_id")
    return (
        str(cid) if cid else None,
        obj.get("label") or None,
        str(legacy) if legacy not in (None, "") else None,
    )


def unflatten_dotted_keys(ad: dict[str, Any]) -> dict[str, Any]:
    """``{"occupation.concept_id": "x", "headline": "h"}`` → ``{"occupation": {"concept_id": "x"},
    "headline": "h"}``; an ad without dotted keys is returned as it is. A dotted key that would
    overwrite a plain value stays flat."""
    if not any("." in k for k in ad):
        return ad
    out: dict[str, Any] = {}
    for key, value in ad.items():
        parts = key.split(".")
        node: dict[str, Any] | None = out
        for part in parts[:-1]:
            assert node is not None
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                node = None
                break
            node = child
        if node is None or (parts[-1] in node and isinstance(node[parts[-1]], dict)):
            out[key] = value
        else:
            node[parts[-1]] = value
    return out


def _str_or_none(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def organisation_number(value: Any) -> str | None:
    """An employer's organisation number, or ``None`` when it is a personal identity number.

    A sole trader's organisation number *is* the owner's personnummer (month digits 01–12 in
    positions 3–4, optionally after a century ``19``/``20``); legal entities have 20 or more
    there. Personal identity numbers are personal data and are never stored in the warehouse::

        organisation_number("556016-0680") == "556016-0680"   # a limited company
        organisation_number("198001011234") is None             # a person
        organisation_number("800101-1234") is None
    """
    text = _str_or_none(value)
    if text is None:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 12 and digits[:2] in ("19", "20"):
        digits = digits[2:]
    if len(digits) != 10:
        return text  # not a Swedish number: keep as given
    return None if 1 <= int(digits[2:4]) <= 12 else text


def _vacancies(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        return None
    return n if 0 <= n < 2**31 else None


class AdNormaliser:
    """Normalise ads against one taxonomy (see the module docstring for the rules)."""

    def __init__(self, taxonomy: TaxonomyLookup) -> None:
        self.tx = taxonomy
        self._skill_legacy = taxonomy.legacy.get("skill", {})

    def occupation(self, ad: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None, str | None]:
        """``(occupation_concept_id, label, group_concept_id, ssyk4, field_concept_id)``."""
        tx = self.tx
        occ_id, occ_label, occ_legacy = _concept(ad.get("occupation"))
        if occ_id is None and occ_legacy is not None:
            occ_id = tx.concept_of_legacy("occupation-name", occ_legacy)
        grp_id, grp_label, grp_legacy = _concept(ad.get("occupation_group"))
        group = tx.occupation_group_of.get(occ_id) if occ_id else None
        if group is None:
            group = grp_id if grp_id in tx.ssyk_of_group else None
        if group is None and grp_legacy is not None:
            group = tx.group_of_legacy(grp_legacy, grp_label)
        if group is None:
            group = grp_id
        fld_id, _, fld_legacy = _concept(ad.get("occupation_field"))
        if fld_id is None and fld_legacy is not None:
            fld_id = tx.concept_of_legacy("occupation-field", fld_legacy)
        return occ_id, occ_label, group, tx.ssyk_of_group.get(group) if group else None, fld_id

    def place(self, ad: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None]:
        """``(municipality_concept_id, kommunkod, region_concept_id, lanskod)``."""
        tx = self.tx
        addr = ad.get("workplace_address")
        if not isinstance(addr, dict):
            return None, None, None, None
        mun_id = _str_or_none(addr.get("municipality_concept_id"))
        code = _str_or_none(addr.get("municipality_code"))
        if mun_id is None and code is None and isinstance(addr.get("municipality"), str):
            code = tx.kommunkod_of_name.get(addr["municipality"].strip().casefold())  # a name only
        kommun = tx.kommunkod_of.get(mun_id) if mun_id else None
        if kommun is None and code is not None:
            if code in tx.municipality_of_kommunkod:
                kommun = code
            else:
                legacy_mun = tx.concept_of_legacy("municipality", code)
                kommun = tx.kommunkod_of.get(legacy_mun) if legacy_mun else None
        if kommun is not None and mun_id is None:
            mun_id = tx.municipality_of_kommunkod.get(kommun)
        lan = tx.lanskod_of_kommun.get(kommun) if kommun else None
        reg_id = _str_or_none(addr.get("region_concept_id"))
        if lan is None and reg_id is not None:
            lan = tx.lanskod_of.get(reg_id)
        if lan is None:
            reg_code = _str_or_none(addr.get("region_code"))
            if reg_code in tx.region_of_lanskod:
                lan = reg_code
        if lan is not None:
            reg_id = tx.region_of_lanskod.get(lan, reg_id)
        return mun_id, kommun, reg_id, lan

    def skills(self, ad: dict[str, Any]) -> list[str] | None:
        """Concept ids of the skills the employer listed (must-have, then nice-to-have)."""
        out: list[str] = []
        for section in ("must_have", "nice_to_have"):
            block = ad.get(section)
            if not isinstance(block, dict):
                continue
            for skill in block.get("skills") or ():
                cid, _, legacy = _concept(skill)
                if cid is None and legacy is not None:
                    cid = self._skill_legacy.get(legacy)
                if cid and cid not in out:
                    out.append(cid)
        return out or None

    def normalise(self, ad: dict[str, Any]) -> tuple[Any, ...]:
        """The source columns of one ad (``NORMALISED_COLUMNS`` order, provenance unset).

        Raises :class:`InvalidAd` when the ad cannot be used, :class:`RemovalStub` for a
        removal notice without publication date. Ads whose nested fields were flattened to
        dotted keys (``"occupation.concept_id"``, as pandas ``json_normalize`` writes them)
        are read as the nested ads they came from.
        """
        ad = unflatten_dotted_keys(ad)
        ad_id = ad.get("id")
        if ad_id is None or ad_id == "" or isinstance(ad_id, (dict, list, bool)):
            raise InvalidAd("missing id")
        removed = _flag(ad.get("removed"), "removed")
        if removed and not ad.get("publication_date"):
            raise RemovalStub(str(ad_id), _parse_dt(ad.get("removed_date"), "removed_date"))
        published = _parse_dt(ad.get("publication_date"), "publication_date", required=True)
        assert published is not None
        desc = ad.get("description")
        description = desc.get("text") if isinstance(desc, dict) else desc if isinstance(desc, str) else None
        employer_raw = ad.get("employer")
        employer: dict[str, Any] = employer_raw if isinstance(employer_raw, dict) else {}
        emp_type, _, emp_legacy = _concept(ad.get("employment_type"))
        if emp_type is None and emp_legacy is not None:
            emp_type = self.tx.concept_of_legacy("employment-type", emp_legacy)
        headline = ad.get("headline")
        ts = ad.get("timestamp")
        return (
            str(ad_id),
            headline if isinstance(headline, str) else None,
            description if isinstance(description, str) else None,
            published,
            _parse_dt(ad.get("last_publication_date"), "last_publication_date"),
            removed,
            _parse_dt(ad.get("removed_date"), "removed_date"),
            published.year,
            _vacancies(ad.get("number_of_vacancies")),
            *self.occupation(ad),
            *self.place(ad),
            _str_or_none(employer.get("name")),
            organisation_number(employer.get("organization_number")),
            emp_type,
            self.skills(ad),
            _flag(ad.get("synthetic"), "synthetic"),
            # provenance, filled in by ChunkBuilder.add
            None,
            None,
            ts if isinstance(ts, int) and not isinstance(ts, bool) else None,
            None,
            None,
            None,
        )


_IDX_SOURCE_FILE = NORMALISED_COLUMNS.index("source_file")
_IDX_SOURCE_LINE = NORMALISED_COLUMNS.index("source_line")
_IDX_HASH = NORMALISED_COLUMNS.index("content_hash")
_IDX_SEQ = NORMALISED_COLUMNS.index("version_seq")
_IDX_INGESTED = NORMALISED_COLUMNS.index("ingested_at")


class ChunkBuilder:
    """Collect normalised rows column-wise and hand them out as Arrow tables.

    ``ingest_number`` makes ``version_seq`` grow across ingests, so a later ingest of the
    same ad wins a tie.
    """

    def __init__(self, *, ingest_number: int, ingested_at: datetime, start_ordinal: int = 0) -> None:
        self.ingest_number = ingest_number
        self.ingested_at = ingested_at.replace(microsecond=0, tzinfo=None)
        self.ordinal = start_ordinal
        self._rows: list[tuple[Any, ...]] = []

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, row: tuple[Any, ...], *, source_file: str, line: int | None, ordinal: int | None = None) -> None:
        """Append a normalised row, filling in provenance and the content hash.

        ``ordinal`` overrides the running record number in ``version_seq`` (Spark passes
        each line's position in its file).
        """
        digest = hashlib.blake2b(repr(row).encode("utf-8"), digest_size=10).hexdigest()
        values = list(row)
        values[_IDX_SOURCE_FILE] = source_file
        values[_IDX_SOURCE_LINE] = line
        values[_IDX_HASH] = digest
        values[_IDX_SEQ] = self.ingest_number * _SEQ_FACTOR + (self.ordinal if ordinal is None else ordinal)
        values[_IDX_INGESTED] = self.ingested_at
        self.ordinal += 1
        self._rows.append(tuple(values))

    def next_seq(self) -> int:
        """Reserve a ``version_seq`` for a record that is not a row (a removal notice)."""
        seq = self.ingest_number * _SEQ_FACTOR + self.ordinal
        self.ordinal += 1
        return seq

    def take(self) -> pa.Table:
        """The collected rows as a table (``NORMALISED_COLUMNS``); the builder is emptied."""
        rows, self._rows = self._rows, []
        columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [() for _ in NORMALISED_COLUMNS]
        arrays = [pa.array(col, type=field.type) for col, field in zip(columns, _NORMALISED_SCHEMA, strict=True)]
        return pa.Table.from_arrays(arrays, schema=_NORMALISED_SCHEMA)


def normalise_json_lines(
    lines: Iterable[tuple[str | bytes, int | None, int | None]],
    *,
    source_file: str,
    normaliser: AdNormaliser,
    builder: ChunkBuilder,
) -> list[SkippedRecord]:
    """Parse and normalise ``(text, line, ordinal)`` JSON lines into ``builder``.

    Returns the skipped records. Used by the Spark pipeline, whose workers receive raw
    text lines; ``ordinal`` orders the versions of an ad (later wins).
    """
    skipped: list[SkippedRecord] = []
    for text, line, ordinal in lines:
        if not text or not str(text).strip():
            continue
        try:
            ad = orjson.loads(text)
            if not isinstance(ad, dict):
                raise InvalidAd(f"expected a JSON object, got {type(ad).__name__}")
            builder.add(normaliser.normalise(ad), source_file=source_file, line=line, ordinal=ordinal)
        except orjson.JSONDecodeError as exc:
            skipped.append(SkippedRecord(Path(source_file), line, f"invalid JSON: {exc}"))
        except InvalidAd as exc:
            skipped.append(SkippedRecord(Path(source_file), line, str(exc)))
        except RemovalStub:
            skipped.append(
                SkippedRecord(Path(source_file), line, "removal notice (applied by the incremental ingest only)")
            )
    return skipped
