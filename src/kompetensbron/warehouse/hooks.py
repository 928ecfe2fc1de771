"""The enrich hook: an optional callable that adds occupation and skill columns per chunk.

Contract (the same on the single-machine ingest and on Spark workers)::

    enrich(frame: pandas.DataFrame) -> pandas.DataFrame | pyarrow.Table

``frame`` holds one chunk of normalised ads, every source column of
:data:`~kompetensbron.warehouse.schema.NORMALISED_COLUMNS` including ``headline`` and
``description`` (the ad text is handed to the hook even when the warehouse does not keep
it). The hook returns the same rows in the same order with any of the columns
``ssyk_pred`` (str), ``occupation_concept_pred`` (str), ``occupation_score`` (float) and
``skill_ids`` (list of str; stored distinct, an empty list as null); missing ones stay
null, other extra columns are ignored.
``kompetensbron.enrich.pipeline.enrich_frame`` is written to this contract.

A hook may carry a ``version`` attribute (str); it is stored per row as
``enrich_version`` so re-ingesting with a new classifier rewrites the enrichment, while
re-ingesting without a hook keeps it. Exceptions raised by the hook propagate unchanged
and abort the whole ingest (nothing is published).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import pyarrow as pa
import pyarrow.compute as pc

from kompetensbron.errors import IngestError
from kompetensbron.warehouse.schema import ADS_SCHEMA, ENRICH_FIELDS, TEXT_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

EnrichHook = Callable[["pd.DataFrame"], Union["pd.DataFrame", pa.Table]]


def hook_version(enrich: EnrichHook | None) -> str | None:
    """The ``enrich_version`` a hook's rows are stored with (``None`` without a hook)."""
    if enrich is None:
        return None
    version = getattr(enrich, "version", None)
    if version:
        return str(version)
    module = getattr(enrich, "__module__", None) or type(enrich).__module__
    name = getattr(enrich, "__qualname__", None) or type(enrich).__qualname__
    return f"{module}.{name}"


def _to_list_of_str(value: Any) -> list[str] | None:
    """Distinct ids in first-seen order; ``None`` for no ids (queries count ads by it)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        out = list(dict.fromkeys(str(v) for v in value if v is not None))
    except TypeError:
        return None
    return out or None


def _enrich_columns(out: Any, expected_rows: int, ad_ids: pa.ChunkedArray, where: dict[str, Any]) -> list[pa.Array]:
    if isinstance(out, pa.Table):
        names = set(out.column_names)

        def column(name: str) -> list[Any]:
            values: list[Any] = out.column(name).to_pylist()
            return values

        n_rows = out.num_rows
    else:
        names = set(getattr(out, "columns", []))
        if not names and not hasattr(out, "__len__"):
            raise IngestError(f"enrich hook returned {type(out).__name__}, not a DataFrame or Table", **where)

        def column(name: str) -> list[Any]:
            return list(out[name])

        n_rows = len(out)
    if n_rows != expected_rows:
        raise IngestError(f"enrich hook returned {n_rows} rows for a chunk of {expected_rows}", **where)
    if "ad_id" in names and [str(v) for v in column("ad_id")] != ad_ids.to_pylist():
        raise IngestError("enrich hook reordered or changed the rows (ad_id differs)", **where)
    arrays: list[pa.Array] = []
    for field in ENRICH_FIELDS:
        if field.name not in names:
            arrays.append(pa.nulls(expected_rows, type=field.type))
            continue
        values = column(field.name)
        if field.type == pa.list_(pa.string()):
            values = [_to_list_of_str(v) for v in values]
        else:
            values = [None if _is_missing(v) else v for v in values]
        try:
            arrays.append(pa.array(values, type=field.type, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise IngestError(f"enrich hook column {field.name!r} has wrong type: {exc}", **where) from exc
    return arrays


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def finish_chunk(
    table: pa.Table,
    *,
    enrich: EnrichHook | None,
    keep_text: bool,
    path: Path | None = None,
    line: int | None = None,
) -> pa.Table:
    """Run the hook on a normalised chunk and return it in the full ``ADS_SCHEMA``.

    ``path`` and ``line`` (of the chunk's last record) locate an :class:`IngestError`.
    """
    n = table.num_rows
    if enrich is not None and n:
        out = enrich(table.to_pandas())
        enrich_arrays = _enrich_columns(out, n, table.column("ad_id"), {"path": path, "line": line})
    else:
        enrich_arrays = [pa.nulls(n, type=f.type) for f in ENRICH_FIELDS]
    version = hook_version(enrich)
    columns: dict[str, pa.Array | pa.ChunkedArray] = {name: table.column(name) for name in table.column_names}
    if not keep_text:
        for name in TEXT_COLUMNS:
            columns[name] = pa.nulls(n, type=ADS_SCHEMA.field(name).type)
    for field, array in zip(ENRICH_FIELDS, enrich_arrays, strict=True):
        columns[field.name] = array
    columns["enrich_version"] = pa.array([version] * n, type=pa.string())
    columns["ssyk"] = pc.coalesce(table.column("ssyk4"), columns["ssyk_pred"])
    return pa.Table.from_arrays([columns[name] for name in ADS_SCHEMA.names], schema=ADS_SCHEMA)
